"""Files of curated/ changed as one: staged beside their targets, then switched by a journal that the next
writer or reader rolls forward, so a kill at any instant leaves the previous dataset or the new one.

A write is three phases:

1. **stage**: every new file is written to a temporary file beside its target (`.<name>.<random>.tmp`,
   fsynced). A kill here leaves the dataset as it was, plus temporary files that `recover` deletes.
2. **journal**: the list of renames and removals is written to `curated/.commit.json` in one atomic rename.
   From this instant the new dataset is decided: whoever finds the journal completes it.
3. **switch**: the renames and removals run, then the journal is deleted. A kill here is completed by the
   next `recover` (every step can be done twice: a rename whose temporary file is gone has been done).

`recover` runs at the start of every write (under the dataset's lock) and before a reader loads the folder.
"""

from __future__ import annotations

import json
import logging
import os
import re
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger(__name__)

JOURNAL_NAME = ".commit.json"  # the switch of a write in progress; its presence means "not finished"
TEMP_NAME = re.compile(r"^\..+\.tmp$")  # what `_stage` names its files (mkstemp: .<name>.<random>.tmp)
# Folders of curated/ the writer stages files in; temporary files are looked for only there.
STAGING_FOLDERS = ("", "texts", "schema")
# Test hook: `EXTRACT_KILL_AT=<step>[:<n>]` makes the writer SIGKILL itself at the n-th time (default the first)
# it reaches <step> (one of KILL_STEPS), so that the crash test can stop it exactly between two renames.
KILL_AT_ENV = "EXTRACT_KILL_AT"
KILL_STEPS = ("stage", "journal", "rename", "remove", "switched")


class JournalError(RuntimeError):
    """The journal of an interrupted write cannot be read or names files outside curated/."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


FILE_MODE = 0o666 & ~_umask()  # curated files are as readable as any file the user writes (mkstemp makes 0600)
_reached: dict[str, int] = {}


def kill_point(step: str) -> None:
    """The crash test's hook: die here (SIGKILL, no clean-up) when `EXTRACT_KILL_AT` names this step."""
    wanted = os.environ.get(KILL_AT_ENV)
    if not wanted:
        return
    name, _, nth = wanted.partition(":")
    if name != step:
        return
    _reached[step] = _reached.get(step, 0) + 1
    if _reached[step] == int(nth or 1):
        os.kill(os.getpid(), signal.SIGKILL)


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def stage(path: Path, data: str) -> Path:
    """Write `data` to a temporary file beside `path` (same folder, so the rename is atomic)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, FILE_MODE)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def atomic_write(path: Path, data: str) -> None:
    """Write via a temporary file in the same folder and rename, so readers never see half a file."""
    os.replace(stage(path, data), path)
    _fsync_folder(path.parent)


class Transaction:
    """Files of one folder written as one: `write` and `remove` only stage; `commit` writes the journal and
    switches (with Ctrl-C held back until the journal is gone); `abort` deletes what was staged."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(os.path.abspath(folder))  # mkstemp names its files by absolute path
        self.staged: list[tuple[Path, Path]] = []
        self.removals: list[Path] = []

    def write(self, path: Path, data: str) -> None:
        self.staged.append((stage(path, data), path))
        kill_point("stage")

    def remove(self, path: Path) -> None:
        self.removals.append(path)

    def abort(self) -> None:
        for tmp, _ in self.staged:
            tmp.unlink(missing_ok=True)
        self.staged.clear()
        self.removals.clear()

    def commit(self) -> None:
        for folder in {tmp.parent for tmp, _ in self.staged}:
            _fsync_folder(folder)
        journal = {
            "renames": [[self._relative(tmp), self._relative(path)] for tmp, path in self.staged],
            "removals": [self._relative(path) for path in self.removals],
        }
        with _signals_held():
            atomic_write(self.folder / JOURNAL_NAME, json.dumps(journal, indent=1) + "\n")
            kill_point("journal")
            _switch(self.folder, journal)
        self.staged.clear()
        self.removals.clear()

    def _relative(self, path: Path) -> str:
        return Path(os.path.abspath(path)).relative_to(self.folder).as_posix()


def _inside(folder: Path, relative: object) -> Path:
    """A journal entry as a path, refused unless it is a plain relative path inside the folder."""
    if not isinstance(relative, str) or not relative or relative.startswith("/") or ".." in relative.split("/"):
        raise JournalError(f"{folder / JOURNAL_NAME} names {relative!r}, which is not a file of {folder}")
    return folder / relative


def _switch(folder: Path, journal: dict[str, list]) -> None:
    """Do what the journal says (again, if part of it was done), then delete it: the new dataset is in place."""
    for tmp_name, target_name in journal["renames"]:
        tmp, target = _inside(folder, tmp_name), _inside(folder, target_name)
        if tmp.exists():  # a rename done before a kill has no temporary file left
            os.replace(tmp, target)
        kill_point("rename")
    for name in journal["removals"]:
        _inside(folder, name).unlink(missing_ok=True)
        kill_point("remove")
    for sub in {Path(t).parent.as_posix() for _, t in journal["renames"]} | {""}:
        if (folder / sub).is_dir():
            _fsync_folder(folder / sub)
    kill_point("switched")
    (folder / JOURNAL_NAME).unlink()
    _fsync_folder(folder)


def _read_journal(folder: Path) -> dict[str, list] | None:
    path = folder / JOURNAL_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as err:
        raise JournalError(f"{path} (the record of an interrupted write) cannot be read: {err}") from None
    if not (
        isinstance(data, dict) and isinstance(data.get("renames"), list) and isinstance(data.get("removals"), list)
    ):
        raise JournalError(f"{path} (the record of an interrupted write) is not a journal this version writes")
    if not all(isinstance(pair, list) and len(pair) == 2 for pair in data["renames"]):
        raise JournalError(f"{path} (the record of an interrupted write) holds a rename that is not a pair")
    return data


def interrupted(folder: Path) -> bool:
    """Whether a write into `folder` was interrupted after its journal was written (or is switching now)."""
    return (folder / JOURNAL_NAME).exists()


def leftovers(folder: Path) -> list[Path]:
    """Temporary files of writes that never finished (a kill while staging): never part of the dataset."""
    return sorted(
        path
        for sub in STAGING_FOLDERS
        if (folder / sub).is_dir()
        for path in (folder / sub).iterdir()
        if TEMP_NAME.match(path.name) and path.is_file()
    )


def recover(folder: Path) -> list[str]:
    """Complete a write interrupted after its journal, then delete the temporary files of any write that did not
    get that far. The caller holds the dataset's lock. Returns what was done, for the log."""
    done = []
    journal = _read_journal(folder)
    if journal is not None:
        _switch(folder, journal)
        done.append(f"completed the write interrupted in {folder} ({len(journal['renames'])} files)")
    stale = leftovers(folder)
    for path in stale:
        path.unlink(missing_ok=True)
    if stale:
        done.append(f"deleted {len(stale)} temporary files an interrupted write left in {folder}")
    for line in done:
        log.warning(line)
    return done


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT/SIGTERM while the journal is written and switched (the main thread only; elsewhere signals
    go to it anyway)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []
    held = {sig: signal.signal(sig, lambda s, _f: pending.append(s)) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in held.items():
            signal.signal(sig, handler)
        for sig in pending:
            signal.raise_signal(sig)
