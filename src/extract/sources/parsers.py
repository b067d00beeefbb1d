"""Bytes of one source → its parsed representation, by media type: `parse` is what runs inside the isolated
child; `parse_limited` is how a batch calls it, and reads a long PDF's pages in ranges by several children."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from extract.document import ParsedDocument
from extract.errors import SourceError
from extract.settings import PdfSettings, RunSettings
from extract.sources.detect import HTML, MARKDOWN, PDF
from extract.sources.isolate import map_limited, run_limited

T = TypeVar("T")
ProgressFn = Callable[[int, int], None]
Parser = Callable[..., ParsedDocument]


@dataclass(frozen=True)
class OnDisk:
    """A large file handed to the parsing children by path: each reads it there and checks it against the hash
    the batch took, so the batch's process never holds the file and a file edited mid-run is not half-read."""

    location: str
    sha256: str

    def read(self) -> bytes:
        try:
            data = Path(self.location).read_bytes()
        except OSError as err:
            raise SourceError(f"cannot read the file: {err.strerror or err}") from None
        if hashlib.sha256(data).hexdigest() != self.sha256:
            raise SourceError("the file changed while the run was reading it; run again")
        return data


Content = bytes | OnDisk


def with_bytes(fn: Callable[..., T], content: Content, *args: object, on_progress: ProgressFn | None = None) -> T:
    """`fn(bytes, *args)`, the bytes read here (inside the child) when the file was handed over by path."""
    data = content.read() if isinstance(content, OnDisk) else content
    return fn(data, *args, on_progress=on_progress)


def parse(data: bytes, media_type: str, on_progress: ProgressFn | None = None) -> ParsedDocument:
    # Imported here so that reading articles never loads pdfplumber, and vice versa.
    if media_type == PDF:
        from extract.sources.pdf import parse_pdf

        return parse_pdf(data, PdfSettings(), on_progress)
    if media_type == HTML:
        from extract.sources.html import parse_html

        return parse_html(data)
    from extract.sources.text import parse_text

    return parse_text(data, markdown=media_type == MARKDOWN)


def parse_limited(
    parser: Parser,
    data: Content,
    media_type: str,
    limits: RunSettings,
    on_progress: ProgressFn | None = None,
    pdf_settings: PdfSettings = PdfSettings(),
) -> ParsedDocument:
    """`parser(data, media_type)` in a child process under `limits`. With the default parser, a PDF of more
    than `parallel_min_pages` pages is read in ranges of `pages_per_chunk` pages by `page_workers` children
    at once, each under the same limits; the laid-out pages are composed here, in page order, so running
    heads and feet are found across every page. The output is the same as one child's reading."""
    if parser is not parse or media_type != PDF:
        return run_limited(with_bytes, (parser, data, media_type), limits, on_progress)
    from extract.sources.pdf import PdfOutline, assemble, lay_out_range, page_ranges, parse_or_outline

    first = run_limited(with_bytes, (parse_or_outline, data, pdf_settings), limits, on_progress)
    if not isinstance(first, PdfOutline):
        return first
    count = first.page_count
    ranges = page_ranges(count, pdf_settings)
    done = [0] * len(ranges)
    lock = threading.Lock()

    def progress(k: int, pages: int, _total: int) -> None:
        if on_progress is None:
            return
        with lock:
            done[k] = pages
            on_progress(sum(done), count)

    calls = [(lay_out_range, data, lo, hi, pdf_settings) for lo, hi in ranges]
    parts = map_limited(with_bytes, calls, limits, pdf_settings.page_workers, progress)
    return assemble([page for part in parts for page in part], first.metadata, pdf_settings)
