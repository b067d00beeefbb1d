"""Pure page geometry: positioned words → lines → reading-ordered blocks → ParsedDocument.

Knows nothing of pdfplumber, so it is tested with hand-made words.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate, pairwise, repeat
from operator import attrgetter, itemgetter
from statistics import median
from typing import NamedTuple

from extract.document import BBox, Metadata, ParsedDocument, SegmentKind
from extract.settings import DEFAULT_FLUSH_GAP_RATIO, DEFAULT_SUPERSCRIPT, PdfSettings
from extract.sources.builder import TextBuilder

_BULLET = re.compile(r"^(?:[•▪◦●‣■□–-]|\d{1,2}[.)]|\(cid:\d+\))$")
_FOLIO = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$", re.I)
_QUOTE_OPEN = '"“‘«„'
_X0, _X1, _TOP, _BOTTOM = attrgetter("x0"), attrgetter("x1"), attrgetter("top"), attrgetter("bottom")


class Word(NamedTuple):
    """A word as the PDF places it: a tuple, since a long report holds hundreds of thousands of them."""

    text: str
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False
    italic: bool = False


class Line:
    """Words of one line of one column, with its text, box and weight, computed once when it is made (its words
    never change afterwards) since every step of the layout reads them; its size is computed on first use."""

    __slots__ = ("_size", "bbox", "bold", "column", "flush_gap_ratio", "text", "words")

    def __init__(
        self,
        words: list[Word],
        column: int,
        flush_gap_ratio: float = DEFAULT_FLUSH_GAP_RATIO,
        superscript: tuple[float, float, int] = DEFAULT_SUPERSCRIPT,
    ) -> None:
        self.words = words
        self.column = column  # -1: spans the columns
        self.flush_gap_ratio = flush_gap_ratio
        self.bbox: BBox = (min(map(_X0, words)), min(map(_TOP, words)), max(map(_X1, words)), max(map(_BOTTOM, words)))
        prev = words[0]
        first_raised = len(words) > 1 and _raised(prev, words[1], superscript)  # `²Advisory board survey…`
        parts = [prev.text.translate(_SUPERSCRIPTS) if first_raised else prev.text]
        for word in words[1:]:
            if _raised(word, prev, superscript):  # a footnote mark: `Complexity¹`, not `Complexity1`
                parts.append(word.text.translate(_SUPERSCRIPTS))
                continue  # the gap to the next word is measured from the word it marks
            # Words split only by a font change sit flush; real word gaps are wider.
            if word.x0 - prev.x1 > flush_gap_ratio * max(word.size, 1.0) and not (first_raised and prev is words[0]):
                parts.append(" ")
            parts.append(word.text)
            prev = word
        self.text = "".join(parts)
        self.bold = sum(len(w.text) for w in words if w.bold) * 2 > sum(len(w.text) for w in words)
        self._size: float | None = None

    @property
    def page(self) -> int:
        return self.words[0].page

    @property
    def size(self) -> float:
        """The size most of the line's characters have (the first such size on a tie)."""
        if self._size is None:
            chars: dict[float, int] = {}
            for w in self.words:
                if w.text:
                    chars[w.size] = chars.get(w.size, 0) + len(w.text)
            if not chars:
                raise IndexError("a line without characters has no size")
            self._size = max(max(chars.items(), key=itemgetter(1))[0], 0.0)
        return self._size

    @property
    def italic(self) -> bool:
        return sum(len(w.text) for w in self.words if w.italic) * 2 > sum(len(w.text) for w in self.words)


_SUPERSCRIPTS = str.maketrans("0123456789*+", "⁰¹²³⁴⁵⁶⁷⁸⁹*⁺")
_MARKS = frozenset("0123456789*†‡§+")


def _raised(word: Word, base: Word, superscript: tuple[float, float, int]) -> bool:
    """A footnote or reference mark: a few digits or symbols set smaller than the word beside it and raised."""
    size_ratio, raise_ratio, max_chars = superscript
    return (
        0 < len(word.text) <= max_chars
        and all(c in _MARKS for c in word.text)
        and word.size <= size_ratio * base.size
        and word.bottom < base.bottom - raise_ratio * base.size
    )


@dataclass(frozen=True, slots=True)
class TableRow:
    """One row of a ruled table (`sources.tables`): (column, lines of the cell) for each cell holding words."""

    cells: tuple[tuple[int, tuple[Line, ...]], ...]
    top: float
    header: bool


@dataclass(frozen=True, slots=True)
class PageLines:
    """One page laid out: its lines in reading order, and its ruled tables' rows top to bottom. What a worker
    sends back for each page it reads."""

    number: int
    height: float
    lines: list[Line]
    has_images: bool = False
    rows: tuple[TableRow, ...] = ()


def find_gutters(words: list[Word], width: float, settings: PdfSettings) -> list[float]:
    """x positions of empty vertical strips between text columns (at most a few words may cross them)."""
    if len(words) < settings.min_column_page_words:
        return []
    # How many words cover each whole point of the width: +1 where a word starts, -1 past its end, summed.
    size = int(width) + 2
    steps = [0] * (size + 1)
    for x0, x1 in zip(map(int, map(_X0, words)), map(int, map(_X1, words)), strict=True):
        start, end = max(x0, 0), min(x1 + 1, size)
        if start < end:
            steps[start] += 1
            steps[end] -= 1
    cover = list(accumulate(steps[:size]))
    allowed = max(1, int(len(words) * settings.gutter_crossing_share))
    lo_x, hi_x = (int(width * share) for share in settings.gutter_band)
    left_edge = min(map(int, map(_X0, words)))
    right_edge = max(map(int, map(_X1, words)))
    strips: list[tuple[float, int]] = []  # (centre, empty width)
    x = max(lo_x, left_edge + 1)
    while x < min(hi_x, right_edge):
        if cover[x] <= allowed:
            start = x
            while x < min(hi_x, right_edge) and cover[x] <= allowed:
                x += 1
            # Both sides must hold real text, or this is just a ragged margin.
            left = sum(1 for w in words if w.x1 <= start)
            right = sum(1 for w in words if w.x0 >= x)
            enough = min(left, right) >= settings.min_column_words
            if x - start >= settings.min_gutter and enough:
                strips.append(((start + x) / 2, x - start))
        x += 1
    return _drop_narrow_columns(strips, left_edge, right_edge, settings)


def _drop_narrow_columns(
    strips: list[tuple[float, int]], left_edge: float, right_edge: float, settings: PdfSettings
) -> list[float]:
    """A "column" narrower than `min_column_share` of the text's width is a column of numbers (a contents
    page's page numbers, a table's figures), not a column of text: of the two strips beside it, the
    narrower one is no gutter."""
    least = settings.min_column_share * (right_edge - left_edge)
    while strips:
        edges = [left_edge, *(c for c, _ in strips), right_edge]
        narrow = next((k for k in range(len(edges) - 1) if edges[k + 1] - edges[k] < least), None)
        if narrow is None:
            break
        beside = [k for k in (narrow - 1, narrow) if 0 <= k < len(strips)]  # strips left and right of it
        strips.pop(min(beside, key=lambda k: strips[k][1]))
    return [c for c, _ in strips]


def word_lines(words: list[Word], tol: float, lookback: int) -> list[list[Word]]:
    lines: list[list[Word]] = []
    keys = list(zip(map(round, map(_TOP, words), repeat(1)), map(_X0, words), strict=True))  # (round(top, 1), x0)
    for w in map(words.__getitem__, sorted(range(len(words)), key=keys.__getitem__)):
        for line in reversed(lines[-lookback:]):
            ref = line[0]
            if abs(ref.top - w.top) <= tol or abs(ref.bottom - w.bottom) <= tol:
                line.append(w)
                break
        else:
            lines.append([w])
    return [sorted(line, key=_X0) for line in lines]


def _split_at_gaps(line: list[Word], gap: float) -> int:
    """How many runs of words a line holds, split where the space between two words is at least `gap`."""
    return 1 + sum(1 for a, b in pairwise(line) if b.x0 - a.x1 >= gap)


def _crosses(line: list[Word], gutters: list[float], gap: float) -> bool:
    """A line set across a gutter: a word over it, or words either side of it closer than a gutter's width."""
    pairs = list(pairwise(line))
    return any(w.x0 < g < w.x1 for w in line for g in gutters) or any(
        a.x1 <= g <= b.x0 and b.x0 - a.x1 < gap for a, b in pairs for g in gutters
    )


def _wrapped_lines(raw_lines: list[list[Word]], gutters: list[float]) -> int:
    """How many lines of these columns run on into the next line of their column (no closing punctuation,
    the next starts in lower case): prose set in columns has them, a table's rows do not."""
    edges = [float("-inf"), *gutters, float("inf")]
    count = 0
    for lo, hi in pairwise(edges):
        texts = [" ".join(w.text for w in line if lo <= (w.x0 + w.x1) / 2 < hi) for line in raw_lines]
        texts = [t for t in texts if t]
        count += sum(1 for a, b in pairwise(texts) if a[-1] not in ".!?:" and b[:1].islower())
    return count


def _column_regions(
    raw_lines: list[list[Word]], width: float, page_gutters: list[float], settings: PdfSettings
) -> dict[int, list[float]]:
    """Gutters of their own for stretches of side-by-side lines between full-width text (a flyer's three
    columns under a full-width intro): {index of a stretch's first line: its gutters, …, index past its
    last line: []}, only where they differ from the page's."""
    regions: dict[int, list[float]] = {}
    narrow = settings.region_narrow_line_share * width

    def side_by_side(line: list[Word]) -> bool:
        return _split_at_gaps(line, settings.min_gutter) >= 2

    def in_a_column(line: list[Word]) -> bool:  # `Enablers` alone under `Tech`: one column's line
        return line[-1].x1 - line[0].x0 < narrow

    def apart(j: int) -> bool:  # a gap of several lines' height between two lines ends a stretch
        above, below = raw_lines[j - 1], raw_lines[j]
        gap = min(w.top for w in below) - max(w.bottom for w in above)
        return gap > settings.region_break_ratio * max(w.size for w in above)

    k = 0
    while k < len(raw_lines):
        j = k
        while j < len(raw_lines) and (side_by_side(raw_lines[j]) or (j > k and in_a_column(raw_lines[j]))):
            if j > k and apart(j):
                break
            j += 1
        while j > k and not side_by_side(raw_lines[j - 1]):
            j -= 1  # the stretch ends on side-by-side lines; a column's last lines are added below
        if k == 0 and j == len(raw_lines):
            break  # the whole page is one stretch: its gutters are the page's
        if sum(map(side_by_side, raw_lines[k:j])) >= 2:
            gutters = find_gutters([w for line in raw_lines[k:j] for w in line], width, settings)
            while gutters and j < len(raw_lines) and not _crosses(raw_lines[j], gutters, settings.min_gutter):
                j += 1  # a line in one of the columns alone (the longer column's last lines)
            if (
                len(gutters) > len(page_gutters)
                and _wrapped_lines(raw_lines[k:j], gutters) >= settings.min_region_wraps
            ):
                regions[k], regions[j] = gutters, []
        k = max(j, k + 1)
    return regions


def page_lines(words: list[Word], width: float, settings: PdfSettings) -> list[Line]:
    """Lines of one page in reading order: bands between full-width lines, each band column by column."""
    page_gutters = gutters = find_gutters(words, width, settings)
    ratio, marks = settings.flush_gap_ratio, settings.superscript
    out: list[Line] = []
    band: list[Line] = []

    def flush() -> None:
        band.sort(key=lambda ln: (ln.column, ln.bbox[1], ln.bbox[0]))
        out.extend(band)
        band.clear()

    raw_lines = sorted(
        word_lines(words, settings.y_tolerance, settings.line_lookback), key=lambda ln: min(map(_TOP, ln))
    )
    regions = _column_regions(raw_lines, width, page_gutters, settings)
    for index, raw in enumerate(raw_lines):
        if index in regions:
            flush()
            gutters = regions[index] or page_gutters
        if not gutters or any(w.x0 < g < w.x1 for w in raw for g in gutters):
            flush()
            out.append(Line(raw, -1 if gutters else 0, ratio, marks))
            continue
        for col in range(len(gutters) + 1):
            lo = gutters[col - 1] if col else float("-inf")
            hi = gutters[col] if col < len(gutters) else float("inf")
            part = [w for w in raw if lo <= (w.x0 + w.x1) / 2 < hi]
            if part:
                band.append(Line(part, col, ratio, marks))
    flush()
    return out


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower()).strip()


def classify_furniture(pages: list[PageLines], settings: PdfSettings) -> dict[int, SegmentKind]:
    """Map id(line) → header/footer/page_number for running heads, running feet and folios, seeing every page."""
    zone: dict[int, str] = {}
    counts: Counter[str] = Counter()
    for page in pages:
        height, lines = page.height, page.lines
        seen: set[str] = set()
        for ln in lines:
            _, top, _, bottom = ln.bbox
            if bottom <= height * settings.margin_ratio:
                zone[id(ln)] = "header"
            elif top >= height * (1 - settings.margin_ratio):
                zone[id(ln)] = "footer"
            else:
                continue
            seen.add(_furniture_key(ln.text))
        counts.update(seen)
    needed = max(settings.min_repeat_pages, int(len(pages) * settings.repeat_share))
    kinds: dict[int, SegmentKind] = {}
    for page in pages:
        for ln in page.lines:
            where = zone.get(id(ln))
            if where is None:
                continue
            text = ln.text.strip()
            if _FOLIO.match(text):
                kinds[id(ln)] = "page_number"
            elif counts[_furniture_key(text)] >= needed:
                kinds[id(ln)] = "header" if where == "header" else "footer"
    return kinds


def _body_size(lines: list[Line], settings: PdfSettings) -> float:
    sizes: Counter[float] = Counter()
    for ln in lines:
        for w in ln.words:
            sizes[w.size] += len(w.text)
    return sizes.most_common(1)[0][0] if sizes else settings.body_size


def _broken_by_hand(
    start: Line, prev: Line, line: Line, body: float, settings: PdfSettings, right: dict[int, float]
) -> bool:
    """`Competency-Based Pathways` / `Family Partnerships Reimagined` on a slide: the line ended although the next
    line's first word would have fitted after it, so the break is the writer's (a list, a slide), not a wrap.
    Headings are left alone: designers break long titles by hand."""
    heading = prev.bold and prev.size >= body * settings.heading_size_ratio
    if heading or prev.text.rstrip().endswith(("-", "‐", ",", "&")) or start.text.lstrip()[:1] in _QUOTE_OPEN:
        return False  # a pull quote sits in a box narrower than its column: its short lines are wraps
    marked = len(start.words) > 1 and _BULLET.match(start.words[0].text) is not None
    if marked and abs(line.bbox[0] - start.words[1].x0) <= settings.align_tolerance:
        return False  # `1. Sustaining Trust in` / `   an AI-Saturated World`: the item's hanging indent
    last = prev.text.split()[-1]
    if last.isalpha() and last.islower() and len(last) < settings.title_long_word and _item_line(line.text, settings):
        return False  # a title line does not end on `in`, `of`, `and`: it goes on in the next line
    if not prev.bold and _item_line(prev.text, settings) and _item_line(line.text, settings):
        return True  # one title-case item per line: `Competency-Based Pathways` / `Family Partnerships …`
    if line.text[:1].islower():
        return False  # the sentence goes on: a box narrower than its column wraps early
    open_end = prev.text.rstrip()[-1:].isalnum() and line.text.rstrip()[-1:] in ".!?"
    if open_end and not _title_like(prev.text, settings):
        return False  # `… that connect the Hurdles, Accelerators and Tech` / `Enablers.`: the sentence ends here
    edge = right.get(line.column, prev.bbox[2])
    first = line.words[0]
    room = edge - prev.bbox[2]
    return room > (first.x1 - first.x0) + settings.wrap_slack_ratio * max(prev.size, 1.0)


_INNER_SEPARATORS = re.compile(r"[:;—–·|]|\s\d+[.)]\s")  # a line that lists or labels, not one item


def _item_line(text: str, settings: PdfSettings) -> bool:
    """A line that is one title-case item: no sentence end, no separators inside, ends in a word or `)`."""
    text = text.strip()
    ends = text[-1:].isalnum() or text[-1:] == ")"
    return _title_like(text, settings) and not _INNER_SEPARATORS.search(text) and ends


def _title_like(text: str, settings: PdfSettings) -> bool:
    """Most long words capitalized and no sentence end: a title or a list item, not a line of prose."""
    words = [w for w in text.split() if len(w.strip("()[]“”\"'.,:;")) >= settings.title_long_word]
    if not words or text.rstrip()[-1:] in ".!?:;":
        return False
    return sum(w.lstrip("(“\"'")[:1].isupper() for w in words) >= settings.title_capitalized_share * len(words)


def _starts_block(
    prev: Line,
    line: Line,
    body: float,
    settings: PdfSettings,
    right: dict[int, float] | None = None,
    start: Line | None = None,
) -> bool:
    gap = line.bbox[1] - prev.bbox[3]
    below = prev.page == line.page and 0 <= gap <= settings.paragraph_gap_ratio * max(prev.size, line.size)
    aligned = (
        below and abs(prev.bbox[0] - line.bbox[0]) <= settings.align_tolerance and -1 in (prev.column, line.column)
    )
    if (prev.page != line.page or prev.column != line.column) and not aligned:
        # A sentence running on into the next column or page continues its paragraph (and a full-width line
        # goes on in the line right under it, at the same margin).
        return not (
            line.text[:1].islower()
            and not prev.text.rstrip().endswith((".", "!", "?", ":", "”", '"'))
            and abs(prev.size - line.size) <= settings.size_change_ratio * body
            and prev.bold == line.bold
        )
    if gap > settings.paragraph_gap_ratio * max(prev.size, line.size) or gap < -settings.line_overlap:
        return True
    goes_on = line.text[:1].islower() and not prev.text.rstrip().endswith((".", "!", "?", ":"))
    if abs(prev.size - line.size) > settings.size_change_ratio * body or (prev.bold != line.bold and not goes_on):
        return True  # (`• Recruiting Staff: schools struggle` in bold then regular / `to hire …`: one sentence)
    if _BULLET.match(line.words[0].text):
        return True
    if right is not None and _broken_by_hand(start or prev, prev, line, body, settings, right):
        return True
    # A short last line ending a sentence closes its paragraph even without extra spacing.
    short = prev.bbox[2] < line.bbox[2] - settings.short_line_ratio * body
    return prev.text.rstrip().endswith((".", "!", "?", ":", "”", '"')) and short


def _block_kind(lines: list[Line], body: float, settings: PdfSettings) -> tuple[SegmentKind, str | None]:
    """Kind of a block and its list/number marker ("•", "1."), which is kept out of the block's text."""
    first = lines[0]
    lead = first.words[0].text
    marker = lead if _BULLET.match(lead) and len(first.words) > 1 else None
    text = " ".join(ln.text for ln in lines)
    if marker:
        text = text[len(lead) :].lstrip()
    size = median(ln.size for ln in lines)
    words = len(text.split())
    quoted = text.lstrip()[:1] in _QUOTE_OPEN
    if size >= body * settings.heading_size_ratio and words <= settings.heading_max_words and not quoted:
        return "heading", marker
    run_in = len(lines) <= settings.bold_heading_max_lines and words <= settings.bold_heading_max_words
    if first.bold and run_in and not text.rstrip().endswith(".") and not marker:
        return "heading", marker  # a bullet in bold is a list item (`• **Title:** description`), not a heading
    if marker:
        return "list_item", marker
    if quoted and (first.italic or size > body * settings.quote_size_ratio):
        return "quote_block", None
    return "paragraph", None


def _add_block(
    builder: TextBuilder, block: list[Line], body: float, heading_sizes: list[int], settings: PdfSettings
) -> None:
    kind, marker = _block_kind(block, body, settings)
    pieces = [(ln.text, ln.page, ln.bbox) for ln in block]
    if marker:
        first = block[0]
        rest = Line(first.words[1:], first.column, first.flush_gap_ratio, settings.superscript)
        pieces[0] = (rest.text, rest.page, rest.bbox)
    size = median(ln.size for ln in block)
    level = None
    if kind == "heading":
        rounded = round(size)
        level = heading_sizes.index(rounded) + 1 if rounded in heading_sizes else len(heading_sizes) + 1
    builder.add_lines(kind, pieces, marker=marker, level=level, font_size=size, bold=block[0].bold)


def lay_out_page(
    number: int,
    width: float,
    height: float,
    words: list[Word],
    has_images: bool,
    settings: PdfSettings,
    rows: tuple[TableRow, ...] = (),
) -> PageLines:
    """One page's words (those outside its ruled tables) into lines in reading order, with the tables' rows;
    pages are independent, so workers can do this."""
    return PageLines(number, height, page_lines(words, width, settings), has_images, rows)


def _with_rows(lines: list[Line], rows: tuple[TableRow, ...]) -> list[Line | TableRow]:
    """The page's lines with each table row placed before the first line below its top."""
    out: list[Line | TableRow] = []
    pending = list(rows)
    for ln in lines:
        while pending and pending[0].top <= ln.bbox[1]:
            out.append(pending.pop(0))
        out.append(ln)
    return out + pending


def compose(pages: list[PageLines], meta: Metadata, settings: PdfSettings) -> ParsedDocument:
    """Laid-out pages, in page order, into blocks: furniture found across all pages, then each page's body."""
    furniture = classify_furniture(pages, settings)
    builder = TextBuilder()
    body_lines = [ln for page in pages for ln in page.lines if id(ln) not in furniture]
    body = _body_size(body_lines, settings)
    # Heading levels follow size: larger type, and bold lines between the body size and a heading's size
    # (a 12 pt bold section title over 10.9 pt bold sub-sections), each size its own level.
    heading_sizes = sorted(
        {
            round(ln.size)
            for ln in body_lines
            if ln.size >= body * settings.heading_size_ratio or (ln.bold and round(ln.size) > round(body))
        },
        reverse=True,
    )

    carried: Carried | None = None  # the last paragraph of the page before, if it runs on to this page
    for page in pages:
        blocks: list[list[Line]] = []
        right: dict[int, float] = {}  # each column's right edge on this page: where a wrapped line ends
        for ln in page.lines:
            if id(ln) not in furniture:
                right[ln.column] = max(right.get(ln.column, 0.0), ln.bbox[2])
        for ln in _with_rows(page.lines, page.rows):
            if isinstance(ln, TableRow):  # the blocks before it are written first: the row sits between them
                _flush_page(builder, blocks, carried, body, heading_sizes, settings, last=False)
                carried, blocks = None, []
                cells = [(column, [(x.text, x.page, x.bbox) for x in lines]) for column, lines in ln.cells]
                builder.add_table_row(cells, header=ln.header)
                continue
            kind = furniture.get(id(ln))
            if kind:
                builder.add_furniture(kind, ln.text, ln.page, ln.bbox)
            elif blocks and not _starts_block(blocks[-1][-1], ln, body, settings, right, blocks[-1][0]):
                blocks[-1].append(ln)
            else:
                blocks.append([ln])
        carried = _flush_page(builder, blocks, carried, body, heading_sizes, settings)
    if carried:
        for block in [carried[0], *carried[1]]:
            _add_block(builder, block, body, heading_sizes, settings)
    return builder.build(meta)


Carried = tuple[list[Line], list[list[Line]]]  # a paragraph running on to the next page, and the notes after it


def _is_note(block: list[Line], body: float, settings: PdfSettings) -> bool:
    """`²Tri-County …, Report (2026).`: a block set smaller than the body that opens with its note number."""
    lead = block[0].text.lstrip()[:1]
    numbered = lead.isdecimal() or unicodedata.decomposition(lead).startswith("<super>")
    return numbered and max(ln.size for ln in block) <= body * settings.note_size_ratio


def _runs_on(block: list[Line], body: float, settings: PdfSettings) -> bool:
    """A body paragraph whose last line stops mid-sentence: it goes on at the top of the next page."""
    text = block[-1].text.rstrip()
    size = median(ln.size for ln in block)
    return bool(text) and text[-1].isalpha() and size < body * settings.heading_size_ratio and not block[-1].bold


def _flush_page(
    builder: TextBuilder,
    blocks: list[list[Line]],
    carried: Carried | None,
    body: float,
    heading_sizes: list[int],
    settings: PdfSettings,
    last: bool = True,
) -> Carried | None:
    """Write a page's blocks (`last`: up to its foot, else up to a table row): a paragraph broken by the page
    joined with its end on the next page (`… Nobody` / `in the room wanted …`), the footnotes at the page's foot
    after it; returns a paragraph left running on, with the notes that wait for it."""
    notes: list[list[Line]] = []
    while last and blocks and _is_note(blocks[-1], body, settings):
        notes.insert(0, blocks.pop())
    waiting: list[list[Line]] = []
    if carried is not None:
        lines, waiting = carried
        first = blocks[0][0].text.lstrip() if blocks else ""
        if first[:1].islower():
            blocks[0] = lines + blocks[0]
        else:
            blocks.insert(0, lines)
    running = blocks.pop() if last and blocks and _runs_on(blocks[-1], body, settings) else None
    ordered = [*blocks[:1], *waiting, *blocks[1:]]
    if running is None:
        ordered += notes
    for block in ordered:
        _add_block(builder, block, body, heading_sizes, settings)
    return (running, notes) if running is not None else None


def build_document(
    pages: list[tuple[int, float, float, list[Word]]], meta: Metadata, settings: PdfSettings
) -> ParsedDocument:
    """Words of every page (number, width, height, words) into the document, in one process."""
    laid = [lay_out_page(number, width, height, words, False, settings) for number, width, height, words in pages]
    return compose(laid, meta, settings)
