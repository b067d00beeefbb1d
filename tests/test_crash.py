"""A kill at any instant of the write leaves the previous dataset or the new one, never a mix: the writer is
SIGKILLed at every step of its write phase (the `EXTRACT_KILL_AT` hook) and at random instants, then the
next reader and the next run must find a whole dataset that `extract check` passes.

The writer runs in a forked child (no interpreter start per kill), given the same results, profile and run
times as an uninterrupted write, so "the new dataset" is known byte for byte.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extract.batch import BatchResult, run_batch
from extract.dataset import load
from extract.dataset.check import check_dataset
from extract.dataset.commit import JOURNAL_NAME, KILL_AT_ENV, KILL_STEPS, TEMP_NAME, leftovers
from extract.dataset.lock import LOCK_NAME
from extract.dataset.store import write_dataset
from flows.cli import EXIT_FAILED, main
from tests.conftest import RAW, ROOT

FORK = multiprocessing.get_context("fork")
RANDOM_KILLS = 25  # kills at random instants of the write, on top of one per step
MAX_PER_STEP = 60  # more occurrences of one step than any write here makes: the loop's guard


def _state(folder: Path) -> dict[str, bytes]:
    """Every file of the dataset as a reader sees it: not the lock file (it is the lock, not the data), not the
    temporary files of a write killed while staging (readers never open them; the next run deletes them)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != LOCK_NAME and not TEMP_NAME.match(p.name)
    }


@pytest.fixture(scope="module")
def two_batches(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BatchResult, dict, dict]:
    """A dataset curated from three articles ("before"), and the results of a later batch that changes one,
    removes one and adds one; the dataset that batch writes when nothing interrupts it ("after")."""
    base = tmp_path_factory.mktemp("crash")
    articles = sorted((RAW / "articles").glob("*.txt"))
    raw = base / "raw"
    raw.mkdir()
    for src in articles[:2]:
        shutil.copy(src, raw / src.name)
    before = base / "before"
    run_batch(raw, before)
    (raw / articles[0].name).write_text(articles[0].read_text(encoding="utf-8") + "\nA line added.\n", "utf-8")
    (raw / articles[1].name).unlink()
    shutil.copy(articles[2], raw / articles[2].name)
    after = base / "after"
    shutil.copytree(before, after)
    batch = run_batch(raw, after)
    assert batch.release is not None  # the second batch changes the dataset: there is something to interrupt
    return before, batch, _state(before), _state(after)


def _write(folder: Path, batch: BatchResult, kill_at: str | None) -> None:
    if kill_at:
        os.environ[KILL_AT_ENV] = kill_at
    write_dataset(folder, batch.results, batch.manifest.profile, batch.manifest.run)


def _killed_write(folder: Path, batch: BatchResult, kill_at: str | None = None, after_s: float | None = None) -> bool:
    """Run the write in a child, killed at a step or after a delay; whether it died of SIGKILL."""
    child = FORK.Process(target=_write, args=(folder, batch, kill_at))
    child.start()
    if after_s is not None:
        time.sleep(after_s)
        os.kill(child.pid, signal.SIGKILL)
    child.join()
    return child.exitcode == -signal.SIGKILL


def _assert_whole_then_recovered(trial: Path, batch: BatchResult, before: dict, after: dict, what: str) -> None:
    load(trial)  # the next reader: completes a switched write, or sees the previous dataset
    state = _state(trial)
    assert state in (before, after), f"{what}: a mix of two datasets"
    found = {step: problems for step, problems in check_dataset(trial).problems.items() if problems}
    assert set(found) <= {"complete write"}, f"{what}: {found}"  # at most temporary files, until the next run
    _write(trial, batch, None)  # the next run
    assert _state(trial) == after, f"{what}: the next run did not reach the new dataset"
    report = check_dataset(trial)
    assert report.ok, f"{what}: {report.lines()}"
    assert not leftovers(trial) and not (trial / JOURNAL_NAME).exists()


def test_a_kill_at_every_step_of_the_write_leaves_one_whole_dataset(tmp_path: Path, two_batches) -> None:
    before_dir, batch, before, after = two_batches
    kills = 0
    for step in KILL_STEPS:
        for nth in range(1, MAX_PER_STEP):
            trial = tmp_path / f"{step}-{nth}"
            shutil.copytree(before_dir, trial)
            if not _killed_write(trial, batch, f"{step}:{nth}"):
                assert _state(trial) == after  # the write passed this step fewer than nth times and finished
                break
            kills += 1
            _assert_whole_then_recovered(trial, batch, before, after, f"killed at {step} #{nth}")
            shutil.rmtree(trial)
        else:
            pytest.fail(f"step {step} was reached more than {MAX_PER_STEP} times")
    assert kills > len(KILL_STEPS)  # every step was reached at least once, most of them many times
    print(f"\n{kills} kills at named steps of the write; every one left a whole dataset")


def test_a_kill_at_a_random_instant_leaves_one_whole_dataset(tmp_path: Path, two_batches) -> None:
    before_dir, batch, before, after = two_batches
    shutil.copytree(before_dir, tmp_path / "timed")
    clock = time.perf_counter()
    _killed_write(tmp_path / "timed", batch)
    span = time.perf_counter() - clock  # fork, write and exit: the kills fall anywhere in it
    rng = random.Random(13)
    for n in range(RANDOM_KILLS):
        trial = tmp_path / f"random-{n}"
        shutil.copytree(before_dir, trial)
        _killed_write(trial, batch, after_s=rng.uniform(0, span))
        _assert_whole_then_recovered(trial, batch, before, after, f"random kill #{n}")
        shutil.rmtree(trial)


def test_extract_check_finds_an_interrupted_write_and_repair_completes_it(tmp_path: Path, two_batches, capsys) -> None:
    before_dir, batch, _, after = two_batches
    trial = tmp_path / "curated"
    shutil.copytree(before_dir, trial)
    assert _killed_write(trial, batch, "rename:3")
    assert main(["check", str(trial)]) == EXIT_FAILED
    out = capsys.readouterr().out
    assert "a write was interrupted" in out and "NOT consistent" in out
    assert main(["check", str(trial), "--repair"]) == 0
    assert _state(trial) == after


def test_a_killed_command_line_run_is_completed_by_the_next_one(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(sorted((RAW / "articles").glob("*.txt"))[0], raw)
    curated = tmp_path / "curated"
    command = [sys.executable, "-m", "flows.cli", "run", "--raw", str(raw), "--curated", str(curated), "--no-prefect"]
    killed = subprocess.run(command, env=os.environ | {KILL_AT_ENV: "rename:2"}, cwd=ROOT, capture_output=True)
    assert killed.returncode == -signal.SIGKILL
    assert (curated / JOURNAL_NAME).exists()
    again = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert "completed the write interrupted" in again.stderr
    assert check_dataset(curated).ok and not leftovers(curated)


def test_a_relative_curated_folder_is_written_and_switched(tmp_path: Path, monkeypatch) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(sorted((RAW / "articles").glob("*.txt"))[0], raw)
    monkeypatch.chdir(tmp_path)
    run_batch(Path("raw"), Path("curated"))  # as `make run` passes them: relative to the working folder
    assert check_dataset(Path("curated")).ok and not leftovers(Path("curated"))
