"""The ephemeral Prefect API that `extract run` starts dies with the run, even when the run is killed.

Prefect 3.8 starts it as a child process (`SubprocessASGIServer`) and stops it on a normal exit only; after a
`kill -9` of the run it would listen on for good. Here the child asks the kernel for SIGTERM when its parent
dies (Linux `PR_SET_PDEATHSIG`), and it runs in its own session, so that a Ctrl-C in the terminal stops
the run without first killing the API the run reports its end to (which had meant minutes of connection
errors). Installed by the CLI before the flow starts; a no-op where prctl is missing.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
from typing import Any

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _die_with(parent: int) -> None:
    """Runs in the child between fork and exec: SIGTERM when the parent dies (and at once if it already has)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:
        os._exit(1)


class _Popen(subprocess.Popen):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        parent = os.getpid()
        kwargs.setdefault("preexec_fn", lambda: _die_with(parent))
        kwargs.setdefault("start_new_session", True)  # a Ctrl-C in the terminal is for the run, not its API
        super().__init__(*args, **kwargs)


class _Subprocess:
    """The `subprocess` module as Prefect's server module sees it, with Popen that ties the child to us."""

    def __getattr__(self, name: str) -> Any:
        return _Popen if name == "Popen" else getattr(subprocess, name)


def tie_ephemeral_server_to_this_process() -> None:
    try:
        ctypes.CDLL(None).prctl  # noqa: B018 - Linux only
    except AttributeError:
        return
    from prefect.server.api import server

    server.subprocess = _Subprocess()  # type: ignore[attr-defined]
