"""Quotations: pair quotation marks, tell quotes from scare quotes, attribute them to a speaker."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from extract.profile import Profile
from extract.rules.base import QuoteHit, SegmentDoc, SpeakerHit

OPENING = "“„«"
CLOSING = "”»"
STRAIGHT = '"'
_WORD = re.compile(r"[A-Za-z0-9’']+")
_ORG_WORDS = frozenset(
    [
        "consortium",
        "association",
        "council",
        "department",
        "district",
        "institute",
        "foundation",
        "university",
        "college",
        "board",
        "agency",
        "coalition",
        "alliance",
        "network",
        "center",
        "centre",
        "commission",
        "office",
        "schools",
    ]
)
_NAME_PARTICLES = frozenset({"de", "van", "von", "da", "del", "la", "le", "bin", "al"})
_NOT_NAMES = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "in",
        "on",
        "for",
        "and",
        "but",
        "or",
        "as",
        "at",
        "by",
        "we",
        "our",
        "their",
        "he",
        "she",
        "they",
        "you",
        "i",
        "report",
        "study",
        "survey",
    ]
)
MIN_QUOTE_WORDS = 3
MIN_UNATTRIBUTED_WORDS = 8
_DASH_CREDIT = re.compile(r"^[—–-]\s*(?P<who>.+)$")


@dataclass(frozen=True, slots=True)
class Mark:
    open: int  # index of the opening mark in the doc text
    close: int | None  # index of the closing mark, None when the paragraph ends first


def pair_marks(text: str) -> list[Mark]:
    """Pair double quotation marks; an opening mark with no partner closes at the end of the text."""
    marks: list[Mark] = []
    open_at: int | None = None
    for i, ch in enumerate(text):
        if ch == STRAIGHT:
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if open_at is None and (before.isspace() or before in "([{—–-") and not after.isspace():
                open_at = i
            elif open_at is not None and not before.isspace():
                marks.append(Mark(open_at, i))
                open_at = None
        elif ch in OPENING:
            if open_at is not None:
                # A second opening mark before any closing one: the first quote was never closed.
                marks.append(Mark(open_at, None if i == len(text) else i))
            open_at = i
        elif ch in CLOSING and open_at is not None:
            marks.append(Mark(open_at, i))
            open_at = None
    if open_at is not None:
        marks.append(Mark(open_at, None))
    return marks


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _is_name_token(tok: Token) -> bool:
    t = tok.text
    if tok.lower_ in _NAME_PARTICLES:
        return True
    if not t[:1].isupper() or tok.lower_ in _NOT_NAMES:
        return False
    return t.replace(".", "").replace("-", "").replace("’", "").replace("'", "").isalpha()


def _name_run_forward(doc: Doc, i: int) -> tuple[int, int]:
    j = i
    while j < len(doc) and _is_name_token(doc[j]) and j - i < 6:
        j += 1
    while j > i and doc[j - 1].lower_ in _NAME_PARTICLES:
        j -= 1
    return i, j


def _name_run_backward(doc: Doc, end: int) -> tuple[int, int]:
    i = end
    while i > 0 and _is_name_token(doc[i - 1]) and end - i < 6:
        i -= 1
    return i, end


def _role_after(doc: Doc, i: int, role_words: frozenset[str]) -> tuple[str | None, int]:
    """`, CEO of CoSN` after a name: the role text and the token index after it."""
    if i >= len(doc) or doc[i].text != ",":
        return None, i
    j = i + 1
    while j < len(doc) and doc[j].text not in {",", ".", ";", "“", "”", '"', "(", ")"} and not doc[j].is_sent_start:
        j += 1
    words = doc[i + 1 : j]
    if not words or not any(t.lower_ in role_words for t in words):
        return None, i
    return words.text, j


def make_speaker(mention: str, role: str | None, profile: Profile) -> SpeakerHit | None:
    """Split a run like "CoSN CEO Keith Krueger" into role and name; classify person or organization."""
    tokens = mention.split()
    role_words = frozenset(profile.lexicon.role_words)
    last_role = max((k for k, t in enumerate(tokens) if t.lower().strip(",") in role_words), default=-1)
    if 0 <= last_role < len(tokens) - 1:
        role = role or " ".join(tokens[: last_role + 1])
        tokens = tokens[last_role + 1 :]
    if not tokens:
        return None
    name = " ".join(tokens)
    org = profile.organization_names.get(name.lower())
    if org:
        return SpeakerHit(org, role, "organization", mention)
    is_org = any(t.lower() in _ORG_WORDS for t in tokens) or (len(tokens) == 1 and sum(c.isupper() for c in name) >= 2)
    return SpeakerHit(name, role, "organization" if is_org else "person", mention)


def _verb_tokens(sd: SegmentDoc) -> dict[int, str]:
    return {s.start: s.id_ for s in sd.doc.spans["reporting_verbs"]}


def _attribute_after(sd: SegmentDoc, tok_after: int, profile: Profile) -> tuple[SpeakerHit | None, str]:
    """Attribution that follows a quote: `,” said Keith R. Krueger, CEO of CoSN.` or `,” Krueger said.`"""
    doc, verbs = sd.doc, _verb_tokens(sd)
    role_words = frozenset(profile.lexicon.role_words)
    i = tok_after
    while i < len(doc) and doc[i].is_punct and doc[i].text not in '“"':
        i += 1
    if i in verbs:  # verb first: said NAME
        start = i + (2 if verbs[i] == "quote.according_to" else 1)
        a, b = _name_run_forward(doc, start)
        if b > a:
            role, _ = _role_after(doc, b, role_words)
            return make_speaker(doc[a:b].text, role, profile), verbs[i] + ".after"
        return None, ""
    a, b = _name_run_forward(doc, i)
    if b > a:
        role, after_role = _role_after(doc, b, role_words)
        k = after_role + 1 if role and after_role < len(doc) and doc[after_role].text == "," else b
        if k in verbs:
            return make_speaker(doc[a:b].text, role, profile), verbs[k] + ".name_first"
    return None, ""


def _attribute_before(sd: SegmentDoc, tok_open: int, profile: Profile) -> tuple[SpeakerHit | None, str]:
    """Attribution that leads into a quote in the same sentence: `CoSN said that … “` / `According to X, “`."""
    doc = sd.doc
    sent_start = doc[tok_open].sent.start
    for span in sd.doc.spans["reporting_verbs"]:
        if not sent_start <= span.start < tok_open or tok_open - span.end > 12:
            continue
        if span.id_ == "quote.according_to":
            a, b = _name_run_forward(doc, span.end)
        else:
            a, b = _name_run_backward(doc, span.start)
            if b == a:  # `said Krueger: “`
                a, b = _name_run_forward(doc, span.end)
        if b > a:
            return make_speaker(doc[a:b].text, None, profile), span.id_ + ".before"
    return None, ""


def _token_at(doc: Doc, char: int) -> int:
    for tok in doc:
        if tok.idx <= char < tok.idx + len(tok.text):
            return tok.i
    return len(doc)


def _is_teaser(sd: SegmentDoc) -> bool:
    """Publisher teaser lines ("Real-world learning often starts with…") are cut off mid-sentence."""
    text = sd.segment.text
    return text.endswith(("…", "...")) and text[-4:-1].strip()[-1:].isalpha() and _words(text) < 40


def find_quotes(segments: list[SegmentDoc], profile: Profile) -> list[QuoteHit]:
    hits: list[QuoteHit] = []
    for index, sd in enumerate(segments):
        if _is_teaser(sd):
            continue
        text = sd.doc.text
        previous: QuoteHit | None = None
        previous_end = 0
        for mark in pair_marks(text):
            end = mark.close if mark.close is not None else len(text)
            inner_start, inner_end = mark.open + 1, end
            inner = text[inner_start:inner_end].strip()
            if _words(inner) < MIN_QUOTE_WORDS:
                continue
            tok_open = _token_at(sd.doc, mark.open)
            tok_after = _token_at(sd.doc, end) + 1 if mark.close is not None else len(sd.doc)
            speaker, rule = _attribute_after(sd, tok_after, profile)
            if speaker is None:
                speaker, rule = _attribute_before(sd, tok_open, profile)
            if speaker is None and sd.segment.kind == "quote_block" and index + 1 < len(segments):
                credit = _DASH_CREDIT.match(segments[index + 1].segment.text)
                if credit:
                    who = credit.group("who")
                    name, _, role = who.partition(",")
                    speaker, rule = (
                        make_speaker(name.strip(), role.strip() or None, profile),
                        "quote.dash_credit",
                    )
            if speaker is None and previous is not None and previous.speaker is not None:
                between = text[previous_end : mark.open]
                if _words(between) <= 8:
                    speaker, rule = previous.speaker, "quote.continuation"
            confidence = 0.9 if speaker else 0.5
            if speaker is None:
                if _words(inner) < MIN_UNATTRIBUTED_WORDS or inner[-1:] not in ".!?,":
                    continue
                rule = "quote.unattributed"
            if mark.close is None:
                rule += ".unclosed"
                confidence -= 0.1
            hit = QuoteHit(inner, [sd.span(inner_start, inner_end)], speaker, rule, round(confidence, 2))
            hits.append(hit)
            previous, previous_end = hit, end + 1
    return _merge_duplicates(hits)


def _key(text: str) -> str:
    return " ".join(w.lower() for w in _WORD.findall(text))


def _merge_duplicates(hits: list[QuoteHit]) -> list[QuoteHit]:
    """A pull quote repeated in the body is one quote with two provenance spans."""
    by_key: dict[str, QuoteHit] = {}
    out: list[QuoteHit] = []
    for hit in hits:
        key = _key(hit.text)
        same = next((k for k in by_key if k.startswith(key) or key.startswith(k)), None)
        if same is None:
            by_key[key] = hit
            out.append(hit)
            continue
        kept = by_key[same]
        kept.spans.extend(hit.spans)
        if kept.speaker is None and hit.speaker is not None:
            kept.speaker, kept.rule, kept.confidence = hit.speaker, hit.rule, hit.confidence
        elif kept.speaker is not None and hit.speaker is not None and not kept.speaker.role and hit.speaker.role:
            kept.speaker = hit.speaker
    return out
