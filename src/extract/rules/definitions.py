"""Definitions: "X refers to …", "X is defined as …", "defined X as …", "X are the tools that …",
"X — gloss" and "X (gloss)", with the defined term normalized to the profile's category names."""

from __future__ import annotations

import difflib

from spacy.tokens import Doc, Span

from extract.profile import Profile
from extract.rules.base import DefinitionHit, SegmentDoc, norm_key

MAX_TERM_TOKENS = 6
MAX_APPOSITION = 8
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


def _skip_apposition(doc: Doc, end: int, sent_start: int) -> int:
    """`The Bridges, a new feature this year, are…`: the term ends before the apposition."""
    if end - 1 <= sent_start or doc[end - 1].text != ",":
        return end
    for k in range(end - 2, max(sent_start, end - MAX_APPOSITION - 2), -1):
        if doc[k].text == ",":
            first = doc[k + 1]
            return k if first.lower_ in _DETERMINERS or first.is_lower else end
    return end


def _term_before(doc: Doc, end: int, pronouns: frozenset[str]) -> tuple[int, int] | None:
    sent_start = doc[end].sent.start if end < len(doc) else doc[end - 1].sent.start
    end = _skip_apposition(doc, end, sent_start)
    start = end
    while start > sent_start and doc[start - 1].text not in _BOUNDARY and end - start <= MAX_TERM_TOKENS:
        start -= 1
    while start < end and doc[start].lower_ in _DETERMINERS:
        start += 1
    if not start < end or end - start > MAX_TERM_TOKENS or doc[start].lower_ in pronouns:
        return None
    if not any(t.is_alpha for t in doc[start:end]):
        return None
    return start, end


def _to_sentence_end(doc: Doc, start: int, pronouns: frozenset[str] = frozenset()) -> int:
    """The gloss runs to the sentence end, or to `, and it …` where a new clause with its own subject begins."""
    end = doc[start].sent.end if start < len(doc) else len(doc)
    for k in range(start + 1, end - 2):
        if doc[k].text == "," and doc[k + 1].lower_ in ("and", "but", "while") and doc[k + 2].lower_ in pronouns:
            end = k
            break
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
        return doc[bounds[0] : bounds[1]], doc[def_start : _to_sentence_end(doc, def_start, pronouns)]
    if label == "defined_term_as":
        inner = [t for t in doc[cue.start + 1 : cue.end - 1] if not t.is_punct]
        if not inner:
            return None
        term = doc[inner[0].i : inner[-1].i + 1]
        quoted = doc[cue.start + 1].is_punct
        if not quoted and not _is_known_or_titled(term, profile):
            return None
        return term, doc[cue.end : _to_sentence_end(doc, cue.end, pronouns)]
    if label == "dash":
        return _dash_gloss(doc, cue, profile)
    if label == "paren":
        # "the most pressing Hurdles (obstacles)": the term is a known name right before the bracket.
        for k in range(max(0, cue.start - MAX_TERM_TOKENS), cue.start):
            term = doc[k : cue.start]
            if term_category(term.text, profile) is not None:
                return term, doc[cue.start + 1 : cue.end - 1]
    return None


def _dash_gloss(doc: Doc, cue: Span, profile: Profile) -> tuple[Span, Span] | None:
    """`Hurdles — barriers districts must overcome` at the start of a line, or `…adds Bridges — cross-cutting
    themes that connect all three lists — and…` mid-sentence, where only a category name counts as the term."""
    end = _to_sentence_end(doc, cue.end)
    closing = next((t.i for t in doc[cue.end : end] if t.text == cue.text), None)
    rest = doc[cue.end : closing if closing is not None else end]
    if not rest or not rest[0].is_lower:
        return None
    if cue.start <= 4:
        term = doc[: cue.start]
        return (term, rest) if len(term) and _is_known_or_titled(term, profile) else None
    for k in range(max(0, cue.start - MAX_TERM_TOKENS), cue.start):
        term = doc[k : cue.start]
        if (
            term_category(term.text, profile) is not None
            and term_category(doc[k - 1 : cue.start].text, profile) is None
        ):
            return term, rest
    return None


def _drop_overlapping(hits: list[DefinitionHit]) -> list[DefinitionHit]:
    """Two cues reading the same sentence (`are defined as the obstacles that`) give one definition: the tighter."""
    kept: list[DefinitionHit] = []
    for hit in sorted(hits, key=lambda h: len(h.definition)):
        overlaps = any(
            k.term == hit.term and any(a < d and c < b for a, b in k.spans for c, d in hit.spans) for k in kept
        )
        if not overlaps:
            kept.append(hit)
    return sorted(kept, key=lambda h: h.spans[0])


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
    return _drop_overlapping(list(hits.values()))
