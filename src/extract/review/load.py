"""A curated folder read once into plain, frozen values the site is built from.

Reading is tolerant of what the site does not need (unknown fields, a contract version it has not seen,
any category id), so that a steward gets a site for whatever the pipeline wrote. `catalog.json` and
`speakers.json` are optional: when they are absent the views built on them are skipped.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RECORD_FILES = {"topic": "topics.json", "definition": "definitions.json", "quote": "quotes.json"}
KINDS = tuple(RECORD_FILES)


class ReviewError(Exception):
    """The site cannot be written as asked; the message says why and how to fix it."""


@dataclass(frozen=True)
class Span:
    """One provenance entry: `texts/<doc_id>.txt[char_start:char_end] == text`, and for PDFs a page box."""

    doc_id: str
    source_path: str
    page: int | None
    bbox: tuple[float, float, float, float] | None
    char_start: int
    char_end: int
    text: str
    rule: str


@dataclass(frozen=True)
class QuoteSpeaker:
    name: str
    role: str | None
    kind: str | None
    mention: str | None
    resolved_by: str | None


@dataclass(frozen=True)
class Record:
    """A topic, definition or quote; the fields of the other kinds are None."""

    kind: str
    id: str
    doc_id: str
    edition: int | None
    confidence: float
    rule: str
    spans: tuple[Span, ...]
    category: str | None = None
    title: str | None = None
    rank: int | None = None
    status: str | None = None
    description: str | None = None
    topic_key: str | None = None
    term: str | None = None
    definition: str | None = None
    text: str | None = None
    speaker: QuoteSpeaker | None = None

    @property
    def key(self) -> tuple[str, str]:
        return self.kind, self.id

    @property
    def headline(self) -> str:
        """What the record says, in a few words: a topic's title, a term, a quote."""
        return self.title or self.term or self.text or self.id


@dataclass(frozen=True)
class Document:
    doc_id: str
    source_path: str
    media_type: str
    title: str | None
    edition: int | None
    page_count: int | None
    status: str
    error: str | None

    @property
    def is_pdf(self) -> bool:
        return self.media_type == "application/pdf"


@dataclass(frozen=True)
class Input:
    """A file of raw/ as the last run saw it (manifest.json `inputs`)."""

    source_path: str
    doc_id: str
    status: str
    error: str | None


@dataclass(frozen=True)
class Rejected:
    kind: str
    doc_id: str
    reason: str
    headline: str


@dataclass(frozen=True)
class Release:
    version: str
    level: str
    released_at: str
    documents_added: tuple[str, ...]
    documents_removed: tuple[str, ...]
    documents_changed: tuple[str, ...]
    records: tuple[tuple[str, int, int, int], ...]  # (type, added, removed, changed)
    topics_added: tuple[str, ...]
    topics_removed: tuple[str, ...]


@dataclass(frozen=True)
class CatalogEdition:
    edition: int | None
    category: str | None
    rank: int | None
    status: str | None
    record_ids: tuple[str, ...]
    doc_ids: tuple[str, ...]


@dataclass(frozen=True)
class Conflict:
    edition: int | None
    field: str
    values: tuple[tuple[str, tuple[str, ...]], ...]  # (value, record ids that say it)


@dataclass(frozen=True)
class CatalogItem:
    topic_key: str
    title: str
    category: str | None
    aliases: tuple[str, ...]
    editions: tuple[CatalogEdition, ...]
    conflicts: tuple[Conflict, ...]


@dataclass(frozen=True)
class ClaimDisagreement:
    topic_key: str
    record_id: str
    claimed: str
    observed: str


@dataclass(frozen=True)
class Change:
    category: str
    edition: int | None
    previous_edition: int | None
    entered: tuple[str, ...]
    stayed: tuple[str, ...]
    dropped: tuple[str, ...]
    claim_disagreements: tuple[ClaimDisagreement, ...]


@dataclass(frozen=True)
class Catalog:
    items: tuple[CatalogItem, ...]
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class SpeakerEntry:
    speaker_key: str
    name: str
    kind: str | None
    roles: tuple[tuple[int | None, str], ...]  # (edition, role)
    quote_ids: tuple[str, ...]
    mentions: tuple[str, ...]


@dataclass(frozen=True)
class Curated:
    folder: Path
    contract_version: str | None
    dataset_version: str | None
    generator_version: str | None
    profile: str | None
    documents: tuple[Document, ...]
    records: tuple[Record, ...]
    rejected: tuple[Rejected, ...]
    inputs: tuple[Input, ...]
    release: Release | None  # the newest entry of releases.json
    catalog: Catalog | None
    speakers: tuple[SpeakerEntry, ...] | None
    texts: Mapping[str, str | None]  # doc_id → texts/<doc_id>.txt (None when the file is missing)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise ReviewError(f"cannot read {path}: {err.strerror or err}") from None
    except ValueError as err:
        raise ReviewError(f"{path} is not valid JSON ({err}); re-run `extract run` to rewrite it") from None


def _items(path: Path, data: Any = None) -> list[dict[str, Any]]:
    """The items of a `{"schema_version", "items"}` file (or of its `data`, read already); [] when absent."""
    if data is None:
        if not path.is_file():
            return []
        data = _read_json(path)
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ReviewError(f"{path} has no list of items; re-run `extract run` to rewrite it")
    return [i for i in items if isinstance(i, dict)]


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _strs(values: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in values) if isinstance(values, list) else ()


def _span(p: dict[str, Any]) -> Span:
    bbox = p.get("bbox")
    return Span(
        doc_id=str(p.get("doc_id", "")),
        source_path=str(p.get("source_path", "")),
        page=_int(p.get("page")),
        bbox=tuple(float(x) for x in bbox) if isinstance(bbox, list) and len(bbox) == 4 else None,  # type: ignore[arg-type]
        char_start=int(p.get("char_start", 0)),
        char_end=int(p.get("char_end", 0)),
        text=str(p.get("text", "")),
        rule=str(p.get("rule", "")),
    )


def _record(kind: str, r: dict[str, Any]) -> Record:
    speaker = r.get("speaker")
    return Record(
        kind=kind,
        id=str(r["id"]),
        doc_id=str(r.get("doc_id", "")),
        edition=_int(r.get("edition")),
        confidence=float(r.get("confidence", 0.0)),
        rule=str(r.get("rule", "")),
        spans=tuple(_span(p) for p in r.get("provenance") or [] if isinstance(p, dict)),
        category=r.get("category"),
        title=r.get("title"),
        rank=_int(r.get("rank")),
        status=r.get("status"),
        description=r.get("description"),
        topic_key=r.get("topic_key"),
        term=r.get("term"),
        definition=r.get("definition"),
        text=r.get("text"),
        speaker=QuoteSpeaker(
            name=str(speaker.get("name", "")),
            role=speaker.get("role"),
            kind=speaker.get("kind"),
            mention=speaker.get("mention"),
            resolved_by=speaker.get("resolved_by"),
        )
        if isinstance(speaker, dict)
        else None,
    )


def _document(d: dict[str, Any]) -> Document:
    return Document(
        doc_id=str(d.get("doc_id", "")),
        source_path=str(d.get("source_path", "")),
        media_type=str(d.get("media_type", "")),
        title=d.get("title"),
        edition=_int(d.get("edition")),
        page_count=_int(d.get("page_count")),
        status=str(d.get("status", "")),
        error=d.get("error"),
    )


def _release(r: dict[str, Any]) -> Release:
    records = r.get("records") if isinstance(r.get("records"), dict) else {}
    return Release(
        version=str(r.get("version", "")),
        level=str(r.get("level", "")),
        released_at=str(r.get("released_at", "")),
        documents_added=_strs(r.get("documents_added")),
        documents_removed=_strs(r.get("documents_removed")),
        documents_changed=_strs(r.get("documents_changed")),
        records=tuple(
            (kind, int(c.get("added", 0)), int(c.get("removed", 0)), int(c.get("changed", 0)))
            for kind, c in records.items()
            if isinstance(c, dict)
        ),
        topics_added=_strs(r.get("topics_added")),
        topics_removed=_strs(r.get("topics_removed")),
    )


def _catalog(path: Path) -> Catalog | None:
    if not path.is_file():
        return None
    data = _read_json(path)
    if not isinstance(data, dict):
        raise ReviewError(f"{path} is not a catalog (an object with items); re-run `extract run` to rewrite it")
    items = []
    for item in data.get("items") or []:
        items.append(
            CatalogItem(
                topic_key=str(item["topic_key"]),
                title=str(item.get("title") or item["topic_key"]),
                category=item.get("category"),
                aliases=_strs(item.get("aliases")),
                editions=tuple(
                    CatalogEdition(
                        edition=_int(e.get("edition")),
                        category=e.get("category") or item.get("category"),
                        rank=_int(e.get("rank")),
                        status=e.get("status"),
                        record_ids=_strs(e.get("record_ids")),
                        doc_ids=_strs(e.get("doc_ids")),
                    )
                    for e in item.get("editions") or []
                ),
                conflicts=tuple(
                    Conflict(
                        edition=_int(c.get("edition")),
                        field=str(c.get("field", "")),
                        values=tuple((str(v.get("value")), _strs(v.get("record_ids"))) for v in c.get("values") or []),
                    )
                    for c in item.get("conflicts") or []
                ),
            )
        )
    changes = [
        Change(
            category=str(c.get("category", "")),
            edition=_int(c.get("edition")),
            previous_edition=_int(c.get("previous_edition")),
            entered=_strs(c.get("entered")),
            stayed=_strs(c.get("stayed")),
            dropped=_strs(c.get("dropped")),
            claim_disagreements=tuple(
                ClaimDisagreement(
                    topic_key=str(d.get("topic_key", "")),
                    record_id=str(d.get("record_id", "")),
                    claimed=str(d.get("claimed", "")),
                    observed=str(d.get("observed", "")),
                )
                for d in c.get("claim_disagreements") or []
            ),
        )
        for c in data.get("changes") or []
    ]
    return Catalog(tuple(items), tuple(changes))


def _speakers(path: Path) -> tuple[SpeakerEntry, ...] | None:
    if not path.is_file():
        return None
    return tuple(
        SpeakerEntry(
            speaker_key=str(s.get("speaker_key") or s.get("name", "")),
            name=str(s.get("name", "")),
            kind=s.get("kind"),
            roles=tuple((_int(r.get("edition")), str(r.get("role", ""))) for r in s.get("roles") or []),
            quote_ids=_strs(s.get("quote_ids")),
            mentions=_strs(s.get("mentions")),
        )
        for s in _items(path)
    )


def _text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def require_dataset(folder: Path) -> None:
    """Raises ReviewError, saying what to do, when `folder` holds no curated dataset."""
    if not folder.is_dir():
        raise ReviewError(f"curated folder {folder} does not exist; run `extract run` first, or pass --curated DIR")
    if not (folder / "documents.json").is_file():
        raise ReviewError(
            f"curated folder {folder} has no documents.json; run `extract run` first, or pass --curated DIR"
        )


def load_curated(folder: Path) -> Curated:
    """Every curated file the site shows, read once. Raises ReviewError when `folder` holds no dataset."""
    require_dataset(folder)
    documents_file = _read_json(folder / "documents.json")
    documents = tuple(_document(d) for d in _items(folder / "documents.json", documents_file))
    records = tuple(_record(kind, r) for kind, name in RECORD_FILES.items() for r in _items(folder / name) if "id" in r)
    manifest = _read_json(folder / "manifest.json") if (folder / "manifest.json").is_file() else {}
    manifest = manifest if isinstance(manifest, dict) else {}
    releases = _items(folder / "releases.json")
    profile = manifest.get("profile") if isinstance(manifest.get("profile"), dict) else {}
    return Curated(
        folder=folder,
        contract_version=documents_file.get("schema_version"),
        dataset_version=manifest.get("dataset_version"),
        generator_version=manifest.get("generator_version"),
        profile=f"{profile['name']} {profile.get('version', '')}".strip() if profile.get("name") else None,
        documents=documents,
        records=records,
        rejected=tuple(
            Rejected(
                kind=str(x.get("kind", "")),
                doc_id=str(x.get("doc_id", "")),
                reason=str(x.get("reason", "")),
                headline=str(_headline(x.get("record"))),
            )
            for x in _items(folder / "rejected.json")
        ),
        inputs=tuple(
            Input(
                source_path=str(i.get("source_path", "")),
                doc_id=str(i.get("doc_id", "")),
                status=str(i.get("status", "")),
                error=i.get("error"),
            )
            for i in manifest.get("inputs") or []
            if isinstance(i, dict)
        ),
        release=_release(releases[-1]) if releases else None,
        catalog=_catalog(folder / "catalog.json"),
        speakers=_speakers(folder / "speakers.json"),
        texts={d.doc_id: _text(folder / "texts" / f"{d.doc_id}.txt") for d in documents if d.status == "ok"},
    )


def _headline(record: Any) -> str:
    if not isinstance(record, dict):
        return ""
    return str(record.get("title") or record.get("term") or record.get("text") or "")
