"""Operations without Prefect: isolated parsing, dataset releases and the curated folder's lock."""

from __future__ import annotations

import json
import shutil
import threading
import time
from pathlib import Path

import pytest

from extract.batch import run_batch
from extract.dataset.lock import DatasetLocked, dataset_lock
from extract.errors import SourceError
from extract.settings import RunSettings
from extract.sources.isolate import run_limited
from tests import stand_ins
from tests.conftest import RAW

FAST = RunSettings(timeout_s=3, memory_mb=256)


def releases(curated: Path) -> list[dict]:
    return json.loads((curated / "releases.json").read_text(encoding="utf-8"))["items"]


def articles(tmp_path: Path, names: int = 2) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for src in sorted((RAW / "articles").glob("*.txt"))[:names]:
        shutil.copy(src, raw / src.name)
    return raw


def test_isolated_call_returns_its_result_and_relays_progress() -> None:
    seen: list[tuple[int, int]] = []
    assert run_limited(stand_ins.sleepy, (0.0,), FAST, lambda d, t: seen.append((d, t))) == "done"
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_a_hanging_parser_is_stopped_at_its_time_limit() -> None:
    started = time.monotonic()
    with pytest.raises(SourceError, match="timed out after 1 s"):
        run_limited(stand_ins.sleepy, (60.0,), RunSettings(timeout_s=1, memory_mb=256))
    assert time.monotonic() - started < 30  # killed, not waited out


def test_a_memory_hungry_parser_is_stopped_by_its_budget() -> None:
    with pytest.raises(SourceError, match="memory limit"):
        run_limited(stand_ins.hog, (2048,), RunSettings(timeout_s=60, memory_mb=128))
    assert run_limited(stand_ins.hog, (16,), RunSettings(timeout_s=60, memory_mb=128)) == 16


def test_a_crashing_parser_is_reported_not_propagated() -> None:
    with pytest.raises(SourceError, match="died"):
        run_limited(stand_ins.segfault, (), FAST)


def test_a_hanging_document_fails_alone_while_the_batch_finishes(tmp_path: Path) -> None:
    raw = articles(tmp_path)
    (raw / "stuck.txt").write_bytes(stand_ins.HANG_MARKER + b" this file makes the parser stand-in hang")
    curated = tmp_path / "curated"
    settings = RunSettings(timeout_s=2, memory_mb=512)
    manifest = run_batch(raw, curated, settings=settings, parser=stand_ins.hang_on_marker).manifest
    status = {i.source_path: (i.status, i.error) for i in manifest.inputs}
    assert status.pop("stuck.txt")[1].startswith("parser timed out after 2 s (--timeout)")
    assert {s for s, _ in status.values()} == {"ok"} and len(status) == 2
    assert manifest.counts["topics"] > 0


def test_releases_follow_what_changed(tmp_path: Path) -> None:
    raw, curated = articles(tmp_path), tmp_path / "curated"
    assert run_batch(raw, curated).manifest.dataset_version == "1.0.0"
    assert [r["level"] for r in releases(curated)] == ["initial"]
    snapshot = {p.name: p.read_bytes() for p in curated.glob("*.*")}

    # unchanged inputs: no release, nothing rewritten but the manifest
    assert run_batch(raw, curated).manifest.dataset_version == "1.0.0"
    assert len(releases(curated)) == 1
    assert {p.name: p.read_bytes() for p in curated.glob("*.*") if p.name != "manifest.json"} == {
        k: v for k, v in snapshot.items() if k != "manifest.json"
    }

    # a new document: minor, naming it and its records
    third = sorted((RAW / "articles").glob("*.txt"))[2]
    shutil.copy(third, raw / third.name)
    assert run_batch(raw, curated).manifest.dataset_version == "1.1.0"
    latest = releases(curated)[-1]
    assert latest["level"] == "minor" and latest["documents_added"] == [third.name]
    assert latest["records"]["topics"]["added"] > 0 and latest["records"]["topics"]["removed"] == 0
    assert latest["topics_added"] and all(t.startswith("2024 ") for t in latest["topics_added"])

    # the same document re-extracted from edited bytes: patch
    text = third.read_text(encoding="utf-8")
    (raw / third.name).write_text(text + "\nA closing line added by the editor.\n", encoding="utf-8")
    assert run_batch(raw, curated).manifest.dataset_version == "1.1.1"
    assert releases(curated)[-1]["documents_changed"] == [third.name]

    # a removed source: minor, and its records leave
    (raw / third.name).unlink()
    assert run_batch(raw, curated).manifest.dataset_version == "1.2.0"
    latest = releases(curated)[-1]
    assert latest["documents_removed"] == [third.name] and latest["records"]["topics"]["removed"] > 0
    changelog = (curated / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.index("## 1.2.0") < changelog.index("## 1.1.1") < changelog.index("## 1.0.0")


def test_a_contract_change_is_a_major_release(tmp_path: Path) -> None:
    raw, curated = articles(tmp_path, 1), tmp_path / "curated"
    run_batch(raw, curated)
    docs = json.loads((curated / "documents.json").read_text(encoding="utf-8"))
    docs["schema_version"] = "0.9"  # as if written under an older, incompatible contract
    (curated / "documents.json").write_text(json.dumps(docs), encoding="utf-8")
    assert run_batch(raw, curated).manifest.dataset_version == "2.0.0"
    assert releases(curated)[-1]["level"] == "major"


def test_a_second_run_on_a_locked_folder_stops_with_a_clear_message(tmp_path: Path) -> None:
    raw, curated = articles(tmp_path, 1), tmp_path / "curated"
    with dataset_lock(curated), pytest.raises(DatasetLocked, match=r"being written by another run \(pid"):
        run_batch(raw, curated)
    assert not (curated / "documents.json").exists()


def test_a_second_run_with_wait_queues_behind_the_first(tmp_path: Path) -> None:
    raw, curated = articles(tmp_path, 1), tmp_path / "curated"
    held = threading.Event()
    release = threading.Event()

    def first() -> None:
        with dataset_lock(curated):
            held.set()
            release.wait(10)

    holder = threading.Thread(target=first)
    holder.start()
    held.wait(10)
    threading.Timer(1.0, release.set).start()
    manifest = run_batch(raw, curated, settings=RunSettings(wait_s=30)).manifest
    holder.join()
    assert manifest.counts["documents_ok"] == 1


def test_cache_key_follows_document_extractor_and_profile(tmp_path: Path) -> None:
    from extract.batch import Job, cache_key, extractor_fingerprint
    from extract.document import SourceFile
    from extract.profile import load_profile

    job = Job(SourceFile("a.txt", b"a"))
    base = cache_key(job)
    assert base == cache_key(Job(SourceFile("a.txt", b"a"))) and extractor_fingerprint() in base
    assert cache_key(Job(SourceFile("renamed.txt", b"a"))) != base  # a renamed file carries its new path
    assert cache_key(Job(SourceFile("a.txt", b"a"), settings=RunSettings(timeout_s=2))) != base  # other limits
    assert cache_key(Job(SourceFile("a.txt", b"b"))) != base  # other bytes
    edited = tmp_path / "profile.json"
    text = (Path(load_profile.__code__.co_filename).parent / "profiles" / "cosn.json").read_text(encoding="utf-8")
    assert '"topics_per_category": 3' in text
    edited.write_text(text.replace('"topics_per_category": 3', '"topics_per_category": 4'), encoding="utf-8")
    assert cache_key(Job(SourceFile("a.txt", b"a"), str(edited))) != base  # another profile re-extracts
    assert cache_key(Job(SourceFile("a.txt", b"a"), parser=stand_ins.hang_on_marker)) != base  # another parser


def test_a_document_that_fails_on_a_later_run_keeps_its_previous_extraction(tmp_path: Path) -> None:
    raw, curated = articles(tmp_path), tmp_path / "curated"
    run_batch(raw, curated)
    before = {name: (curated / name).read_bytes() for name in ("documents.json", "topics.json", "quotes.json")}
    victim = sorted(raw.iterdir())[0]
    victim.write_bytes(b"\xff\xfe not UTF-8 any more")  # the steward's copy got corrupted
    manifest = run_batch(raw, curated).manifest
    failed = [i for i in manifest.inputs if i.status == "failed"]
    assert [i.source_path for i in failed] == [victim.name]
    assert "not valid UTF-8" in failed[0].error and "previous extraction of this document is kept" in failed[0].error
    assert {name: (curated / name).read_bytes() for name in before} == before  # nothing curated was lost
    assert len(releases(curated)) == 1  # and so nothing changed


@pytest.mark.parametrize(
    ("error", "fails_first", "tries", "outcome"),
    [
        # permission denied will not pass by waiting: one try, then recorded against the file
        (PermissionError(13, "Permission denied"), 99, 1, "cannot read the file: Permission denied"),
        # an I/O error may be a share that blinked: tried again, and read on the third try
        (OSError(5, "Input/output error"), 2, 3, None),
        # an I/O error that lasts: the first try and two retries, then recorded
        (OSError(5, "Input/output error"), 99, 3, "cannot read the file: Input/output error"),
    ],
)
def test_a_file_that_cannot_be_read_is_retried_only_when_it_may_pass(
    tmp_path: Path, monkeypatch, error: OSError, fails_first: int, tries: int, outcome: str | None
) -> None:
    raw, curated = articles(tmp_path), tmp_path / "curated"
    locked = sorted(raw.iterdir())[0]
    import extract.batch

    real_open = extract.batch._open_inside
    seen: list[Path] = []

    def open_inside(path: Path, root: Path):  # type: ignore[no-untyped-def]
        if path == locked:
            seen.append(path)
            if len(seen) <= fails_first:
                raise error
        return real_open(path, root)

    monkeypatch.setattr(extract.batch, "_open_inside", open_inside)
    manifest = run_batch(raw, curated, settings=RunSettings(retry_delay_s=0)).manifest
    status = {i.source_path: (i.status, i.error) for i in manifest.inputs}
    assert len(seen) == tries
    if outcome is None:
        assert status[locked.name] == ("ok", None)
    else:
        assert status[locked.name][0] == "failed" and status[locked.name][1].startswith(outcome)


def test_run_settings_come_from_defaults_then_environment_then_arguments() -> None:
    assert RunSettings.from_env({}).timeout_s == 300.0
    env = {"EXTRACT_TIMEOUT_S": "60", "EXTRACT_CRON": "*/5 * * * *", "EXTRACT_WORKERS": "4"}
    from_env = RunSettings.from_env(env)
    assert (from_env.timeout_s, from_env.cron, from_env.workers) == (60.0, "*/5 * * * *", 4)
    assert RunSettings.from_env(env, timeout_s=10.0, workers=None).timeout_s == 10.0  # None: not given
    with pytest.raises(ValueError, match="memory must be at least 64 MiB"):
        RunSettings.from_env({"EXTRACT_MEMORY_MB": "8"})


def test_the_cache_key_covers_the_extractor_and_not_the_writer_or_the_review_site() -> None:
    from extract.batch import extractor_files

    names = {p.relative_to(p.parents[len(p.parents) - 1]).as_posix() for p in extractor_files()}
    assert any(n.endswith("rules/topics.py") for n in names) and any(n.endswith("profiles/cosn.json") for n in names)
    assert not any("/review/" in n or n.endswith(("dataset/store.py", "dataset/release.py")) for n in names)


def test_rules_that_hang_stop_at_the_time_limit_and_fail_that_document_alone(tmp_path: Path) -> None:
    raw = articles(tmp_path)
    (raw / "stuck.txt").write_bytes(stand_ins.HANG_MARKER + b" the rules stand-in never returns on this text")
    settings = RunSettings(timeout_s=2, memory_mb=512)
    manifest = run_batch(raw, tmp_path / "curated", settings=settings, rules=stand_ins.rules_hang_on_marker).manifest
    status = {i.source_path: (i.status, i.error) for i in manifest.inputs}
    assert status.pop("stuck.txt") == ("failed", "rules timed out after 2 s (--timeout); the document was skipped")
    assert {s for s, _ in status.values()} == {"ok"} and len(status) == 2


def test_the_lock_of_a_killed_run_is_taken_over_and_its_holder_named(tmp_path: Path, caplog) -> None:
    from extract.dataset.lock import LOCK_NAME

    raw, curated = articles(tmp_path, 1), tmp_path / "curated"
    curated.mkdir()
    (curated / LOCK_NAME).write_text("pid 4242 since 2026-11-23 06:00:00 UTC\n", encoding="utf-8")  # left by a kill
    with caplog.at_level("WARNING", logger="extract.dataset.lock"):
        run_batch(raw, curated)
    assert "taking over the lock of a run that ended without releasing it (pid 4242 since" in caplog.text
    assert (curated / LOCK_NAME).read_text(encoding="utf-8") == ""  # empty again at rest
