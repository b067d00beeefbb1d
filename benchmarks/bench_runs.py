"""Whole runs of the `extract` command on one corpus: without Prefect, with Prefect's ephemeral API, and
against a running Prefect server; cold (everything extracted) and warm (nothing changed, all cached).

Each run is a fresh `extract run` process, as a steward would start it; `wall_s` is what they wait,
`run_s` the run's own time from its manifest (reading raw/, extracting or taking from the cache,
writing curated/), so `wall_s - run_s` is start-up: the interpreter, imports, and Prefect's engine and API.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SERVER_START_LIMIT_S = 180  # a first `prefect server start` builds its database


def corpus(folder: Path, extra: list[Path]) -> Path:
    """raw/ (the shipped samples) plus `extra` files, copied into `folder`."""
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(ROOT / "raw", folder)
    for path in extra:
        shutil.copy2(path, folder / path.name)
    return folder


def run(raw: Path, curated: Path, env: dict[str, str], *args: str) -> dict[str, Any]:
    """One `extract run`; its wall time, the manifest's own duration and counts."""
    started = time.perf_counter()
    done = subprocess.run(
        [str(BIN / "extract"), "run", "--raw", str(raw), "--curated", str(curated), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    if done.returncode:
        raise RuntimeError(f"extract run {' '.join(args)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    manifest = json.loads((curated / "manifest.json").read_text(encoding="utf-8"))
    pages = sum(item.get("page_count") or 0 for item in _documents(curated))
    return {"wall_s": wall, "run_s": manifest["run"]["duration_s"], "counts": manifest["counts"], "pages": pages}


def _documents(curated: Path) -> list[dict[str, Any]]:
    return json.loads((curated / "documents.json").read_text(encoding="utf-8"))["items"]


def environment(home: Path) -> dict[str, str]:
    """The process environment with its own PREFECT_HOME, and no server unless one is given later."""
    home.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    return env | {"PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}


@contextmanager
def prefect_server(env: dict[str, str]) -> Iterator[tuple[dict[str, str], float]]:
    """A `prefect server start` on loopback for the duration; the environment pointing at it, and how long
    it took to answer its health check."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    api = f"http://127.0.0.1:{port}/api"
    started = time.perf_counter()
    server = subprocess.Popen(
        [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{api}/health", timeout=2):
                    break
            except OSError:
                if time.perf_counter() - started > SERVER_START_LIMIT_S or server.poll() is not None:
                    raise RuntimeError("prefect server did not start") from None
                time.sleep(0.25)
        yield env | {"PREFECT_API_URL": api}, time.perf_counter() - started
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(10)


def cycle(raw: Path, work: Path, ephemeral_env: dict[str, str], server_env: dict[str, str]) -> dict[str, Any]:
    """One repetition: the same corpus cold without Prefect, then cold and warm with each kind of API."""
    out: dict[str, Any] = {}
    for name in ("direct", "ephemeral", "server"):
        shutil.rmtree(work / name, ignore_errors=True)
    out["direct_cold"] = run(raw, work / "direct", ephemeral_env, "--no-prefect")
    out["ephemeral_cold"] = run(raw, work / "ephemeral", ephemeral_env, "--refresh")
    out["ephemeral_warm"] = run(raw, work / "ephemeral", ephemeral_env)
    out["server_cold"] = run(raw, work / "server", server_env, "--refresh")
    out["server_warm"] = run(raw, work / "server", server_env)
    return out


def first_runs(work: Path, ephemeral_env: dict[str, str]) -> dict[str, Any]:
    """Prefect's one-time set-up (its database) on the shipped samples alone, so that it is not counted
    in the repeated runs."""
    return {"ephemeral_setup": run(ROOT / "raw", work / "setup", ephemeral_env, "--refresh")}
