"""Parser stand-ins that misbehave; module-level so that they can be sent to the parser's child process."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable

from extract.document import ParsedDocument
from extract.sources.parsers import parse

HANG_MARKER = b"HANG"


def sleepy(seconds: float, on_progress: Callable[[int, int], None] | None = None) -> str:
    for page in range(1, 4):
        if on_progress:
            on_progress(page, 3)
    time.sleep(seconds)
    return "done"


def hog(megabytes: int, on_progress: Callable[[int, int], None] | None = None) -> int:
    chunks = [bytearray(1024 * 1024) for _ in range(megabytes)]
    return len(chunks)


def segfault(on_progress: Callable[[int, int], None] | None = None) -> None:
    os.kill(os.getpid(), signal.SIGSEGV)


def hang_on_marker(
    data: bytes, media_type: str, on_progress: Callable[[int, int], None] | None = None
) -> ParsedDocument:
    """The real parser, except for documents that start with HANG_MARKER, which never return."""
    if data.startswith(HANG_MARKER):
        while True:
            time.sleep(1)
    return parse(data, media_type, on_progress)


def rules_hang_on_marker(source, media_type: str, parsed: ParsedDocument, profile_path, on_progress=None):  # type: ignore[no-untyped-def]
    """The real rules, except for documents whose text starts with HANG_MARKER: those never return."""
    from extract.batch import run_rules

    if parsed.text.startswith(HANG_MARKER.decode()):
        while True:
            time.sleep(1)
    return run_rules(source, media_type, parsed, profile_path)
