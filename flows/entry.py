"""The `extract` command's entry point: Ctrl-C is held back while the command loads, then handed over.

Loading the command imports the library; an interrupt at that moment could land inside a native module's
import (pydantic-core ends it in a Rust panic) and print a traceback. This module imports only built-ins,
holds SIGINT while `flows.cli` is imported, and then lets `flows.cli.main` own it (which holds it again while
its parser is built). Only Python's own start, before any line of the project runs, is left uncovered.
"""

from __future__ import annotations

import _signal  # the built-in behind `signal`: importing it loads nothing else
import sys

INTERRUPTED = "interrupted; curated/ was left as the last complete run wrote it"


def main(argv: list[str] | None = None) -> int:
    held: list[int] = []
    try:
        previous = _signal.signal(_signal.SIGINT, lambda signum, frame: held.append(signum))
    except ValueError:  # not the main thread (called from a test's worker): nothing to hold
        previous = None
    try:
        from flows import cli
    finally:
        if previous is not None:
            _signal.signal(_signal.SIGINT, previous)
    if held:
        print(INTERRUPTED, file=sys.stderr)
        return 130
    return cli.main(argv)


if __name__ == "__main__":
    sys.exit(main())
