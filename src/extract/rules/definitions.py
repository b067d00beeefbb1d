"""Definitions: "X refers to …", "X is defined as …", "defined X as …", "X are the tools that …",
"X — gloss" and "X (gloss)", with the defined term normalized to the profile's category names."""

from __future__ import annotations

import difflib

from spacy.tokens import Doc, Span

from extract.profile import Profile
from extract.rules.base import DefinitionHit, SegmentDoc, norm_key

MAX_TERM_TOKENS = 6
_BOUNDARY = frozenset({":", ";", ",", "—", "–", "(", ")", "“", "”", '"', "‘", "’", "•"})
_DETERMINERS = frozenset({"the", "a", "an"})
_CONFIDENCE = {"after": 0.9, "defined_term_as": 0.9, "from_gloss": 0.85, "dash": 0.75, "paren": 0.75}


def term_category(term: str, profile: Profile) -> str | None:
    """The category a term names, by profile name or alias, or as a near miss (a typo)."""
    lowered = term.lower()
    category = profile.category_terms.get(lowered)
    if category is None:
        close = difflib.get_close_matches(lowered, list(profile.category_terms), n=1, cutoff=0.85)
        category = profile.category_terms[close[0]] if close else None
    return category


def canonical_term(term: str, profile: Profile) -> str:
    """Category names and aliases become the category label ("Tech enables" → "Tech Enablers")."""
    category = term_category(term, profile)
    return profile.label(category) if category else term


def _term_before(doc: Doc, end: int, pronouns: frozenset[str]) -> tuple[int, int] | None:
    start = end
    sent_start = doc[end].sent.start if end < len(doc) else doc[end - 1].sent.start
    while start > sent_start and doc[start - 1].text not in _BOUNDARY and end - start <= MAX_TERM_TOKENS:
        start -= 1
    while start < end and doc[start].lower_ in _DETERMINERS:
        start += 1
    if not start < end or end - start > MAX_TERM_TOKENS or doc[start].lower_ in pronouns:
        return None
    if not any(t.is_alpha for t in doc[start:end]):
        return None
    return start, end


def _to_sentence_end(doc: Doc, start: int) -> int:
    end = doc[start].sent.end if start < len(doc) else len(doc)
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in ")”’"):
        end -= 1
    return end


def _is_known_or_titled(term: Span, profile: Profile) -> bool:
    text = term.text
    return term_category(text, profile) is not None or all(t.text[:1].isupper() for t in term if t.is_alpha)


def _hit(sd: SegmentDoc, cue: Span, profile: Profile) -> tuple[Span, Span] | None:
    doc = sd.doc
    pronouns = frozenset(profile.lexicon.pronouns)
    label = cue.label_
    if label in ("after", "from_gloss"):
        bounds = _term_before(doc, cue.start, pronouns)
        if bounds is None:
            return None
        def_start = cue.end if label == "after" else cue.start + 1
        return doc[bounds[0] : bounds[1]], doc[def_start : _to_sentence_end(doc, def_start)]
    if label == "defined_term_as":
        inner = [t for t in doc[cue.start + 1 : cue.end - 1] if not t.is_punct]
        if not inner:
            return None
        term = doc[inner[0].i : inner[-1].i + 1]
        quoted = doc[cue.start + 1].is_punct
        if not quoted and not _is_known_or_titled(term, profile):
            return None
        return term, doc[cue.end : _to_sentence_end(doc, cue.end)]
    if label == "dash":
        term = doc[: cue.start]
        rest = doc[cue.end : _to_sentence_end(doc, cue.end)]
        if not 1 <= len(term) <= 4 or not rest or not rest[0].is_lower or not _is_known_or_titled(term, profile):
            return None
        return term, rest
    if label == "paren":
        # "the most pressing Hurdles (obstacles)": the term is a known name right before the bracket.
        for k in range(max(0, cue.start - MAX_TERM_TOKENS), cue.start):
            term = doc[k : cue.start]
            if term_category(term.text, profile) is not None:
                return term, doc[cue.start + 1 : cue.end - 1]
    return None


def find_definitions(segments: list[SegmentDoc], profile: Profile) -> list[DefinitionHit]:
    hits: dict[tuple[str, str], DefinitionHit] = {}
    for sd in segments:
        for cue in sd.doc.spans["definition_cues"]:
            found = _hit(sd, cue, profile)
            if found is None:
                continue
            term, definition = found
            if not definition.text.strip() or len(definition) < 1:
                continue
            start = min(term.start_char, definition.start_char)
            end = max(term.end_char, definition.end_char)
            name = canonical_term(term.text, profile)
            key = (norm_key(name), norm_key(definition.text))  # the same identity as the record id
            span = sd.span(start, end)
            if key in hits:
                hits[key].spans.append(span)
                continue
            hits[key] = DefinitionHit(name, definition.text, [span], cue.id_, _CONFIDENCE.get(cue.label_, 0.7))
    return list(hits.values())
