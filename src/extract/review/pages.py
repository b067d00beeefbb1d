"""What each page of the site shows, as data for its template: pure composition of the other modules.

Every list is in a fixed order (records by doubt: lowest confidence first), so the same curated folder
always gives the same pages.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from extract.review.chart import Chart, catalog_chart, edition_page
from extract.review.config import ReviewSettings
from extract.review.crops import CropRequest, RawCheck, crop_name
from extract.review.grid import EditionGrid, GridEntry, edition_grids
from extract.review.links import Link, related
from extract.review.load import KINDS, Curated, Document, Input, Record
from extract.review.names import Category, categories, slug
from extract.review.snippets import Snippet, snippet

KIND_LABELS = {"topic": "topic", "definition": "definition", "quote": "quote"}


@dataclass(frozen=True)
class Page:
    name: str  # file name in the site
    template: str
    context: dict[str, Any]


@dataclass(frozen=True)
class Shot:
    """One provenance entry as shown: the words in their paragraph, and for PDFs the page image."""

    snippet: Snippet
    page: int | None
    bbox: tuple[float, float, float, float] | None
    rule: str
    char_start: int
    char_end: int
    crop: str | None  # path of the PNG in the site
    crop_problem: str | None  # why there is no PNG


@dataclass(frozen=True)
class RelatedView:
    href: str
    kind: str
    headline: str
    reason: str
    document: str


@dataclass(frozen=True)
class RecordView:
    record: Record
    document: Document
    anchor: str
    href: str
    category: Category | None
    filter_categories: tuple[str, ...]
    doubtful: bool
    shots: tuple[Shot, ...]
    related: tuple[RelatedView, ...] = ()
    speaker_href: str | None = None

    @property
    def offsets_match(self) -> bool:
        return all(s.snippet.offsets_match for s in self.shots)

    @property
    def doc_href(self) -> str:
        return doc_page(self.record.doc_id)


@dataclass(frozen=True)
class DocumentView:
    document: Document
    href: str
    records: tuple[RecordView, ...]
    counts: tuple[tuple[str, int], ...]
    lowest: float | None
    doubtful: int
    raw_problem: str | None
    run_problem: str | None  # the last run failed on it (its previous extraction is kept)


@dataclass(frozen=True)
class Attention:
    """What a steward checks first, each a list of (text, detail, href)."""

    failed: tuple[tuple[str, str, str], ...]
    disagreements: tuple[tuple[str, str, str], ...]
    rejected: tuple[tuple[str, str, str], ...]
    unavailable: tuple[tuple[str, str, str], ...]
    offsets: tuple[tuple[str, str, str], ...]
    doubtful: tuple[RecordView, ...]
    doubtful_count: int
    notes: tuple[tuple[str, str, str], ...] = field(default=())


@dataclass(frozen=True)
class EntryView:
    entry: GridEntry
    anchor: str
    records: tuple[RecordView, ...]


@dataclass(frozen=True)
class GridView:
    grid: EditionGrid
    rows: tuple[tuple[int | None, tuple[tuple[EntryView, ...], ...]], ...]
    uncatalogued: tuple[RecordView, ...] = ()  # topic records of the edition that no catalog entry names


def doc_page(doc_id: str) -> str:
    return f"doc-{doc_id}.html"


def record_anchor(record: Record) -> str:
    return f"{record.kind}-{record.id}"


def by_doubt(view: RecordView) -> tuple[float, int, str, int, str]:
    r = view.record
    start = r.spans[0].char_start if r.spans else 0
    return r.confidence, KINDS.index(r.kind), view.document.source_path, start, r.id


def crop_requests(curated: Curated, usable: set[str]) -> dict[str, list[CropRequest]]:
    """Per PDF document whose raw file is usable (doc ids in `usable`), the crops its records need."""
    wanted: dict[str, list[CropRequest]] = defaultdict(list)
    for r in curated.records:
        for s in r.spans:
            if s.doc_id in usable and s.page is not None and s.bbox is not None:
                wanted[s.doc_id].append(CropRequest(crop_name(s.doc_id, s.page, s.bbox), s.page, s.bbox))
    return dict(wanted)


class SiteBuilder:
    """The pages of one site from one curated folder, the raw checks and the crops that could be drawn."""

    def __init__(
        self,
        curated: Curated,
        raw_checks: Mapping[str, RawCheck],
        crops: Mapping[str, bytes | str],
        settings: ReviewSettings,
    ) -> None:
        self.curated = curated
        self.raw_checks = raw_checks
        self.crops = crops
        self.settings = settings
        self.documents = {d.doc_id: d for d in curated.documents}
        self.categories = categories(curated.records, curated.catalog)
        self.labels = {c.id: c for c in self.categories}
        self.links = related(curated.records, curated.catalog)
        self.grids = edition_grids(curated.records, self.categories, curated.catalog)
        self.speaker_of = {qid: s.speaker_key for s in curated.speakers or () for qid in s.quote_ids}
        plain = {r.key: self._view(r) for r in curated.records if r.doc_id in self.documents}
        self.views = {key: self._with_links(view, plain) for key, view in plain.items()}
        self.queue = tuple(sorted(self.views.values(), key=by_doubt))

    # --- records ----------------------------------------------------------------------------------------
    def _shot(self, record: Record, index: int) -> Shot:
        s = record.spans[index]
        text = self.curated.texts.get(s.doc_id)
        crop = problem = None
        if s.page is not None and s.bbox is not None:
            check = self.raw_checks.get(s.doc_id)
            if check is None or check.problem:
                problem = check.problem if check else "No raw file was checked for this document."
            else:
                made = self.crops.get(crop_name(s.doc_id, s.page, s.bbox))
                if isinstance(made, bytes):
                    crop = f"crops/{crop_name(s.doc_id, s.page, s.bbox)}"
                else:
                    problem = made or "No page image was drawn."
        return Shot(
            snippet=snippet(text, s.char_start, s.char_end, s.text, self.settings.paragraph_chars),
            page=s.page,
            bbox=s.bbox,
            rule=s.rule,
            char_start=s.char_start,
            char_end=s.char_end,
            crop=crop,
            crop_problem=problem,
        )

    def _view(self, record: Record) -> RecordView:
        document = self.documents[record.doc_id]
        speaker = self.speaker_of.get(record.id) if record.kind == "quote" else None
        return RecordView(
            record=record,
            document=document,
            anchor=record_anchor(record),
            href=f"{doc_page(record.doc_id)}#{record_anchor(record)}",
            category=self.labels.get(record.category or "") if record.category else None,
            filter_categories=(record.category,) if record.category else (),
            doubtful=record.confidence < self.settings.low_confidence,
            shots=tuple(self._shot(record, i) for i in range(len(record.spans))),
            speaker_href=f"speakers.html#speaker-{slug(speaker)}" if speaker else None,
        )

    def _with_links(self, view: RecordView, plain: Mapping[tuple[str, str], RecordView]) -> RecordView:
        found: list[tuple[Link, RecordView]] = [
            (link, plain[link.target]) for link in self.links.get(view.record.key, ()) if link.target in plain
        ]
        linked_categories = {o.record.category for _, o in found if o.record.kind == "topic" and o.record.category}
        return replace(
            view,
            related=tuple(
                RelatedView(o.href, o.record.kind, o.record.headline, link.reason, o.document.source_path)
                for link, o in found
            ),
            filter_categories=tuple(sorted(set(view.filter_categories) | linked_categories)),
        )

    # --- documents ----------------------------------------------------------------------------------------
    def _run_problems(self) -> dict[str, Input]:
        return {
            i.doc_id: i
            for i in self.curated.inputs
            if i.status == "failed"
            and i.doc_id in self.documents
            and self.documents[i.doc_id].status == "ok"
            and self.documents[i.doc_id].source_path == i.source_path
        }

    def document_views(self) -> tuple[DocumentView, ...]:
        by_doc: dict[str, list[RecordView]] = defaultdict(list)
        for view in self.queue:
            by_doc[view.record.doc_id].append(view)
        run_problems = self._run_problems()
        out = []
        for d in sorted(self.curated.documents, key=lambda d: d.source_path):
            views = tuple(by_doc.get(d.doc_id, ()))
            check = self.raw_checks.get(d.doc_id)
            out.append(
                DocumentView(
                    document=d,
                    href=doc_page(d.doc_id),
                    records=views,
                    counts=tuple((k, sum(v.record.kind == k for v in views)) for k in KINDS),
                    lowest=min((v.record.confidence for v in views), default=None),
                    doubtful=sum(v.doubtful for v in views),
                    raw_problem=check.problem if check else None,
                    run_problem=run_problems[d.doc_id].error if d.doc_id in run_problems else None,
                )
            )
        return tuple(out)

    # --- editions -------------------------------------------------------------------------------------------
    def grid_views(self) -> tuple[GridView, ...]:
        topics = {v.record.id: v for v in self.views.values() if v.record.kind == "topic"}
        views = []
        for grid in self.grids:
            used: set[str] = set()

            def entry(e: GridEntry, used: set[str] = used) -> EntryView:
                anchor = base = f"topic-{slug(e.key)}"
                n = 1
                while anchor in used:  # one topic at two places: the first keeps the plain anchor
                    n += 1
                    anchor = f"{base}-{n}"
                used.add(anchor)
                records = sorted((topics[i] for i in e.record_ids if i in topics), key=by_doubt)
                return EntryView(e, anchor, tuple(records))

            rows = tuple((row.rank, tuple(tuple(entry(e) for e in cell) for cell in row.cells)) for row in grid.rows)
            views.append(GridView(grid, rows, self._uncatalogued(grid.edition)))
        return tuple(views)

    def _uncatalogued(self, edition: int | None) -> tuple[RecordView, ...]:
        if self.curated.catalog is None:
            return ()
        named = {rid for item in self.curated.catalog.items for e in item.editions for rid in e.record_ids}
        return tuple(
            v
            for v in self.queue
            if v.record.kind == "topic" and v.record.edition == edition and v.record.id not in named
        )

    # --- what to look at first ----------------------------------------------------------------------------
    def _disagreements(self) -> list[tuple[str, str, str]]:
        found = []
        for view in self.grid_views():
            if view.uncatalogued:
                found.append(
                    (
                        f"{view.grid.slug}: {len(view.uncatalogued)} topic records in no catalog entry",
                        " · ".join(v.record.headline for v in view.uncatalogued),
                        f"{edition_page(view.grid.edition)}#uncatalogued",
                    )
                )
        for grid in self.grids:
            page = edition_page(grid.edition)
            edition = grid.slug
            for row in grid.rows:
                rank = f" #{row.rank}" if row.rank is not None else " (no rank)"
                for column, cell in zip(grid.columns, row.cells, strict=True):
                    if len(cell) > 1:
                        found.append(
                            (
                                f"{edition} {column.label}{rank}: {len(cell)} different topics",
                                " · ".join(e.title for e in cell),
                                f"{page}#topic-{slug(cell[0].key)}",
                            )
                        )
                    for e in cell:
                        for conflict in e.conflicts:
                            found.append((f"{edition} {e.title}", conflict, f"{page}#topic-{slug(e.key)}"))
        return found

    def attention(self, documents: Sequence[DocumentView]) -> Attention:
        failed = [
            (d.document.source_path, d.document.error or "", d.href) for d in documents if d.document.status == "failed"
        ]
        failed += [
            (d.document.source_path, f"failed in the last run ({d.run_problem})", d.href)
            for d in documents
            if d.run_problem
        ]
        paths = {d.doc_id: d.source_path for d in self.curated.documents}
        notes = [
            (i.source_path, f"identical to {paths[i.doc_id]}: curated once", doc_page(i.doc_id))
            for i in self.curated.inputs
            if i.status in ("duplicate", "failed") and i.doc_id in paths and paths[i.doc_id] != i.source_path
        ]
        doubtful = [v for v in self.queue if v.doubtful]
        return Attention(
            failed=tuple(failed),
            disagreements=tuple(self._disagreements()),
            rejected=tuple(
                (
                    f"{x.kind} in {paths.get(x.doc_id, x.doc_id[:12])}",
                    f"{x.reason}: {x.headline}".strip(": "),
                    doc_page(x.doc_id) if x.doc_id in paths else "",
                )
                for x in self.curated.rejected
            ),
            unavailable=tuple(
                (d.document.source_path, d.raw_problem, d.href) for d in documents if d.raw_problem and d.records
            ),
            offsets=tuple(
                (v.record.headline, f"{v.record.kind} in {v.document.source_path}", v.href)
                for v in self.queue
                if not v.offsets_match
            ),
            doubtful=tuple(doubtful[: self.settings.first_screen_records]),
            doubtful_count=len(doubtful),
            notes=tuple(sorted(notes)),
        )

    # --- the site -------------------------------------------------------------------------------------------
    def pages(self) -> list[Page]:
        documents = self.document_views()
        grids = self.grid_views()
        nav = {
            "editions": [(g.grid.slug, edition_page(g.grid.edition)) for g in grids],
            "has_catalog": self.curated.catalog is not None,
            "has_speakers": self.curated.speakers is not None,
            "dataset_version": self.curated.dataset_version,
        }
        common = {"nav": nav, "settings": self.settings, "kind_labels": KIND_LABELS}
        counts = {k: sum(r.kind == k for r in self.curated.records) for k in KINDS}
        pages = [
            Page(
                "index.html",
                "index.html",
                {
                    **common,
                    "page": "index",
                    "curated": self.curated,
                    "counts": counts,
                    "documents": documents,
                    "attention": self.attention(documents),
                    "grids": grids,
                },
            ),
            Page(
                "records.html",
                "records.html",
                {**common, "page": "records", "records": self.queue, "categories": self.categories},
            ),
        ]
        for d in documents:
            cats = {c for v in d.records for c in v.filter_categories}
            pages.append(
                Page(
                    d.href,
                    "document.html",
                    {
                        **common,
                        "page": "document",
                        "doc": d,
                        "records": d.records,
                        "categories": [c for c in self.categories if c.id in cats],
                    },
                )
            )
        for g in grids:
            pages.append(Page(edition_page(g.grid.edition), "edition.html", {**common, "page": g.grid.slug, "view": g}))
        if self.curated.catalog is not None:
            chart: Chart = catalog_chart(self.curated.catalog, self.categories)
            pages.append(Page("catalog.html", "catalog.html", {**common, "page": "catalog", "chart": chart}))
        if self.curated.speakers is not None:
            quotes = {v.record.id: v for v in self.views.values() if v.record.kind == "quote"}
            speakers = [
                (s, f"speaker-{slug(s.speaker_key)}", tuple(quotes[q] for q in s.quote_ids if q in quotes))
                for s in sorted(self.curated.speakers, key=lambda s: (s.name.casefold(), s.speaker_key))
            ]
            pages.append(Page("speakers.html", "speakers.html", {**common, "page": "speakers", "speakers": speakers}))
        return pages
