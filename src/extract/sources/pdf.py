"""PDF bytes → positioned words per page. The only module that imports pdfplumber.

Pages are read one at a time and closed, so memory holds words, never page objects.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.psparser import PSException

from extract.document import Metadata, ParsedDocument
from extract.errors import SourceError
from extract.settings import PdfSettings
from extract.sources.layout import Word, build_document

log = logging.getLogger(__name__)

_BOLD = ("bold", "black", "heavy", "semibold", "demi", ",b")
_ITALIC = ("italic", "oblique", ",i")


@dataclass(frozen=True, slots=True)
class PageWords:
    number: int
    width: float
    height: float
    words: list[Word]
    has_images: bool


def _word(raw: dict, page: int) -> Word:
    font = str(raw.get("fontname", "")).lower()
    return Word(
        text=raw["text"],
        page=page,
        x0=float(raw["x0"]),
        x1=float(raw["x1"]),
        top=float(raw["top"]),
        bottom=float(raw["bottom"]),
        size=round(float(raw.get("size", 0.0)), 2),
        bold=any(mark in font for mark in _BOLD),
        italic=any(mark in font for mark in _ITALIC),
    )


def _explain(err: BaseException) -> str:
    chain: list[BaseException] = []
    cur: BaseException | None = err
    while cur is not None and len(chain) < 5:
        chain.append(cur)
        cur = (
            cur.__cause__
            or cur.__context__
            or (cur.args[0] if cur.args and isinstance(cur.args[0], BaseException) else None)
        )
    if any(isinstance(e, PDFPasswordIncorrect | PDFEncryptionError) for e in chain):
        return "encrypted PDF: it needs a password (or uses an unsupported encryption) to be read"
    if any(isinstance(e, PSException) for e in chain):
        return f"corrupt PDF: the file structure cannot be parsed ({chain[-1]!r})"
    return f"unreadable PDF: {type(chain[-1]).__name__}: {chain[-1]}"


def iter_pages(
    data: bytes, settings: PdfSettings, on_page: Callable[[int, int], None] | None = None
) -> tuple[Metadata, Iterator[PageWords]]:
    """Open the PDF; return its metadata and an iterator over pages (each closed after reading)."""
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        info = pdf.metadata or {}
        count = len(pdf.pages)
    except Exception as err:
        raise SourceError(_explain(err)) from None
    if count == 0:
        pdf.close()
        raise SourceError("corrupt PDF: it has no pages")

    def pages() -> Iterator[PageWords]:
        with pdf:
            for index, page in enumerate(pdf.pages, start=1):
                try:
                    words = page.dedupe_chars(tolerance=settings.dedupe_tolerance).extract_words(
                        x_tolerance_ratio=settings.x_tolerance_ratio,
                        y_tolerance=settings.y_tolerance,
                        keep_blank_chars=False,
                        extra_attrs=["fontname", "size"],
                    )
                    item = PageWords(
                        index,
                        float(page.width),
                        float(page.height),
                        [_word(w, index) for w in words],
                        bool(page.images),
                    )
                except Exception as err:
                    raise SourceError(f"page {index}: {_explain(err)}") from None
                finally:
                    page.close()
                if on_page:
                    on_page(index, count)
                yield item

    def text_of(key: str) -> str | None:
        value = info.get(key)
        if isinstance(value, bytes):
            value = value.decode("utf-8", errors="replace")
        return str(value).strip() or None if value else None

    meta = Metadata(
        title=text_of("Title"),
        author=text_of("Author"),
        publisher=None,
        published=_pdf_date(info.get("CreationDate")),
        page_count=count,
    )
    return meta, pages()


def _pdf_date(value: object) -> str | None:
    """PDF dates look like D:20260204120000Z; keep the calendar date."""
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    if not isinstance(value, str):
        return None
    digits = value.removeprefix("D:")[:8]
    if len(digits) == 8 and digits.isdigit():
        return f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}"
    return None


def parse_pdf(
    data: bytes, settings: PdfSettings | None = None, on_page: Callable[[int, int], None] | None = None
) -> ParsedDocument:
    settings = settings or PdfSettings()
    meta, pages = iter_pages(data, settings, on_page)
    collected = list(pages)
    if not any(p.words for p in collected):
        scanned = sum(p.has_images for p in collected)
        if scanned:
            raise SourceError(
                f"no text layer: {scanned} of {len(collected)} pages are images only (a scanned PDF?); run OCR first"
            )
        raise SourceError("no text: the PDF has no characters on any page")
    return build_document([(p.number, p.width, p.height, p.words) for p in collected], meta, settings)
