"""The one parsed representation shared by every source: normalized text + segments with offsets."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from extract.textnorm import normalize

SegmentKind = Literal["heading", "paragraph", "list_item", "quote_block", "header", "footer", "page_number"]
BODY_KINDS: frozenset[str] = frozenset({"heading", "paragraph", "list_item", "quote_block"})
BLOCK_SEPARATOR = "\n\n"

BBox = tuple[float, float, float, float]


def union(boxes: Iterable[BBox]) -> BBox:
    """The smallest box holding all the given boxes."""
    x0s, tops, x1s, bottoms = zip(*boxes, strict=True)
    return min(x0s), min(tops), max(x1s), max(bottoms)


@dataclass(frozen=True, slots=True)
class Piece:
    """A visual line of a PDF block: where its characters sit in the text and on the page."""

    char_start: int
    char_end: int
    page: int
    bbox: BBox


@dataclass(frozen=True, slots=True)
class Segment:
    """A block of the document. Furniture (header/footer/page_number) is not in the body text: offsets None."""

    kind: SegmentKind
    text: str
    char_start: int | None
    char_end: int | None
    level: int | None = None
    marker: str | None = None
    page: int | None = None
    bbox: BBox | None = None
    font_size: float | None = None
    bold: bool = False
    pieces: tuple[Piece, ...] = ()


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    published: str | None = None
    page_count: int | None = None


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    text: str
    segments: tuple[Segment, ...]
    metadata: Metadata = Metadata()

    @property
    def body(self) -> list[Segment]:
        return [s for s in self.segments if s.kind in BODY_KINDS]

    def locate(self, start: int, end: int) -> list[tuple[int, int, int | None, BBox | None]]:
        """Split [start, end) into per-page pieces with the union box of the PDF lines they touch.

        Articles have no pages: one piece with page and box None.
        """
        pieces = [
            p
            for s in self.segments
            if s.char_start is not None and s.char_start < end and start < (s.char_end or 0)
            for p in s.pieces
            if p.char_start < end and start < p.char_end
        ]
        if not pieces:
            return [(start, end, None, None)]
        out: list[tuple[int, int, int | None, BBox | None]] = []
        for page in sorted({p.page for p in pieces}):
            on_page = [p for p in pieces if p.page == page]
            lo = max(start, min(p.char_start for p in on_page))
            hi = min(end, max(p.char_end for p in on_page))
            while lo < hi and self.text[lo].isspace():
                lo += 1
            while hi > lo and self.text[hi - 1].isspace():
                hi -= 1
            if lo >= hi:
                continue
            out.append((lo, hi, page, union(p.bbox for p in on_page)))
        return out or [(start, end, None, None)]


@dataclass
class TextBuilder:
    """Appends normalized blocks to one text and records their offsets; the only writer of offsets."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    segments: list[Segment] = field(default_factory=list)

    def _append(self, text: str) -> tuple[int, int]:
        if self.parts:
            self.parts.append(BLOCK_SEPARATOR)
            self.length += len(BLOCK_SEPARATOR)
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start, self.length

    def add(self, kind: SegmentKind, raw: str, **attrs: object) -> Segment | None:
        """Add an article block (no page geometry); blank blocks are dropped."""
        text = normalize(raw)
        if not text:
            return None
        start, end = self._append(text)
        seg = Segment(kind, text, start, end, **attrs)  # type: ignore[arg-type]
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
        texts: list[str] = []
        spans: list[tuple[int, int, int, BBox]] = []
        cursor = 0
        for raw, page, box in lines:
            line = normalize(raw)
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
        if not texts:
            return None
        text = "".join(texts)
        start, end = self._append(text)
        pieces = tuple(Piece(start + a, start + b, pg, bx) for a, b, pg, bx in spans)
        page = pieces[0].page
        bbox = union(p.bbox for p in pieces if p.page == page)
        seg = Segment(kind, text, start, end, page=page, bbox=bbox, pieces=pieces, **attrs)  # type: ignore[arg-type]
        self.segments.append(seg)
        return seg

    def add_furniture(self, kind: SegmentKind, raw: str, page: int, bbox: BBox) -> None:
        """Keep running headers, footers and page numbers as segments outside the body text."""
        text = normalize(raw)
        if text:
            self.segments.append(Segment(kind, text, None, None, page=page, bbox=bbox))

    def build(self, metadata: Metadata) -> ParsedDocument:
        return ParsedDocument("".join(self.parts), tuple(self.segments), metadata)


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
