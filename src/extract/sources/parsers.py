"""Bytes of one source → its parsed representation, by media type; what runs inside the isolated child."""

from __future__ import annotations

from collections.abc import Callable

from extract.document import ParsedDocument
from extract.settings import PdfSettings
from extract.sources.detect import HTML, MARKDOWN, PDF

ProgressFn = Callable[[int, int], None]
Parser = Callable[..., ParsedDocument]


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
