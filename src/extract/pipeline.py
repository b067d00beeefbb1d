"""Pure composition: one source file → a Document record, its text and its validated records."""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pydantic import BaseModel, ValidationError
from spacy.language import Language

from extract import __version__
from extract.detect import sniff
from extract.document import ParsedDocument
from extract.errors import SourceError
from extract.isolate import Limits, run_limited
from extract.models import Definition, Document, Provenance, Quote, Rejected, Speaker, Topic, stable_id
from extract.nlp import analyse
from extract.parsers import Parser, parse
from extract.profile import Profile
from extract.rules.base import CharSpan, SegmentDoc, SpeakerHit, norm_key
from extract.rules.definitions import find_definitions
from extract.rules.edition import detect_edition
from extract.rules.metadata import find_author, find_published
from extract.rules.quotes import find_quotes, mentions
from extract.rules.topics import find_topics

log = logging.getLogger(__name__)
ProgressFn = Callable[[int, int], None]
IN_PROCESS = Limits(isolate=False)


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: str  # POSIX path relative to raw/
    data: bytes
    sha256: str = field(init=False)

    def __post_init__(self) -> None:
        # Hashed once: every record and provenance entry of the document carries it.
        object.__setattr__(self, "sha256", hashlib.sha256(self.data).hexdigest())


@dataclass(slots=True)
class DocumentResult:
    document: Document
    text: str | None = None
    topics: list[Topic] = field(default_factory=list)
    definitions: list[Definition] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    seconds: float = 0.0
    reused: bool = False  # taken from the cache of an earlier run, not extracted in this one
    produced_by: str = ""  # the run that extracted it, when run by an orchestrator


def discover(raw_dir: Path) -> list[str]:
    """Files under raw/ that the pipeline reads, as sorted POSIX paths; hidden files are skipped."""
    found = []
    for path in raw_dir.rglob("*"):
        rel = path.relative_to(raw_dir)
        if path.is_file() and not any(part.startswith(".") for part in rel.parts):
            found.append(rel.as_posix())
    return sorted(found)


def read_source(raw_dir: Path, rel: str) -> SourceFile:
    return SourceFile(rel, (raw_dir / rel).read_bytes())


def _document(source: SourceFile, media_type: str, **fields: object) -> Document:
    base = {
        "doc_id": source.sha256,
        "source_path": source.path,
        "media_type": media_type,
        "sha256": source.sha256,
        "size_bytes": len(source.data),
        "title": None,
        "publisher": None,
        "author": None,
        "published": None,
        "edition": None,
        "page_count": None,
        "status": "ok",
        "error": None,
    }
    return Document.model_validate(base | fields)


def failed(source: SourceFile, reason: str, media_type: str = "application/octet-stream") -> DocumentResult:
    return DocumentResult(_document(source, media_type, status="failed", error=reason))


class _Recorder:
    """Turns hits into validated records; what fails validation is kept in `rejected` with the reason."""

    def __init__(self, source: SourceFile, parsed: ParsedDocument, edition: int | None) -> None:
        self.source, self.parsed, self.edition = source, parsed, edition
        self.rejected: list[Rejected] = []

    def provenance(self, spans: list[CharSpan], rule: str) -> list[Provenance]:
        out = []
        for start, end in spans:
            for lo, hi, page, bbox in self.parsed.locate(start, end):
                out.append(
                    Provenance(
                        doc_id=self.source.sha256,
                        source_path=self.source.path,
                        page=page,
                        bbox=tuple(round(v, 2) for v in bbox) if bbox else None,  # type: ignore[arg-type]
                        char_start=lo,
                        char_end=hi,
                        text=self.parsed.text[lo:hi],
                        rule=rule,
                        extractor_version=__version__,
                    )
                )
        return out

    def record(
        self,
        model: type[BaseModel],
        kind: str,
        record_id: str,
        rule: str,
        confidence: float,
        spans: list[CharSpan],
        **fields: object,
    ) -> BaseModel | None:
        """Validate one record with the fields every record shares; a failure goes to `rejected`."""
        fields |= {
            "id": record_id,
            "doc_id": self.source.sha256,
            "edition": self.edition,
            "confidence": confidence,
            "rule": rule,
            "provenance": self.provenance(spans, rule),
        }
        try:
            return model.model_validate(fields)
        except ValidationError as err:
            reason = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in err.errors())
            record = {k: v for k, v in fields.items() if k != "provenance"}
            self.rejected.append(
                Rejected(kind=kind, doc_id=self.source.sha256, reason=reason, record=_jsonable(record))  # type: ignore[arg-type]
            )
            return None


def _jsonable(value: object) -> object:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def extract_document(
    source: SourceFile,
    profile: Profile,
    nlp: Language,
    on_page: ProgressFn | None = None,
    limits: Limits = IN_PROCESS,
    parser: Parser = parse,
) -> DocumentResult:
    """Parse one source (in a limited child process unless `limits.isolate` is off) and run every rule
    family; never raises for a bad document. `parser` is swappable for tests and new formats; it must be
    a module-level function so that it can be sent to the child."""
    started = time.perf_counter()
    media_type = "application/octet-stream"
    try:
        media_type = sniff(PurePosixPath(source.path), source.data)
        parsed = run_limited(parser, (source.data, media_type), limits, on_page)
        result = _extract(source, media_type, parsed, profile, nlp)
    except SourceError as err:
        result = failed(source, str(err), media_type)
    except Exception as err:  # a parser bug must cost one document, not the batch
        log.exception("unexpected error on %s", source.path)
        result = failed(source, f"internal error while extracting ({type(err).__name__}: {err})", media_type)
    result.seconds = time.perf_counter() - started
    return result


def _extract(
    source: SourceFile, media_type: str, parsed: ParsedDocument, profile: Profile, nlp: Language
) -> DocumentResult:
    body = parsed.body
    segs = [SegmentDoc(seg, doc) for seg, doc in zip(body, analyse(nlp, (s.text for s in body)), strict=True)]
    meta = parsed.metadata
    title = meta.title or next((s.text for s in body if s.kind == "heading" and s.level == 1), None)
    published = meta.published or find_published(parsed)
    title_doc = nlp(title) if title else None
    edition, _ = detect_edition(segs, list(title_doc.spans["edition_cues"]) if title_doc else None, published)
    rec = _Recorder(source, parsed, edition)
    doc_id = source.sha256

    topics = [
        rec.record(
            Topic,
            "topic",
            stable_id("topic", doc_id, hit.category, norm_key(hit.title)),
            hit.rule,
            hit.confidence,
            hit.spans + hit.extra_spans,
            category=hit.category,
            title=hit.title,
            rank=hit.rank,
            status=hit.status,
            description=hit.description,
        )
        for hit in find_topics(segs, profile)
    ]
    definitions = [
        rec.record(
            Definition,
            "definition",
            stable_id("definition", doc_id, norm_key(d.term), norm_key(d.definition)),
            d.rule,
            d.confidence,
            d.spans,
            term=d.term,
            definition=d.definition,
        )
        for d in find_definitions(segs, profile)
    ]
    said = [mentions(sd, profile) for sd in segs]  # who is reported speaking: for quotes and for surnames
    qhits = find_quotes(segs, profile, said)
    quotes = [
        rec.record(
            Quote,
            "quote",
            stable_id("quote", doc_id, q.spans[0][0]),
            q.rule,
            q.confidence,
            q.spans,
            text=q.text,
            speaker=None
            if q.speaker is None
            else {
                "name": q.speaker.name,
                "role": q.speaker.role,
                "kind": q.speaker.kind,
                "mention": q.speaker.mention,
                "resolved_by": q.speaker.resolved_by,
            },
        )
        for q in qhits
    ]
    document = _document(
        source,
        media_type,
        title=title,
        author=meta.author or find_author(parsed),
        publisher=meta.publisher,
        published=published,
        edition=edition,
        page_count=meta.page_count,
    )
    valid_quotes: list[Quote] = [q for q in quotes if q is not None]  # type: ignore[misc]
    return DocumentResult(
        document,
        parsed.text,
        [t for t in topics if t is not None],  # type: ignore[misc]
        [d for d in definitions if d is not None],  # type: ignore[misc]
        resolve_surnames(
            valid_quotes,
            full_names(_speaker(hit) for found in said for _, hit in found)
            | full_names(q.speaker for q in valid_quotes),
            "document",
        ),
        rec.rejected,
    )


def full_names(speakers: Iterable[Speaker | None]) -> dict[str, Speaker]:
    """Surname → the first person named with a full (multi-word) name."""
    known: dict[str, Speaker] = {}
    for sp in speakers:
        if sp and sp.kind == "person" and len(sp.name.split()) > 1:
            known.setdefault(sp.name.split()[-1].lower(), sp)
    return known


def _speaker(hit: SpeakerHit) -> Speaker:
    return Speaker(name=hit.name, role=hit.role, kind=hit.kind, mention=hit.mention, resolved_by=hit.resolved_by)


def resolve_surnames(quotes: list[Quote], known: dict[str, Speaker], scope: str) -> list[Quote]:
    """Complete a bare surname ("Krueger") with the full name in `known`, recording where it came from."""
    out = []
    for q in quotes:
        sp = q.speaker
        full = known.get(sp.name.lower()) if sp and sp.kind == "person" and len(sp.name.split()) == 1 else None
        if sp is not None and full is not None:
            speaker = sp.model_copy(update={"name": full.name, "role": sp.role or full.role, "resolved_by": scope})
            q = q.model_copy(update={"speaker": speaker})
        out.append(q)
    return out


def resolve_across_corpus(results: list[DocumentResult]) -> None:
    """Complete bare surnames with a full name quoted in another document of the same batch."""
    ordered = sorted(results, key=lambda r: r.document.source_path)
    known = full_names(q.speaker for r in ordered for q in r.quotes)
    for result in results:
        result.quotes = resolve_surnames(result.quotes, known, "corpus")
