"""Topics: category sections (headings, list intros, cue phrases) and the topics listed under them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from extract.profile import Profile
from extract.rules.base import SegmentDoc, TopicHit, norm_key

MAX_TITLE_WORDS = 12
MAX_PROSE_TITLE_TOKENS = 8
_NUMBER = re.compile(r"^(\d{1,2})[.)]?$")
_TERMINAL = (".", "!", "?", "…")
_COPULA = frozenset({"is", "are", "was", "were"})
_INTRO_WORDS = frozenset({"in", "after", "for", "since", "this", "again", "once", "at", "with", "from"})
_TITLE_STOP = frozenset({",", ";", ":", ".", "—", "–", "(", "which", "that", "who", "as", "while", "because"})


@dataclass(slots=True)
class Section:
    category: str
    level: int | None  # heading level of the category heading; None for a list intro or a cue
    from_heading: bool
    rank: int = 0
    topic_level: int | None = None


def _categories(span_group: list[Span]) -> list[str]:
    seen: list[str] = []
    for span in span_group:
        if span.label_ not in seen:
            seen.append(span.label_)
    return seen


def category_heading(sd: SegmentDoc) -> str | None:
    """A short heading naming exactly one category ("Tech Enablers", "Top Hurdles for 2026")."""
    cats = _categories(list(sd.doc.spans["categories"]))
    if len(cats) != 1 or len(sd.segment.text.split()) > 8:
        return None
    return cats[0]


def _rank(marker: str | None) -> int | None:
    if marker:
        m = _NUMBER.match(marker)
        if m:
            return int(m.group(1))
    return None


def _looks_like_item(text: str) -> bool:
    """A list-like line: short, not a full sentence."""
    words = text.split()
    return 1 <= len(words) <= MAX_TITLE_WORDS and not text.endswith(_TERMINAL)


def _intro_category(sd: SegmentDoc) -> str | None:
    """`The top three hurdles for 2024 are:` — a paragraph announcing a list of one category."""
    text = sd.segment.text
    if not text.rstrip().endswith(":"):
        return None
    sents = list(sd.doc.sents)
    last = _categories([s for s in sd.doc.spans["categories"] if s.start >= sents[-1].start])
    if len(last) == 1:
        return last[0]
    cats = _categories(list(sd.doc.spans["categories"]))
    return cats[0] if cats else None


def _title_after(doc: Doc, start: int, profile: Profile) -> Span | None:
    """The noun phrase that a cue introduces: `…list in 2026, critical media literacy reflects…`."""
    i = start
    window = doc[start : min(len(doc), start + 6)]
    comma = next((t.i for t in window if t.text == ","), None)
    if i < len(doc) and doc[i].lower_ in _COPULA:  # "New to the list are data-visualization tools"
        i += 1
    elif comma is not None and (i == comma or doc[i].lower_ in _INTRO_WORDS):  # "…list in 2026, critical…"
        i = comma + 1
    verbs = frozenset(profile.lexicon.clause_verbs)
    j = i
    while (
        j < len(doc)
        and j - i < MAX_PROSE_TITLE_TOKENS
        and doc[j].lower_ not in _TITLE_STOP
        and doc[j].lower_ not in verbs
        and not doc[j].is_sent_end
    ):
        j += 1
    if j >= len(doc) or (doc[j].is_sent_end and not doc[j].is_punct):
        return None
    if j == i or doc[i].lower_ in profile.lexicon.pronouns or not any(t.is_alpha for t in doc[i:j]):
        return None
    return doc[i:j]


def _subject_before(doc: Doc, cue: Span, profile: Profile) -> Span | None:
    sent = doc[cue.start].sent
    j = cue.start
    while j > sent.start and doc[j - 1].lower_ in ("is", "are", "was", "were", "be"):
        j -= 1
    if j == sent.start:
        return None
    subject = doc[sent.start : j]
    if subject[0].lower_ in profile.lexicon.pronouns or len(subject) > MAX_PROSE_TITLE_TOKENS:
        return None
    return subject


def find_topics(segments: list[SegmentDoc], profile: Profile) -> list[TopicHit]:
    hits: list[TopicHit] = []
    section: Section | None = None
    last_topic: TopicHit | None = None
    in_list = False

    def add(category: str, title_span: tuple[int, int], title: str, rule: str, conf: float, **kw: object) -> TopicHit:
        hit = TopicHit(category, title, [title_span], rule, conf, **kw)  # type: ignore[arg-type]
        hits.append(hit)
        return hit

    for index, sd in enumerate(segments):
        seg, doc = sd.segment, sd.doc
        nxt = segments[index + 1].segment if index + 1 < len(segments) else None
        if seg.kind == "heading":
            in_list = False
            cat = category_heading(sd)
            if cat is not None:
                section = Section(cat, seg.level, True)
                continue
            if section is None or not section.from_heading:
                section = None
                continue
            level = seg.level or 0
            if section.topic_level is None:
                if section.level is not None and level < section.level:
                    section = None
                    continue
                section.topic_level = level
            if level < section.topic_level:
                section = None
                continue
            if level > section.topic_level:
                continue  # a sub-heading inside a topic
            section.rank += 1
            description = nxt.text if nxt is not None and nxt.kind == "paragraph" else None
            last_topic = add(
                section.category,
                sd.span(0, len(doc.text)),
                seg.text,
                "topic.heading",
                0.9,
                rank=_rank(seg.marker) or section.rank,
                description=description,
            )
            continue

        intro = _intro_category(sd)
        if intro is not None:
            section = Section(intro, None, False)
            in_list = True
            continue

        status_cues = sorted(doc.spans["status_cues"], key=lambda s: (s.start, -len(s)))
        if status_cues:
            cue = status_cues[0]
            status = cue.label_
            cats_in_cue = [s.label_ for s in doc.spans["categories"] if cue.start <= s.start < cue.end]
            category = cats_in_cue[0] if cats_in_cue else (section.category if section else None)
            subject = _subject_before(doc, cue, profile)
            title = (
                subject
                if subject is not None
                else (_title_after(doc, cue.end, profile) if cue.start == doc[cue.start].sent.start else None)
            )
            if title is None and last_topic is not None and section is not None and last_topic.status is None:
                last_topic.status = status
                last_topic.extra_spans.append(sd.token_span(cue))
                continue
            if title is not None and category is not None:
                if section is None or section.category != category:
                    section = Section(category, None, False)
                last_topic = add(
                    category,
                    sd.token_span(title),
                    title.text,
                    f"topic.prose.{cue.id_}",
                    0.7,
                    status=status,
                    description=seg.text,
                )
                continue

        if section is None:
            continue
        text = seg.text
        title, sep, rest = text.partition(":")
        is_item = seg.kind == "list_item" or (in_list and _looks_like_item(text))
        if seg.kind == "list_item" and sep and 1 <= len(title.split()) <= MAX_TITLE_WORDS and rest.strip():
            section.rank += 1
            last_topic = add(
                section.category,
                sd.span(0, len(title)),
                title.strip(),
                "topic.list_item_colon",
                0.85,
                rank=_rank(seg.marker) or section.rank,
                description=rest.strip(),
            )
        elif is_item and _looks_like_item(text) and (section.from_heading or in_list):
            section.rank += 1
            last_topic = add(
                section.category,
                sd.span(0, len(text)),
                text,
                "topic.list_item",
                0.75,
                rank=_rank(seg.marker) or section.rank,
            )
        elif in_list:
            in_list = False
    return _merge(hits)


def _merge(hits: list[TopicHit]) -> list[TopicHit]:
    """The same topic named twice (a summary page, a recap) is one topic with more provenance."""
    kept: dict[tuple[str, str], TopicHit] = {}
    for hit in hits:
        key = hit.category, norm_key(hit.title)  # the same identity as the record id
        if key not in kept:
            kept[key] = hit
            continue
        first = kept[key]
        first.spans.extend(hit.spans)
        first.status = first.status or hit.status
        first.description = first.description or hit.description
        first.rank = first.rank or hit.rank
    return list(kept.values())
