"""Reading curated/: `load(path)` gives a `Dataset` of the contract's pydantic models, with filters.

Tolerant like every reader of the contract: fields it does not know are kept (`model_extra`), any 1.x
contract is read, and `catalog.json`/`speakers.json` are optional (datasets written before 1.2 have none).
A folder that holds no dataset, or a file that is not the contract, raises `DatasetError` with a message
that says which file and what to do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from extract.dataset.commit import JournalError, interrupted, recover
from extract.dataset.lock import DatasetLocked, dataset_lock
from extract.dataset.models import (
    Catalog,
    CatalogItem,
    Collection,
    Definition,
    Document,
    Manifest,
    Quote,
    Rejected,
    Release,
    SpeakerEntry,
    Topic,
)

M = TypeVar("M", bound=BaseModel)
RECOVER_WAIT_S = 30.0  # a writer holds the lock for well under a second while it switches files; a dead one not at all
R = TypeVar("R", Topic, Definition, Quote)


class DatasetError(Exception):
    """The folder cannot be read as a curated dataset; the message says why and what to do."""


def _read(path: Path, model: type[M]) -> M:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise DatasetError(f"cannot read {path}: {err.strerror or err}") from None
    try:
        return model.model_validate_json(data)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(map(str, first["loc"])) or "the top level"
        raise DatasetError(
            f"{path} is not a file of the curated contract 1.x ({err.error_count()} errors; first at {where}: "
            f"{first['msg']}); re-run `extract run` to rewrite it"
        ) from None


def _optional(path: Path, model: type[M]) -> M | None:
    return _read(path, model) if path.is_file() else None


@dataclass(frozen=True)
class Dataset:
    """A curated folder as typed values. `where(...)` narrows it; the texts that provenance offsets point into
    are read on demand with `text(doc_id)`."""

    folder: Path
    documents: tuple[Document, ...]
    topics: tuple[Topic, ...]
    definitions: tuple[Definition, ...]
    quotes: tuple[Quote, ...]
    rejected: tuple[Rejected, ...] = ()
    catalog: Catalog | None = None
    speakers: tuple[SpeakerEntry, ...] = ()
    releases: tuple[Release, ...] = ()
    manifest: Manifest | None = None

    @property
    def version(self) -> str | None:
        """The dataset version (`manifest.dataset_version`)."""
        return self.manifest.dataset_version if self.manifest else None

    def document(self, key: str) -> Document:
        """A document by its source path or doc_id."""
        for d in self.documents:
            if key in (d.source_path, d.doc_id):
                return d
        raise KeyError(f"no document {key!r} in {self.folder}")

    def topic(self, topic_key: str) -> CatalogItem:
        """The catalog's item for a topic key (see `extract.dataset.keys.topic_key`)."""
        for item in self.catalog.items if self.catalog else ():
            if item.topic_key == topic_key:
                return item
        raise KeyError(f"no topic {topic_key!r} in the catalog of {self.folder}")

    def text(self, doc_id: str) -> str:
        """The normalized text of a document: `text(p.doc_id)[p.char_start:p.char_end] == p.text`."""
        return (self.folder / "texts" / f"{doc_id}.txt").read_text(encoding="utf-8")

    def where(self, *, edition: int | None = None, category: str | None = None, document: str | None = None) -> Dataset:
        """The dataset narrowed to one edition, topic category and/or document (source path or doc_id).

        Documents, records, the catalog (its editions, record ids and changes) and speakers (their quotes and
        roles) are narrowed alike. Definitions and quotes have no category: `category` leaves them as they are.
        """
        doc_ids = {d.doc_id for d in self.documents if document is None or document in (d.source_path, d.doc_id)}
        docs = tuple(d for d in self.documents if d.doc_id in doc_ids and (edition is None or d.edition == edition))

        def keep(records: tuple[R, ...], test: Callable[[R], bool] = lambda r: True) -> tuple[R, ...]:
            return tuple(
                r for r in records if r.doc_id in doc_ids and (edition is None or r.edition == edition) and test(r)
            )

        topics = keep(self.topics, lambda t: category is None or t.category == category)
        quotes = keep(self.quotes)
        return replace(
            self,
            documents=docs,
            topics=topics,
            definitions=keep(self.definitions),
            quotes=quotes,
            rejected=tuple(x for x in self.rejected if x.doc_id in doc_ids),
            catalog=_narrow_catalog(self.catalog, {t.id for t in topics}, edition, category),
            speakers=_narrow_speakers(self.speakers, {q.id for q in quotes}, edition),
        )


def _narrow_catalog(
    catalog: Catalog | None, ids: set[str], edition: int | None, category: str | None
) -> Catalog | None:
    if catalog is None:
        return None
    items = []
    for item in catalog.items:
        editions = []
        for e in item.editions:
            kept = [i for i in e.record_ids if i in ids]
            if kept and (edition is None or e.edition == edition) and (category is None or e.category == category):
                editions.append(e.model_copy(update={"record_ids": kept}))
        if editions:
            conflicts = [c for c in item.conflicts if edition is None or c.edition == edition]
            items.append(item.model_copy(update={"editions": editions, "conflicts": conflicts}))
    changes = [
        c
        for c in catalog.changes
        if (edition is None or c.edition == edition) and (category is None or c.category == category)
    ]
    return catalog.model_copy(update={"items": items, "changes": changes})


def _narrow_speakers(
    speakers: tuple[SpeakerEntry, ...], ids: set[str], edition: int | None
) -> tuple[SpeakerEntry, ...]:
    out = []
    for s in speakers:
        quote_ids = [i for i in s.quote_ids if i in ids]
        if quote_ids:
            roles = [r for r in s.roles if edition is None or r.edition == edition]
            out.append(s.model_copy(update={"quote_ids": quote_ids, "roles": roles}))
    return tuple(out)


def _complete_interrupted_write(folder: Path) -> None:
    """A write a kill interrupted after its journal: completed here (under the writers' lock), so that this
    reader sees the new dataset whole rather than half of it."""
    try:
        with dataset_lock(folder, RECOVER_WAIT_S):
            recover(folder)
    except (OSError, DatasetLocked, JournalError) as err:
        raise DatasetError(
            f"{folder} holds a write that was interrupted and cannot be completed here ({err}); run "
            f"`extract check {folder}` or the next `extract run` with write access to complete it"
        ) from None


def load(path: str | Path) -> Dataset:
    """Read a curated folder (written by `extract run`) into a `Dataset`. Raises DatasetError when it holds no
    dataset or a file is not the contract."""
    folder = Path(path)
    if not folder.is_dir():
        raise DatasetError(f"curated folder {folder} does not exist; run `extract run` first, or give its path")
    if interrupted(folder):
        _complete_interrupted_write(folder)
    if not (folder / "documents.json").is_file():
        raise DatasetError(f"{folder} holds no curated dataset (no documents.json); run `extract run` first")
    records = {
        name: _read(folder / f"{name}.json", Collection[model]).items  # type: ignore[valid-type]
        for name, model in (("topics", Topic), ("definitions", Definition), ("quotes", Quote))
    }
    speakers = _optional(folder / "speakers.json", Collection[SpeakerEntry])
    releases = _optional(folder / "releases.json", Collection[Release])
    rejected = _optional(folder / "rejected.json", Collection[Rejected])
    return Dataset(
        folder=folder,
        documents=tuple(_read(folder / "documents.json", Collection[Document]).items),
        topics=tuple(records["topics"]),
        definitions=tuple(records["definitions"]),
        quotes=tuple(records["quotes"]),
        rejected=tuple(rejected.items) if rejected else (),
        catalog=_optional(folder / "catalog.json", Catalog),
        speakers=tuple(speakers.items) if speakers else (),
        releases=tuple(releases.items) if releases else (),
        manifest=_optional(folder / "manifest.json", Manifest),
    )
