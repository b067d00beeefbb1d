"""Flat tables for analysts: one CSV or Parquet file per record type, from a loaded `Dataset`.

Each table has fixed, typed columns (`Column`), the same in CSV and Parquet. Nested values are flattened
where a spreadsheet wants them (a record's first provenance entry as `source_path`, `page`, `x0`…`bottom`,
`char_start`, `char_end`; a quote's speaker as `speaker_*` columns) and kept whole as JSON text where it
does not (`provenance`, `record_ids`, `aliases`…), so nothing is lost. In CSV an empty cell is null.

Parquet needs pyarrow, an optional extra (`pip install -e '.[parquet]'`); CSV needs nothing.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from extract.dataset.models import (
    CatalogEdition,
    CatalogItem,
    CategoryChange,
    Definition,
    Document,
    Provenance,
    Quote,
    SpeakerEntry,
    Topic,
)
from extract.dataset.reader import Dataset

Kind = Literal["str", "int", "float", "json"]
FORMATS = ("csv", "parquet")


class ExportError(Exception):
    """The export cannot be written as asked; the message says why and what to do."""


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    rows: list[dict[str, Any]]


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _place(provenance: Sequence[Provenance]) -> dict[str, Any]:
    first = provenance[0]
    x0, top, x1, bottom = first.bbox if first.bbox else (None, None, None, None)
    return {
        "source_path": first.source_path,
        "page": first.page,
        "x0": x0,
        "top": top,
        "x1": x1,
        "bottom": bottom,
        "char_start": first.char_start,
        "char_end": first.char_end,
        "provenance": _json([p.model_dump(mode="json") for p in provenance]),
    }


PLACE = (
    Column("source_path", "str"),
    Column("page", "int"),
    Column("x0", "float"),
    Column("top", "float"),
    Column("x1", "float"),
    Column("bottom", "float"),
    Column("char_start", "int"),
    Column("char_end", "int"),
    Column("provenance", "json"),
)
RECORD = (Column("id", "str"), Column("doc_id", "str"), Column("edition", "int"))
GRADE = (Column("confidence", "float"), Column("rule", "str"))


def _columns(*groups: Sequence[Column] | Column) -> tuple[Column, ...]:
    return tuple(c for g in groups for c in ((g,) if isinstance(g, Column) else g))


def _documents(ds: Dataset) -> Table:
    columns = _columns(
        Column("doc_id", "str"), Column("source_path", "str"), Column("media_type", "str"),
        Column("sha256", "str"), Column("size_bytes", "int"), Column("title", "str"), Column("publisher", "str"),
        Column("author", "str"), Column("published", "str"), Column("edition", "int"), Column("page_count", "int"),
        Column("status", "str"), Column("error", "str"),
    )  # fmt: skip
    return Table("documents", columns, [_document_row(d) for d in ds.documents])


def _document_row(d: Document) -> dict[str, Any]:
    row = d.model_dump(mode="json")
    return {k: row.get(k) for k in Document.model_fields}


def _topic_row(t: Topic) -> dict[str, Any]:
    return {
        "id": t.id, "doc_id": t.doc_id, "edition": t.edition, "category": t.category, "topic_key": t.topic_key,
        "title": t.title, "rank": t.rank, "status": t.status, "description": t.description,
        "confidence": t.confidence, "rule": t.rule, **_place(t.provenance),
    }  # fmt: skip


def _topics(ds: Dataset) -> Table:
    columns = _columns(
        RECORD, Column("category", "str"), Column("topic_key", "str"), Column("title", "str"), Column("rank", "int"),
        Column("status", "str"), Column("description", "str"), GRADE, PLACE,
    )  # fmt: skip
    return Table("topics", columns, [_topic_row(t) for t in ds.topics])


def _definition_row(d: Definition) -> dict[str, Any]:
    return {
        "id": d.id, "doc_id": d.doc_id, "edition": d.edition, "term": d.term, "definition": d.definition,
        "confidence": d.confidence, "rule": d.rule, **_place(d.provenance),
    }  # fmt: skip


def _definitions(ds: Dataset) -> Table:
    columns = _columns(RECORD, Column("term", "str"), Column("definition", "str"), GRADE, PLACE)
    return Table("definitions", columns, [_definition_row(d) for d in ds.definitions])


def _quote_row(q: Quote) -> dict[str, Any]:
    sp = q.speaker
    return {
        "id": q.id, "doc_id": q.doc_id, "edition": q.edition, "text": q.text,
        "speaker_name": sp.name if sp else None, "speaker_role": sp.role if sp else None,
        "speaker_kind": sp.kind if sp else None, "speaker_mention": sp.mention if sp else None,
        "speaker_resolved_by": sp.resolved_by if sp else None,
        "confidence": q.confidence, "rule": q.rule, **_place(q.provenance),
    }  # fmt: skip


def _quotes(ds: Dataset) -> Table:
    speaker = tuple(Column(f"speaker_{f}", "str") for f in ("name", "role", "kind", "mention", "resolved_by"))
    columns = _columns(RECORD, Column("text", "str"), speaker, GRADE, PLACE)
    return Table("quotes", columns, [_quote_row(q) for q in ds.quotes])


def _edition_row(item: CatalogItem, e: CatalogEdition) -> dict[str, Any]:
    return {
        "topic_key": item.topic_key, "title": item.title, "category": item.category, "edition": e.edition,
        "edition_category": e.category, "rank": e.rank, "status": e.status, "status_from": e.status_from,
        "edition_title": e.title, "record_ids": _json(e.record_ids), "doc_ids": _json(e.doc_ids),
        "conflicts": _json([c.model_dump(mode="json") for c in item.conflicts if c.edition == e.edition]),
        "aliases": _json(item.aliases),
    }  # fmt: skip


def _catalog(ds: Dataset) -> Table:
    """One row per topic and edition: the topic across editions, as analysts pivot it."""
    columns = _columns(
        Column("topic_key", "str"), Column("title", "str"), Column("category", "str"), Column("edition", "int"),
        Column("edition_category", "str"), Column("rank", "int"), Column("status", "str"),
        Column("status_from", "str"), Column("edition_title", "str"), Column("record_ids", "json"),
        Column("doc_ids", "json"), Column("conflicts", "json"), Column("aliases", "json"),
    )  # fmt: skip
    items = ds.catalog.items if ds.catalog else []
    return Table("catalog", columns, [_edition_row(item, e) for item in items for e in item.editions])


def _change_row(c: CategoryChange) -> dict[str, Any]:
    return {
        "category": c.category, "edition": c.edition, "previous_edition": c.previous_edition,
        "entered": _json(c.entered), "stayed": _json(c.stayed), "dropped": _json(c.dropped),
        "claim_disagreements": _json([d.model_dump(mode="json") for d in c.claim_disagreements]),
    }  # fmt: skip


def _changes(ds: Dataset) -> Table:
    columns = _columns(
        Column("category", "str"), Column("edition", "int"), Column("previous_edition", "int"),
        Column("entered", "json"), Column("stayed", "json"), Column("dropped", "json"),
        Column("claim_disagreements", "json"),
    )  # fmt: skip
    return Table("catalog_changes", columns, [_change_row(c) for c in (ds.catalog.changes if ds.catalog else [])])


def _speaker_row(s: SpeakerEntry) -> dict[str, Any]:
    return {
        "speaker_key": s.speaker_key, "name": s.name, "kind": s.kind,
        "roles": _json([r.model_dump(mode="json") for r in s.roles]), "quote_ids": _json(s.quote_ids),
        "mentions": _json(s.mentions),
    }  # fmt: skip


def _speakers(ds: Dataset) -> Table:
    columns = _columns(
        Column("speaker_key", "str"), Column("name", "str"), Column("kind", "str"), Column("roles", "json"),
        Column("quote_ids", "json"), Column("mentions", "json"),
    )  # fmt: skip
    return Table("speakers", columns, [_speaker_row(s) for s in ds.speakers])


TABLES: tuple[Callable[[Dataset], Table], ...] = (
    _documents, _topics, _definitions, _quotes, _catalog, _changes, _speakers
)  # fmt: skip


def tables(ds: Dataset) -> list[Table]:
    """Every table of the export, in a fixed order. Pure."""
    return [build(ds) for build in TABLES]


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def to_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.name for c in table.columns])
    for row in table.rows:
        writer.writerow([_cell(row[c.name]) for c in table.columns])
    return out.getvalue()


def parse_csv(table_columns: Sequence[Column], text: str) -> list[dict[str, Any]]:
    """Rows of an exported CSV with their types back (an empty cell is null): the inverse of `to_csv`."""
    cast: dict[str, Callable[[str], Any]] = {"str": str, "int": int, "float": float, "json": str}
    types = {c.name: cast[c.kind] for c in table_columns}
    return [
        {name: (types[name](value) if value != "" else None) for name, value in row.items()}
        for row in csv.DictReader(io.StringIO(text))
    ]


def _arrow_schema(table: Table):  # type: ignore[no-untyped-def]
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "json": pa.string()}
    return pa.schema([pa.field(c.name, types[c.kind]) for c in table.columns])


def _replace_into(target: Path, write: Callable[[Path], None]) -> None:
    """Write through a temporary file beside `target`, then rename: a reader never sees half a file."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export(ds: Dataset, to: str, out: Path) -> list[Path]:
    """Write one file per table into `out` (created if needed); returns the paths written."""
    if to not in FORMATS:
        raise ExportError(f"unknown export format {to!r}: use csv or parquet")
    if to == "parquet":
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise ExportError(
                "Parquet export needs pyarrow: pip install -e '.[parquet]' (or export --to csv)"
            ) from None
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out} is a file, not a folder; give a folder to export into")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables(ds):
        target = out / f"{table.name}.{to}"
        if to == "csv":
            text = to_csv(table)
            _replace_into(target, lambda tmp, text=text: tmp.write_text(text, encoding="utf-8", newline=""))
        else:
            arrow = pa.Table.from_pylist(table.rows, schema=_arrow_schema(table))
            _replace_into(target, lambda tmp, arrow=arrow: pq.write_table(arrow, tmp))
        written.append(target)
    return written
