"""Nothing curated is lost, nothing foreign is touched, and odd inputs fail alone with a reason.

Regressions named by cause, from a hostile-input review of the pipeline.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from extract.batch import discover, run_batch
from extract.dataset.commit import JOURNAL_NAME, Transaction, leftovers
from extract.dataset.lock import check_free
from extract.dataset.store import UnsafeWrite
from extract.settings import RunSettings
from flows.cli import EXIT_USAGE, main
from tests.conftest import RAW, ROOT


@pytest.fixture()
def curated(tmp_path: Path) -> tuple[Path, Path]:
    """Two articles curated once."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for src in sorted((RAW / "articles").glob("*.txt"))[:2]:
        shutil.copy(src, raw / src.name)
    out = tmp_path / "curated"
    run_batch(raw, out)
    return raw, out


def assert_left_clean(curated: Path) -> None:
    """After any run, good or refused: the lock is free and no temporary file or journal is left."""
    check_free(curated)  # raises DatasetLocked if a run still held it
    assert not leftovers(curated) and not (curated / JOURNAL_NAME).exists()


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("raw", "curated_dir"),
    [
        ("{tmp}/both", "{tmp}/both"),  # the same folder
        ("{tmp}/both", "{tmp}/both/curated"),  # curated inside raw: the pipeline would read its own output
        ("{tmp}/outer/raw", "{tmp}/outer"),  # raw inside curated: stale-text clean-up could delete inputs
    ],
)
def test_overlapping_raw_and_curated_folders_are_refused(tmp_path: Path, raw: str, curated_dir: str, capsys) -> None:
    raw_path = Path(raw.format(tmp=tmp_path))
    raw_path.mkdir(parents=True)
    (raw_path / "note.txt").write_text("Hurdles — barriers districts must overcome\n", encoding="utf-8")
    before = _snapshot(tmp_path)
    args = ["run", "--no-prefect", "--raw", str(raw_path), "--curated", curated_dir.format(tmp=tmp_path)]
    assert main(args) == EXIT_USAGE
    assert "overlap" in capsys.readouterr().err
    assert _snapshot(tmp_path) == before


def test_a_folder_that_is_not_a_dataset_is_never_written_into(curated: tuple[Path, Path], tmp_path: Path) -> None:
    raw, _ = curated
    project = tmp_path / "project"
    (project / "texts").mkdir(parents=True)
    (project / "texts" / "notes.txt").write_text("my own notes", encoding="utf-8")
    (project / "CHANGELOG.md").write_text("# my project's changelog\n", encoding="utf-8")
    (project / "plan.md").write_text("# plan\n", encoding="utf-8")
    before = _snapshot(project)
    with pytest.raises(UnsafeWrite, match="not a curated dataset"):
        run_batch(raw, project)
    (project / "plan.md").unlink()  # only the texts/ file is foreign now
    with pytest.raises(UnsafeWrite, match="did not write"):
        run_batch(raw, project)
    assert _snapshot(project) == {k: v for k, v in before.items() if k != "plan.md"}


def test_files_of_the_users_in_texts_stop_the_write_instead_of_being_deleted(curated: tuple[Path, Path]) -> None:
    raw, out = curated
    (out / "texts" / "keep-me.txt").write_text("not the pipeline's", encoding="utf-8")
    with pytest.raises(UnsafeWrite, match="did not write"):
        run_batch(raw, out)
    assert (out / "texts" / "keep-me.txt").read_text(encoding="utf-8") == "not the pipeline's"


@pytest.mark.parametrize(
    ("damage", "raw_files"),
    [
        # documents.json cut in half, raw/ emptied: the damaged file alone stops the write
        (lambda out: (out / "documents.json").write_text("{", encoding="utf-8"), {}),
        # documents.json deleted
        (lambda out: (out / "documents.json").unlink(), {}),
        # raw/ holds only a file the pipeline does not read
        (lambda out: None, {"Thumbs.db": b"\x00\x01"}),
    ],
)
def test_a_batch_with_nothing_to_curate_never_replaces_a_dataset(
    curated: tuple[Path, Path], tmp_path: Path, damage, raw_files: dict[str, bytes]
) -> None:
    _, out = curated
    damage(out)
    empty = tmp_path / "empty"
    empty.mkdir()
    for name, data in raw_files.items():
        (empty / name).write_bytes(data)
    before = _snapshot(out)
    with pytest.raises(UnsafeWrite, match="nothing was written"):  # WouldEmptyDataset, or the damaged file
        run_batch(empty, out)
    assert _snapshot(out) == before
    assert_left_clean(out)


@pytest.mark.parametrize(
    "damage",
    [
        '{"schema_version": "1.3", "items": [',  # cut in half
        "[]",  # valid JSON, but not a curated collection
        "\xff\xfe",  # not UTF-8
    ],
)
def test_a_damaged_curated_file_stops_the_run_instead_of_being_rebuilt(curated: tuple[Path, Path], damage: str) -> None:
    raw, out = curated
    (out / "topics.json").write_bytes(damage.encode("latin-1"))
    before = _snapshot(out)
    with pytest.raises(UnsafeWrite, match=r"topics\.json cannot be read"):
        run_batch(raw, out)
    assert _snapshot(out) == before
    assert_left_clean(out)


def test_documents_of_an_unreadable_folder_keep_their_previous_extraction(tmp_path: Path, monkeypatch) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(RAW / "articles", raw / "articles")
    (raw / "other").mkdir()
    shutil.copy(sorted((RAW / "articles").glob("*.txt"))[0], raw / "other" / "one.txt")
    out = tmp_path / "curated"
    run_batch(raw, out)
    before = json.loads((out / "topics.json").read_text(encoding="utf-8"))["items"]
    real_walk = os.walk

    def walk(top, onerror=None, **kw):  # type: ignore[no-untyped-def]
        for folder, dirs, files in real_walk(top, onerror=onerror, **kw):
            if Path(folder).name == "articles":  # as when the folder's permissions deny reading it
                onerror(PermissionError(13, "Permission denied", folder))
                continue
            yield folder, dirs, files

    monkeypatch.setattr("extract.batch.os.walk", walk)
    manifest = run_batch(raw, out).manifest
    after = json.loads((out / "topics.json").read_text(encoding="utf-8"))["items"]
    assert {t["id"] for t in after} >= {
        t["id"] for t in before if t["provenance"][0]["source_path"].startswith("articles/")
    }
    kept = [i for i in manifest.inputs if i.source_path.startswith("articles/")]
    assert kept and all("previous extraction of this document is kept" in (i.error or "") for i in kept)


def _write_bytes_name(raw: Path, name: bytes) -> None:
    with open(os.path.join(os.fsencode(raw), name), "wb") as fh:
        fh.write(b"Hurdles are obstacles.")


@pytest.mark.parametrize(
    ("make", "where", "reason"),
    [
        # a file name that is not UTF-8 (possible on Linux): the one file fails, the batch goes on
        (lambda raw: _write_bytes_name(raw, b"bad\xff.txt"), "failed", "file name is not valid UTF-8"),
        # UTF-16 without a byte-order mark is not read as text full of NUL bytes
        (
            lambda raw: (raw / "wide.txt").write_bytes("Hurdles are obstacles that slow schools.".encode("utf-16-le")),
            "failed",
            "NUL bytes",
        ),
        # a link to a file outside raw/ is not a document: never opened, listed with the reason
        (lambda raw: (raw / "passwd.txt").symlink_to(raw.parent / "secret.txt"), "skipped", "a link to a file outside"),
        # a link to the process's own environment (secrets): the same
        (lambda raw: (raw / "env.txt").symlink_to("/proc/self/environ"), "skipped", "a link to a file outside raw/"),
        # a FIFO (reading it would block the run forever)
        (lambda raw: os.mkfifo(raw / "pipe.txt"), "skipped", "a special file (FIFO)"),
        # a link that points nowhere
        (lambda raw: (raw / "gone.txt").symlink_to(raw / "missing.txt"), "skipped", "a link to nothing"),
        # a link to a folder
        (
            lambda raw: (raw / "elsewhere").symlink_to(raw.parent, target_is_directory=True),
            "skipped",
            "a link to a folder",
        ),
    ],
)
def test_odd_files_fail_or_are_skipped_alone_with_a_reason(tmp_path: Path, make, where: str, reason: str) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (tmp_path / "secret.txt").write_text("not for the dataset", encoding="utf-8")
    shutil.copy(sorted((RAW / "articles").glob("*.txt"))[0], raw / "good.txt")
    make(raw)
    manifest = run_batch(raw, tmp_path / "curated").manifest
    failed = [(i.source_path, i.error) for i in manifest.inputs if i.status == "failed"]
    skipped = [(s.path, s.reason) for s in manifest.skipped]
    listed = {"failed": failed, "skipped": skipped}
    assert len(listed[where]) == 1 and reason in listed[where][0][1], listed
    assert not listed["failed" if where == "skipped" else "skipped"]
    assert manifest.counts["documents_ok"] == 1 and manifest.counts["documents"] == 1 + len(failed)
    texts = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "curated" / "texts").glob("*.txt"))
    assert "not for the dataset" not in texts
    assert_left_clean(tmp_path / "curated")


def test_an_article_that_mentions_a_pdf_header_is_read_as_text(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "howto.txt").write_text(
        "Save it as %PDF-1.7 first.\n\nHurdles — barriers districts face\n", encoding="utf-8"
    )
    manifest = run_batch(raw, tmp_path / "curated").manifest
    assert [(i.status, i.error) for i in manifest.inputs] == [("ok", None)]


def test_an_unreadable_release_history_stops_the_run_instead_of_restarting_at_1_0_0(curated) -> None:
    raw, out = curated
    (out / "releases.json").write_text('{"schema_version": "1.3", "items": [', encoding="utf-8")
    before = _snapshot(out)
    with pytest.raises(UnsafeWrite, match=r"releases\.json cannot be read"):
        run_batch(raw, out)
    assert _snapshot(out) == before
    assert_left_clean(out)


def test_curated_files_are_readable_by_others_like_any_file_the_user_writes(curated: tuple[Path, Path]) -> None:
    _, out = curated
    umask = os.umask(0)
    os.umask(umask)
    for path in [out / "documents.json", out / "topics.json", *(out / "texts").glob("*.txt")]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask, path


def test_a_failed_transaction_leaves_the_files_as_they_were_and_no_temporary_file(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("old a", encoding="utf-8")
    (tmp_path / "plain-file").write_text("", encoding="utf-8")
    transaction = Transaction(tmp_path)
    transaction.write(tmp_path / "a.json", "new a")
    with pytest.raises(OSError):  # a folder cannot be made under a file: staging fails half-way
        transaction.write(tmp_path / "plain-file" / "b.json", "new b")
    transaction.abort()
    assert (tmp_path / "a.json").read_text(encoding="utf-8") == "old a"
    assert not [p for p in tmp_path.rglob("*.tmp")]


def test_discover_reports_a_link_to_a_folder_instead_of_ignoring_it(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    (raw / "real").mkdir(parents=True)
    (raw / "real" / "a.txt").write_text("x", encoding="utf-8")
    (raw / "alias").symlink_to(raw / "real", target_is_directory=True)
    listing = discover(raw)
    assert listing.files == ["real/a.txt"] and "not followed" in listing.skipped["alias"]


LONG_WORD_SENTENCE = "Superintendents acknowledged extraordinary infrastructure considerations yesterday. "


@pytest.mark.parametrize(
    ("name", "text"),
    [
        # 5 MB in paragraphs: over spaCy's 1,000,000-character bound for one text
        ("five-mb.txt", "\n\n".join([LONG_WORD_SENTENCE * 40] * (5_000_000 // (len(LONG_WORD_SENTENCE) * 40)))),
        # 2 MB on one line: no paragraph break at all
        ("one-line.txt", LONG_WORD_SENTENCE * (2_000_000 // len(LONG_WORD_SENTENCE))),
    ],
)
def test_texts_over_a_million_characters_are_curated(tmp_path: Path, name: str, text: str) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    marker = "“We rebuilt the network from the ground up,” said Dana Ruiz, director of technology. "
    last = "“Our teachers now plan every lesson around what students make,” said Lee Park, a principal. "
    (raw / name).write_text(marker + text + last, encoding="utf-8")
    manifest = run_batch(raw, tmp_path / "curated", settings=RunSettings(timeout_s=300)).manifest
    (item,) = manifest.inputs
    assert (item.status, item.error) == ("ok", None)
    quotes = json.loads((tmp_path / "curated" / "quotes.json").read_text(encoding="utf-8"))["items"]
    text_file = (tmp_path / "curated" / "texts" / f"{item.doc_id}.txt").read_text(encoding="utf-8")
    assert len(text_file) > 1_000_000 and len(quotes) == 2  # the first and the last sentence: read end to end
    for quote in quotes:
        prov = quote["provenance"][0]
        assert text_file[prov["char_start"] : prov["char_end"]] == prov["text"]
    assert_left_clean(tmp_path / "curated")


def test_a_900_kb_line_of_quotes_is_curated_under_a_20_s_limit(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    line = "“We had to rethink how the network reaches every classroom,” said Jane Doe, director of technology. "
    (raw / "quotes.txt").write_text(line * (900_000 // len(line)), encoding="utf-8")
    manifest = run_batch(raw, tmp_path / "curated", settings=RunSettings(timeout_s=20)).manifest
    assert [(i.status, i.error) for i in manifest.inputs] == [("ok", None)]
    assert_left_clean(tmp_path / "curated")


def test_files_the_pipeline_does_not_read_are_still_hashed_whole(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(sorted((RAW / "articles").glob("*.txt"))[0], raw / "good.txt")
    head = b"x" * 4096  # the same first bytes: more than the head that is read of a file of another type
    (raw / "a.csv").write_bytes(head + b"a")
    (raw / "b.csv").write_bytes(head + b"bb")
    shutil.copy(RAW / "reports" / "driving-k12-innovation-2027-sample.pdf", raw / "report.download")
    manifest = run_batch(raw, tmp_path / "curated").manifest
    inputs = {i.source_path: i for i in manifest.inputs}
    # rows: not duplicates of each other, their own sizes and hashes
    assert (inputs["a.csv"].status, inputs["a.csv"].size_bytes) == ("failed", 4097)
    assert (inputs["b.csv"].status, inputs["b.csv"].size_bytes) == ("failed", 4098)
    assert inputs["a.csv"].doc_id != inputs["b.csv"].doc_id
    # a PDF under an odd name is read whole, not as its first bytes
    assert inputs["report.download"].status == "ok", inputs["report.download"].error


def test_a_large_file_handed_over_by_path_is_curated_as_if_held(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    held, by_path = tmp_path / "held", tmp_path / "by-path"
    run_batch(raw, held)
    run_batch(raw, by_path, settings=RunSettings(inline_max_mb=0))  # every file handed over by path
    for name in ("documents.json", "topics.json", "definitions.json", "quotes.json"):
        assert (held / name).read_bytes() == (by_path / name).read_bytes(), name


def test_a_file_edited_after_it_was_hashed_is_not_half_read(tmp_path: Path) -> None:
    from extract.errors import SourceError
    from extract.sources.parsers import OnDisk

    path = tmp_path / "a.txt"
    path.write_bytes(b"first version")
    ref = OnDisk(str(path), hashlib.sha256(b"first version").hexdigest())
    assert ref.read() == b"first version"
    path.write_bytes(b"second version")
    with pytest.raises(SourceError, match="the file changed while the run was reading it"):
        ref.read()


@pytest.mark.parametrize(
    ("swap", "reason"),
    [
        # the file became a link to a secret outside raw/ after it was listed
        (lambda path, outside: (path.unlink(), path.symlink_to(outside)), "became a link to a file outside raw/"),
        # the file became a FIFO (opening it for reading would block)
        (lambda path, outside: (path.unlink(), os.mkfifo(path)), "no longer a regular file"),
    ],
)
def test_a_file_swapped_after_it_was_listed_is_checked_where_it_is_opened(
    tmp_path: Path, monkeypatch, swap, reason: str
) -> None:
    import extract.batch

    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(sorted((RAW / "articles").glob("*.txt"))[0], raw / "good.txt")
    (raw / "swapped.txt").write_text("an ordinary article at first", encoding="utf-8")
    outside = tmp_path / "secret.txt"
    outside.write_text("not for the dataset", encoding="utf-8")
    real_discover = extract.batch.discover

    def discover_then_swap(folder: Path):  # type: ignore[no-untyped-def]
        listing = real_discover(folder)
        swap(folder / "swapped.txt", outside)  # between the listing and the read: the race a writer could win
        return listing

    monkeypatch.setattr(extract.batch, "discover", discover_then_swap)
    manifest = run_batch(raw, tmp_path / "curated").manifest
    status = {i.source_path: (i.status, i.error or "") for i in manifest.inputs}
    assert status["swapped.txt"][0] == "failed" and reason in status["swapped.txt"][1]
    texts = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "curated" / "texts").glob("*.txt"))
    assert "not for the dataset" not in texts


def _peak_mib(raw: Path, curated: Path) -> tuple[int, object]:
    probe = subprocess.run(
        # 20 s: long enough to parse a 200 MiB text, too short for the rules over it; both happen in the child
        [sys.executable, "-m", "tests.memory_probe", str(raw), str(curated), "20"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(probe.stdout.strip().splitlines()[-1])
    return found["peak_mib"], found["documents"]


def test_the_batch_process_does_not_hold_a_large_file(tmp_path: Path) -> None:
    line = b"The district board met on Tuesday to review the budget for the coming school year.\n\n"
    size_mb = 200
    small, big = tmp_path / "small", tmp_path / "big"
    small.mkdir()
    big.mkdir()
    (small / "big.txt").write_bytes(line * 10)
    with open(big / "big.txt", "wb") as fh:
        for _ in range(size_mb * 1024 * 1024 // len(line)):
            fh.write(line)
    baseline, _ = _peak_mib(small, tmp_path / "curated-small")  # the same batch on a small file, same run
    peak, documents = _peak_mib(big, tmp_path / "curated-big")
    print(f"batch process peak RSS: {baseline} MiB on a 1 KB file, {peak} MiB on a {size_mb} MiB file")
    # Holding the file, or its parsed text, would cost its size at least (and twice that while handing it to a
    # child); the batch's process streams it through the hash and hands the child its path, and the child that
    # parses it runs the rules too. A quarter of the file's size is far above what the batch itself adds.
    assert peak - baseline < size_mb / 4, f"the batch's process grew by {peak - baseline} MiB; documents: {documents}"
