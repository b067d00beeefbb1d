"""One writer per curated folder: a second run waits or stops with a clear message, never interleaves."""

from __future__ import annotations

import datetime as dt
import fcntl
import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

LOCK_NAME = ".extract.lock"
log = logging.getLogger(__name__)


class DatasetLocked(RuntimeError):
    """Another run holds the curated folder."""


def _held(curated: Path, fh: IO[str]) -> DatasetLocked:
    """The refusal, naming the holder from the note it keeps in the lock file."""
    fh.seek(0)
    holder = fh.read().strip() or "unknown holder"
    return DatasetLocked(
        f"{curated} is being written by another run ({holder}); "
        "wait for it to finish, or pass --wait SECONDS to queue behind it"
    )


@contextmanager
def dataset_lock(curated: Path, wait_s: float = 0.0) -> Iterator[None]:
    """Hold an exclusive lock on `curated` (an flock, released by the OS if the holder dies)."""
    curated.mkdir(parents=True, exist_ok=True)
    path = curated / LOCK_NAME
    fh = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the whole block
    deadline = time.monotonic() + wait_s
    try:
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise _held(curated, fh) from None
                time.sleep(0.2)
        fh.seek(0)
        left = fh.read().strip()
        if left:  # the note is emptied on release: a note under a free lock is a run that was killed
            log.warning("%s: taking over the lock of a run that ended without releasing it (%s)", curated, left)
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()} since {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M:%S} UTC\n")
        fh.flush()
        try:
            yield
        finally:
            fh.seek(0)
            fh.truncate()  # empty at rest: the holder's note is only there while a run holds the lock
    finally:
        fh.close()


def check_free(curated: Path) -> None:
    """Raise DatasetLocked at once when another run holds `curated` (a run that would stop on the lock anyway
    says so before it starts an orchestrator); the lock is not kept."""
    path = curated / LOCK_NAME
    if not path.is_file():
        return
    with open(path, "a+", encoding="utf-8") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise _held(curated, fh) from None
        fcntl.flock(fh, fcntl.LOCK_UN)
