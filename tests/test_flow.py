"""The Prefect flow, run for real once per test session against a temporary Prefect database."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import RAW


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
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


def test_cli_runs_without_prefect_and_reports_failures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from flows.cli import main

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("Hurdles — barriers districts must overcome\n", encoding="utf-8")
    (raw / "b.txt").write_bytes(b"")
    assert main(["run", "--raw", str(raw), "--curated", str(tmp_path / "c"), "--no-prefect"]) == 0
    out = capsys.readouterr().out
    assert "failed b.txt: empty file" in out and '"definitions": 1' in out
