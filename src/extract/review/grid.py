"""Each edition as a grid: categories across, ranks down, each cell the topic(s) at that place.

Pure. With `catalog.json` the grid is the catalog's (one entry per catalog topic, its status, its
conflicts and the claims that disagree with what was observed); without it the topic records are grouped
by topic key or title, and the status marks are what the documents claim. A cell with more than one topic
is a disagreement between documents.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from extract.review.links import topic_keys
from extract.review.load import Catalog, Record
from extract.review.names import Category


@dataclass(frozen=True)
class GridEntry:
    key: str
    title: str
    statuses: tuple[str, ...]  # new / returning (or what the catalog observed)
    record_ids: tuple[str, ...]
    documents: int
    conflicts: tuple[str, ...]  # one sentence each


@dataclass(frozen=True)
class GridRow:
    rank: int | None  # None: the documents gave no rank
    cells: tuple[tuple[GridEntry, ...], ...]  # one per column


@dataclass(frozen=True)
class Movement:
    """How a category's list changed from the previous edition (catalog `changes`), as topic titles."""

    category: Category
    previous_edition: int | None
    entered: tuple[str, ...]
    stayed: tuple[str, ...]
    dropped: tuple[str, ...]


@dataclass(frozen=True)
class EditionGrid:
    edition: int | None
    columns: tuple[Category, ...]
    rows: tuple[GridRow, ...]
    movements: tuple[Movement, ...]
    from_catalog: bool

    @property
    def slug(self) -> str:
        return str(self.edition) if self.edition is not None else "unknown"


Cell = dict[str, list[GridEntry]]  # key → entries (one, unless the catalog lists a topic twice)


def _rank_order(rank: int | None) -> tuple[bool, int]:
    return rank is None, rank or 0


def _from_records(topics: Sequence[Record], keys: dict[str, str]) -> dict[int | None, dict]:
    places: dict[int | None, dict[tuple[str, int | None], dict[str, list[Record]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list))
    )
    for t in topics:
        places[t.edition][(t.category or "", t.rank)][keys[t.id]].append(t)
    grids: dict[int | None, dict] = {}
    for edition, cells in places.items():
        grids[edition] = {
            place: [
                GridEntry(
                    key=key,
                    title=Counter(r.title or "" for r in recs).most_common(1)[0][0],
                    statuses=tuple(sorted({r.status for r in recs if r.status})),
                    record_ids=tuple(r.id for r in recs),
                    documents=len({r.doc_id for r in recs}),
                    conflicts=("the documents claim both new and returning",)
                    if {"new", "returning"} <= {r.status for r in recs}
                    else (),
                )
                for key, recs in by_key.items()
            ]
            for place, by_key in cells.items()
        }
    return grids


def _conflict_sentence(field: str, values: Iterable[tuple[str, tuple[str, ...]]]) -> str:
    said = "; ".join(f"{value} ({len(ids)} record{'s' if len(ids) != 1 else ''})" for value, ids in values)
    return f"{field} differs between records: {said}"


def _from_catalog(catalog: Catalog) -> dict[int | None, dict]:
    claims = {(change.edition, d.topic_key): d for change in catalog.changes for d in change.claim_disagreements}
    grids: dict[int | None, dict] = defaultdict(lambda: defaultdict(list))
    for item in catalog.items:
        for e in item.editions:
            conflicts = [_conflict_sentence(c.field, c.values) for c in item.conflicts if c.edition == e.edition]
            claim = claims.get((e.edition, item.topic_key))
            if claim is not None:
                conflicts.append(f"a record claims {claim.claimed}, the editions show {claim.observed}")
            grids[e.edition][(e.category or "", e.rank)].append(
                GridEntry(
                    key=item.topic_key,
                    title=item.title,
                    statuses=(e.status,) if e.status else (),
                    record_ids=e.record_ids,
                    documents=len(e.doc_ids),
                    conflicts=tuple(conflicts),
                )
            )
    return grids


def _movements(catalog: Catalog | None, edition: int | None, columns: Sequence[Category]) -> tuple[Movement, ...]:
    if catalog is None:
        return ()
    titles = {item.topic_key: item.title for item in catalog.items}
    labels = {c.id: c for c in columns}
    return tuple(
        Movement(
            category=labels.get(change.category, Category(change.category, change.category)),
            previous_edition=change.previous_edition,
            entered=tuple(titles.get(k, k) for k in change.entered),
            stayed=tuple(titles.get(k, k) for k in change.stayed),
            dropped=tuple(titles.get(k, k) for k in change.dropped),
        )
        for change in catalog.changes
        if change.edition == edition
    )


def edition_grids(
    records: Iterable[Record], categories: Sequence[Category], catalog: Catalog | None = None
) -> tuple[EditionGrid, ...]:
    """One grid per edition, oldest first (an edition the documents did not give comes last)."""
    topics = [r for r in records if r.kind == "topic"]
    places = _from_catalog(catalog) if catalog is not None else _from_records(topics, topic_keys(topics, None))
    grids = []
    for edition in sorted(places, key=_rank_order):
        cells = places[edition]
        present = {category for category, _ in cells}
        columns = tuple(c for c in categories if c.id in present) + tuple(
            Category(c, c) for c in sorted(present - {c.id for c in categories})
        )
        ranks = sorted({rank for _, rank in cells}, key=_rank_order)
        rows = tuple(
            GridRow(
                rank,
                tuple(tuple(sorted(cells.get((c.id, rank), []), key=lambda e: (e.title, e.key))) for c in columns),
            )
            for rank in ranks
        )
        grids.append(EditionGrid(edition, columns, rows, _movements(catalog, edition, categories), catalog is not None))
    return tuple(grids)
