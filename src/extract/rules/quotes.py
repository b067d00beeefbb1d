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
_PERSONAL = frozenset({"he", "she"})
PRONOUN_REACH = 2  # segments back that a `she said` may point to
_INDIRECT = (".pronoun", "quote.previous_sentence", "quote.colon_intro", "quote.continuation")
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


def _name_before(doc: Doc, end: int, role_words: frozenset[str]) -> tuple[int, int, str | None]:
    """The name that ends at `end`, or before an apposition or clause that ends there:
    `Maria Delgado, chief technology officer of …, said` / `Krueger, who has led CoSN since 1993, told`."""
    a, b = _name_run_backward(doc, end)
    if b > a or end == 0 or doc[end - 1].text != ",":
        return a, b, None
    sent_start = doc[end - 1].sent.start
    for k in range(end - 2, max(sent_start, end - 20) - 1, -1):
        if doc[k].text != ",":
            continue
        a, b = _name_run_backward(doc, k)
        inner = doc[k + 1 : end - 1]
        if b == a or not len(inner):
            return end, end, None
        role = inner.text if any(t.lower_ in role_words for t in inner) and inner[0].lower_ != "who" else None
        return a, b, role
    return end, end, None


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
    dashed = False
    while i < len(doc) and doc[i].is_punct and doc[i].text not in '“"':
        dashed = dashed or doc[i].text in ("—", "–", "--")
        i += 1
    if i in verbs:  # verb first: said NAME
        start = i + (2 if verbs[i] == "quote.according_to" else 1)
        a, b = _name_run_forward(doc, start)
        if b > a:
            role, _ = _role_after(doc, b, role_words)
            return make_speaker(doc[a:b].text, role, profile), verbs[i] + ".after"
        if start < len(doc) and doc[start].lower_ in _PERSONAL:
            return None, verbs[i] + ".pronoun"
        return None, ""
    if i < len(doc) and doc[i].lower_ in _PERSONAL and i + 1 in verbs:  # `,” she said.`
        return None, verbs[i + 1] + ".pronoun"
    a, b = _name_run_forward(doc, i)
    if b > a:
        role, after_role = _role_after(doc, b, role_words)
        k = after_role + 1 if role and after_role < len(doc) and doc[after_role].text == "," else b
        if k in verbs:
            return make_speaker(doc[a:b].text, role, profile), verbs[k] + ".name_first"
        if dashed and (after_role >= len(doc) or doc[after_role].is_punct):  # `…” — Keith Krueger, CEO of CoSN`
            return make_speaker(doc[a:b].text, role, profile), "quote.dash_credit"
    return None, ""


def _attribute_before(sd: SegmentDoc, tok_open: int, profile: Profile) -> tuple[SpeakerHit | None, str]:
    """Attribution that leads into a quote in the same sentence: `CoSN said that … “` / `According to X, “`."""
    doc = sd.doc
    sent_start = doc[tok_open].sent.start
    for span in sd.doc.spans["reporting_verbs"]:
        if not sent_start <= span.start < tok_open or tok_open - span.end > 12:
            continue
        role = None
        if span.id_ == "quote.according_to":
            a, b = _name_run_forward(doc, span.end)
        else:
            a, b, role = _name_before(doc, span.start, frozenset(profile.lexicon.role_words))
            if b == a:  # `said Krueger: “`
                a, b = _name_run_forward(doc, span.end)
        if b > a:
            return make_speaker(doc[a:b].text, role, profile), span.id_ + ".before"
    return None, ""


def _colon_intro(sd: SegmentDoc, tok_open: int, profile: Profile) -> tuple[SpeakerHit | None, str]:
    """`Raman put it simply: “Culture first.”` — a sentence that opens with a name and ends in a colon."""
    doc = sd.doc
    if tok_open == 0 or doc[tok_open - 1].text != ":":
        return None, ""
    start = doc[tok_open - 1].sent.start
    a, b = _name_run_forward(doc, start)
    if b > a and b < tok_open - 1 and doc[b].is_lower:
        return make_speaker(doc[a:b].text, None, profile), "quote.colon_intro"
    return None, ""


def mentions(sd: SegmentDoc, profile: Profile) -> list[tuple[int, SpeakerHit]]:
    """Who is reported as speaking in a segment, by document offset: `Raman said…`, `According to X,…`."""
    doc = sd.doc
    role_words = frozenset(profile.lexicon.role_words)
    found: list[tuple[int, SpeakerHit]] = []
    for span in doc.spans["reporting_verbs"]:
        if span.id_ == "quote.according_to":
            a, b = _name_run_forward(doc, span.end)
            role, _ = _role_after(doc, b, role_words)
        else:
            a, b, role = _name_before(doc, span.start, role_words)
            if b == a:
                a, b = _name_run_forward(doc, span.end)
                role, _ = _role_after(doc, b, role_words)
        speaker = make_speaker(doc[a:b].text, role, profile) if b > a else None
        if speaker is not None:
            found.append((sd.offset + doc[a].idx, speaker))
    return found


def _token_at(doc: Doc, char: int) -> int:
    for tok in doc:
        if tok.idx <= char < tok.idx + len(tok.text):
            return tok.i
    return len(doc)


def _is_teaser(sd: SegmentDoc) -> bool:
    """Publisher teaser lines ("Real-world learning often starts with…") are cut off mid-sentence."""
    text = sd.segment.text
    return text.endswith(("…", "...")) and text[-4:-1].strip()[-1:].isalpha() and _words(text) < 40


def _recent(seen: list[tuple[int, int, SpeakerHit]], index: int, before: int) -> SpeakerHit | None:
    """The last person named as speaking before `before`, within reach of segment `index`."""
    for seg_index, offset, speaker in reversed(seen):
        if offset < before and index - seg_index <= PRONOUN_REACH and speaker.kind == "person":
            return speaker
    return None


def find_quotes(
    segments: list[SegmentDoc], profile: Profile, said: list[list[tuple[int, SpeakerHit]]] | None = None
) -> list[QuoteHit]:
    """Quotes with their speakers; `said` is `mentions()` of each segment, when the caller has it already."""
    if said is None:
        said = [mentions(sd, profile) for sd in segments]
    hits: list[QuoteHit] = []
    seen: list[tuple[int, int, SpeakerHit]] = []  # (segment index, document offset, speaker) of mentions
    for index, sd in enumerate(segments):
        seen.extend((index, offset, speaker) for offset, speaker in said[index])
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
            quote_at = sd.offset + mark.open
            if speaker is None and rule.endswith(".pronoun"):
                speaker = _recent(seen, index, quote_at)
                rule = rule if speaker is not None else ""
            if speaker is None:
                speaker, rule = _attribute_before(sd, tok_open, profile)
            if speaker is None:
                speaker, rule = _colon_intro(sd, tok_open, profile)
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
            opens_sentence = sd.doc[tok_open].is_sent_start or sd.doc[tok_open - 1].text in (".", "!", "?")
            if speaker is None and tok_open > 0 and opens_sentence:
                # `Maria Delgado, CTO of …, said the plan worked. “We used to…”`: named in the sentence before.
                speaker = _recent([m for m in seen if m[0] == index], index, quote_at)
                rule = "quote.previous_sentence" if speaker is not None else rule
            # Attribution read off a neighbouring sentence or a pronoun is likelier to be wrong.
            confidence = (0.75 if rule.endswith(_INDIRECT) else 0.9) if speaker else 0.5
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
