"""One parsed document → its Document record and validated records with provenance. Nothing else: reading
raw/, parsing and isolation are the batch's job."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from pydantic import ValidationError
from pydantic_core import to_jsonable_python
from spacy.language import Language

from extract import __version__
from extract.dataset.keys import topic_key
from extract.dataset.models import WRITER, Definition, Document, Provenance, Quote, Rejected, Topic, stable_id
from extract.dataset.results import DocumentResult
from extract.document import ParsedDocument, Segment, SourceFile
from extract.nlp import analyse
from extract.profile import Profile
from extract.rules.base import Hit, SegmentDoc
from extract.rules.definitions import find_definitions
from extract.rules.edition import detect_edition
from extract.rules.metadata import find_author, find_published
from extract.rules.quotes import find_quotes, mentions
from extract.rules.speakers import resolve_in_document
from extract.rules.topics import find_topics
from extract.settings import RuleSettings

MODELS: dict[str, type[Topic | Definition | Quote]] = {"topic": Topic, "definition": Definition, "quote": Quote}
UNKNOWN_MEDIA_TYPE = "application/octet-stream"


def document_record(source: SourceFile, media_type: str, **fields: object) -> Document:
    base: dict[str, object] = dict.fromkeys(("title", "publisher", "author", "published", "edition", "page_count"))
    base |= {"doc_id": source.sha256, "source_path": source.path, "media_type": media_type}
    base |= {"sha256": source.sha256, "size_bytes": source.size, "status": "ok", "error": None}
    return Document.model_validate(base | fields)


SENTENCE_END = re.compile(r"[.!?…][”\"')\]]*\s+")  # where a long block is cut: after a sentence's end


def cut_long(segment: Segment, limit: int) -> list[Segment]:
    """A block longer than `limit` characters as consecutive pieces of at most `limit`, each cut after the last
    sentence end inside it (else at the last space; else at the limit), with its own offsets into the text."""
    text = segment.text
    if len(text) <= limit or segment.char_start is None or segment.cells:
        return [segment]
    pieces, start = [], 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        ends = [m.end() for m in SENTENCE_END.finditer(window)]
        cut = ends[-1] if ends else (window.rstrip().rfind(" ") + 1 or limit)
        pieces.append((start, start + cut))
        start += cut
    pieces.append((start, len(text)))
    out = []
    for a, b in pieces:
        piece = text[a:b]
        lead, trail = len(piece) - len(piece.lstrip()), len(piece.rstrip())
        if trail <= lead:
            continue
        at = segment.char_start + a
        out.append(
            replace(
                segment,
                text=piece[lead:trail],
                char_start=at + lead,
                char_end=at + trail,
                pieces=tuple(p for p in segment.pieces if p.char_end > at + lead and p.char_start < at + trail),
            )
        )
    return out


def failed(source: SourceFile, reason: str, media_type: str = UNKNOWN_MEDIA_TYPE) -> DocumentResult:
    return DocumentResult(document_record(source, media_type, status="failed", error=reason))


def extract(
    source: SourceFile,
    media_type: str,
    parsed: ParsedDocument,
    profile: Profile,
    nlp: Language,
    settings: RuleSettings | None = None,
) -> DocumentResult:
    """Run every rule family over the parsed document and validate what they found."""
    settings = settings or RuleSettings()
    body = [piece for segment in parsed.body for piece in cut_long(segment, settings.max_block_chars)]
    segs = [SegmentDoc(seg, doc) for seg, doc in zip(body, analyse(nlp, (s.text for s in body)), strict=True)]
    meta = parsed.metadata
    title = meta.title or next((s.text for s in body if s.kind == "heading" and s.level == 1), None)
    published = meta.published or find_published(parsed)
    title_doc = nlp(title) if title else None  # kept alive while its spans are read
    title_cues = list(title_doc.spans["edition_cues"]) if title_doc else None
    edition = detect_edition(segs, title_cues, published, profile, source.path)
    said = [mentions(sd, profile, settings) for sd in segs]  # who is reported speaking: quotes and surnames
    quotes = find_quotes(segs, profile, said, settings)
    resolve_in_document(quotes, (speaker for found in said for _, speaker in found), parsed.text, profile.lexicons)
    people = frozenset(q.speaker.name.lower() for q in quotes if q.speaker is not None and q.speaker.kind == "person")
    topics = find_topics(segs, profile, settings, people)
    # `Title — description` lines that are topics: their dash is no definition.
    titled_rule = profile.step("topic_titled_item").id
    titled = frozenset(o - _in_segment(segs, o) for t in topics if t.rule == titled_rule for o, _ in t.spans)
    titles = frozenset(t.title.lower() for t in topics)
    definitions = find_definitions(segs, profile, settings, titled, titles)
    records = _Recorder(source, parsed, edition, profile)
    for hit in [*topics, *definitions, *quotes]:
        records.add(hit)
    document = document_record(
        source,
        media_type,
        title=title,
        author=meta.author or find_author(parsed),
        publisher=meta.publisher,
        published=published,
        edition=edition,
        page_count=meta.page_count,
    )
    by_kind = records.valid
    return DocumentResult(
        document, parsed.text, by_kind["topic"], by_kind["definition"], by_kind["quote"], records.rejected
    )


def _in_segment(segs: list[SegmentDoc], offset: int) -> int:
    """How far `offset` lies into the segment that holds it (0 when none does)."""
    for sd in segs:
        start = sd.segment.char_start or 0
        if start <= offset < (sd.segment.char_end or 0):
            return offset - start
    return 0


class _Recorder:
    """Turns hits into validated records; what fails validation is kept in `rejected` with the reason."""

    def __init__(self, source: SourceFile, parsed: ParsedDocument, edition: int | None, profile: Profile) -> None:
        self.source, self.parsed, self.edition = source, parsed, edition
        # a topic's category is the profile's, and a record holds the contract's fields only
        self.context = {"categories": frozenset(profile.category_ids), **WRITER}
        self.valid: dict[str, list] = {kind: [] for kind in MODELS}
        self.rejected: list[Rejected] = []
        self.seen: Counter[str] = Counter()

    def provenance(self, hit: Hit) -> list[Provenance]:
        return [
            Provenance(
                doc_id=self.source.sha256,
                source_path=self.source.path,
                page=page,
                bbox=tuple(round(v, 2) for v in bbox) if bbox else None,  # type: ignore[arg-type]
                char_start=lo,
                char_end=hi,
                text=self.parsed.text[lo:hi],
                rule=hit.rule,
                extractor_version=__version__,
            )
            for start, end in hit.all_spans
            for lo, hi, page, bbox in self.parsed.locate(start, end)
        ]

    def record_id(self, hit: Hit) -> str:
        """What the record is and where it stands: the source path, its kind and its normalized content
        (never the document's bytes or offsets), so an unchanged record keeps its id when its document is
        re-issued. The same content again in one document is told apart by its occurrence."""
        identity = (hit.kind, self.source.path, *hit.identity())
        occurrence = self.seen[stable_id(*identity)]
        self.seen[stable_id(*identity)] += 1
        return stable_id(*identity) if occurrence == 0 else stable_id(*identity, occurrence)

    def add(self, hit: Hit) -> None:
        doc_id = self.source.sha256
        fields = hit.fields() | {
            "id": self.record_id(hit),
            "doc_id": doc_id,
            "edition": self.edition,
            "confidence": hit.confidence,
            "rule": hit.rule,
        }
        if hit.kind == "topic":
            fields["topic_key"] = topic_key(str(fields["title"]))
        try:
            record = fields | {"provenance": self.provenance(hit)}
            self.valid[hit.kind].append(MODELS[hit.kind].model_validate(record, context=self.context))
        except ValidationError as err:
            reason = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in err.errors())
            record = to_jsonable_python(fields)
            self.rejected.append(Rejected(kind=hit.kind, doc_id=doc_id, reason=reason, record=record))  # type: ignore[arg-type]
