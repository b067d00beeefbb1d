"""Run a parser in a child process with a time and memory limit, so one bad document cannot stop a batch.

The child is forked from a forkserver that has already imported the parsers, so a call costs a fork, not
an interpreter start; forking the caller itself is avoided because Prefect runs threads. The child sets
RLIMIT_AS to its current size plus the memory budget, so a runaway allocation ends in MemoryError inside
the child, not in the machine's OOM killer. Progress callbacks cross the pipe as messages.
"""

from __future__ import annotations

import multiprocessing
import resource
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from extract.errors import SourceError
from extract.settings import RunSettings

# Imported once in the forkserver, so each forked child starts with the parsers warm.
_PRELOAD = ["extract.sources.parsers", "extract.sources.pdf", "extract.sources.html", "extract.sources.text"]
_CONTEXT: Any = None


def _context() -> Any:
    global _CONTEXT
    if _CONTEXT is None:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(_PRELOAD)
        _CONTEXT = ctx
    return _CONTEXT


def _address_space() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[0]) * resource.getpagesize()


def _child(conn: Connection, fn: Callable[..., Any], args: tuple, memory_mb: int) -> None:
    try:
        limit = _address_space() + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (OSError, ValueError):  # no /proc or limit not allowed: run without the memory cap
        pass

    def progress(done: int, total: int) -> None:
        conn.send(("progress", done, total))

    try:
        conn.send(("ok", fn(*args, on_progress=progress)))
    except MemoryError:
        conn.send(("error", f"parser exceeded its memory limit ({memory_mb} MiB)"))
    except SourceError as exc:
        conn.send(("error", str(exc)))
    except BaseException as exc:  # reported to the parent, which records it against the document
        conn.send(("error", f"parser crashed: {type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def run_limited(
    fn: Callable[..., Any],
    args: tuple,
    limits: RunSettings,
    on_progress: Callable[[int, int], None] | None = None,
) -> Any:
    """`fn(*args, on_progress=…)` in a child process; raises SourceError on timeout, memory or crash.

    `fn` must be importable by name (a module-level function), since it is pickled to the child.
    """
    if not limits.isolate:
        return fn(*args, on_progress=on_progress)
    ctx = _context()
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, fn, args, limits.memory_mb), daemon=True)
    proc.start()
    child.close()
    deadline = time.monotonic() + limits.timeout_s
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise SourceError(f"parser timed out after {limits.timeout_s:g} s; the document was skipped")
            if not parent.poll(min(remaining, 1.0)):
                if not proc.is_alive() and not parent.poll(0):
                    raise SourceError(f"parser process died (exit code {proc.exitcode})")
                continue
            try:
                message = parent.recv()
            except EOFError:
                proc.join(1)
                raise SourceError(f"parser process died (exit code {proc.exitcode})") from None
            kind = message[0]
            if kind == "progress":
                if on_progress is not None:
                    on_progress(message[1], message[2])
                continue
            if kind == "ok":
                return message[1]
            raise SourceError(message[1])  # the document's own error, or the limit or crash that stopped it
    finally:
        parent.close()
        if proc.is_alive():
            proc.kill()
        proc.join(5)
