"""Run a parser in a child process with a time and memory limit, so one bad document cannot stop a batch.

The child is forked from a forkserver that has already imported the parsers, so a call costs a fork, not
an interpreter start; forking the caller itself is avoided because Prefect runs threads. The child sets
RLIMIT_AS to its current size plus the memory budget, so a runaway allocation ends in MemoryError inside
the child, not in the machine's OOM killer. Progress callbacks cross the pipe as messages.

`map_limited` runs several such calls at once (a long PDF's page ranges), each child under the same
limits; the first failure stops the others.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import resource
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from typing import Any

from extract.errors import SourceError
from extract.settings import RunSettings

# Imported once in the forkserver, so each forked child starts with the parsers warm.
_PRELOAD = [
    "extract.sources.forkserver",  # first: the forkserver ignores Ctrl-C while it imports the rest
    "extract.sources.parsers",
    "extract.sources.pdf",
    "extract.sources.html",
    "extract.sources.text",
]
_CONTEXT: Any = None


def preload(*modules: str) -> None:
    """Modules the forkserver imports too (before its first child), so that children start with them warm."""
    _PRELOAD.extend(m for m in modules if m not in _PRELOAD)


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


_STAGE: dict[str, Any] = {}  # inside a child: its pipe to the parent and the name of the stage it runs


def stage(name: str) -> None:
    """Inside an isolated child, name the stage it now runs ("rules" after "parser"), so that a limit that
    stops it is reported against that stage. Does nothing outside a child."""
    if "conn" in _STAGE:
        _STAGE["what"] = name
        _STAGE["conn"].send(("stage", name))


def _child(conn: Connection, fn: Callable[..., Any], args: tuple, memory_mb: int, what: str) -> None:
    _STAGE.update(conn=conn, what=what)
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
        _report(conn, ("limit", f"{_STAGE['what']} exceeded its memory limit ({memory_mb} MiB, --memory-mb)"))
    except SourceError as exc:
        _report(conn, ("error", str(exc)))
    except BaseException as exc:  # reported to the parent, which records it against the document
        _report(conn, ("error", f"{_STAGE['what']} crashed: {type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def _report(conn: Connection, message: tuple) -> None:
    """Send the child's failure to the parent; a parent that has gone (an interrupted run) is told nothing."""
    with contextlib.suppress(OSError):  # BrokenPipeError: the parent stopped waiting and is about to kill this child
        conn.send(message)


class LimitExceeded(SourceError):
    """The call ran out of its time or memory: the document may pass on another run (a less busy machine)."""


class Stopped(SourceError):
    """The call was stopped from outside (another call of the same `map_limited` failed)."""


STOP_POLL_S = 0.1  # seconds between two looks at the stop flag while a stoppable child runs


def run_limited(
    fn: Callable[..., Any],
    args: tuple,
    limits: RunSettings,
    on_progress: Callable[[int, int], None] | None = None,
    stop: threading.Event | None = None,
    what: str = "parser",
) -> Any:
    """`fn(*args, on_progress=…)` in a child process; raises SourceError on timeout, memory or crash.

    `fn` must be importable by name (a module-level function), since it is pickled to the child. When
    `stop` is set, the child is killed and Stopped is raised.
    """
    if not limits.isolate:
        return fn(*args, on_progress=on_progress)
    if stop is not None and stop.is_set():
        raise Stopped("stopped before it started")
    poll_s = 1.0 if stop is None else STOP_POLL_S
    ctx = _context()
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, fn, args, limits.memory_mb, what), daemon=True)
    proc.start()
    child.close()
    deadline = time.monotonic() + limits.timeout_s
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise LimitExceeded(
                    f"{what} timed out after {limits.timeout_s:g} s (--timeout); the document was skipped"
                )
            if stop is not None and stop.is_set():
                raise Stopped("stopped: another part of the document failed")
            if not parent.poll(min(remaining, poll_s)):
                if not proc.is_alive() and not parent.poll(0):
                    raise SourceError(f"{what} process died (exit code {proc.exitcode})")
                continue
            try:
                message = parent.recv()
            except EOFError:
                proc.join(1)
                raise SourceError(f"{what} process died (exit code {proc.exitcode})") from None
            kind = message[0]
            if kind == "stage":  # the child moved on (parser → rules): a limit now stops that stage
                what = message[1]
                continue
            if kind == "progress":
                if on_progress is not None:
                    on_progress(message[1], message[2])
                continue
            if kind == "ok":
                return message[1]
            if kind == "limit":
                raise LimitExceeded(message[1])
            raise SourceError(message[1])  # the document's own error, or the crash that stopped it
    finally:
        parent.close()
        if proc.is_alive():
            proc.kill()
        proc.join(5)


def map_limited(
    fn: Callable[..., Any],
    calls: Sequence[tuple],
    limits: RunSettings,
    workers: int,
    on_progress: Callable[[int, int, int], None] | None = None,
) -> list[Any]:
    """`fn(*args, on_progress=…)` for each args of `calls`, each in its own limited child, at most `workers`
    at once; the results in the order of `calls`. `on_progress(call, done, total)` reports each call's own
    progress. The first failure kills the children still running, skips those not started, and is raised.
    """

    def reporter(k: int) -> Callable[[int, int], None] | None:
        return None if on_progress is None else lambda done, total: on_progress(k, done, total)

    if not limits.isolate:
        return [fn(*args, on_progress=reporter(k)) for k, args in enumerate(calls)]
    stop = threading.Event()
    failures: list[BaseException] = []

    def one(k: int, args: tuple) -> Any:
        try:
            return run_limited(fn, args, limits, reporter(k), stop)
        except Stopped:
            raise
        except BaseException as exc:
            failures.append(exc)  # list.append is atomic: the first failure stays first
            stop.set()
            raise

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="limited") as pool:
        futures = [pool.submit(one, k, args) for k, args in enumerate(calls)]
        try:
            for future in futures:
                future.exception()  # wait for every call: a failure has stopped the others quickly
        except BaseException:  # interrupted (Ctrl-C): stop the children too
            stop.set()
            raise
    if failures:
        raise failures[0]
    return [future.result() for future in futures]
