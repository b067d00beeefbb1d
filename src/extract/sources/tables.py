"""Ruled tables of a PDF page: found by pdfplumber's `find_tables` (the lines a word processor draws around
cells), read row by row and cell by cell instead of as columns of text.

A report's "at a glance" table (`Category | Rank | Topic | In one line`) laid out as text columns reads
column after column: every category, then every rank, then every title, and no title sits beside its
category. Here each ruled table becomes rows whose cells keep their words' lines, so the builder can write
a table row (the same segment an HTML or Markdown table gives) with every cell's line boxed on the page.
A frame drawn around a whole slide is one cell, not a table, and is left to the text layout.
"""

from __future__ import annotations

from typing import Any

from extract.document import BBox
from extract.settings import PdfSettings
from extract.sources.layout import Line, TableRow, Word, word_lines

Grid = tuple[tuple[BBox | None, ...], ...]  # rows of cell boxes; None: a cell merged with the one above or beside


def find_grids(page: Any, settings: PdfSettings) -> tuple[Grid, ...]:
    """The ruled tables of a pdfplumber page with enough rows and columns to be tables, as grids of boxes."""
    if not (page.objects.get("line") or page.objects.get("rect")):
        return ()  # nothing drawn on the page: no ruled table to look for
    grids = []
    for table in page.find_tables():
        rows = tuple(tuple(_box(c) for c in row.cells) for row in table.rows)
        columns = max((sum(c is not None for c in row) for row in rows), default=0)
        if len(rows) >= settings.table_min_rows and columns >= settings.table_min_columns:
            grids.append(rows)
    return tuple(grids)


def _box(cell: Any) -> BBox | None:
    return None if cell is None else (float(cell[0]), float(cell[1]), float(cell[2]), float(cell[3]))


def _inside(word: Word, box: BBox) -> bool:
    middle_x, middle_y = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return box[0] <= middle_x <= box[2] and box[1] <= middle_y <= box[3]


def _outline(grid: Grid) -> BBox:
    boxes = [c for row in grid for c in row if c is not None]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def take_tables(words: list[Word], grids: tuple[Grid, ...], settings: PdfSettings) -> tuple[list[Word], list[TableRow]]:
    """The page's words outside its tables, and the tables' rows (top to bottom) built from the words inside."""
    if not grids:
        return words, []
    outlines = [_outline(g) for g in grids]
    rest = [w for w in words if not any(_inside(w, box) for box in outlines)]
    rows: list[TableRow] = []
    for grid, outline in zip(grids, outlines, strict=True):
        inside = [w for w in words if _inside(w, outline)]
        built = [_row(row, inside, settings) for row in grid]
        built = [r for r in built if r]
        for index, cells in enumerate(built):
            top = min(ln.bbox[1] for _, lines in cells for ln in lines)
            header = index == 0 and len(built) > 1 and _header_like(cells, settings)
            rows.append(TableRow(tuple(cells), top, header))
    rows.sort(key=lambda r: r.top)
    return rest, rows


def _row(row: tuple[BBox | None, ...], words: list[Word], settings: PdfSettings) -> list[tuple[int, tuple[Line, ...]]]:
    cells = []
    for column, box in enumerate(row):
        if box is None:
            continue
        own = [w for w in words if _inside(w, box)]
        if not own:
            continue
        raw = sorted(word_lines(own, settings.y_tolerance, settings.line_lookback), key=lambda ln: ln[0].top)
        cells.append((column, tuple(Line(ln, column, settings.flush_gap_ratio, settings.superscript) for ln in raw)))
    return cells


def _header_like(cells: list[tuple[int, tuple[Line, ...]]], settings: PdfSettings) -> bool:
    """A first row of short labels (`Category | Rank | Topic | In one line`), none of them a sentence."""
    texts = [" ".join(ln.text for ln in lines) for _, lines in cells]
    return len(texts) >= settings.table_min_columns and all(
        len(t.split()) <= settings.table_header_max_words and not t.rstrip().endswith(".") for t in texts
    )
