"""The Prefect flow, run for real once per test session against a temporary Prefect database."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import RAW
from tests.processes import alive, children


@pytest.fixture(scope="session")
def prefect_harness(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    from prefect.settings import PREFECT_LOCAL_STORAGE_PATH, temporary_settings
    from prefect.testing.utilities import prefect_test_harness

    # Cached task results live in result storage, not in the database: keep them to this session.
    storage = tmp_path_factory.mktemp("prefect-results")
    with prefect_test_harness(server_startup_timeout=120), temporary_settings({PREFECT_LOCAL_STORAGE_PATH: storage}):
        yield


@pytest.mark.prefect
def test_flow_curates_articles_and_records_a_failure_per_document(prefect_harness: None, tmp_path: Path) -> None:
    from flows.extract_reports import extract_reports

    raw = tmp_path / "raw"
    shutil.copytree(RAW / "articles", raw / "articles")
    (raw / "broken.pdf").write_bytes(b"%PDF-1.4 nothing else")
    curated = tmp_path / "curated"
    manifest = extract_reports(str(raw), str(curated))
    assert manifest.run.flow_run_id
    statuses = {i.source_path: i.status for i in manifest.inputs}
    assert statuses.pop("broken.pdf") == "failed"
    assert set(statuses.values()) == {"ok"} and len(statuses) == 4
    quotes = json.loads((curated / "quotes.json").read_text(encoding="utf-8"))["items"]
    assert any(q["speaker"] and q["speaker"]["name"] == "Keith R. Krueger" for q in quotes)


@pytest.mark.prefect
def test_a_strict_flow_run_with_a_failed_document_ends_failed_with_the_others_curated(
    prefect_harness: None, tmp_path: Path
) -> None:
    from extract.batch import DocumentsFailed
    from flows.extract_reports import extract_reports

    raw = tmp_path / "raw"
    shutil.copytree(RAW / "articles", raw / "articles")
    (raw / "broken.pdf").write_bytes(b"%PDF-1.4 nothing else")
    curated = tmp_path / "curated"
    state = extract_reports(str(raw), str(curated), strict=True, return_state=True)
    assert state.is_failed() and "1 of 5 documents failed (--strict): broken.pdf" in state.message
    with pytest.raises(DocumentsFailed):
        state.result()
    documents = json.loads((curated / "documents.json").read_text(encoding="utf-8"))["items"]
    assert sum(d["status"] == "ok" for d in documents) == 4  # the good documents are curated all the same


@pytest.mark.prefect
def test_a_failure_under_a_small_limit_is_not_reused_under_a_larger_one(prefect_harness: None, tmp_path: Path) -> None:
    from flows.extract_reports import extract_reports

    raw = tmp_path / "raw"
    raw.mkdir()
    article = sorted((RAW / "articles").glob("*.txt"))[0].read_text(encoding="utf-8")
    (raw / "a.txt").write_text(article + "\nA line of this test only (its own cache key).\n", encoding="utf-8")
    pdf = (RAW / "reports" / "driving-k12-innovation-2027-sample.pdf").read_bytes()
    (raw / "report.pdf").write_bytes(pdf + b"\n%% this test's own bytes\n")
    curated = tmp_path / "curated"
    first = extract_reports(str(raw), str(curated), timeout_s=0.01, return_state=True)  # too short for any parser
    assert first.is_failed() and "report.pdf: parser timed out after 0.01 s" in first.message
    again = extract_reports(str(raw), str(curated), timeout_s=300)
    assert {i.source_path: i.status for i in again.inputs} == {"a.txt": "ok", "report.pdf": "ok"}
    assert again.counts["reused"] == 0  # extracted again, not the failures cached under the small limit


@pytest.mark.prefect
def test_a_limit_failure_in_the_cache_is_tried_again_under_the_same_limits(
    prefect_harness: None, tmp_path: Path, monkeypatch
) -> None:
    import flows.extract_reports as flow_module
    from extract.batch import extract_source, failed

    raw = tmp_path / "raw"
    raw.mkdir()
    article = sorted((RAW / "articles").glob("*.txt"))[1].read_text(encoding="utf-8")
    (raw / "a.txt").write_text(article + "\nA line of this test only (its own cache key).\n", encoding="utf-8")
    calls: list[str] = []

    def busy_machine_first(job):  # type: ignore[no-untyped-def]
        calls.append(job.source.path)
        if len(calls) > 1:
            return extract_source(job)
        result = failed(job.source, "parser timed out after 300 s (--timeout); the document was skipped")
        result.limited = True  # as isolate.LimitExceeded marks it
        return result

    monkeypatch.setattr(flow_module, "extract_source", busy_machine_first)
    curated = tmp_path / "curated"
    assert flow_module.extract_reports(str(raw), str(curated), return_state=True).is_failed()
    again = flow_module.extract_reports(str(raw), str(curated))  # the same limits: the same cache key
    assert [(i.source_path, i.status) for i in again.inputs] == [("a.txt", "ok")]
    assert calls == ["a.txt", "a.txt"] and again.counts["reused"] == 0


def test_cli_runs_without_prefect_and_reports_failures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from flows.cli import main

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("Hurdles — barriers districts must overcome\n", encoding="utf-8")
    (raw / "b.txt").write_bytes(b"")
    assert main(["run", "--raw", str(raw), "--curated", str(tmp_path / "c"), "--no-prefect"]) == 0
    out = capsys.readouterr().out
    assert "failed     b.txt: empty file" in out and "0 topics, 1 definitions, 0 quotes" in out


def _articles(tmp_path: Path, count: int) -> Path:
    """Seed articles with a line naming the test, so their hashes (the cache key) are this test's own."""
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    for src in sorted((RAW / "articles").glob("*.txt"))[:count]:
        _copy_marked(src, raw, tmp_path.name)
    return raw


def _copy_marked(src: Path, raw: Path, mark: str) -> None:
    (raw / src.name).write_text(src.read_text(encoding="utf-8") + f"\nCopy made for {mark}.\n", encoding="utf-8")


def _artifact(key: str) -> str:
    """The latest version of a keyed artifact's data, read over the REST API.

    Prefect 3.8.8's own client sends `offset: null` here, which its server rejects (HTTP 422)."""
    import httpx
    from prefect.settings import PREFECT_API_URL

    body = {"artifacts": {"key": {"any_": [key]}}, "sort": "CREATED_DESC", "limit": 1, "offset": 0}
    response = httpx.post(f"{PREFECT_API_URL.value()}/artifacts/filter", json=body, timeout=30)
    response.raise_for_status()
    found = response.json()
    assert found, key
    return str(found[0]["data"])


@pytest.mark.prefect
def test_rerun_reuses_unchanged_documents_and_publishes_what_changed(prefect_harness: None, tmp_path: Path) -> None:
    from flows.extract_reports import extract_reports

    raw, curated = _articles(tmp_path, 2), tmp_path / "curated"
    first = extract_reports(str(raw), str(curated))
    assert (first.counts["extracted"], first.counts["reused"]) == (2, 0)
    before = {p: p.read_bytes() for p in curated.rglob("*") if p.is_file() and p.name != "manifest.json"}

    again = extract_reports(str(raw), str(curated))
    assert (again.counts["extracted"], again.counts["reused"]) == (0, 2)
    assert again.dataset_version == first.dataset_version == "1.0.0"
    after = {p: p.read_bytes() for p in curated.rglob("*") if p.is_file() and p.name != "manifest.json"}
    assert after == before
    assert "no changes" in _artifact("release-summary")

    third = sorted((RAW / "articles").glob("*.txt"))[2]
    _copy_marked(third, raw, tmp_path.name)
    grown = extract_reports(str(raw), str(curated))
    assert (grown.counts["extracted"], grown.counts["reused"]) == (1, 2)
    assert grown.dataset_version == "1.1.0"
    summary = _artifact("release-summary")
    assert "Dataset 1.1.0" in summary and third.name in summary and "New topics" in summary
    table = _artifact("curated-documents")
    assert third.name in table and "cached" in table

    refreshed = extract_reports(str(raw), str(curated), refresh=True)
    assert (refreshed.counts["extracted"], refreshed.counts["reused"]) == (3, 0)


@pytest.mark.prefect
def test_flow_runs_its_tasks_on_a_local_dask_cluster_of_two_workers(prefect_harness: None, tmp_path: Path) -> None:
    from flows.extract_reports import with_runner

    raw, curated = _articles(tmp_path, 2), tmp_path / "curated"
    (raw / "broken.pdf").write_bytes(b"%PDF-1.4 nothing else")
    manifest = with_runner("dask", workers=2)(str(raw), str(curated))
    assert manifest.counts["documents_ok"] == 2 and manifest.counts["documents_failed"] == 1
    assert manifest.counts["topics"] > 0


@pytest.mark.prefect
def test_a_killed_run_leaves_no_ephemeral_prefect_server_behind(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    from tests.conftest import ROOT

    raw = tmp_path / "raw"
    shutil.copytree(RAW / "articles", raw / "articles")
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}  # the run starts its own server
    run = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "run", "--raw", str(raw), "--curated", str(tmp_path / "curated")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = None
    for _ in range(600):  # until the run has started its API server (up to a minute on a first run)
        server = next((pid for pid, cmd in children(run.pid).items() if "uvicorn" in cmd), None)
        if server is not None or run.poll() is not None:
            break
        time.sleep(0.1)
    assert server is not None, "the run never started an ephemeral server"
    run.send_signal(signal.SIGKILL)
    run.wait()
    for _ in range(100):
        if not alive(server):
            break
        time.sleep(0.1)
    assert not alive(server), "the ephemeral Prefect server outlived its killed run"
