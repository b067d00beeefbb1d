"""Whole-run timings on the shipped samples: cold and warm Prefect runs, and the same work without Prefect.

Each run curates raw/ into a scratch folder under .state/bench/ with the `extract` command, as a steward
would. "cold" starts from an empty PREFECT_HOME (database set-up, empty cache); "warm" repeats it (cache
hits for every unchanged document); "refresh" is warm Prefect with the cache ignored; "no prefect" runs the
same pipeline directly. Prefect's own overhead is the refresh run minus the no-prefect run.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXTRACT = str(Path(sys.executable).parent / "extract")


def run(label: str, args: list[str], env: dict[str, str], curated: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [EXTRACT, "run", "--raw", "raw", "--curated", str(curated), *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    seconds = time.perf_counter() - started
    counts = json.loads((curated / "manifest.json").read_text(encoding="utf-8"))["counts"]
    print(f"{label:<22} {seconds:6.1f} s   extracted {counts['extracted']}, reused {counts['reused']}")
    return seconds


def with_server(env: dict[str, str], measure):  # type: ignore[no-untyped-def]
    """Run `measure` against a `prefect server start` on loopback, as a long-running deployment would."""
    import socket
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    api = f"http://127.0.0.1:{port}/api"
    prefect = str(Path(sys.executable).parent / "prefect")
    server = subprocess.Popen(
        [prefect, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        for _ in range(360):
            try:
                with urllib.request.urlopen(f"{api}/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.5)
        return measure(env | {"PREFECT_API_URL": api})
    finally:
        os.killpg(server.pid, signal.SIGINT)
        server.wait(30)


def main() -> None:
    scratch = ROOT / ".state" / "bench"
    shutil.rmtree(scratch, ignore_errors=True)
    env = os.environ | {"PREFECT_HOME": str(scratch / "prefect"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    Path(env["PREFECT_HOME"]).mkdir(parents=True)
    curated = scratch / "curated"
    documents = sum(1 for p in (ROOT / "raw").rglob("*") if p.is_file())
    print(f"{documents} sample documents in raw/")
    cold = run("prefect, cold", [], env, curated)
    warm = run("prefect, warm (cached)", [], env, curated)
    refresh = run("prefect, warm, refresh", ["--refresh"], env, curated)
    direct = run("no prefect", ["--no-prefect"], env, scratch / "curated-direct")
    served = with_server(env, lambda server_env: run("prefect server, cached", [], server_env, curated))
    print(f"against a running server, a cached re-run takes {served:.1f} s (no ephemeral API to start)")
    print(
        f"Prefect first-run set-up: {cold - refresh:5.1f} s; per-run overhead: {refresh - direct:5.1f} s; "
        f"cache saves {refresh - warm:5.1f} s"
    )


if __name__ == "__main__":
    main()
