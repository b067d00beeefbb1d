"""PDF bytes → positioned words per page. The only module that imports pdfplumber.

Pages are read one at a time and closed, so memory holds words, never page objects. Each page's
`page.chars` is read once and turned into words by one lean pass that gives exactly what pdfplumber's
`dedupe_chars(tolerance)` followed by `extract_words(x_tolerance_ratio, y_tolerance, extra_attrs=[fontname,
size])` gives (`tests/test_char_pass.py` checks it), without their per-character dictionaries and sorts.
"""

from __future__ import annotations

import gc
import io
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import compress, count, groupby, pairwise, repeat
from operator import add, itemgetter, le, not_
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.psparser import PSException
from pdfplumber.utils import DEFAULT_X_TOLERANCE
from pdfplumber.utils.text import LIGATURES

from extract.document import Metadata, ParsedDocument
from extract.errors import SourceError
from extract.settings import PdfSettings
from extract.sources.layout import PageLines, Word, compose, lay_out_page
from extract.sources.tables import Grid, find_grids, take_tables

log = logging.getLogger(__name__)

_BOLD = ("bold", "black", "heavy", "semibold", "demi", ",b")
_ITALIC = ("italic", "oblique", ",i")
# TeX's fonts name their weight and shape in a code: CMBX10, CMSSBX10 and ECBX1200 are bold, CMTI10 and
# CMSL10 italic; Times as LaTeX embeds it is NimbusRomNo9L-Medi (bold) and -ReguItal (italic).
_TEX_BOLD = re.compile(r"^(?:cm|ec|tc|lm)[a-z]*?bx?\d|-medi(?:ital)?$")
_TEX_ITALIC = re.compile(r"^(?:cm|ec|tc|lm)[a-z]*?(?:ti|sl|itt)\d|ital$")


def font_style(fontname: str) -> tuple[bool, bool]:
    """(bold, italic) from a font's name, its subset prefix (`GGUFXA+`) dropped."""
    name = fontname.lower().rsplit("+", 1)[-1]
    bold = any(m in name for m in _BOLD) or bool(_TEX_BOLD.search(name))
    italic = any(m in name for m in _ITALIC) or bool(_TEX_ITALIC.search(name))
    return bold, italic


# One character as the pass reads it: a tuple in this field order, so that the fields a duplicate shares
# (text, upright, font, size) and those a word's font run shares (upright, font, size) are slices.
_FIELDS = itemgetter("x0", "x1", "top", "bottom", "doctop", "text", "upright", "fontname", "size")
_X0, _X1, _TOP, _BOTTOM, _DOCTOP, _TEXT, _UPRIGHT, _FONT, _SIZE = range(9)
_GLYPH_OF = itemgetter(slice(_TEXT, _SIZE + 1))
_RUN = itemgetter(slice(_UPRIGHT, _SIZE + 1))
_X0_OF, _X1_OF, _TOP_OF, _BOTTOM_OF, _TEXT_OF = map(itemgetter, (_X0, _X1, _TOP, _BOTTOM, _TEXT))
Char = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class PageWords:
    number: int
    width: float
    height: float
    words: list[Word]
    has_images: bool
    grids: tuple[Grid, ...] = ()  # the page's ruled tables


@dataclass(frozen=True, slots=True)
class PdfOutline:
    """What opening a PDF tells before any page is read: enough to plan reading it in page ranges."""

    metadata: Metadata
    page_count: int


def _chain(members: list[int], values: list[float], tolerance: float) -> list[list[int]]:
    """Members clustered as pdfplumber's `cluster_list` does: sorted by value, a new cluster wherever a value
    exceeds the previous one by more than the tolerance (`value <= last + tolerance` joins, tested in C)."""
    order = sorted(members, key=values.__getitem__)
    v = list(map(values.__getitem__, order))
    joined = map(le, v[1:], map(add, v, repeat(tolerance)))
    cuts = list(compress(range(1, len(order)), map(not_, joined)))
    bounds = [0, *cuts, len(order)]
    return [order[lo:hi] for lo, hi in pairwise(bounds)]


def dedupe(chars: Sequence[Char], tolerance: float) -> list[Char]:
    """Drop fake-bold duplicates, keeping order: `pdfplumber.utils.dedupe_chars(chars, tolerance)`.

    A dict numbers the glyphs (text, upright, font, size: what a duplicate shares), then two linear passes
    after two sorts done in C: in order of top, a character joins the row of the last one seen with its
    glyph when its top is within the tolerance of that one's; in order of x0, it joins the cluster of the
    last one seen in its row when its x0 is within the tolerance. This is pdfplumber's chained clustering
    of each glyph's tops, then of each row's x0. Of a cluster of two or more, the top-left character stays
    (the first drawn on a tie)."""
    n = len(chars)
    ys = [c[_DOCTOP] for c in chars]
    xs = [c[_X0] for c in chars]
    ids: dict[tuple, int] = {}
    glyph = list(map(ids.setdefault, map(_GLYPH_OF, chars), count()))  # one int per distinct glyph
    row = list(range(n))
    last = [-1] * n  # by glyph: the last character seen, in order of top
    for i in sorted(range(n), key=ys.__getitem__):
        j = last[glyph[i]]
        if j >= 0 and ys[i] <= ys[j] + tolerance:
            row[i] = row[j]
        last[glyph[i]] = i
    cluster = list(range(n))
    shared: dict[int, list[int]] = {}
    last = [-1] * n  # by row: the last character seen, in order of x0
    for i in sorted(range(n), key=xs.__getitem__):
        j = last[row[i]]
        if j >= 0 and xs[i] <= xs[j] + tolerance:
            cluster[i] = cluster[j]
            shared.setdefault(cluster[j], [cluster[j]]).append(i)
        last[row[i]] = i
    if not shared:
        return list(chars)
    gone = set()
    for members in shared.values():
        keep = min(members, key=lambda i: (ys[i], xs[i], i))
        gone.update(i for i in members if i != keep)
    return [c for i, c in enumerate(chars) if i not in gone]


def _lines(run: list[Char], upright: bool, y_tolerance: float) -> Iterator[list[Char]]:
    """The chars of one font run as lines, each in reading order (pdfplumber's `iter_chars_to_lines`: lines
    chained across the text direction, a line's chars in their drawing order, then sorted along it)."""
    # Rotated text is clustered by pdfplumber's fixed x_tolerance, since the ratio is given for x only.
    across, tolerance = (_TOP, y_tolerance) if upright else (_X0, DEFAULT_X_TOLERANCE)
    along: Callable[[Char], Any] = itemgetter(_X0) if upright else itemgetter(_TOP, _BOTTOM)
    for members in _chain(list(range(len(run))), [c[across] for c in run], tolerance):
        members.sort()
        yield sorted([run[i] for i in members], key=along)


def chars_to_words(chars: Sequence[Char], page: int, settings: PdfSettings) -> list[Word]:
    """Words of de-duplicated chars, as `extract_words(x_tolerance_ratio, y_tolerance, keep_blank_chars=False,
    extra_attrs=["fontname", "size"])` cuts them: runs of one font and size, split into lines, and a line
    into words at spaces and at gaps wider than `x_tolerance_ratio` × the font size (pdfTeX sets no spaces)."""
    words: list[Word] = []
    y_tol = settings.y_tolerance
    for (upright, font, size), run in groupby(chars, key=_RUN):
        style = (round(float(size), 2), *font_style(str(font)))
        gap = settings.x_tolerance_ratio * size
        # Along the line and across it: x for upright text, y for rotated text (pdfplumber's "ttb").
        lo, hi, across, gap_along, gap_across = (
            (_X0, _X1, _TOP, gap, y_tol) if upright else (_TOP, _BOTTOM, _X0, y_tol, gap)
        )
        pieces: list[list[Char]] = []
        for line in _lines(list(run), upright, y_tol):
            word: list[Char] = []
            prev: Char = ()
            for c in line:
                text = c[_TEXT]
                if text.isspace():
                    if word:
                        pieces.append(word)
                    word = []
                elif text == "":  # pdfplumber makes an empty char a word of its own
                    if word:
                        pieces.append(word)
                    pieces.append([c])
                    word = []
                elif word and (
                    c[lo] < prev[lo] or c[lo] > prev[hi] + gap_along or abs(c[across] - prev[across]) > gap_across
                ):
                    pieces.append(word)
                    word = [c]
                else:
                    word.append(c)
                prev = c
            if word:
                pieces.append(word)
        words.extend(_word(piece, page, style) for piece in pieces)
    return words


def _word(chars: list[Char], page: int, style: tuple[float, bool, bool]) -> Word:
    """A word from its chars, boxed and joined as pdfplumber's `merge_chars` does (ligatures expanded)."""
    text = list(map(_TEXT_OF, chars))
    size, bold, italic = style
    return Word(
        "".join(map(LIGATURES.get, text, text)),
        page,
        float(min(map(_X0_OF, chars))),
        float(max(map(_X1_OF, chars))),
        float(min(map(_TOP_OF, chars))),
        float(max(map(_BOTTOM_OF, chars))),
        size,
        bold,
        italic,
    )


def page_words(page: Any, number: int, settings: PdfSettings) -> PageWords:
    """One pdfplumber page → its words: `page.chars` read once, de-duplicated, cut into words. The page is
    closed as soon as its characters are read, so that its objects are freed before the words are made."""
    chars = list(map(_FIELDS, page.chars))
    width, height, has_images = float(page.width), float(page.height), bool(page.images)
    grids = find_grids(page, settings)
    page.close()
    words = chars_to_words(dedupe(chars, settings.dedupe_tolerance), number, settings)
    return PageWords(number, width, height, words, has_images, grids)


def _out_of_memory(err: BaseException) -> bool:
    """A MemoryError, or what a C extension raises when an allocation fails under the child's address-space cap
    (`SystemError: error return without exception set`): the memory limit, not a damaged file."""
    cur: BaseException | None = err
    while cur is not None:
        if isinstance(cur, MemoryError) or (isinstance(cur, SystemError) and "without exception set" in str(cur)):
            return True
        cur = cur.__cause__ or cur.__context__
    return False


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


def _open(data: bytes) -> tuple[Any, Metadata]:
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        info = pdf.metadata or {}
        count = len(pdf.pages)
    except Exception as err:
        if _out_of_memory(err):
            raise MemoryError from None  # reported as the memory limit by the isolated child
        raise SourceError(_explain(err)) from None
    if count == 0:
        pdf.close()
        raise SourceError("corrupt PDF: it has no pages")

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
    return pdf, meta


def _read(
    pdf: Any, settings: PdfSettings, on_page: Callable[[int, int], None] | None, first: int, last: int
) -> Iterator[PageWords]:
    """Pages `first`..`last` (1-based, inclusive) of an opened PDF, each closed after reading; then the PDF.

    After each page, what is alive (the words kept so far) is moved out of the garbage collector's sight
    (`gc.freeze`), and handed back at the end: otherwise every full collection walks all the words kept
    again: a tenth of the time on a 200-page report. Left alone if the process freezes objects itself."""
    own_freeze = gc.isenabled() and gc.get_freeze_count() == 0
    try:
        with pdf:
            for index in range(first, last + 1):
                page = pdf.pages[index - 1]
                try:
                    item = page_words(page, index, settings)
                except Exception as err:
                    if _out_of_memory(err):
                        raise MemoryError from None  # reported as the memory limit by the isolated child
                    raise SourceError(f"page {index}: {_explain(err)}") from None
                finally:
                    page.close()
                if own_freeze:
                    gc.freeze()
                if on_page:
                    on_page(index - first + 1, last - first + 1)
                yield item
    finally:
        if own_freeze:
            gc.unfreeze()


def iter_pages(
    data: bytes,
    settings: PdfSettings,
    on_page: Callable[[int, int], None] | None = None,
    first: int = 1,
    last: int | None = None,
) -> tuple[Metadata, Iterator[PageWords]]:
    """Open the PDF; return its metadata and an iterator over pages `first`..`last` (1-based, inclusive;
    default all), each closed after reading. `on_page(done, total)` counts the pages of that range."""
    pdf, meta = _open(data)
    count = len(pdf.pages)
    return meta, _read(pdf, settings, on_page, first, count if last is None else min(last, count))


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


def parse_or_outline(
    data: bytes, settings: PdfSettings | None = None, on_progress: Callable[[int, int], None] | None = None
) -> ParsedDocument | PdfOutline:
    """The whole document when the PDF has at most `parallel_min_pages` pages; else only its outline (metadata
    and page count), for the caller to have its pages read in ranges by several workers."""
    settings = settings or PdfSettings()
    pdf, meta = _open(data)
    count = len(pdf.pages)
    if count > settings.parallel_min_pages:
        pdf.close()
        return PdfOutline(meta, count)
    return assemble(_lay_out(_read(pdf, settings, on_progress, 1, count), settings), meta, settings)


def page_ranges(count: int, settings: PdfSettings) -> list[tuple[int, int]]:
    """Pages 1..count cut into ranges of `pages_per_chunk` (first, last), in page order."""
    size = settings.pages_per_chunk
    return [(first, min(first + size - 1, count)) for first in range(1, count + 1, size)]


def lay_out_range(
    data: bytes,
    first: int,
    last: int,
    settings: PdfSettings | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> list[PageLines]:
    """Pages `first`..`last` of a PDF, each laid out into lines: one worker's share of a long PDF. The PDF
    is opened whole, so positions (and what counts as a duplicate) are those of a reading of every page."""
    settings = settings or PdfSettings()
    _, pages = iter_pages(data, settings, on_progress, first, last)
    return _lay_out(pages, settings)


def _lay_out(pages: Iterable[PageWords], settings: PdfSettings) -> list[PageLines]:
    laid = []
    for p in pages:
        words, rows = take_tables(p.words, p.grids, settings)
        laid.append(lay_out_page(p.number, p.width, p.height, words, p.has_images, settings, tuple(rows)))
    return laid


def assemble(pages: list[PageLines], meta: Metadata, settings: PdfSettings) -> ParsedDocument:
    """Laid-out pages, in page order, into the document; a PDF without any text fails with the reason."""
    if not any(p.lines for p in pages):
        scanned = sum(p.has_images for p in pages)
        if scanned:
            raise SourceError(
                f"no text layer: {scanned} of {len(pages)} pages are images only (a scanned PDF?); run OCR first"
            )
        raise SourceError("no text: the PDF has no characters on any page")
    return compose(pages, meta, settings)


def parse_pdf(
    data: bytes, settings: PdfSettings | None = None, on_page: Callable[[int, int], None] | None = None
) -> ParsedDocument:
    """The whole PDF in this process, page after page."""
    settings = settings or PdfSettings()
    meta, pages = iter_pages(data, settings, on_page)
    return assemble(_lay_out(pages, settings), meta, settings)
