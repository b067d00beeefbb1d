"""Ctrl-C at any moment of a run: one line, exit code 130, no process left, the dataset as it was.

A Ctrl-C in a terminal sends SIGINT to the run's whole process group (the CLI, its forkserver and parse
children, the ephemeral Prefect API). Each case starts `extract run` in a group of its own, waits for a
named moment, and sends SIGINT to the group as a terminal would.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from flows.entry import INTERRUPTED
from tests.conftest import RAW, ROOT
from tests.processes import alive, descendants, group


def _started(pid: int) -> bool:
    return True


def _forkserver_up(pid: int) -> bool:
    """The isolation forkserver is loading its preloads or serving."""
    return any("forkserver" in cmd for cmd in group(pid).values())


def _a_document_in_a_child(pid: int) -> bool:
    """A child forked by the forkserver is parsing a document (more than the server itself in the group)."""
    return len([cmd for cmd in group(pid).values() if "forkserver" in cmd]) > 1  # forked children keep its name


def _api_up(pid: int) -> bool:
    """The ephemeral Prefect API server is running (in a session of its own)."""
    return any("uvicorn" in cmd for cmd in descendants(pid).values())


def _interrupt(tmp_path: Path, args: list[str], moment: Callable[[int], bool], delay_s: float) -> tuple:
    curated = tmp_path / "curated"
    env = dict(os.environ)
    env.pop("PREFECT_API_URL", None)  # the run starts its own API server
    run = subprocess.Popen(
        [sys.executable, "-m", "flows.entry", "run", "--curated", str(curated), *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own group, as a terminal's foreground job
    )
    for _ in range(1200):  # up to two minutes (a first Prefect run sets up its database)
        if moment(run.pid) or run.poll() is not None:
            break
        time.sleep(0.05)
    time.sleep(delay_s)
    started = descendants(run.pid)
    if run.poll() is None:
        os.killpg(run.pid, signal.SIGINT)
    out, err = run.communicate(timeout=120)
    for _ in range(100):  # the forkserver and the API server leave on their own once the run has gone
        left = {p: c for p, c in started.items() if alive(p)}
        if not left:
            break
        time.sleep(0.1)
    return run.returncode, out, err, left, curated


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    """Sixty short articles: long enough a run for an interrupt to land among the documents."""
    folder = tmp_path / "raw"
    folder.mkdir()
    articles = sorted((RAW / "articles").glob("*.txt"))
    for n in range(20):
        for article in articles:
            text = article.read_text(encoding="utf-8")
            (folder / f"{article.stem}-{n}.txt").write_text(f"{text}\n\nNote {n}.\n", encoding="utf-8")
    return folder


CASES = [
    # while Python is still importing the command (before the options are read)
    pytest.param(["--no-prefect"], _started, 0.1, id="no-prefect-while-starting"),
    # while the forkserver imports the parsers and the rules (it printed a traceback before)
    pytest.param(["--no-prefect"], _forkserver_up, 0.3, id="no-prefect-while-the-forkserver-loads"),
    # while documents are parsed in limited children
    pytest.param(["--no-prefect"], _a_document_in_a_child, 0.0, id="no-prefect-among-the-documents"),
    # once the ephemeral API is up (it died with the run and left minutes of connection errors before)
    pytest.param([], _api_up, 2.0, id="prefect-once-the-api-is-up", marks=pytest.mark.prefect),
    # while the flow's tasks parse documents in limited children
    pytest.param(
        ["--refresh"], _a_document_in_a_child, 0.0, id="prefect-among-the-documents", marks=pytest.mark.prefect
    ),
]


@pytest.mark.parametrize(("options", "moment", "delay_s"), CASES)
def test_ctrl_c_ends_the_run_with_one_line_and_nothing_left(
    tmp_path: Path, raw: Path, options: list[str], moment: Callable[[int], bool], delay_s: float
) -> None:
    code, out, err, left, curated = _interrupt(tmp_path, ["--raw", str(raw), *options], moment, delay_s)
    if code == 0:
        pytest.skip("the run ended before the interrupt reached it (a fast machine)")
    assert code == 130, f"exit code {code}; stderr:\n{err}"
    assert err.strip() == INTERRUPTED, f"stderr beyond the one line:\n{err}"
    assert "Traceback" not in out
    assert not left, f"processes outlived the interrupted run: {left}"
    assert not (curated / "manifest.json").exists(), "an interrupted first run wrote a dataset"
    leftovers = [p.name for p in curated.rglob("*") if p.name != ".extract.lock"] if curated.exists() else []
    assert not leftovers, f"an interrupted run left files in curated/: {leftovers}"


def test_ctrl_c_leaves_a_previous_dataset_byte_for_byte(tmp_path: Path, raw: Path) -> None:
    shutil.rmtree(raw)
    shutil.copytree(RAW / "articles", raw)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "flows.cli",
            "run",
            "--no-prefect",
            "--raw",
            str(raw),
            "--curated",
            str(tmp_path / "curated"),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    before = {p: p.read_bytes() for p in (tmp_path / "curated").rglob("*") if p.is_file()}
    (raw / "extra.txt").write_text("The report's hurdles are defined as barriers.\n" * 50, encoding="utf-8")
    code, _, err, left, curated = _interrupt(tmp_path, ["--raw", str(raw), "--no-prefect"], _a_document_in_a_child, 0.0)
    if code == 0:
        pytest.skip("the run ended before the interrupt reached it (a fast machine)")
    assert (code, err.strip(), left) == (130, INTERRUPTED, {})
    after = {p: p.read_bytes() for p in curated.rglob("*") if p.is_file()}
    assert after == before
