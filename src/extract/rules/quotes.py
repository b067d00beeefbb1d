"""Quotations: pair quotation marks, tell quotes from scare quotes and teasers, attribute each to a speaker.

Attribution is a table of named steps (`ATTRIBUTION_STEPS`), tried in order on each quote; each returns a
typed `Attribution` (who, and the rule kind that found them) or None. Direct attributions (a reporting
verb in the same sentence) come first; readings off a pronoun, a colon, the sentence's subject, a credit
line or the sentence before come after, with the lower confidence their rules give them.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from extract.profile import Profile
from extract.rules.base import QuoteHit, SegmentDoc, SpeakerHit
from extract.rules.grammar import cues
from extract.rules.speakers import named_in_text
from extract.settings import RuleSettings

DOUBLE_OPENING = "“„«"
DOUBLE_CLOSING = "”»"
STRAIGHT = '"'
SINGLE_OPENING = "‘"
SINGLE_CLOSING = "’"
_WORD = re.compile(r"[A-Za-z0-9’']+(?:-[A-Za-z0-9’']+)*")  # `cross-cutting` is one word
_DASH_CREDIT = re.compile(r"^[—–-]{1,2}\s*(?P<who>\S.*)$")
_ROLE_STOP = frozenset({",", ".", ";", "“", "”", '"', "(", ")", ":", "—", "–"})


@dataclass(frozen=True, slots=True)
class Mark:
    open: int  # index of the opening mark in the doc text
    close: int | None  # index of the closing mark, None when the paragraph ends first


def pair_marks(text: str, single: bool = False) -> list[Mark]:
    """Pair quotation marks; an opening mark with no partner closes at the end of the text. Double marks
    (curly or straight) by default; `single` pairs ‘…’ for a document that quotes with single marks, where
    an apostrophe (`it’s`, `schools’ budgets`) is told from a closing mark by what follows it."""
    marks: list[Mark] = []
    open_at: int | None = None
    opening, closing = (SINGLE_OPENING, SINGLE_CLOSING) if single else (DOUBLE_OPENING, DOUBLE_CLOSING)
    for i, ch in enumerate(text):
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if ch == STRAIGHT and not single:
            if open_at is None and (before.isspace() or before in "([{—–-:") and not after.isspace():
                open_at = i
            elif open_at is not None and not before.isspace():
                marks.append(Mark(open_at, i))
                open_at = None
        elif ch in opening:
            if open_at is not None and not single:
                # A second opening mark before any closing one: the first quote was never closed.
                marks.append(Mark(open_at, i))
            if not single or before.isspace() or before in "([{—–-:" or i == 0:
                open_at = i
        elif ch in closing and open_at is not None:
            if single and (after.isalpha() or before.isspace()):
                continue  # an apostrophe inside a word
            marks.append(Mark(open_at, i))
            open_at = None
    if open_at is not None:
        marks.append(Mark(open_at, None))
    return marks


def words(text: str) -> int:
    return len(_WORD.findall(text))


# --- names -----------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Names:
    """Reading people's and organizations' names with the profile's lexicons."""

    profile: Profile
    settings: RuleSettings

    def is_name_token(self, tok: Token) -> bool:
        lex = self.profile.lexicons
        t = tok.text
        if tok.lower_ in lex.name_particles:
            return True
        if not t[:1].isupper() or tok.lower_ in lex.not_names or (tok.lower_ in lex.function_words and len(t) > 1):
            return False
        return t.replace(".", "").replace("-", "").replace("’", "").replace("'", "").isalpha()

    def _joined(self, doc: Doc, k: int) -> bool:
        """A hyphen inside a name (`Mbeki-Lowe`, `Ana-Lucía`): no space on either side, a name on both."""
        return (
            doc[k].text in ("-", "‐")
            and 0 < k < len(doc) - 1
            and not doc[k - 1].whitespace_
            and not doc[k].whitespace_
            and doc[k + 1].text[:1].isupper()
        )

    def _counts(self, token: Token) -> bool:
        """Role words (`CoSN Chief Executive Officer Marisol T. Okafor`) do not count against a name's length."""
        return token.lower_ not in self.profile.lexicons.role_words

    def _role_inside(self, doc: Doc, j: int, i: int) -> bool:
        """A lower-case role word inside a run that goes on with a name: `Forum president Odile M. Varga`."""
        return (
            j > i
            and doc[j].lower_ in self.profile.lexicons.role_words
            and doc[j].is_lower
            and j + 1 < len(doc)
            and (self.is_name_token(doc[j + 1]) or doc[j + 1].lower_ in self.profile.lexicons.role_words)
        )

    def forward(self, doc: Doc, i: int) -> tuple[int, int]:
        j, size = i, 0
        while j < len(doc) and size < self.settings.name_max_tokens:
            if self.is_name_token(doc[j]) or (j > i and self._joined(doc, j)) or self._role_inside(doc, j, i):
                size += self._counts(doc[j]) and doc[j].text not in ("-", "‐")
                j += 1
            else:
                break
        while j > i and (doc[j - 1].lower_ in self.profile.lexicons.name_particles or doc[j - 1].text in ("-", "‐")):
            j -= 1
        return i, j

    def subject(self, doc: Doc, start: int) -> tuple[int, int]:
        """The name that opens a sentence, past a fronted word (`Later, Omar Haddad, a teacher, agreed:`)."""
        a, b = self.forward(doc, start)
        if b - a == 1 and b + 1 < len(doc) and doc[b].text == ",":
            x, y = self.forward(doc, b + 1)
            if y > x:
                return x, y
        if b - a <= 1:  # `My superintendent, Angela Ferris, has…`, `CoSN's CEO, X, said…`: a role, then the name
            reach = min(len(doc), start + self.settings.name_max_tokens + 2)
            comma = next((t.i for t in doc[start:reach] if t.text == ","), None)
            if comma is not None and any(t.lower_ in self.profile.lexicons.role_words for t in doc[start:comma]):
                x, y = self.forward(doc, comma + 1)
                if y - x >= 2 and y < len(doc) and doc[y].text == ",":
                    return x, y
        return a, b

    def backward(self, doc: Doc, end: int) -> tuple[int, int]:
        i, size = end, 0
        while i > 0 and size < self.settings.name_max_tokens:
            if self.is_name_token(doc[i - 1]) or (i - 1 < end - 1 and self._joined(doc, i - 1)):
                size += self._counts(doc[i - 1]) and doc[i - 1].text not in ("-", "‐")
                i -= 1
            else:
                break
        while i < end and doc[i].text in ("-", "‐"):
            i += 1
        return i, end

    def past_adverbs(self, doc: Doc, end: int) -> int:
        """Where the words before `end` start once adverbs are passed over (`the report *bluntly* argues`)."""
        lex = self.profile.lexicons
        k = end
        while k > 0 and (doc[k - 1].lower_ in lex.speaker_adverbs or doc[k - 1].lower_.endswith("ly")):
            k -= 1
        return k

    def document_before(self, doc: Doc, end: int) -> tuple[int, int] | None:
        """`the report argues`, `the news release said`, `CoSN's announcement notes`: a document as speaker."""
        lex = self.profile.lexicons
        k = self.past_adverbs(doc, end)
        if k == 0 or doc[k - 1].lower_ not in lex.document_nouns:
            return None
        start = k - 1
        while (
            start > 0
            and end - start < self.settings.name_max_tokens
            and (
                (doc[start - 1].is_alpha and doc[start - 1].lower_ not in lex.function_words)
                or doc[start - 1].lower_ in ("’s", "'s")
            )
        ):
            start -= 1
        while start > 0 and doc[start - 1].lower_ in lex.determiners:
            start -= 1
        return start, k

    def before(self, doc: Doc, end: int) -> tuple[int, int, str | None]:
        """The name that ends at `end`, or before an apposition or clause that ends there:
        `Maria Delgado, chief technology officer of …, said` / `Krueger, who has led CoSN since 1993, told`."""
        a, b = self.backward(doc, end)
        if b == a and end > 0 and doc[end - 1].text == ")":  # `Teresa Lindqvist (CoSN's CEO) said`
            reach = max(0, end - self.settings.apposition_reach)
            opened = next((k for k in range(end - 2, reach - 1, -1) if doc[k].text == "("), None)
            if opened is not None:
                x, y = self.backward(doc, opened)
                inner = doc[opened + 1 : end - 1]
                if y > x:
                    return x, y, inner.text if len(inner) and self.is_role(inner) else None
        if b > a or end == 0 or doc[end - 1].text != ",":
            return a, b, None
        sent_start = doc[end - 1].sent.start
        for k in range(end - 2, max(sent_start, end - self.settings.apposition_reach) - 1, -1):
            if doc[k].text != ",":
                continue
            a, b = self.backward(doc, k)
            inner = doc[k + 1 : end - 1]
            if b == a and len(inner):
                # `A principal in our district, Renée Vaszary, said`: the apposition is the name
                x, y = self.forward(doc, k + 1)
                if y == end - 1 and y > x:
                    return x, y, None
            if b == a or not len(inner):
                return end, end, None
            role = inner.text if self.is_role(inner) else None
            return a, b, role
        return end, end, None

    def skip_role(self, doc: Doc, i: int) -> int:
        """The end of a lower-case role phrase before a name (`state chief information officer`), or `i`."""
        lex = self.profile.lexicons
        j = i
        while j < len(doc) and j - i < self.settings.name_max_tokens and doc[j].is_lower and doc[j].is_alpha:
            j += 1
        return j if j > i and any(t.lower_ in lex.role_words for t in doc[i:j]) else i

    def is_role(self, tokens: Span) -> bool:
        lex = self.profile.lexicons
        return any(t.lower_ in lex.role_words for t in tokens) and tokens[0].lower_ not in lex.relative_words

    def role_after(self, doc: Doc, i: int) -> tuple[str | None, int]:
        """`, CEO of CoSN` or ` of Lakeview Schools` after a name: the role text and the token after it."""
        links = self.profile.lexicons.role_links
        if i < len(doc) and doc[i].lower_ in links and i + 1 < len(doc) and doc[i + 1].text[:1].isupper():
            j = i + 1
            small = self.profile.lexicons.title_small_words
            while j < len(doc) and (doc[j].text[:1].isupper() or doc[j].lower_ in small):
                j += 1
            return doc[i:j].text, j
        if i >= len(doc) or doc[i].text != ",":
            return None, i
        j = i + 1
        while j < len(doc) and doc[j].text not in _ROLE_STOP and not doc[j].is_sent_start:
            j += 1
        role = doc[i + 1 : j]
        if not len(role) or not self.is_role(role):
            return None, i
        return role.text, j

    def speaker(self, mention: str, role: str | None) -> SpeakerHit | None:
        """Split a run like "CoSN CEO Keith Krueger" into role and name; person, organization or document."""
        lex = self.profile.lexicons
        tokens = mention.split()
        last_role = max((k for k, t in enumerate(tokens) if t.lower().strip(",") in lex.role_words), default=-1)
        if 0 <= last_role < len(tokens) - 1:
            role = role or " ".join(tokens[: last_role + 1])
            tokens = tokens[last_role + 1 :]
        if not tokens:
            return None
        name = " ".join(tokens)
        org = self.profile.organization_names.get(name.lower())
        if org:
            return SpeakerHit(org, role, "organization", mention)
        bare = [t.lower().removesuffix("’s").removesuffix("'s") for t in tokens]
        is_org = any(t in lex.organization_words or t in lex.document_nouns for t in bare)
        # One word with capitals inside (`CoSN`, `KASTD`) is an organization; `Albescu-Pratt` is a surname.
        is_org = is_org or (len(tokens) == 1 and any(sum(c.isupper() for c in part) >= 2 for part in name.split("-")))
        return SpeakerHit(name, role, "organization" if is_org else "person", mention)


# --- a quote and where it stands -------------------------------------------------------------------------------
@dataclass(slots=True)
class Site:
    """One quote in its segment, with what the attribution steps read around it."""

    sd: SegmentDoc
    index: int  # the segment's index in the document
    mark: Mark
    tok_open: int
    tok_after: int
    inner: str
    previous: QuoteHit | None  # the quote before it in the same segment
    between: int  # words between that quote and this one
    carried: QuoteHit | None  # a quote left open at the end of the previous paragraph


@dataclass(frozen=True, slots=True)
class Attribution:
    speaker: SpeakerHit
    kind: str  # the structural rule kind that found the speaker


@dataclass(slots=True)
class Context:
    profile: Profile
    settings: RuleSettings
    names: Names
    segments: list[SegmentDoc]
    seen: list[tuple[int, int, SpeakerHit]] = field(default_factory=list)  # (segment, offset, speaker) mentions
    speakers: dict[str, SpeakerHit] = field(default_factory=dict)  # surname → a person reported speaking
    introduced: dict[str, SpeakerHit | None] = field(default_factory=dict)  # surname → full name in the text
    text: str | None = None  # the segments' texts joined, for `person`

    def person(self, surname: str) -> SpeakerHit | None:
        """The person a lone capitalized word names: one reported speaking, or one the text gives a full name
        to (`On stage: … Dr. Thomas Reyes-Whitfield, chief technology officer …` introduces `Reyes-Whitfield`)."""
        if surname in self.speakers:
            return self.speakers[surname]
        if surname not in self.introduced:
            if self.text is None:
                self.text = "\n\n".join(sd.text for sd in self.segments)  # joined once, on the first look-up
            found = named_in_text(self.text, [surname], self.profile.lexicons).get(surname.lower())
            self.introduced[surname] = found if isinstance(found, SpeakerHit) else None
        return self.introduced[surname]

    def recent(self, index: int, before: int, same_segment: bool = False) -> SpeakerHit | None:
        """The last person named before `before` (speaking, or named again by their surname: `Brennan's district
        has cut…`), within reach of segment `index`."""
        for seg_index, offset, speaker in sorted(self.seen, key=lambda m: m[1], reverse=True):
            if same_segment and seg_index != index:
                continue
            if offset < before and index - seg_index <= self.settings.pronoun_reach and speaker.kind == "person":
                return speaker
        return None


Step = Callable[[Context, Site], Attribution | None]


def _verbs(doc: Doc) -> dict[int, Span]:
    return {s.start: s for s in cues(doc, "reporting_cues")}


def after_quote(ctx: Context, site: Site) -> Attribution | None:
    """`,” said Keith R. Krueger, CEO of CoSN.` / `,” Krueger said.` / `,” the report argues.` / `…” — Jane Doe`."""
    doc, names = site.sd.doc, ctx.names
    verbs = _verbs(doc)
    i = site.tok_after
    dashed = False
    while i < len(doc) and doc[i].is_punct and doc[i].text not in '“"‘':
        dashed = dashed or doc[i].text in ("—", "–", "--")
        i += 1
    if i in verbs:  # verb first: said NAME
        verb = verbs[i]
        start = verb.end
        a, b = names.forward(doc, start)
        lead_role = None
        if b == a:  # `,” said advisory board member Priya Natarajan-Cole, chief innovation officer of …`
            j = names.skip_role(doc, start)
            if j > start:
                a, b = names.forward(doc, j)
                lead_role = doc[start:j].text if b > a else None
        if b > a:
            role, _ = names.role_after(doc, b)
            speaker = names.speaker(doc[a:b].text, role or lead_role)
            return Attribution(speaker, "quote_after") if speaker else None
        return None
    a, b = names.forward(doc, i)
    lead_role = None
    if b == a:  # `," state chief information officer Hannah Whitcombe-Ellis told reporters`
        j = names.skip_role(doc, i)
        if j > i:
            a, b = names.forward(doc, j)
            lead_role = doc[i:j].text if b > a else None
    if b == a:
        found = _document_at(doc, i, verbs, names)
        return Attribution(found, "quote_after") if found else None
    role, after_role = names.role_after(doc, b)
    role = role or lead_role
    k = (
        after_role + 1
        if role and after_role < len(doc) and doc[after_role].text == ","
        else (after_role if role else b)
    )
    if k in verbs:
        speaker = names.speaker(doc[a:b].text, role)
        return Attribution(speaker, "quote_after") if speaker else None
    if dashed and (after_role >= len(doc) or doc[after_role].is_punct):  # `…” — Keith Krueger, CEO of CoSN`
        speaker = names.speaker(doc[a:b].text, role)
        return Attribution(speaker, "quote_dash_credit") if speaker else None
    return None


def _document_at(doc: Doc, i: int, verbs: dict[int, Span], names: Names) -> SpeakerHit | None:
    """`,” the report argues.`: a document named right after the quote, then its verb."""
    for k in range(i, min(len(doc), i + names.settings.name_max_tokens)):
        if k in verbs:
            found = names.document_before(doc, k)
            if found is not None and found[0] >= i:
                return names.speaker(doc[found[0] : found[1]].text, None)
            return None
    return None


def pronoun(ctx: Context, site: Site) -> Attribution | None:
    """`,” she said.` / `…, he said "We…` / `She added: “…` — the person last named, within reach."""
    doc = site.sd.doc
    verbs = _verbs(doc)
    i = site.tok_after
    while i < len(doc) and doc[i].is_punct and doc[i].text not in '“"':
        i += 1
    lex = ctx.profile.lexicons
    personal = lex.personal_pronouns
    said = (i < len(doc) and doc[i].lower_ in personal and i + 1 in verbs) or (
        i in verbs and verbs[i].end < len(doc) and doc[verbs[i].end].lower_ in personal
    )
    if not said and i + 1 < len(doc) and doc[i].lower_ in lex.document_pronouns and i + 1 in verbs:
        # `The report itself is more measured. “…,” it says`: the document the sentence before opens with
        speaker = _document_before(ctx, site)
        return Attribution(speaker, "quote_pronoun") if speaker else None
    if not said and site.tok_open > 0:  # the pronoun and its verb lead into the quote
        sent_start = doc[min(site.tok_open, len(doc) - 1)].sent.start
        said = any(
            doc[v - 1].lower_ in personal
            for v in verbs
            if sent_start < v < site.tok_open and site.tok_open - v <= ctx.settings.verb_reach
        )
    if not said:
        return None
    speaker = (
        ctx.recent(site.index, site.sd.offset + site.mark.open)
        or _named_before(ctx, site)
        or _one_person_before(ctx, site)
    )
    return Attribution(speaker, "quote_pronoun") if speaker else None


def _document_before(ctx: Context, site: Site) -> SpeakerHit | None:
    doc = site.sd.doc
    sent = _quote_sentence(doc, site.tok_open)
    return _opening_document(ctx, doc[sent.start - 1].sent) if sent.start > 0 else None


def _opening_document(ctx: Context, sent: Span) -> SpeakerHit | None:
    """The document a sentence opens with (`The report itself is more measured.`, `The report on … (p. 9):`)."""
    lex = ctx.profile.lexicons
    opener = next((t for t in sent if t.lower_ not in lex.determiners), None)
    if opener is None or opener.lower_ not in lex.document_nouns:
        return None
    return ctx.names.speaker(f"the {opener.lower_}", None)


def _introduced_person(ctx: Context, doc: Doc, a: int, b: int) -> SpeakerHit | None:
    """A one-word subject (`Hannah`, `Gabriel`) that names a person the text introduced in full."""
    return ctx.person(doc[a].text) if b - a == 1 and doc[a].text[:1].isupper() else None


def _full_names(ctx: Context, doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """The names of two words or more in doc[start:end], in reading order."""
    found, i = [], start
    while i < end:
        a, b = ctx.names.forward(doc, i)
        if b - a >= 2:
            found.append((a, b))
        i = max(b, i + 1)
    return found


def _one_person_before(ctx: Context, site: Site) -> SpeakerHit | None:
    """`X (CTO, Y) served on the panel. We asked her what surprised her most.` / `"…," she said.`: a quote that
    opens its paragraph, after a paragraph naming one person (with a full name) and nobody else."""
    doc = site.sd.doc
    if site.index == 0 or doc[: site.tok_open].text.strip():
        return None
    before = ctx.segments[site.index - 1]
    if before.segment.kind != "paragraph":
        return None
    people: dict[str, SpeakerHit] = {}
    roles = ctx.profile.lexicons.role_words
    i = 0
    while i < len(before.doc):
        a, b = ctx.names.forward(before.doc, i)
        bracketed = sum(t.text == "(" for t in before.doc[:a]) > sum(t.text == ")" for t in before.doc[:a])
        if b - a >= 2 and not bracketed:  # `(Chief Technology Officer, Westfield Consolidated)`: a role, a place
            found = ctx.names.speaker(before.doc[a:b].text, None)
            if found is not None and found.kind == "person" and not any(w.lower() in roles for w in found.name.split()):
                people.setdefault(found.name, found)
        i = max(b, i + 1)
    return next(iter(people.values())) if len(people) == 1 else None


def _named_before(ctx: Context, site: Site, subject: bool = False) -> SpeakerHit | None:
    """`CoSN's CEO, Renata Castellanos, had a line in the release. She said, “…”`: the last person named in
    the sentence before the quote's, in the same paragraph, when nobody was reported speaking (with `subject`,
    only the person that sentence opens with: `X, CoSN's chief executive, made a similar point. “…”`)."""
    doc = site.sd.doc
    sent = doc[min(site.tok_open + 1, len(doc) - 1)].sent  # the opening mark may close the sentence before
    if sent.start == 0:
        return None
    before = doc[sent.start - 1].sent
    last: tuple[int, int] | None = None
    if subject:
        a, b = ctx.names.subject(doc, before.start)
        follows = b < before.end and (doc[b].text == "," or doc[b].is_lower)  # `X, CEO, made…` / `X made…`
        last = (a, b) if b - a >= 2 and follows else None
    else:
        found = _full_names(ctx, doc, before.start, before.end)
        last = found[-1] if found else None
        if last is None:  # `Wen had the line of the session. …, she said: “…”`: a name the text gave in full
            known = (ctx.person(t.text) for t in before if t.is_alpha and t.text[:1].isupper())
            people = [p for p in known if p is not None and p.kind == "person"]
            return people[-1] if people else None
    if last is None:
        return None
    speaker = ctx.names.speaker(doc[last[0] : last[1]].text, None)
    return speaker if speaker is not None and speaker.kind == "person" else None


def before_quote(ctx: Context, site: Site) -> Attribution | None:
    """`CoSN said that … “` / `According to X, “` / `the report claims that “` — the same sentence leads in."""
    doc, names = site.sd.doc, ctx.names
    sent_start = doc[min(site.tok_open, len(doc) - 1)].sent.start
    for span in cues(doc, "reporting_cues"):
        if not sent_start <= span.start < site.tok_open or site.tok_open - span.end > ctx.settings.verb_reach:
            continue
        role = None
        if span.label_ == "reporting_according_to":
            a, b = names.forward(doc, span.end)
            found = None if b > a else names.document_before(doc, _document_end(doc, span.end, names))
        else:
            a, b, role = names.before(doc, span.start)
            found = names.document_before(doc, span.start) if b == a else None
            if b == a and found is None:  # `said Krueger: “`
                a, b = names.forward(doc, span.end)
        if b == a and found is None and _part_before(ctx, doc, span.start):
            speaker = _document_named_before(ctx, site)  # `page 14 literally says "…"`: the report it is a page of
            if speaker is not None:
                return Attribution(speaker, "quote_before")
        if b == a and found is not None:
            a, b = found
        if b > a:
            if role is None:
                role, _ = names.role_after(doc, b)
            speaker = names.speaker(doc[a:b].text, role)
            if speaker is not None:
                return Attribution(speaker, "quote_before")
    return None


def _part_before(ctx: Context, doc: Doc, end: int) -> bool:
    """`page 14 (literally) says`: a part of a document, with its number, right before the verb."""
    k = ctx.names.past_adverbs(doc, end)
    return k >= 2 and doc[k - 1].like_num and doc[k - 2].lower_ in ctx.profile.lexicons.document_parts


def _document_named_before(ctx: Context, site: Site) -> SpeakerHit | None:
    """The document last named (`the report`) before the quote, in its paragraph or the ones before it."""
    lex = ctx.profile.lexicons
    for index in range(site.index, -1, -1):
        doc = ctx.segments[index].doc
        limit = site.tok_open if index == site.index else len(doc)
        named = [t.i for t in doc[:limit] if t.lower_ in lex.document_nouns and t.i > 0]
        for k in reversed(named):
            found = ctx.names.document_before(doc, k + 1)
            if found is not None and doc[found[0]].lower_ in lex.determiners:
                return ctx.names.speaker(doc[found[0] : found[1]].text, None)
    return None


def _document_end(doc: Doc, start: int, names: Names) -> int:
    """`According to the report, “…`: the end of the document phrase after `according to`."""
    k = start
    while k < len(doc) and k - start < names.settings.name_max_tokens and doc[k].text not in (",", "“", '"', ":"):
        k += 1
    return k


def colon_intro(ctx: Context, site: Site) -> Attribution | None:
    """`Raman put it simply: “…”` / `Jane Doe, chief information officer of X, put it bluntly: “…”` — a
    sentence that opens with a name (perhaps with its role) and ends in a colon right before the quote."""
    doc, names = site.sd.doc, ctx.names
    if site.tok_open == 0 or doc[site.tok_open - 1].text != ":":
        return None
    start = doc[site.tok_open - 1].sent.start
    # `Staffing appeared in each edition, and the report is blunt about why: “…”`: the clause before the colon
    clause = next((t.i + 1 for t in reversed(doc[start : site.tok_open - 1]) if t.text in (",", ";")), start)
    while clause < site.tok_open and (
        doc[clause].lower_ in ctx.profile.lexicons.conjunctions or not doc[clause].is_alpha
    ):
        clause += 1  # `editions,² and the report …`: past a footnote mark and the conjunction
    if clause > start and (found := _document_colon(ctx, site, clause)) is not None:
        return found
    a, b = names.subject(doc, start)
    if b - a == 1 and ctx.person(doc[a].text) is None:
        b = a  # one capitalized word opening the sentence is a name only if it is a known person's surname
    if b == a:
        return _document_colon(ctx, site, start)
    role, after = names.role_after(doc, b)
    k = after + 1 if role and after < len(doc) and doc[after].text == "," else b
    if k < len(doc) and doc[k].text == "," and a > 0 and doc[a - 1].text == ",":
        k += 1  # `My superintendent, Angela Ferris, has a line…:` — the name was the apposition
    elif not role and k < len(doc) and doc[k].text == ",":  # `Delia Marchetti, who has taught here, said…:`
        close = next(
            (t.i for t in doc[k + 1 : min(len(doc), k + ctx.settings.apposition_reach)] if t.text == ","), None
        )
        k = close + 1 if close is not None else k
    if k < site.tok_open - 1 and (doc[k].is_lower or k in _verbs(doc)):
        speaker = names.speaker(doc[a:b].text, role)
        return Attribution(speaker, "quote_colon") if speaker else None
    if k == site.tok_open - 1 and not role and ctx.person(doc[a:b].text.split()[-1]) is not None:
        speaker = names.speaker(doc[a:b].text, None)  # `Reyes-Whitfield: “…”` (a live blog, a transcript)
        return Attribution(speaker, "quote_colon") if speaker else None
    return None


def _document_colon(ctx: Context, site: Site, start: int) -> Attribution | None:
    """`The report has this line I really liked, I wrote it down: “…”` — a document opens the sentence."""
    doc, lex = site.sd.doc, ctx.profile.lexicons
    j = start
    while j < site.tok_open and (doc[j].lower_ in lex.determiners or doc[j].lower_ in ("'s", "’s")):
        j += 1
    if j - start > 2 or j + 1 >= site.tok_open or doc[j].lower_ not in lex.document_nouns:
        return None
    found = ctx.names.document_before(doc, j + 1)
    if found is None or not doc[j + 1].is_lower:
        return None
    speaker = ctx.names.speaker(doc[found[0] : found[1]].text, None)
    return Attribution(speaker, "quote_colon") if speaker else None


def credit_line(ctx: Context, site: Site) -> Attribution | None:
    """A pull quote, then its credit on the next line: `— Dana R. Whitfield, CEO, CoSN`."""
    if site.sd.segment.kind not in ("quote_block", "paragraph", "list_item") or site.index + 1 >= len(ctx.segments):
        return None
    if site.mark.close is None or site.sd.text[site.mark.close + 1 :].strip(' .”"') != "":
        return None  # the quote must end its block
    following = ctx.segments[site.index + 1].segment
    if following.kind == "heading" or following.text.rstrip().endswith(":"):
        return None  # `What I'm taking back`: the next section; `On policy lag, from the summary:`: the next quote's
    line = following.text
    credit = _DASH_CREDIT.match(line)
    if credit:
        who = credit.group("who")
    elif site.sd.segment.kind == "quote_block" and len(line.split()) <= ctx.settings.teaser_max_words // 2:
        who = line  # a pull quote's credit line with no dash: `Harriet Mbeki-Lowe · CTO, Riverbend ISD`
    else:
        return None
    name, _, role = who.replace(" · ", ", ").replace(" | ", ", ").partition(",")
    if not name.strip() or len(name.split()) > ctx.settings.name_max_tokens or not name.strip()[:1].isupper():
        return None
    speaker = ctx.names.speaker(name.strip(), role.strip() or None)
    return Attribution(speaker, "quote_dash_credit") if speaker else None


def continuation(ctx: Context, site: Site) -> Attribution | None:
    """The rest of a quote split by its attribution (`“…,” said X. “…”`), or a quote left open at the end of a
    paragraph and taken up by the next one."""
    previous = site.previous
    if previous is not None and previous.speaker is not None and site.between <= ctx.settings.continuation_words:
        return Attribution(previous.speaker, "quote_continuation")
    carried = site.carried
    if carried is not None and carried.speaker is not None and site.tok_open == 0:
        return Attribution(carried.speaker, "quote_continuation")
    return None


def sentence_subject(ctx: Context, site: Site) -> Attribution | None:
    """`Jane Doe and her team talked about … “…”` — the sentence's subject is a person who speaks in it."""
    doc, names = site.sd.doc, ctx.names
    sent = _quote_sentence(doc, site.tok_open)
    a, b = names.subject(doc, sent.start)
    known = _introduced_person(ctx, doc, a, b)
    if (b - a < 2 and known is None) or b >= len(doc):
        return None  # (`Hannah described it as "…"`: one word, a person the text introduced in full)
    nxt = doc[b]
    role, after = names.role_after(doc, b)
    if role:
        nxt = doc[after + 1] if after + 1 < len(doc) and doc[after].text == "," else doc[min(after, len(doc) - 1)]
    if not (nxt.is_lower or nxt.lower_ in ctx.profile.lexicons.conjunctions):
        return None
    speaker = known or names.speaker(doc[a:b].text, role)
    if speaker is None or speaker.kind != "person":
        return None
    return Attribution(speaker, "quote_subject")


def _quote_sentence(doc: Doc, tok_open: int) -> Span:
    """The sentence a quote stands in (the sentencizer may leave an opening mark at the end of the sentence
    before it)."""
    at = min(tok_open, len(doc) - 1)
    if doc[at].sent.end == at + 1 and at + 1 < len(doc):
        at += 1
    return doc[at].sent


def previous_sentence(ctx: Context, site: Site) -> Attribution | None:
    """`Maria Delgado, CTO of …, said the plan worked. “We used to…”`: named speaking in the sentence before;
    or a paragraph that is a quote and nothing else, after a paragraph in which someone is named speaking."""
    doc = site.sd.doc
    if site.tok_open == 0:
        whole = site.mark.close is None or not site.sd.text[site.mark.close + 1 :].strip(' .,”"')
        if not whole or site.index == 0:
            return None
        speaker = _said_in(ctx, site.index - 1) or _announced_by(ctx, site.index - 1)
        return Attribution(speaker, "quote_previous_sentence") if speaker else None
    opens = doc[site.tok_open].is_sent_start or doc[site.tok_open - 1].text in (".", "!", "?")
    if not opens:
        return None
    speaker = ctx.recent(site.index, site.sd.offset + site.mark.open, same_segment=True)
    speaker = speaker or _named_before(ctx, site, subject=True)
    return Attribution(speaker, "quote_previous_sentence") if speaker else None


def _announced_by(ctx: Context, index: int) -> SpeakerHit | None:
    """`Hannah closed out the Q&A with something I've been chewing on since:` then the quote as a block: the
    person the announcing sentence opens with."""
    before = ctx.segments[index]
    if not before.text.rstrip().endswith(":") or not len(before.doc):
        return None
    doc = before.doc
    sent = doc[len(doc) - 1].sent
    a, b = ctx.names.subject(doc, sent.start)
    speaker = ctx.names.speaker(doc[a:b].text, None) if b - a >= 2 else _introduced_person(ctx, doc, a, b)
    if speaker is not None and speaker.kind == "person":
        return speaker
    document = _opening_document(ctx, sent)  # `The report on digital overload (p. 9):`
    if document is not None:
        return document
    # `The line that stuck with me came from Dr. Omar Haddad, who leads tech for a district:`: the one person
    named = (ctx.names.speaker(doc[a:b].text, None) for a, b in _full_names(ctx, doc, sent.start, sent.end))
    people = {p.name: p for p in named if p is not None and p.kind == "person"}
    return next(iter(people.values())) if len(people) == 1 else None


def _said_in(ctx: Context, index: int) -> SpeakerHit | None:
    """The last person named speaking in segment `index`."""
    mentions = [(offset, sp) for seg, offset, sp in ctx.seen if seg == index and sp.kind == "person"]
    return max(mentions, key=lambda m: m[0])[1] if mentions else None


ATTRIBUTION_STEPS: tuple[tuple[str, Step], ...] = (
    ("after the quote", after_quote),
    ("pronoun", pronoun),
    ("colon intro", colon_intro),
    ("before the quote", before_quote),
    ("credit line", credit_line),
    ("continuation", continuation),
    ("sentence subject", sentence_subject),
    ("previous sentence", previous_sentence),
)


# --- who is reported speaking ----------------------------------------------------------------------------------
def mentions(sd: SegmentDoc, profile: Profile, settings: RuleSettings | None = None) -> list[tuple[int, SpeakerHit]]:
    """Who is reported as speaking in a segment, by document offset: `Raman said…`, `According to X,…`."""
    names = Names(profile, settings or RuleSettings())
    doc = sd.doc
    found: list[tuple[int, SpeakerHit]] = []
    for span in cues(doc, "reporting_cues"):
        if span.label_ == "reporting_according_to":
            a, b = names.forward(doc, span.end)
            role, _ = names.role_after(doc, b)
        else:
            a, b, role = names.before(doc, span.start)
            if b == a:
                a, b = names.forward(doc, span.end)
                role, _ = names.role_after(doc, b)
            elif role is None:
                role, _ = names.role_after(doc, b)
        speaker = names.speaker(doc[a:b].text, role) if b > a else None
        if speaker is not None:
            found.append((sd.offset + doc[a].idx, speaker))
    return found


def _named_again(sd: SegmentDoc, ctx: Context) -> list[tuple[int, SpeakerHit]]:
    """Who a later `she said` may mean: people the document reports speaking anywhere, named again here by
    surname or in full (`When Corinne Albescu-Pratt joined…`, `Brennan's district has cut…`)."""
    found = []
    if sd.segment.kind == "heading":
        return found
    doc, i = sd.doc, 0
    while i < len(doc):
        a, b = ctx.names.forward(doc, i)
        if b > a:
            speaker = ctx.speakers.get(doc[a:b].text.split()[-1])
            if speaker is not None:
                found.append((sd.offset + doc[a].idx, speaker))
        i = max(b, i + 1)
    return found


def _token_at(doc: Doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else len(doc)


def _is_teaser(sd: SegmentDoc, settings: RuleSettings) -> bool:
    """Publisher teaser lines ("Real-world learning often starts with…") are cut off mid-sentence."""
    text = sd.segment.text
    return (
        text.endswith(("…", "..."))
        and text.rstrip(".…").rstrip()[-1:].isalpha()
        and words(text) < settings.teaser_max_words
    )


def _single_quoted(segments: list[SegmentDoc], settings: RuleSettings) -> bool:
    """A document that quotes with ‘…’ (British style): no double-quoted passage, some single-quoted ones."""
    doubles = any(pair_marks(sd.text) for sd in segments)
    if doubles:
        return False
    return any(
        words(sd.text[m.open : m.close or len(sd.text)]) >= settings.min_quote_words
        for sd in segments
        for m in pair_marks(sd.text, single=True)
    )


def find_quotes(
    segments: list[SegmentDoc],
    profile: Profile,
    said: list[list[tuple[int, SpeakerHit]]] | None = None,
    settings: RuleSettings | None = None,
) -> list[QuoteHit]:
    """Quotes with their speakers; `said` is `mentions()` of each segment, when the caller has it already."""
    settings = settings or RuleSettings()
    if said is None:
        said = [mentions(sd, profile, settings) for sd in segments]
    ctx = Context(profile, settings, Names(profile, settings), segments)
    people = sorted(
        (sp for found in said for _, sp in found if sp.kind == "person"), key=lambda sp: -len(sp.name.split())
    )
    for sp in people:  # the fullest name wins for each surname
        ctx.speakers.setdefault(sp.name.split()[-1], sp)
    hits: list[QuoteHit] = []
    carried: QuoteHit | None = None
    for index, sd in enumerate(segments):
        ctx.seen.extend((index, offset, speaker) for offset, speaker in said[index])
        ctx.seen.extend((index, offset, speaker) for offset, speaker in _named_again(sd, ctx))
        if _is_teaser(sd, settings):
            carried = None
            continue
        text = sd.text
        previous: QuoteHit | None = None
        previous_end = 0
        left_open: QuoteHit | None = None
        single = _single_quoted([sd], settings)
        for mark in pair_marks(text, single):
            end = mark.close if mark.close is not None else len(text)
            inner_start, inner_end = mark.open + 1, end
            inner = text[inner_start:inner_end].strip()
            if words(inner) < settings.min_quote_words:
                continue
            tok_open = _token_at(sd.doc, mark.open)
            tok_after = _token_at(sd.doc, end) + 1 if mark.close is not None else len(sd.doc)
            between = words(text[previous_end : mark.open]) if previous is not None else sys.maxsize
            site = Site(sd, index, mark, tok_open, tok_after, inner, previous, between, carried)
            hit = _attribute(ctx, site)
            carried = None
            if hit is None:
                continue
            hits.append(hit)
            previous, previous_end = hit, end + 1
            left_open = hit if mark.close is None else None
        carried = left_open
    return _merge_repeats(hits)


def _named_term(ctx: Context, site: Site) -> bool:
    """`what the report calls “the courage to stop”`: a short phrase right after a naming verb is a term."""
    doc, inner = site.sd.doc, site.inner
    if words(inner) > ctx.settings.max_named_term_words or inner.rstrip('”"’')[-1:] in ".!?":
        return False
    window = doc[max(0, site.tok_open - ctx.settings.naming_reach) : site.tok_open]
    return any(t.lower_ in ctx.profile.lexicons.naming_quote_verbs for t in window)


def _introduced(ctx: Context, site: Site) -> bool:
    """`one student on the youth panel put it best: “Don’t design for us. Design with us.”`: a reporting verb and
    a colon announce the quote, however short, even when no name comes with it."""
    doc, at = site.sd.doc, site.tok_open
    if at == 0 or doc[at - 1].text != ":":
        return False
    return any(
        t.lower_ in ctx.profile.lexicons.reporting_verbs for t in doc[max(0, at - 1 - ctx.settings.verb_reach) : at]
    )


def _ends_sentence(site: Site) -> bool:
    """`the framework is “a map, not a shopping list”.`: the quote closes its sentence."""
    text = site.sd.text
    after = text[site.mark.close + 1 : site.mark.close + 2] if site.mark.close is not None else ""
    return after in (".", "!", "?")


def _document_glossing(ctx: Context, site: Site) -> Attribution | None:
    """`…are the report's bridges, which it describes as “…”`: a pronoun glosses with the document its sentence
    names before the quote."""
    doc, lex = site.sd.doc, ctx.profile.lexicons
    sent = _quote_sentence(doc, site.tok_open)
    before = doc[sent.start : site.tok_open]
    if not any(t.lower_ in lex.document_pronouns for t in before):
        return None
    noun = next((t for t in reversed(before) if t.lower_ in lex.document_nouns), None)
    speaker = ctx.names.speaker(f"the {noun.lower_}", None) if noun is not None else None
    return Attribution(speaker, "quote_before") if speaker else None


def _said_right_before(ctx: Context, site: Site) -> bool:
    """A reporting verb right before the opening mark (`says "…"`, `says that "…"`): words said, not a title."""
    doc, at = site.sd.doc, site.tok_open
    lex = ctx.profile.lexicons
    window = [t for t in doc[max(0, at - 2) : at] if t.lower_ not in lex.relative_words]
    if window and window[-1].lower_ in lex.reporting_verbs:
        return True
    # `which CoSN describes as “megatrends that …”`, `defines hurdles as “…”`: the report's own words, glossing
    if at == 0 or doc[at - 1].lower_ not in lex.as_words:
        return False
    before = doc[max(0, at - 1 - ctx.settings.verb_aside_words) : at - 1]
    return any(t.lower_ in lex.defining_verbs or t.lower_ in lex.reporting_verbs for t in before)


def _titled_name(ctx: Context, inner: str) -> bool:
    """`"Ambient Learning Environments," which the report describes as …`: a title in quotation marks, the
    comma after it set inside them; every long word capitalized, so a name and not words said."""
    lex = ctx.profile.lexicons
    text = inner.removesuffix(",").strip()
    words = text.split()
    if inner[-1:] != "," or not 1 <= len(words) <= ctx.settings.max_title_words or not text[-1:].isalnum():
        return False
    return all(w[:1].isupper() or w.lower() in lex.title_small_words for w in words)


def _attribute(ctx: Context, site: Site) -> QuoteHit | None:
    if _named_term(ctx, site) or _titled_name(ctx, site.inner):
        return None
    found = next((a for _, step in ATTRIBUTION_STEPS if (a := step(ctx, site)) is not None), None)
    if found is None and _said_right_before(ctx, site):
        found = _document_glossing(ctx, site)  # `the report's bridges, which it describes as “…”`
    settings, inner = ctx.settings, site.inner
    if found is None:
        said = _said_right_before(ctx, site)  # `page 14 literally says "the backlash is real, and …"`
        if (inner[-1:] not in ".!?," and not said) or (
            words(inner) < settings.min_unattributed_words and not _introduced(ctx, site)
        ):
            return None  # a title or scare quote, not a statement
        kind, speaker = "quote_unattributed", None
    elif (
        inner[-1:] not in ".!?,"
        and not _ends_sentence(site)
        and words(inner) < settings.min_unattributed_words
        and not _said_right_before(ctx, site)
        and not _introduced(ctx, site)
    ):
        return None  # `but "AI copilots for teachers" is doing a lot of work`: a phrase, though a verb is near
    else:
        kind, speaker = found.kind, found.speaker
    rule = ctx.profile.step(kind)
    confidence = rule.confidence
    if site.mark.close is None:
        confidence = round(confidence * settings.unclosed_quote_discount, 2)  # unclosed: its end is a guess
    span = site.sd.span(site.mark.open + 1, site.mark.close if site.mark.close is not None else len(site.sd.text))
    return QuoteHit(inner, [span], speaker, rule.id, confidence)


def _key(text: str) -> str:
    return " ".join(w.lower() for w in _WORD.findall(text))


def _merge_repeats(hits: list[QuoteHit]) -> list[QuoteHit]:
    """A quote repeated (a pull quote, a shorter excerpt of a longer quote) by the same speaker is one quote
    with more provenance; the same words from another speaker stay a quote of their own with their speaker.

    A repeat's words lie inside the other's, so only quotes that share a word with it (one inside it) or whose
    opening words it holds (it inside one) are compared: linear in the number of quotes, not quadratic."""
    out: list[QuoteHit] = []
    index = _RepeatIndex()
    for hit in hits:
        key = _key(hit.text)
        padded = f" {key} "
        kept = next(
            (
                out[i]
                for i in index.candidates(key, len(out))
                if (padded in f" {index.keys[i]} " or f" {index.keys[i]} " in padded)
                and (out[i].speaker is None or hit.speaker is None or out[i].speaker.name == hit.speaker.name)
            ),
            None,
        )
        if kept is None:
            out.append(hit)
            index.add(len(out) - 1, key)
            continue
        if len(hit.text) > len(kept.text):  # the longer reading is the quote; the shorter its excerpt
            kept.text, kept.spans = hit.text, [*hit.spans, *kept.spans]
            index.add(out.index(kept), _key(kept.text))
        else:
            kept.spans.extend(hit.spans)
        if kept.speaker is None and hit.speaker is not None:
            kept.speaker, kept.rule, kept.confidence = hit.speaker, hit.rule, hit.confidence
    return out


class _RepeatIndex:
    """Kept quotes by their words and by one telling pair of their words, for `_merge_repeats`."""

    def __init__(self) -> None:
        self.keys: dict[int, str] = {}  # kept quote → its key (words, lower case)
        self.by_word: dict[str, set[int]] = {}
        # A quote that lies inside another has every pair of its words there: each kept quote is filed under the
        # pair fewest kept quotes had when it came (its number, its name), so few are ever looked at.
        self.by_pair: dict[tuple[str, ...], set[int]] = {}
        self.pair_count: Counter[tuple[str, ...]] = Counter()

    def add(self, i: int, key: str) -> None:
        self.keys[i] = key
        words = key.split()
        for word in set(words):
            self.by_word.setdefault(word, set()).add(i)
        pairs = _pairs(words)
        if pairs:
            self.by_pair.setdefault(min(pairs, key=lambda p: (self.pair_count[p], p)), set()).add(i)
            self.pair_count.update(set(pairs))

    def candidates(self, key: str, count: int) -> list[int]:
        """Kept quotes that may hold `key` or lie inside it, in the order they were kept."""
        words = key.split()
        if not words:
            return list(range(count))
        holders = min((self.by_word.get(w, set()) for w in set(words)), key=len)  # each holds every word
        inside = set().union(*(self.by_pair.get(p, set()) for p in {*_pairs(words), *((w,) for w in words)}))
        return sorted(holders | inside)


def _pairs(words: list[str]) -> list[tuple[str, ...]]:
    """Neighbouring pairs of words; a one-word quote is its own."""
    return [tuple(words[k : k + 2]) for k in range(len(words) - 1)] if len(words) > 1 else [tuple(words)]
