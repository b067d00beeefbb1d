"""The only writer of offsets: appends normalized blocks to one text and records where each one sits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate

from extract.document import (
    BLOCK_SEPARATOR,
    CELL_SEPARATOR,
    BBox,
    Metadata,
    ParsedDocument,
    Piece,
    Segment,
    SegmentKind,
    union,
)
from extract.sources.textnorm import normalize

SEAM = "\ue000"  # a private-use character a reader puts where it left markup out (`**Title**` → `␀Title␀`)
LEAD = "\ue001"  # a private-use character a reader puts where a block's opening bold run ends (HTML `<strong>`)


@dataclass
class TextBuilder:
    """Appends normalized blocks to one text and records their offsets; the only writer of offsets."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    segments: list[Segment] = field(default_factory=list)
    seams: list[int] = field(default_factory=list)  # where markup was left out (see ParsedDocument.seams)

    def _append(self, text: str) -> tuple[int, int]:
        if self.parts:
            self.parts.append(BLOCK_SEPARATOR)
            self.length += len(BLOCK_SEPARATOR)
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start, self.length

    def add(self, kind: SegmentKind, raw: str, **attrs: object) -> Segment | None:
        """Add an article block (no page geometry); blank blocks are dropped. SEAM characters in `raw` mark
        where a reader left markup out: they are removed and their places kept."""
        text = normalize(raw)
        bold = text.find(LEAD)  # where the opening bold run ends, before seams are taken out
        bold = len(text[:bold].replace(SEAM, "")) if bold >= 0 else -1
        text = text.replace(LEAD, "")
        cuts: list[int] = []
        shift = 0
        if SEAM in text:
            pieces = text.split(SEAM)
            text = "".join(pieces)
            cuts = list(accumulate(len(p) for p in pieces[:-1]))
            stripped = text.strip()  # a seam at an edge left a space there
            shift = len(text) - len(text.lstrip())
            text, cuts = stripped, [c - shift for c in cuts]
        if not text:
            return None
        if bold < 0 and len(cuts) >= 2 and cuts[0] == 0:
            bold = cuts[1]  # `**Title.** Description`: the Markdown bold the block opens with
        else:
            bold -= shift
        start, end = self._append(text)
        self.seams.extend(start + c for c in cuts if 0 < c < len(text))
        if 0 < bold < len(text.rstrip()) and "lead" not in attrs:
            attrs["lead"] = bold
        seg = Segment(kind, text, start, end, **attrs)  # type: ignore[arg-type]
        self.segments.append(seg)
        return seg

    def add_row(self, cells: list[str], header: bool = False) -> Segment | None:
        """Add a table row: its non-empty cells joined by CELL_SEPARATOR, each cell's column and place kept."""
        parts: list[str] = []
        placed: list[tuple[int, int, int]] = []
        cursor = 0
        for column, raw in enumerate(cells):
            cell = _cell_text(raw)
            if not cell:
                continue
            if parts:
                cursor += len(CELL_SEPARATOR)
            parts.append(cell)
            placed.append((column, cursor, cursor + len(cell)))
            cursor += len(cell)
        if not parts:
            return None
        text = CELL_SEPARATOR.join(parts)
        start, end = self._append(text)
        seg = Segment("table_row", text, start, end, level=0 if header else 1, marker="|", cells=tuple(placed))
        self.segments.append(seg)
        return seg

    def add_lines(
        self,
        kind: SegmentKind,
        lines: list[tuple[str, int, BBox]],
        join_hyphens: bool = True,
        **attrs: object,
    ) -> Segment | None:
        """Add a PDF block from its visual lines (text, page, box), joining words hyphenated across lines."""
        text, spans = _join_lines(lines, normalize, join_hyphens)
        if not text:
            return None
        start, end = self._append(text)
        pieces, page, bbox = _placed(start, spans)
        seg = Segment(kind, text, start, end, page=page, bbox=bbox, pieces=pieces, **attrs)  # type: ignore[arg-type]
        self.segments.append(seg)
        return seg

    def add_table_row(
        self, cells: list[tuple[int, list[tuple[str, int, BBox]]]], header: bool = False
    ) -> Segment | None:
        """Add a PDF table row: each cell's lines (text, page, box) joined as in `add_lines`, the cells joined by
        CELL_SEPARATOR; every line keeps its box, so a cell's text is found on the page."""
        parts: list[str] = []
        placed: list[tuple[int, int, int]] = []
        spans: list[tuple[int, int, int, BBox]] = []
        cursor = 0
        for column, lines in cells:
            cell, own = _join_lines(lines, _cell_text)
            if not cell:
                continue
            at = cursor + (len(CELL_SEPARATOR) if parts else 0)
            cursor = at + len(cell)
            parts.append(cell)
            placed.append((column, at, cursor))
            spans.extend((at + a, at + b, pg, bx) for a, b, pg, bx in own)
        if not parts:
            return None
        text = CELL_SEPARATOR.join(parts)
        start, end = self._append(text)
        pieces, page, bbox = _placed(start, spans)
        seg = Segment(
            "table_row",
            text,
            start,
            end,
            level=0 if header else 1,
            marker="|",
            page=page,
            bbox=bbox,
            pieces=pieces,
            cells=tuple(placed),
        )
        self.segments.append(seg)
        return seg

    def add_furniture(self, kind: SegmentKind, raw: str, page: int, bbox: BBox) -> None:
        """Keep running headers, footers and page numbers as segments outside the body text."""
        text = normalize(raw)
        if text:
            self.segments.append(Segment(kind, text, None, None, page=page, bbox=bbox))

    def build(self, metadata: Metadata) -> ParsedDocument:
        return ParsedDocument("".join(self.parts), tuple(self.segments), metadata, tuple(sorted(set(self.seams))))


def _cell_text(raw: str) -> str:
    return normalize(raw).replace("|", "/")  # a bar inside a cell would read as a cell boundary


def _join_lines(
    lines: list[tuple[str, int, BBox]], clean: Callable[[str], str], join_hyphens: bool = True
) -> tuple[str, list[tuple[int, int, int, BBox]]]:
    """Visual lines (text, page, box) as one text, each cleaned, a word hyphenated across two lines joined,
    and where each line's text sits in it (start, end, page, box)."""
    texts: list[str] = []
    spans: list[tuple[int, int, int, BBox]] = []
    cursor = 0
    for raw, page, box in lines:
        line = clean(raw)
        if not line:
            continue
        if texts:
            prev = texts[-1]
            if join_hyphens and _is_broken_word(prev, line):
                texts[-1] = prev[:-1]
                cursor -= 1
                s0, _, pg, bx = spans[-1]
                spans[-1] = (s0, cursor, pg, bx)
            else:
                texts.append(" ")
                cursor += 1
        texts.append(line)
        spans.append((cursor, cursor + len(line), page, box))
        cursor += len(line)
    return "".join(texts), spans


def _placed(start: int, spans: list[tuple[int, int, int, BBox]]) -> tuple[tuple[Piece, ...], int, BBox]:
    """The pieces of a block appended at `start`, its first page, and its box on that page."""
    pieces = tuple(Piece(start + a, start + b, pg, bx) for a, b, pg, bx in spans)
    page = pieces[0].page
    return pieces, page, union(p.bbox for p in pieces if p.page == page)


def _is_broken_word(prev: str, nxt: str) -> bool:
    """A line ending in 'exam-' followed by 'ple…' is one word split by the layout, not a compound."""
    return (
        len(prev) >= 3
        and prev[-1] in "-\u2010"
        and prev[-2].isalpha()
        and prev[-2].islower()
        and nxt[:1].isalpha()
        and nxt[:1].islower()
    )
