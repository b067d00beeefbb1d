"""The scheduled deployment against a real Prefect server on loopback (SQLite): register, let the
scheduler create and complete a run, trigger one on demand, curate.

Starts `prefect server start` and `extract serve` as child processes with their own PREFECT_HOME, and
stops both (their whole process groups) whatever happens. The schedule comes from EXTRACT_CRON (every
minute), so the test proves both that the variable is read and that Prefect's scheduler fires.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import RAW

BIN = Path(sys.executable).parent
FINAL = ("COMPLETED", "FAILED", "CRASHED", "CANCELLED")
CRON = "* * * * *"  # every minute: the scheduler must fire within the test


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _logs(folder: Path) -> str:
    """The tail of the child processes' logs, for an assertion message that explains itself."""
    return "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}" for p in sorted(folder.glob("*.log")))


def _wait_for(check, timeout: float, what: str, logs: Path | None = None):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = check()
        except httpx.HTTPError:
            value = None
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}\n{_logs(logs) if logs else ''}")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


@pytest.fixture()
def prefect_server(tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = os.environ | {
        "PREFECT_HOME": str(tmp_path / "prefect-home"),
        "PREFECT_API_URL": api,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_LOCAL_STORAGE_PATH": str(tmp_path / "prefect-results"),
    }
    Path(env["PREFECT_HOME"]).mkdir()
    log = open(tmp_path / "server.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        _wait_for(lambda: httpx.get(f"{api}/health", timeout=5).status_code == 200, 180, "the server", tmp_path)
        yield api, env
    finally:
        _stop(server)
        log.close()


@pytest.mark.prefect
def test_served_deployment_runs_on_its_schedule_and_on_demand(
    prefect_server: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    api, env = prefect_server
    raw, curated = tmp_path / "raw", tmp_path / "curated"
    raw.mkdir()
    for src in sorted((RAW / "articles").glob("*.txt"))[:2]:
        (raw / src.name).write_bytes(src.read_bytes())
    log = open(tmp_path / "serve.log", "w")  # noqa: SIM115 - closed below
    serve = subprocess.Popen(
        [str(BIN / "extract"), "serve", "--name", "it", "--raw", str(raw), "--curated", str(curated)],
        env=env | {"EXTRACT_CRON": CRON},
        cwd=tmp_path,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        url = f"{api}/deployments/name/extract-reports/it"
        deployment = _wait_for(
            lambda: (r := httpx.get(url, timeout=5)).status_code == 200 and r.json(), 120, "the deployment", tmp_path
        )
        assert [s["schedule"].get("cron") for s in deployment["schedules"]] == [CRON]
        assert deployment["parameters"]["curated_dir"] == str(curated)
        # Prefect's own client against this server, as the README's commands use it (FastAPI >= 0.151 made
        # every /filter call of Prefect 3.8's client a 422)
        listed = subprocess.run(
            [str(BIN / "prefect"), "deployment", "ls"], env=env, capture_output=True, text=True, timeout=120
        )
        assert listed.returncode == 0 and "extract-reports/it" in listed.stdout, listed.stdout + listed.stderr

        def scheduled_run_finished() -> dict | None:
            body = {"deployments": {"id": {"any_": [deployment["id"]]}}, "sort": "EXPECTED_START_TIME_ASC"}
            runs = httpx.post(f"{api}/flow_runs/filter", json=body, timeout=10).json()
            done = [r for r in runs if r["auto_scheduled"] and r["state"]["type"] in FINAL]
            return done[0] if done else None

        run = _wait_for(scheduled_run_finished, 180, "a run created by the scheduler", tmp_path)
        assert run["state"]["type"] == "COMPLETED", _logs(tmp_path)
        manifest = json.loads((curated / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["counts"]["documents_ok"] == 2 and manifest["run"]["flow_run_id"] == run["id"]
        assert json.loads((curated / "topics.json").read_text(encoding="utf-8"))["items"]

        # a busy SQLite database makes the server answer 503 (Service Unavailable) for a moment: ask again
        create = f"{api}/deployments/{deployment['id']}/create_flow_run"
        created = _wait_for(
            lambda: (r := httpx.post(create, json={}, timeout=10)).status_code != 503 and r, 60, "a run", tmp_path
        )
        created.raise_for_status()
        run_url = f"{api}/flow_runs/{created.json()['id']}"

        def finished() -> dict | None:
            state = httpx.get(run_url, timeout=5).json()["state"]
            return state if state["type"] in FINAL else None

        state = _wait_for(finished, 180, "the triggered flow run", tmp_path)
        assert state["type"] == "COMPLETED", _logs(tmp_path)
    finally:
        _stop(serve)
        log.close()
