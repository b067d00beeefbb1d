"""The `extract` command's entry point: Ctrl-C is held back while the command loads, then handed over.

Loading the command imports the library; an interrupt at that moment could land inside a native module's
import (pydantic-core ends it in a Rust panic) and print a traceback. This module imports only built-ins,
holds SIGINT while `flows.cli` is imported (`held_back`, which the CLI uses again while its parser is built),
and then lets `flows.cli.main` own it. Only Python's own start, before any line of the project runs, is left
uncovered.
"""

from __future__ import annotations

import _signal  # the built-in behind `signal`: importing it loads nothing else
import sys

TYPE_CHECKING = False  # `typing` itself is not loaded at start-up: the types below are for readers and tools
if TYPE_CHECKING:
    from collections.abc import Callable
    from types import ModuleType
    from typing import TypeVar

    T = TypeVar("T")

INTERRUPTED = "interrupted; curated/ was left as the last complete run wrote it"


def held_back(load: Callable[[], T]) -> T:
    """`load()` with Ctrl-C held until it returns; an interrupt that came meanwhile is raised then, as
    KeyboardInterrupt. Outside the main thread (a test's worker) nothing can be held and `load` just runs."""
    held: list[int] = []
    try:
        previous = _signal.signal(_signal.SIGINT, lambda signum, frame: held.append(signum))
    except ValueError:  # not the main thread
        return load()
    try:
        loaded = load()
    finally:
        _signal.signal(_signal.SIGINT, previous)
    if held:
        raise KeyboardInterrupt
    return loaded


def _load_cli() -> ModuleType:
    from flows import cli

    return cli


def main(argv: list[str] | None = None) -> int:
    try:
        cli = held_back(_load_cli)
    except KeyboardInterrupt:
        print(INTERRUPTED, file=sys.stderr)
        return 130
    return cli.main(argv)


if __name__ == "__main__":
    sys.exit(main())
