"""What the extraction layer passes around: a source file's bytes, and the one parsed representation every
reader produces (normalized text + segments with offsets and, for PDFs, page boxes)."""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Literal

SegmentKind = Literal[
    "heading", "paragraph", "list_item", "quote_block", "table_row", "header", "footer", "page_number"
]
BODY_KINDS: frozenset[str] = frozenset({"heading", "paragraph", "list_item", "quote_block", "table_row"})
CELL_SEPARATOR = " | "  # between the cells of a table row in the text
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
    level: int | None = None  # headings: 1 is the top; text list items: indentation (deeper is nested)
    marker: str | None = None
    page: int | None = None
    bbox: BBox | None = None
    font_size: float | None = None
    bold: bool = False
    pieces: tuple[Piece, ...] = ()
    # table rows: (column, start, end) of each non-empty cell in `text`; level 0 is a header row
    cells: tuple[tuple[int, int, int], ...] = ()
    lead: int = 0  # characters of the bold run the block opens with (`**Title.** Description`): a run-in heading


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
    # Offsets in `text` where the source had markup that the text leaves out (Markdown's `**` around a bold
    # run): a record's text that spans one is found in the source file in two pieces, so it gets two.
    seams: tuple[int, ...] = ()
    # The body's segments by where they start, and the furthest end so far: `locate` finds a span's segments
    # by bisection instead of reading them all for every record (a long text has thousands of both).
    _placed: tuple[Segment, ...] = field(init=False, repr=False, compare=False)
    _reach: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        placed = tuple(sorted((s for s in self.segments if s.char_start is not None), key=lambda s: s.char_start))
        object.__setattr__(self, "_placed", placed)
        object.__setattr__(self, "_reach", tuple(accumulate((s.char_end or 0 for s in placed), max)))

    @property
    def body(self) -> list[Segment]:
        return [s for s in self.segments if s.kind in BODY_KINDS]

    def locate(self, start: int, end: int) -> list[tuple[int, int, int | None, BBox | None]]:
        """Split [start, end) into per-page pieces with the union box of the PDF lines they touch.

        Articles have no pages: one piece with page and box None.
        """
        touching = []
        for s in self._placed[bisect_right(self._reach, start) :]:  # the first segment that may reach past start
            if s.char_start >= end:
                break
            if start < (s.char_end or 0):
                touching.append(s)
        pieces = [p for s in touching for p in s.pieces if p.char_start < end and start < p.char_end]
        if not pieces:
            return self._across_seams(start, end)
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

    def _across_seams(self, start: int, end: int) -> list[tuple[int, int, int | None, BBox | None]]:
        """An article's span, cut where markup was left out, each piece without its edge spaces."""
        cuts = [c for c in self.seams[bisect_right(self.seams, start) :] if c < end] if self.seams else []
        out: list[tuple[int, int, int | None, BBox | None]] = []
        for lo, hi in zip([start, *cuts], [*cuts, end], strict=True):
            while lo < hi and self.text[lo].isspace():
                lo += 1
            while hi > lo and self.text[hi - 1].isspace():
                hi -= 1
            if any(c.isalnum() for c in self.text[lo:hi]):
                out.append((lo, hi, None, None))
        return out or [(start, end, None, None)]


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One file of raw/, read and hashed once: its SHA-256 is the document's id and its cache key."""

    path: str  # POSIX path relative to raw/
    data: bytes  # the whole file; only its head for a large file (`location`) or one the pipeline does not read
    sha256: str = ""  # of the whole file; computed from `data` when not given
    size: int = -1  # of the whole file in bytes; len(data) when not given
    location: str | None = None  # a large file's absolute path: read by the child that parses it, not held here

    def __post_init__(self) -> None:
        if not self.sha256:
            object.__setattr__(self, "sha256", hashlib.sha256(self.data).hexdigest())
        if self.size < 0:
            object.__setattr__(self, "size", len(self.data))
