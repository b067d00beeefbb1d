"""The curated contract: pydantic models for every file in curated/ (JSON Schema is generated from here).

Readers are tolerant, the writer is strict. Every model accepts fields it does not know (kept in
`model_extra`), so the published schemas never forbid them and a 1.x reader keeps working on a later 1.y
dataset. The writer validates with `context=WRITER`, under which an unknown field, or a contract version
other than this one, is an error: what the pipeline writes is exactly this contract.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Annotated, Generic, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from extract.dataset.keys import topic_key

# 1.1 added manifest.dataset_version and releases.json; 1.2: categories from the profile; 1.3: manifest inputs
# skipped as duplicates say so (`status: "duplicate"`, `duplicate_of`) instead of "failed", and
# `manifest.skipped` lists the paths of raw/ that are not documents (links out of it, special files, folders).
SCHEMA_VERSION = "1.3"
# A reader of contract 1.x reads any 1.y: minor versions only add fields and files.
ContractVersion = Annotated[str, Field(pattern=r"^1\.\d+$", description="contract version; 1.x readers read any 1.y")]
WRITER = {"writer": True}  # the validation context of the writer: unknown fields are errors

# A category id of the report family's profile; the manifest's `profile.categories` lists the valid ones.
Category = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
TopicStatus = Literal["new", "returning"]
DocStatus = Literal["ok", "failed"]
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


def _non_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


NonBlank = Annotated[str, AfterValidator(_non_blank)]
Confidence = Annotated[float, Field(ge=0.0, le=1.0)]
BBox = tuple[float, float, float, float]


class Frozen(BaseModel):
    """A contract value: immutable; unknown fields are kept when reading and rejected when writing."""

    model_config = ConfigDict(frozen=True, extra="allow")

    @model_validator(mode="after")
    def _strict_when_writing(self, info: ValidationInfo) -> Frozen:
        if not (info.context or {}).get("writer"):
            return self
        if self.model_extra:
            unknown = ", ".join(sorted(self.model_extra))
            raise ValueError(f"unknown field(s) {unknown}: contract {SCHEMA_VERSION} has no such field")
        version = getattr(self, "schema_version", SCHEMA_VERSION)
        if version != SCHEMA_VERSION:
            raise ValueError(f"schema_version {version!r}: this writer writes contract {SCHEMA_VERSION}")
        return self


class Provenance(Frozen):
    """Where one piece of a record came from: `texts/<doc_id>.txt[char_start:char_end] == text`."""

    doc_id: Sha256
    source_path: str
    page: Annotated[int, Field(ge=1)] | None = Field(description="1-based PDF page; null for articles")
    bbox: BBox | None = Field(description="[x0, top, x1, bottom] in PDF points, top-left origin")
    char_start: Annotated[int, Field(ge=0)]
    char_end: Annotated[int, Field(ge=0)]
    text: NonBlank
    rule: NonBlank
    extractor_version: NonBlank

    @model_validator(mode="after")
    def _span_matches_text(self) -> Provenance:
        if self.char_end - self.char_start != len(self.text):
            raise ValueError("char_end - char_start must equal len(text)")
        if (self.page is None) != (self.bbox is None):
            raise ValueError("page and bbox are given together or not at all")
        return self


class Document(Frozen):
    doc_id: Sha256
    source_path: str
    media_type: str
    sha256: Sha256
    size_bytes: Annotated[int, Field(ge=0)]
    title: str | None
    publisher: str | None
    author: str | None
    published: dt.date | None
    edition: int | None
    page_count: int | None
    status: DocStatus
    error: str | None

    @model_validator(mode="after")
    def _error_iff_failed(self) -> Document:
        if (self.status == "failed") != bool(self.error):
            raise ValueError("a failed document carries an error, an ok one none")
        return self


class Record(Frozen):
    id: Annotated[str, Field(pattern=r"^[0-9a-f]{16}$")]
    doc_id: Sha256
    edition: int | None
    confidence: Confidence
    rule: NonBlank
    provenance: Annotated[list[Provenance], Field(min_length=1)]


TopicKey = Annotated[str, Field(min_length=1, description="the catalog's key of a topic (extract.dataset.keys)")]


class Topic(Record):
    category: Category = Field(description="a category id of the profile named in the manifest")
    title: NonBlank
    topic_key: TopicKey = Field(
        description="the topic across documents and editions: catalog.json's key (normalized title; an "
        "acronym-only title takes the key of the topic that spells it out)"
    )
    rank: Annotated[int, Field(ge=1)] | None
    status: TopicStatus | None
    description: str | None

    @model_validator(mode="before")
    @classmethod
    def _key_of_older_records(cls, data: object) -> object:
        """Records written before 1.2 had no topic_key: it is the normalized title."""
        if isinstance(data, dict) and "topic_key" not in data and isinstance(data.get("title"), str):
            return {**data, "topic_key": topic_key(data["title"])}
        return data

    @field_validator("category")
    @classmethod
    def _profile_category(cls, value: str, info: ValidationInfo) -> str:
        """Validated against the profile's categories when the caller passes them (`context={"categories": …}`)."""
        known = (info.context or {}).get("categories")
        if known is not None and value not in known:
            raise ValueError(f"category {value!r} is not one of the profile's categories: {', '.join(sorted(known))}")
        return value


class Definition(Record):
    term: NonBlank
    definition: NonBlank


class Speaker(Frozen):
    name: NonBlank
    role: str | None
    kind: Literal["person", "organization"]
    mention: NonBlank = Field(description="the words that named the speaker at the quote")
    resolved_by: Literal["mention", "document", "corpus"] = Field(
        description="mention: named in full at the quote; document/corpus: a bare surname completed from elsewhere"
    )


class Quote(Record):
    text: NonBlank
    speaker: Speaker | None


class Rejected(Frozen):
    kind: Literal["topic", "definition", "quote"]
    doc_id: str
    reason: str
    record: dict


T = TypeVar("T", bound=BaseModel)


class Collection(Frozen, Generic[T]):
    schema_version: ContractVersion = SCHEMA_VERSION
    items: list[T]


class ManifestInput(Frozen):
    source_path: str
    doc_id: Sha256
    size_bytes: int
    status: Literal["ok", "failed", "duplicate"] = Field(
        description="`duplicate`: identical bytes to `duplicate_of`, curated once under that path"
    )
    error: str | None
    duplicate_of: str | None = Field(default=None, description="the path curated in its place (duplicates only)")


class SkippedPath(Frozen):
    path: str = Field(description="relative to raw/ (a name that is not UTF-8 is shown with its bytes replaced)")
    reason: str = Field(description="why it is not a document: a link out of raw/, a special file, a folder…")


class CategoryRef(Frozen):
    id: Category
    label: str


class ProfileRef(Frozen):
    """The report family a dataset was extracted with; topics' categories are its category ids."""

    name: str
    version: str
    sha256: Sha256
    categories: list[CategoryRef] = Field(default=[], description="the family's categories: valid topic categories")


class RunInfo(Frozen):
    started_at: dt.datetime
    finished_at: dt.datetime
    flow_run_id: str | None
    duration_s: float


class RecordChanges(Frozen):
    """Records of one type, by id. `changed`: what the record says differs; `moved`: only where it stands
    differs (its document's hash, offsets, page or box), as when a document is re-issued with an edit elsewhere."""

    added: int = 0
    removed: int = 0
    changed: int = 0
    moved: int = 0


SemVer = Annotated[str, Field(pattern=r"^\d+\.\d+\.\d+$")]


class Release(Frozen):
    """One dataset version: major for a contract change, minor for new or removed documents, patch for
    re-extraction of the same documents."""

    version: SemVer
    level: Literal["initial", "major", "minor", "patch"]
    released_at: dt.datetime
    contract_version: str
    generator_version: str
    profile: ProfileRef
    documents_added: list[str]
    documents_removed: list[str]
    documents_changed: list[str]
    records: dict[str, RecordChanges]
    topics_added: list[str] = Field(description="`category: title` of topics new in this version")
    topics_removed: list[str] = Field(description="`category: title` of topics that dropped off")
    summary: str = Field(default="", description="one line: documents added/removed/changed, then the records")


class Manifest(Frozen):
    schema_version: ContractVersion = SCHEMA_VERSION
    generator: str
    generator_version: str
    profile: ProfileRef
    dataset_version: SemVer
    inputs: list[ManifestInput]
    skipped: list[SkippedPath] = Field(
        default=[], description="paths under raw/ that are not documents and were never opened, with the reason"
    )
    counts: dict[str, int] = Field(description="records per type, and documents extracted vs reused from cache")
    run: RunInfo


RecordId = Annotated[str, Field(pattern=r"^[0-9a-f]{16}$")]


class ConflictValue(Frozen):
    value: str = Field(description="what these records say (a rank, category, status or title, as text)")
    record_ids: list[RecordId]


class CatalogConflict(Frozen):
    """Sources of one edition that disagree: never resolved silently, always listed."""

    edition: int | None
    field: Literal["rank", "category", "status", "title"] = Field(
        description="rank/category/status: this topic's records disagree; title: records at this topic's "
        "edition, category and rank name different topics"
    )
    values: Annotated[list[ConflictValue], Field(min_length=2)]


class CatalogEdition(Frozen):
    """A topic in one edition, as its preferred record there says (a report PDF first, then confidence)."""

    edition: int | None
    category: Category
    rank: Annotated[int, Field(ge=1)] | None
    status: TopicStatus | None = Field(
        description="new/returning: observed from the dataset's earlier editions of the category when it has "
        "some (status_from `editions`), else what the documents claim when they agree (`documents`)"
    )
    status_from: Literal["editions", "documents"] | None
    title: NonBlank = Field(description="the title in this edition")
    record_ids: Annotated[list[RecordId], Field(min_length=1)] = Field(description="preferred record first")
    doc_ids: list[Sha256]


class CatalogItem(Frozen):
    """One topic across documents and editions."""

    topic_key: TopicKey
    title: NonBlank = Field(description="from the preferred record: a report PDF, then confidence, then edition")
    category: Category = Field(description="the preferred record's category")
    aliases: list[str] = Field(description="every title seen, and parenthetical acronyms")
    editions: list[CatalogEdition]
    conflicts: list[CatalogConflict]


class ClaimDisagreement(Frozen):
    topic_key: TopicKey
    record_id: RecordId
    claimed: TopicStatus = Field(description="what the record's document says")
    observed: Literal["entered", "stayed", "returned"] = Field(
        description="entered: in no earlier edition of the category; stayed: in the previous one; returned: "
        "not in the previous one but in an earlier one"
    )


class CategoryChange(Frozen):
    """How a category's list changed between two editions the dataset holds (`previous_edition` is the latest
    earlier one with topics in the category, which need not be the year before)."""

    category: Category
    edition: int
    previous_edition: int
    entered: list[TopicKey]
    stayed: list[TopicKey]
    dropped: list[TopicKey]
    claim_disagreements: list[ClaimDisagreement]


class Catalog(Frozen):
    schema_version: ContractVersion = SCHEMA_VERSION
    items: list[CatalogItem]
    changes: list[CategoryChange]


class SpeakerRole(Frozen):
    edition: int | None
    role: NonBlank


class SpeakerEntry(Frozen):
    """One person or organization quoted anywhere in the dataset."""

    speaker_key: NonBlank = Field(description="the normalized name (extract.dataset.keys.speaker_key)")
    name: NonBlank
    kind: Literal["person", "organization"]
    roles: list[SpeakerRole] = Field(description="each role seen, per edition")
    quote_ids: list[RecordId]
    mentions: list[str] = Field(description="the words that named them at their quotes")


def stable_id(*parts: object) -> str:
    """A 16-hex id that depends only on the given parts, so ids survive re-runs."""
    joined = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


CURATED_FILES: dict[str, type[BaseModel]] = {
    "documents": Collection[Document],
    "topics": Collection[Topic],
    "definitions": Collection[Definition],
    "quotes": Collection[Quote],
    "rejected": Collection[Rejected],
    "catalog": Catalog,
    "speakers": Collection[SpeakerEntry],
    "releases": Collection[Release],
    "manifest": Manifest,
}
