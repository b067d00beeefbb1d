"""The catalog as a chart: one row per topic (grouped by category), one column per edition, a mark with
the topic's rank where it was on the list, and a line along its years. The template draws it as inline SVG.

Pure geometry in SVG user units (CSS pixels at 1:1).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from extract.review.load import Catalog, CatalogItem
from extract.review.names import Category, slug

LABEL_WIDTH = 320  # room for a topic's title left of the first column
COLUMN_WIDTH = 84  # one edition
ROW_HEIGHT = 26  # one topic
HEADER_HEIGHT = 34  # the editions' years above the rows
GROUP_HEIGHT = 30  # a category's name above its topics
MARK_RADIUS = 10  # wide enough for a two-digit rank
MARGIN = 12
LABEL_CHARS = 44  # a longer title is cut with an ellipsis (the mark's tooltip has it whole)


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    rank: int | None
    status: str | None
    conflict: bool
    tooltip: str
    href: str


@dataclass(frozen=True)
class Segment:
    x1: float
    y1: float
    x2: float
    y2: float
    gap: bool  # the topic skipped an edition in between


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    href: str | None = None


@dataclass(frozen=True)
class Chart:
    width: float
    height: float
    radius: float
    columns: tuple[Label, ...]
    groups: tuple[Label, ...]
    rows: tuple[Label, ...]
    rules: tuple[float, ...]  # y of a faint line under each row
    marks: tuple[Mark, ...]
    segments: tuple[Segment, ...]


def _category(item: CatalogItem) -> str:
    return item.category or next((e.category for e in item.editions if e.category), "") or ""


def edition_page(edition: int | None) -> str:
    return f"edition-{edition if edition is not None else 'unknown'}.html"


def catalog_chart(catalog: Catalog, categories: Sequence[Category]) -> Chart:
    editions = sorted({e.edition for item in catalog.items for e in item.editions if e.edition is not None})
    x_of = {ed: LABEL_WIDTH + i * COLUMN_WIDTH + COLUMN_WIDTH / 2 for i, ed in enumerate(editions)}
    labels = {c.id: c.label for c in categories}
    order = [c.id for c in categories] + sorted({_category(i) for i in catalog.items} - {c.id for c in categories})
    columns = tuple(Label(x, HEADER_HEIGHT - MARGIN, str(ed), edition_page(ed)) for ed, x in x_of.items())
    groups, rows, rules, marks, segments = [], [], [], [], []
    y = float(HEADER_HEIGHT)
    for category in order:
        items = [i for i in catalog.items if _category(i) == category]
        if not items:
            continue
        groups.append(Label(MARGIN, y + GROUP_HEIGHT - MARGIN, labels.get(category, category)))
        y += GROUP_HEIGHT
        for item in sorted(items, key=_first_seen):
            centre = y + ROW_HEIGHT / 2
            placed = sorted((e for e in item.editions if e.edition is not None), key=lambda e: e.edition or 0)
            last = placed[-1].edition if placed else None
            title = item.title if len(item.title) <= LABEL_CHARS else item.title[: LABEL_CHARS - 1].rstrip() + "…"
            rows.append(Label(MARGIN, centre, title, f"{edition_page(last)}#topic-{slug(item.topic_key)}"))
            conflicted = {c.edition for c in item.conflicts}
            for e in placed:
                status = f", {e.status}" if e.status else ""
                rank = f" #{e.rank}" if e.rank is not None else ""
                marks.append(
                    Mark(
                        x=x_of[e.edition],  # type: ignore[index]
                        y=centre,
                        rank=e.rank,
                        status=e.status,
                        conflict=e.edition in conflicted,
                        tooltip=f"{item.title}: {e.edition} {labels.get(e.category or '', e.category)}{rank}{status}",
                        href=f"{edition_page(e.edition)}#topic-{slug(item.topic_key)}",
                    )
                )
            for a, b in pairwise(placed):
                segments.append(
                    Segment(
                        x_of[a.edition] + MARK_RADIUS,  # type: ignore[index]
                        centre,
                        x_of[b.edition] - MARK_RADIUS,  # type: ignore[index]
                        centre,
                        editions.index(b.edition) - editions.index(a.edition) > 1,  # type: ignore[arg-type]
                    )
                )
            y += ROW_HEIGHT
            rules.append(y)
    width = LABEL_WIDTH + COLUMN_WIDTH * max(len(editions), 1) + MARGIN
    return Chart(
        width, y + MARGIN, MARK_RADIUS, columns, tuple(groups), tuple(rows), tuple(rules), tuple(marks), tuple(segments)
    )


def _first_seen(item: CatalogItem) -> tuple[int, int, str]:
    placed = [e for e in item.editions if e.edition is not None]
    if not placed:
        return 1 << 30, 0, item.title
    first = min(placed, key=lambda e: (e.edition, e.rank or 0))
    return first.edition or 0, first.rank or 0, item.title
