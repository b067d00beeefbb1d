"""Shapes shared by the rule families: hits with character spans, before they become contract records."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, ClassVar

from extract.document import Segment

if TYPE_CHECKING:  # annotations only: a batch whose documents all come from the cache never loads spaCy
    from spacy.tokens import Doc, Span

CharSpan = tuple[int, int]


def norm_key(text: str) -> str:
    """Lower-cased words only: the identity of a title, term or definition for merging and for ids."""
    return " ".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


MIN_CONTENT_WORD = 4  # shorter lower-case words are function words ("and", "the", "of"); acronyms count


def content_words(text: str) -> set[str]:
    """The words that carry a title's meaning, lower-cased, with a plural `s` dropped: for telling that two
    names are the same topic ("attracting and retaining educators" ⊂ "Attracting and Retaining Educators…")."""
    words = "".join(c if c.isalnum() else " " for c in text).split()
    out = set()
    for w in words:
        if len(w) >= MIN_CONTENT_WORD or (w.isupper() and len(w) >= 2):
            w = w.lower()
            out.add(w[:-1] if w.endswith("s") and not w.endswith("ss") else w)
    return out


@dataclass(frozen=True, slots=True)
class SegmentDoc:
    """A body segment and its spaCy analysis; `offset` maps doc characters to document characters."""

    segment: Segment
    doc: Doc

    @property
    def offset(self) -> int:
        return self.segment.char_start or 0

    @property
    def text(self) -> str:
        """The doc's text (spaCy rebuilds `Doc.text` from every token on each access: linear, so a rule that
        reads it per match is quadratic in a long segment; the segment holds the same string)."""
        return self.segment.text

    def span(self, start_char: int, end_char: int) -> CharSpan:
        """Document offsets of doc characters [start_char, end_char), trimmed of surrounding spaces."""
        text = self.segment.text
        while start_char < end_char and text[start_char].isspace():
            start_char += 1
        while end_char > start_char and text[end_char - 1].isspace():
            end_char -= 1
        return self.offset + start_char, self.offset + end_char

    def token_span(self, span: Span) -> CharSpan:
        return self.span(span.start_char, span.end_char)


@dataclass(frozen=True, slots=True)
class SpeakerHit:
    """Who said a quote; the fields of the contract's `Speaker`."""

    name: str
    role: str | None
    kind: str
    mention: str
    resolved_by: str = "mention"


@dataclass(slots=True)
class QuoteHit:
    text: str
    spans: list[CharSpan]
    speaker: SpeakerHit | None
    rule: str
    confidence: float
    kind: ClassVar[str] = "quote"

    def identity(self) -> tuple[object, ...]:
        return (norm_key(self.text),)

    @property
    def all_spans(self) -> list[CharSpan]:
        return self.spans

    def fields(self) -> dict[str, object]:
        return {"text": self.text, "speaker": asdict(self.speaker) if self.speaker else None}


@dataclass(slots=True)
class DefinitionHit:
    term: str
    definition: str
    spans: list[CharSpan]
    rule: str
    confidence: float
    kind: ClassVar[str] = "definition"

    def identity(self) -> tuple[object, ...]:
        return norm_key(self.term), norm_key(self.definition)

    @property
    def all_spans(self) -> list[CharSpan]:
        return self.spans

    def fields(self) -> dict[str, object]:
        return {"term": self.term, "definition": self.definition}


@dataclass(slots=True)
class TopicHit:
    category: str
    title: str
    spans: list[CharSpan]
    rule: str
    confidence: float
    rank: int | None = None
    status: str | None = None
    description: str | None = None
    extra_spans: list[CharSpan] = field(default_factory=list)
    kind: ClassVar[str] = "topic"

    def identity(self) -> tuple[object, ...]:
        return self.category, norm_key(self.title)

    def fields(self) -> dict[str, object]:
        return {
            "category": self.category,
            "title": self.title,
            "rank": self.rank,
            "status": self.status,
            "description": self.description,
        }

    @property
    def all_spans(self) -> list[CharSpan]:
        return self.spans + self.extra_spans


Hit = TopicHit | DefinitionHit | QuoteHit
