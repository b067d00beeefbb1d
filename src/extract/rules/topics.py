"""Topics: the shapes in which reports and articles list a category's members.

A scan over the body segments in reading order keeps at most one open `Section` (a category heading, a
list intro, a category label, a prose cue). Each segment goes through a table of named steps; the first
step that recognises it returns a typed result (`Open`, `Found`, `Candidate`, `Status`) that the scanner
applies. Heading segments and block segments have a table each:

- headings: a category heading opens a section; a topic-shaped heading one level under it is a topic;
  a structural heading ("Methodology", "What comes next") or one at the category's level closes it.
- blocks: list intros (`The top three hurdles are:`), label lines (`Hurdles: A; B; C`), numbered runs
  (`1. A 2.B 3.C`), listed items (`Title — description`), enumerations in a sentence naming a category
  (`This year's three Hurdles are a, b and c`), status cues (`New to the list, X…`), prose section cues
  (`several forces are pushing…`) and the paragraph subjects that fill such a section.

Prose sections only *suggest* that the next paragraphs each open with a topic, so those candidates are
buffered and, when the section closes, only as many are kept as the section has room for.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from extract.profile import Lexicons, Profile
from extract.rules.base import CharSpan, SegmentDoc, TopicHit, content_words, norm_key
from extract.rules.grammar import (
    QUOTE_CHARS,
    SENTENCE_END,
    adverbial_word,
    anchors,
    aside_close,
    categories_in,
    count_before,
    cues,
    has_verb,
    is_sign,
    is_title_case,
    label_content,
    marker_length,
    quotations,
    ranked,
    spaced,
    split_items,
    strip_marker,
    title_case_phrases,
    title_case_run,
    trim,
)
from extract.settings import RuleSettings

MAX_LABEL_NOTE = 8  # tokens of a bracketed note between a category label and its colon, halved
_TITLE_SEPARATORS = (" — ", " – ", " -- ", " - ", ": ", " | ")
FOOTNOTE_MARKS = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺†‡§"
DASH_TOKENS = frozenset({"—", "–", "--"})
_LABEL_PUNCT = frozenset({":", "—", "–", "-", "--", "="})
_QUOTED_WORDS = 5  # tokens: a longer stretch in quotation marks is someone's words, not a quoted name
_SHORTCODE = re.compile(r":[a-z0-9_+-]+:$")  # a chat emoji written as its code (`:sweat_smile:`)


@dataclass(slots=True)
class Section:
    category: str | None  # None for a mixed list whose items take categories from `queue`
    opened_by: str  # heading | intro | label | cue | status
    level: int | None = None  # the category heading's level
    topic_level: int | None = None
    item_level: int | None = None  # the nesting depth of the section's list items: deeper bullets are details
    rank: int = 0
    limit: int = 0  # prose sections: how many topics the section holds
    queue: list[str] = field(default_factory=list)  # a mixed intro's categories, in list order
    per_category: int = 0
    per_rank: Counter[str] = field(default_factory=Counter)  # items seen per category (mixed lists)
    run: bool = False  # its items came one right after another: a prose paragraph after them ends the list
    last_item: SegmentDoc | None = None
    mentions: int = 0  # topics taken from title-case names in the section's prose
    members: list[TopicHit] = field(default_factory=list)  # topics taken on strong evidence
    candidates: list[TopicHit] = field(default_factory=list)  # prose subjects, kept on close if room
    cue: SegmentDoc | None = None  # the paragraph whose counted cue opened the section

    @property
    def prose(self) -> bool:
        return self.opened_by in ("cue", "status")

    @property
    def lists(self) -> bool:
        """Short lines and list items that follow are this section's items."""
        return self.opened_by in ("heading", "intro", "label")

    def next_category(self) -> str | None:
        if self.category is not None or not self.queue:
            return self.category
        index = min(self.rank // max(self.per_category, 1), len(self.queue) - 1)
        return self.queue[index]


_YEARS = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")  # a year in a table's header cell


@dataclass(slots=True)
class Table:
    """What a table's header and earlier rows say about its cells."""

    columns: dict[int, str] = field(default_factory=dict)  # column → the category its header names
    skipped: set[int] = field(default_factory=set)  # columns about an earlier edition (`Last year`)
    row_category: str | None = None  # the category a row label set, for the rows under it
    ranks: Counter[str] = field(default_factory=Counter)


# --- results of a step -----------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Open:
    section: Section | None


@dataclass(frozen=True, slots=True)
class Found:
    hits: list[TopicHit]
    then: Section | None = None  # the section to leave open afterwards (None: close)
    keep: bool = False  # leave the current section as it is


@dataclass(frozen=True, slots=True)
class Candidate:
    hit: TopicHit


@dataclass(frozen=True, slots=True)
class Closed:
    """The segment ends the open section but is not itself recognised: the next steps still read it."""


@dataclass(frozen=True, slots=True)
class Status:
    """A status cue about the last topic: `Critical Media Literacy — new this year…`."""

    status: str
    span: CharSpan


Result = Open | Found | Candidate | Status | Closed
Step = Callable[["Context", SegmentDoc], Result | None]


@dataclass(slots=True)
class Context:
    profile: Profile
    settings: RuleSettings
    section: Section | None = None
    last: TopicHit | None = None
    following: SegmentDoc | None = None  # the next segment, for descriptions under headings
    previous: SegmentDoc | None = None  # the segment before, for credit lines under pull quotes
    people: frozenset[str] = frozenset()  # the words of quoted people's names
    table: Table | None = None  # the table whose rows are being read
    taken: SegmentDoc | None = None  # a segment a step already read as part of the one before it

    def hit(self, kind: str, category: str, span: CharSpan, title: str, **fields: object) -> TopicHit:
        rule = self.profile.step(kind)
        return TopicHit(category, title, [span], rule.id, rule.confidence, **fields)  # type: ignore[arg-type]


# --- shared readings -------------------------------------------------------------------------------------------
def _heading_key(text: str) -> str:
    return norm_key(text[strip_marker(text) :])


def _status_in(doc: Doc) -> tuple[str, Span] | None:
    found = cues(doc, "status_cues")
    return (found[0].label_.removeprefix("status_"), found[0]) if found else None


def topic_shaped(text: str, ctx: Context, sibling: bool = False) -> bool:
    """A heading or line that can name a topic: not structural ("Methodology", "What comes next"), not a
    question, not a category word alone, not opened by a function word ("About CoSN")."""
    lex = ctx.profile.lexicons
    words = text.split()
    if not 1 <= len(words) <= ctx.settings.max_title_words or text.rstrip().endswith("?"):
        return False
    key = norm_key(text)
    if not key or key in lex.structural_headings or key in ctx.profile.category_terms:
        return False
    if is_gloss(text, ctx.profile) or (
        text.rstrip().endswith(".") and len(words) > ctx.settings.max_prose_title_tokens
    ):
        return False  # "Obstacles that slow, stall or block innovation.": the category's gloss, not a topic
    first = words[0].lower().strip("“”\"'‘’*_(")
    # `The Attention Economy`: an article before a capitalized word is part of a title
    titled = first in lex.determiners and len(words) > 1 and words[1][:1].isupper()
    # a sibling of a topic heading already found may open with any word (`Every Learner, Every Place`)
    return (sibling or titled or first not in lex.function_words) and any(c.isalpha() for c in text)


def is_gloss(text: str, profile: Profile) -> bool:
    """A line that says what a category is (`Barriers that slow or block innovation`, `Themes connecting all
    three`): a member noun of some category, then a relative word, a participle or a preposition."""
    words = [w for w in (w.strip("“”\"'‘’*_.,:;=").lower() for w in text.split()) if w]  # `*= what slows …*`
    if len(words) < 2 or words[0] in profile.category_terms:
        return False  # `Hurdles Heading Number 5` names the category, it does not gloss it
    lex = profile.lexicons
    opener = words[0].removesuffix("'s").removesuffix("’s")
    if opener in lex.free_relatives and not text.rstrip().endswith("?"):
        return True  # `what slows us down`, `What's pushing us forward`: what the members do, not a question
    # the member noun opens the line, or follows one modifier (`Unifying themes that connect …`)
    for at in range(min(2, len(words) - 1)):
        if words[at] in profile.category_terms:
            return False  # `The bridges, which CoSN describes as …, are …` is about the category
        if words[at] in profile.category_nouns or words[at] in lex.definition_nouns:
            if words[at + 1] in lex.conjunctions and at + 3 < len(words):
                at += 2  # `tools & tech that make it doable`: two nouns, then the clause
            nxt = words[at + 1]
            # `Large trends, sometimes called megatrends, that speed up change`: an aside, then the clause
            aside = text.split()[at].endswith(",") and any(w in lex.relative_words for w in words[at + 1 :])
            return nxt.endswith("ing") or nxt in lex.gloss_links or aside
    return False


def _title_of(sd: SegmentDoc, start: int, end: int, ctx: Context) -> tuple[int, int] | None:
    """Character bounds of a title inside the doc text [start, end): list markers, status tags and wrapping
    punctuation dropped."""
    doc = sd.doc
    text = sd.text
    start += strip_marker(text[start:end])
    status = _status_in(doc)
    if status is not None:
        cue = status[1]
        if cue.start_char >= start and cue.end_char >= end - 1:  # a trailing tag: `Learner Agency (New)`
            end = min(end, cue.start_char)
        elif cue.start_char <= start < cue.end_char or (cue.start_char - start <= 1 and cue.start_char >= start):
            start = max(start, cue.end_char)
    while start < end and (text[start].isspace() or text[start] in "*_“”\"'‘’:–—-•|" or is_sign(text[start])):
        start += 1
    run_in = text.find(". ", start, end)  # `Equity Is the Starting Line. Every topic…`: a run-in heading
    if run_in > start and len(text[start:run_in].split()) >= 2 and text[run_in + 2 : run_in + 3].isupper():
        end = run_in
    while end > start and (
        text[end - 1].isspace() or text[end - 1] in "*_“”\"'‘’:;,.–—-|" + FOOTNOTE_MARKS or is_sign(text[end - 1])
    ):
        end -= 1  # `Procurement Complexity¹`: the footnote mark is not the title's
    return (start, end) if start < end else None


def _split_title(text: str) -> tuple[int, int] | None:
    """Where `Title: description` / `Title — description` / `Title ⟵ note` / `Title. Description` splits:
    (title end, description start)."""
    best: tuple[int, int] | None = None
    for sep in _TITLE_SEPARATORS:
        at = text.find(sep)
        if at > 0 and (best is None or at < best[0]):
            best = (at, at + len(sep))
    sign = next((k for k in range(1, len(text) - 1) if is_sign(text[k]) and text[k - 1] == text[k + 1] == " "), None)
    if sign is not None and (best is None or sign - 1 < best[0]):
        best = (sign - 1, sign + 2)
    if best is None and text.rstrip().endswith(":"):
        return None
    at = text.find(". ")
    head = text[:at]
    run_in = at > 0 and len(head.split()) >= 2 and text[at + 2 : at + 3].isupper()  # not `Dr. Jenna…`
    if run_in and (best is None or at < best[0]):  # `Legacy Data Silos. Student systems … organizational: each …`
        best = (at, at + 2)
    return best


def _comma_split(doc: Doc, start: int, end: int, ctx: Context) -> tuple[int, int] | None:
    """`Escalating cyber extortion, a category the report widens…`, `Classroom AI copilots, which teachers use…`:
    a list item's short verbless phrase before its first comma is the title when a relative clause or an
    apposition follows; (title end, description start) relative to `start`."""
    lex = ctx.profile.lexicons
    comma = next((t for t in doc if start <= t.idx < end and t.text == ","), None)
    if comma is None or comma.i + 1 >= len(doc) or comma.i == 0:
        return None
    head = doc.char_span(start, comma.idx, alignment_mode="expand")
    nxt = doc[comma.i + 1]
    opens = nxt.lower_ in lex.relative_words or nxt.lower_ in lex.determiners or nxt.lower_ in lex.definition_nouns
    if head is None or not opens or len(head) > ctx.settings.max_title_words or has_verb(head, ctx.profile):
        return None
    return comma.idx - start, nxt.idx - start


def _item_category(sd: SegmentDoc, ctx: Context) -> tuple[str | None, int, int]:
    """A list item that carries its own category: `Hurdle: X`, `X (hurdle)`; returns it and the bounds of the
    item's own text (after a leading label, before a trailing tag)."""
    doc = sd.doc
    found = anchors(doc)
    if len(categories_in(found)) != 1:
        return None, 0, len(sd.text)
    span = found[0]
    if span.start <= 1 and span.end < len(doc) and doc[span.end].text in _LABEL_PUNCT:
        return span.label_, doc[span.end].idx + len(doc[span.end].text), len(sd.text)
    wrapped = span.start > 0 and doc[span.start - 1].text in "([" and span.end < len(doc)
    if wrapped and doc[span.end].text in ")]":
        return span.label_, 0, doc[span.start - 1].idx
    return None, 0, len(sd.text)


# --- heading steps ---------------------------------------------------------------------------------------------
def category_heading(ctx: Context, sd: SegmentDoc) -> Result | None:
    """`Hurdles`, `Top Hurdles for 2026`, `HURDLES: Barriers to innovation`: opens the category's section.
    `Hurdle 1: Funding` is a topic heading that names its category and rank."""
    doc, seg = sd.doc, sd.segment
    found = anchors(doc)
    cats = categories_in(found)
    if len(cats) != 1:
        return None
    first = found[0]
    after = doc[first.end] if first.end < len(doc) else None
    numbered = _number_after(doc, first.end, ctx) if first.start <= 1 else None
    alone = first.start == 0 and first.end == len(doc) and first.text.lower() in ctx.profile.singular_terms
    if alone and ctx.following is not None and ctx.following.segment.kind == "heading":
        numbered = (None, first.end)  # `BRIDGE` set small over its topic's heading: a kicker without a number
    if numbered is not None:  # "Hurdle 1 — Funding Beyond Grants", "Accelerator No. 2: Regional Cooperatives"
        number, rest = numbered
        while rest < len(doc) and (doc[rest].is_punct or doc[rest].is_space):
            rest += 1
        section = ctx.section if ctx.section and ctx.section.category == cats[0] else Section(cats[0], "heading")
        kicker = not any(len(t.text) > 1 and t.is_alpha for t in doc[rest:]) or _status_in(doc) is not None
        below = ctx.following
        if kicker and below is not None and below.segment.kind == "heading":
            # `HURDLE 1  N E W` set small over the title's own heading (`Erosion of Public Trust`)
            bounds = _title_of(below, 0, len(below.text), ctx)
            if bounds is None or not topic_shaped(below.text[slice(*bounds)], ctx):
                return None
            ctx.taken = below
            section.topic_level = seg.level
            status = _status_in(doc)
            hit = ctx.hit(
                "topic_heading",
                cats[0],
                below.span(*bounds),
                below.text[slice(*bounds)],
                rank=number,
                status=status[0] if status else None,
            )
            return Found([hit], then=section)
        bounds = _title_of(sd, doc[rest].idx, len(doc.text), ctx) if rest < len(doc) else None
        if bounds is None:
            return None
        section.topic_level = seg.level
        hit = ctx.hit("topic_heading", cats[0], sd.span(*bounds), doc.text[slice(*bounds)], rank=number)
        hit.description = _description(ctx)
        return Found([hit], then=section)
    tagged = first.start > 1 and doc[first.start - 1].text == "(" and first.end + 1 == len(doc) and doc[-1].text == ")"
    if tagged:  # `10. Immersive Learning Spaces (Tech Enabler)`: a topic's heading tagged with its category
        bounds = _title_of(sd, 0, doc[first.start - 1].idx, ctx)
        if bounds is None or not topic_shaped(sd.text[slice(*bounds)], ctx):
            return None
        section = Section(cats[0], "heading", topic_level=seg.level)
        hit = ctx.hit("topic_heading", cats[0], sd.span(*bounds), sd.text[slice(*bounds)])
        hit.description = _description(ctx)
        return Found([hit], then=section)
    label_words = len(doc.text[: first.end_char].split())
    upper_label = first.start == 0 and first.text.isupper() and len(first.text) > 2
    words = len(seg.text.split()) if not upper_label else label_words
    if words > ctx.settings.category_heading_words and not (
        first.start <= 1 and after is not None and after.text == ":"
    ):
        return None
    return Open(Section(cats[0], "heading", level=seg.level))


def _number_after(doc: Doc, i: int, ctx: Context) -> tuple[int, int] | None:
    """The number after a category word (`1`, `No. 2`, `#3`, `Number 1`) and where the words after it start."""
    lex = ctx.profile.lexicons
    start = i
    while i < len(doc) and (
        (doc[i].lower_ in lex.ordinal_words and not doc[i].text.isdecimal()) or (doc[i].text == "." and i > start)
    ):
        if doc[i].text[1:].isdecimal():
            i += 1  # `#3` as one token
            return int(doc[i - 1].text[1:]), i
        i += 1  # `No.`, `Number`, `#`
    if i >= len(doc) or not doc[i].text.isdecimal():
        return None
    return int(doc[i].text), i + 1


def topic_heading(ctx: Context, sd: SegmentDoc) -> Result | None:
    """A topic-shaped heading at the section's topic level (the first level under the category heading)."""
    section, seg = ctx.section, sd.segment
    if section is not None and section.opened_by in ("intro", "label"):
        # Items that are headings (`1. Misinformation at Machine Speed` under `HURDLES Barriers to …`):
        # paragraphs between them are descriptions, and a heading above their level ends the list.
        if section.topic_level is not None and (seg.level or 0) < section.topic_level:
            return Open(None)
        if section.topic_level is not None and (seg.level or 0) > section.topic_level:
            return Found([], keep=True)  # `BY THE NUMBERS` under the items: a box inside the section
        bullets = section.last_item is not None and section.last_item.segment.kind == "list_item"
        if section.topic_level is None and bullets:
            return Open(None)  # the items were bullets: a heading after them starts something else
        run = numbered_run(ctx, sd)  # `1.Policy Lag 2.Chronic Absenteeism 3.Procurement` set as one heading
        if isinstance(run, Found) and len(run.hits) > 1:
            section.topic_level = seg.level or 0
            return run
        found = listed_item(ctx, sd)
        if isinstance(found, Found) and found.hits:
            section.topic_level = seg.level or 0
            return found
        return Open(None)
    level = seg.level or 0
    if section is not None and section.opened_by == "cue" and ctx.previous is section.cue and ctx.previous is not None:
        # `The three technology enablers are …` then a heading per enabler: the cue's topics are headings
        bounds = _title_of(sd, 0, len(sd.text), ctx)
        if bounds is not None and topic_shaped(sd.text[slice(*bounds)], ctx):
            section.opened_by = "heading"
    if section is None or section.opened_by != "heading":
        return Open(None) if section is not None and not section.prose else None
    if section.level is not None and level <= section.level:
        return Open(None)  # a heading at the category's level ends its section
    if section.topic_level is not None and level > section.topic_level:
        return Found([], keep=True)  # a sub-heading inside a topic ("Why it matters")
    if section.topic_level is not None and level < section.topic_level:
        return Open(None)
    split = _split_title(sd.text)
    described = split is not None and not sd.text[split[1] : split[1] + 1].isupper()  # `Attention economy: phone-free…`
    bounds = _title_of(sd, 0, split[0] if split is not None and described else len(sd.text), ctx)
    sibling = section.topic_level == level
    if bounds is None or not topic_shaped(sd.text[slice(*bounds)], ctx, sibling):
        # "Methodology" at the topics' level ends the list; deeper, it is a sub-heading.
        if section.topic_level is None and is_gloss(sd.text, ctx.profile):
            return Found([], keep=True)  # `Obstacles that slow, stall or block innovation.` under `Hurdles`
        return Open(None) if section.topic_level is not None or _heading_key(seg.text) else Found([], keep=True)
    section.topic_level = level
    section.rank += 1
    number = _leading_number(seg.text) or _rank(seg.marker)
    status = _status_in(sd.doc)
    hit = ctx.hit(
        "topic_heading",
        section.category or "",
        sd.span(*bounds),
        sd.text[slice(*bounds)],
        rank=number or section.rank,
        status=status[0] if status else None,
        description=_description(ctx),
    )
    return Found([hit], then=section)


def _description(ctx: Context) -> str | None:
    nxt = ctx.following
    return nxt.segment.text if nxt is not None and nxt.segment.kind == "paragraph" else None


def _leading_number(text: str) -> int | None:
    head = text.lstrip("#( ")
    digits = ""
    for ch in head:
        if not ch.isdecimal():
            break
        digits += ch
    return int(digits) if digits and len(digits) <= 2 and head[len(digits) : len(digits) + 1] in ".):" else None


def _rank(marker: str | None) -> int | None:
    if marker:
        digits = "".join(ch for ch in marker if ch.isdecimal())
        if digits and len(digits) <= 2:
            return int(digits)
    return None


HEADING_STEPS: tuple[tuple[str, Step], ...] = (
    ("label line", lambda ctx, sd: label_line(ctx, sd, items_only=True)),
    ("category heading", category_heading),
    ("topic heading", topic_heading),
)


# --- block steps -----------------------------------------------------------------------------------------------
def list_intro(ctx: Context, sd: SegmentDoc) -> Result | None:
    """`The top three hurdles for 2024 are:` / `The top hurdles and accelerators, ranked…, are:` — a paragraph
    that announces the list items after it (one category, or several in order)."""
    doc, seg = sd.doc, sd.segment
    text = seg.text.rstrip()
    named = _named_in_brackets(doc, ctx) if seg.kind != "heading" else None
    if named is not None:  # `🚧 The 3 big barriers (CoSN calls them Hurdles: the things that …)`
        return Open(Section(named[0], "intro", per_category=named[1]))
    if seg.kind == "heading" or not text.endswith(":") or len(text.split()) > 40 or _SHORTCODE.search(text):
        return None  # (`… for bridges :sweat_smile:` ends in an emoji's code, not a colon)
    last = list(doc.sents)[-1]
    found = [s for s in anchors(doc) if s.start >= last.start]
    cats = categories_in(found)
    if not cats:  # "Accelerators were defined as …. According to CoSN, the top three are:"
        lex = ctx.profile.lexicons
        counted = any(t.lower_ in lex.number_words or t.lower_ in lex.rank_words or t.like_num for t in last)
        if not counted and not anchors(doc):
            return None  # `A few observations:` announces remarks, not the members
        current = ctx.section.category if ctx.section is not None and ctx.section.opened_by == "heading" else None
        named = categories_in(anchors(doc))
        cats = [current] if current else named[:1]
        found = [s for s in anchors(doc) if s.label_ in cats][:1]
    if not cats or (not found and ctx.section is None):
        return None
    count = count_before(doc, found[0].start, ctx.profile) if found else None
    if count is None:
        count = next(
            (
                ctx.profile.lexicons.number_words[t.lower_]
                for t in last
                if t.lower_ in ctx.profile.lexicons.number_words
            ),
            None,
        )
    if len(cats) == 1:
        return Open(Section(cats[0], "intro", per_category=count or 0))
    return Open(Section(None, "intro", queue=cats, per_category=count or ctx.profile.topics_per_category))


def _named_in_brackets(doc: Doc, ctx: Context) -> tuple[str, int] | None:
    """A short line that names its category in brackets after a loose name of its own (`What's speeding
    things up (the "accelerators")`, `The tech that helps (officially: Tech Enablers)`): the category and the
    count the line gives (0 for none), or None."""
    if not len(doc) or doc[-1].text != ")" or (doc[-1].is_sent_end and doc.text.rstrip()[-1:] in SENTENCE_END):
        return None
    opened = next((t.i for t in doc if t.text == "("), None)
    if opened is None or opened == 0 or opened > ctx.settings.category_heading_words:
        return None
    found = [s for s in anchors(doc) if s.label_ != "topic"]
    if len(categories_in(found)) != 1 or any(s.start < opened for s in found):
        return None
    named = {i for s in found for i in range(s.start, s.end)}
    if all(t.i in named for t in doc[opened + 1 : len(doc) - 1]):
        return None  # `Total cost of ownership pressures (hurdle)`: an item tagged with its category
    numbers = ctx.profile.lexicons.number_words
    counts = [numbers.get(t.lower_) or (int(t.text) if t.text.isdecimal() else 0) for t in doc[:opened]]
    return found[0].label_, next((c for c in counts if c), 0)


def label_line(ctx: Context, sd: SegmentDoc, items_only: bool = False) -> Result | None:
    """`Hurdles: A; B; C`, `• Tech Enablers: X, Y and Z`, `hurdles - a, b, c / accelerators - x, y` — a
    category label and its items on one line; a label with a gloss (`HURDLES Barriers to …`) opens the
    category's section for the numbered items that follow."""
    doc = sd.doc
    noted = sd.segment.kind == "paragraph" and _note_start(doc) < len(doc)  # `Hurdles (what slows us down)`
    bare = bare_category(doc) if sd.segment.kind == "list_item" or noted else None
    if bare is not None and not items_only:
        return Open(Section(bare, "label"))  # `<dt>Hurdles</dt>`, `• Tech Enablers`: the items follow
    labels = [s for s in anchors(doc) if _is_label(doc, s) or _ranked_label(doc, s, ctx)]
    if not labels:
        return None
    hits: list[TopicHit] = []
    section: Section | None = None
    numbered_last = False
    for k, label in enumerate(labels):
        stop = labels[k + 1].start if k + 1 < len(labels) else len(doc)
        start = _label_end(doc, label)
        while stop > start and doc[stop - 1].text in ("/", "|", ";"):
            stop -= 1
        singular = label.text.lower() in ctx.profile.singular_terms
        found, numbered_last = _label_items(
            ctx, sd, label.label_, start, stop, singular, _ranked_label(doc, label, ctx)
        )
        hits.extend(found)
        section = Section(label.label_, "label", rank=len(found))
    if not hits and not items_only and section is not None:
        # `Bridges: This section looks at … For 2026, A, B, and C were all areas of interest`
        for sent in doc.sents:
            if sent.end > labels[0].end:
                hits.extend(_enumerated(ctx, sd, sent, [labels[0]], after=labels[0].end))
    # A label line that is a bullet among bullets has no children: only a label heading a block of its own
    # (`Hurdles:` alone, `HURDLES Barriers to …`) opens a section for the items after it.
    following = ctx.following.segment if ctx.following is not None else None
    parent = (  # `- Accelerators = the big trends` with its items nested under it
        sd.segment.kind == "list_item"
        and following is not None
        and following.kind == "list_item"
        and (following.level or 0) > (sd.segment.level or 0)
    )
    opens = (
        section
        if section is not None and not (hits and not numbered_last) and (sd.segment.kind != "list_item" or parent)
        else None
    )
    before = ctx.previous
    if (
        not hits
        and before is not None
        and any(_is_label(before.doc, s) and s.label_ != labels[0].label_ for s in anchors(before.doc))
    ):
        opens = None  # `Hurdles — barriers…` / `Accelerators — megatrends…` / …: a glossary, no list follows
    own = ctx.section
    if not hits and own is not None and own.opened_by == "heading" and own.category == labels[0].label_:
        return None if items_only else Found([], keep=True)  # `Accelerators — megatrends …` under `Accelerators`
    if not hits or (items_only and len(hits) < 2):  # `ACCELERATORS: OUTSIDE THE BUILDING` titles a section
        return None if items_only else Open(opens)
    return Found(hits, then=opens)


def _note_start(doc: Doc) -> int:
    """Where a bracketed note that ends the line opens (`Hurdles (what's slowing schools down)`), else the
    line's end."""
    last = next((t for t in reversed(doc) if not t.is_space and t.text not in (":", ".")), None)
    if last is None or last.text != ")":
        return len(doc)
    opening = next((t.i for t in reversed(doc[: last.i]) if t.text == "("), None)
    return opening if opening is not None and opening > 0 else len(doc)


def bare_category(doc: Doc) -> str | None:
    """The category a line names and nothing else (`Hurdles`, `TECH ENABLERS:`, `Accelerators (long-term
    trends pushing schools forward)`), or None."""
    end = _note_start(doc)
    found = [s for s in anchors(doc) if s.label_ != "topic" and s.end <= end]
    words = [t for t in doc[:end] if not t.is_punct and not t.is_space]
    if len(found) != 1 or not words or words[0].i < found[0].start or words[-1].i >= found[0].end:
        return None
    return found[0].label_


def _label_end(doc: Doc, span: Span) -> int:
    """Where a label's items start: after its colon or dash, and after a note in brackets
    (`Bridges (unranked): A; B; C`)."""
    i = span.end
    if i < len(doc) and doc[i].text == "(":  # `Bridges (the report also calls them "cross-cutting themes"): A; B`
        close = next((t.i for t in doc[i : i + 2 * MAX_LABEL_NOTE] if t.text == ")"), None)
        if close is not None and close + 1 < len(doc) and doc[close + 1].text in _LABEL_PUNCT:
            i = close + 1
    return i + 1 if i < len(doc) and (doc[i].text in _LABEL_PUNCT or _slash(doc, i)) else i


def _slash(doc: Doc, i: int) -> bool:
    """A slash set apart by spaces: `Hurdles / A / B / Accelerators / C` separates, `and/or` does not."""
    return doc[i].text == "/" and spaced(doc[i])


def _ranked_label(doc: Doc, span: Span, ctx: Context) -> bool:
    """`Top accelerator: youth voice in design.`: a rank word, a singular category and a colon open the line."""
    return (
        span.start == 1
        and doc[0].lower_ in ctx.profile.lexicons.rank_words
        and span.text.lower() in ctx.profile.singular_terms
        and span.end < len(doc)
        and doc[span.end].text == ":"
    )


def _is_label(doc: Doc, span: Span) -> bool:
    """A category at the start of its line (or after a `/`), followed by a colon or dash, or in capitals."""
    at_start = span.start == 0 or doc[span.start - 1].text in ("/", "|", "•", "-", "*") or doc[span.start - 1].is_space
    at_start = at_start or (span.start <= 2 and all(t.is_punct or t.like_num for t in doc[: span.start]))
    if not at_start or span.end >= len(doc):
        return False
    nxt = doc[span.end]
    if nxt.text in _LABEL_PUNCT or _slash(doc, span.end) or _label_end(doc, span) > span.end + 1:
        return True
    # `HURDLES Barriers to …`, `hurdles Barriers to …`: a label set apart by its case, not by punctuation.
    cased = (span.text.isupper() and len(span.text) > 3) or (span.text.islower() and nxt.text[:1].isupper())
    return cased and span.start == 0


def _label_items(
    ctx: Context,
    sd: SegmentDoc,
    category: str,
    start: int,
    stop: int,
    singular: bool = False,
    ranked_label: bool = False,
) -> tuple[list[TopicHit], bool]:
    """The items after a label: numbered (`1. A 2.B`), separated (`A; B; C`), or none (a gloss); after a
    singular label (`Bridge: Trust by design`) a short capitalized phrase without a verb is its one item."""
    doc = sd.doc
    numbered = _numbered_items(doc, start, stop, minimum=1)  # after a gloss: `… that require 1) A` + lines
    if numbered:
        kind = "topic_numbered_run"
        items = [(n, span) for n, span in numbered]
    else:
        titled = _titled_after_label(ctx, sd, category, start, stop)
        if titled is not None:
            return [titled], False
        one = trim(doc[start:stop], ctx.profile)
        named = (
            singular
            and len(one) > 0
            and (one[0].text[:1].isupper() or ranked_label)
            and one.start == start
            and len(one) <= ctx.settings.max_title_words
            and not has_verb(one, ctx.profile)
            and not any(t.lower_ in ctx.profile.lexicons.relative_words or t.text == "," for t in one)
        )
        if not named and label_content(doc, start, stop, ctx.profile, ctx.settings) != "items":
            return [], False  # a gloss: `Hurdles: the obstacles that…` (a definition, not items)
        spans = split_items(doc, start, stop, ctx.profile) or _pair(doc, start, stop, ctx, singular)
        if any(_sentence(s) or len(s) > ctx.settings.max_clause_item_tokens for s in spans):
            return [], False
        kind = "topic_label_line"
        items = list(enumerate(spans, start=1))
    hits = []
    for rank, span in items:
        bounds = _title_of(sd, span.start_char, span.end_char, ctx)
        if bounds is None or not _item_text_ok(sd.text[slice(*bounds)], ctx):
            continue
        hits.append(ctx.hit(kind, category, sd.span(*bounds), sd.text[slice(*bounds)], rank=rank))
    return hits, bool(numbered)


def _pair(doc: Doc, start: int, stop: int, ctx: Context, singular: bool) -> list[Span]:
    """`Bridges: Digital Citizenship & Professional Learning`: after a plural label, one conjunction between two
    titles of two words or more parts them; `Scaling & Sustaining Innovation` stays one title."""
    whole = trim(doc[start:stop], ctx.profile)
    joins = [t.i for t in whole if t.lower_ in ctx.profile.lexicons.conjunctions]
    if singular or len(joins) != 1:
        return [whole]
    left, right = trim(doc[whole.start : joins[0]], ctx.profile), trim(doc[joins[0] + 1 : whole.end], ctx.profile)
    titled = all(
        sum(t.is_alpha for t in side) >= 2 and is_title_case(side, ctx.profile, ctx.settings) for side in (left, right)
    )
    return [left, right] if titled else [whole]


def _titled_after_label(ctx: Context, sd: SegmentDoc, category: str, start: int, stop: int) -> TopicHit | None:
    """`Accelerator: Learner Voice and Choice — students co-designing …`: one title-case topic and its
    description after a singular label."""
    doc = sd.doc
    if start >= stop:
        return None
    begin, finish = doc[start].idx, doc[stop - 1].idx + len(doc[stop - 1].text)
    split = _split_title(sd.text[begin:finish])
    if split is None or split[0] == 0:
        return None
    bounds = _title_of(sd, begin, begin + split[0], ctx)
    title = sd.text[slice(*bounds)] if bounds else ""
    span = doc.char_span(*bounds, alignment_mode="expand") if bounds else None
    if span is None or not is_title_case(span, ctx.profile, ctx.settings) or not topic_shaped(title, ctx):
        return None
    if not _item_text_ok(title, ctx) or any(s.start < span.end and span.start < s.end for s in anchors(doc)):
        return None
    description = sd.text[begin + split[1] : finish].strip() or None
    return ctx.hit("topic_titled_item", category, sd.span(*bounds), title, description=description)


def _sentence(span: Span) -> bool:
    return len(span) > 3 and span[-1].text in SENTENCE_END and span[0].text[:1].isupper() and span[1].is_lower


def _numbered_items(doc: Doc, start: int, stop: int, first: int = 1, minimum: int = 2) -> list[tuple[int, Span]]:
    """Items numbered 1, 2, 3… in order inside doc[start:stop], even run together (`1. A 2.B 3.C`)."""
    marks: list[tuple[int, int]] = []  # (number, token index of the item's first token)
    expected = first
    for t in doc[start:stop]:
        numbered = t.like_num and t.text.isdecimal() and int(t.text) == expected
        if numbered and t.i + 1 < stop and doc[t.i + 1].text in ".)":
            marks.append((expected, t.i + 2))
            expected += 1
    if len(marks) < minimum:
        return []
    out = []
    for k, (number, first) in enumerate(marks):
        end = marks[k + 1][1] - 2 if k + 1 < len(marks) else stop
        if first < end:
            out.append((number, doc[first:end]))
    return out


def numbered_run(ctx: Context, sd: SegmentDoc) -> Result | None:
    """`1. Policy Guardrails 2.Data Literacy 3. Safe Spaces` on one line, inside a category's section."""
    section = ctx.section
    if section is None or not section.lists:
        return None
    numbered = _numbered_items(sd.doc, 0, len(sd.doc), first=(_rank(sd.segment.marker) or 0) + 1)
    if numbered and numbered[0][0] > 1:  # `1. A 2. B 3. C` whose first number became the list marker
        numbered.insert(0, (numbered[0][0] - 1, sd.doc[0 : numbered[0][1].start - 2]))
    colon = next((t.i for t in sd.doc if t.text == ":"), None)
    if not numbered and section.rank and colon is not None:
        # `Also ranked by the board: 4. Aging Learning Spaces 5. Misinformation…`: the list goes on
        numbered = _numbered_items(sd.doc, colon + 1, len(sd.doc), first=section.rank + 1, minimum=1)
        if not numbered or numbered[0][1].start > colon + 3:
            return None
    elif not numbered or numbered[0][1].start > 2:
        return None
    hits = []
    for rank, span in numbered:
        title_end = _split_title(span.text)
        end_char = span.start_char + title_end[0] if title_end else span.end_char
        bounds = _title_of(sd, span.start_char, end_char, ctx)
        category = section.next_category()
        if bounds is None or category is None or not _item_text_ok(sd.text[slice(*bounds)], ctx):
            continue
        section.rank += 1
        hits.append(ctx.hit("topic_numbered_run", category, sd.span(*bounds), sd.text[slice(*bounds)], rank=rank))
    return Found(hits, then=section) if hits else None


def _item_text_ok(text: str, ctx: Context) -> bool:
    key = norm_key(text)
    words = text.split()
    lex = ctx.profile.lexicons
    counted = len(words) <= 2 and (words[0] in lex.number_words or words[0] in lex.partitive_words)  # `one great`
    return (
        bool(key)
        and not counted
        and 1 <= len(words) <= ctx.settings.max_gerund_item_tokens
        and key not in ctx.profile.category_terms
        and key not in ctx.profile.lexicons.structural_headings
        and key not in ctx.profile.lexicons.pronouns
        and any(c.isalpha() for c in text)
    )


def listed_item(ctx: Context, sd: SegmentDoc) -> Result | None:
    """List items, `Title: description` and `Title — description` lines, and short title lines under a
    category heading, a list intro or a category label."""
    section, seg, doc = ctx.section, sd.segment, sd.doc
    if ctx.previous is not None and ctx.previous.segment.kind == "quote_block" and seg.text[:1] in "—–-":
        return None  # `— Gregory P. Lindqvist, CEO`: the pull quote's credit line
    if section is None or not section.lists:
        return None
    nested = seg.kind == "list_item" and seg.level is not None and section.item_level is not None
    if nested and (seg.level or 0) > (section.item_level or 0):
        return Found([], keep=True)  # `1. Policy Whiplash` / `   - rules on phones … changing faster`: a detail
    if nested and (seg.level or 0) < (section.item_level or 0):
        return Closed()  # `  * Start with the Learner` / `- only two this year`: the speaker's own notes
    # Topics are headings here: paragraphs and bullets describe them, but a title-case bullet after the top
    # three headings (`Connectivity Deserts`) still is one.
    details = seg.kind != "list_item" or not _title_like(doc.text, ctx, True)
    if section.topic_level is not None and seg.kind != "heading" and details:
        # a topic the prose under the headings names for the section's category (`The third accelerator, X,
        # captures …` after `Accelerator No. 2: …`) is one more; anything else there describes a heading
        named = enumeration(ctx, sd)
        hits = named.hits if isinstance(named, Found) else []
        if hits and all(h.category != section.category for h in hits):
            return Found(hits, then=None)  # `The two bridges, A and B, …` after the enablers' headings: theirs end
        return Found(_ordinal_members(ctx, sd, section), keep=True)  # the rest describes the headings
    if section.rank == 0 and is_gloss(doc.text, ctx.profile):
        return Found([], keep=True)  # `Barriers that slow or block innovation` under `Hurdles`: its gloss
    prose = doc.text.rstrip()[-1:] in SENTENCE_END or len(doc.text.split()) > ctx.settings.max_title_words
    announces = doc.text.rstrip().endswith(":") and not anchors(doc)  # `A few observations:` after the items
    if (
        section.run
        and seg.kind == "paragraph"
        and (prose or announces)
        and not _title_like(_run_in(doc.text), ctx, True)
    ):
        return Closed()  # `A / B / C` then `Three entries are new this cycle: …`: the list has ended
    text = doc.text
    own_category, own_start, own_end = _item_category(sd, ctx)
    led = _lead_split(sd, ctx) if own_start == 0 else None  # `**Fragmented identity management.** Hannah …`
    split = led or _split_title(text[own_start:own_end])
    if split is None and seg.kind == "list_item":
        split = _comma_split(doc, own_start, own_end, ctx)
    title_end = own_start + split[0] if split else own_end
    title_text = text[own_start:title_end]
    is_item = seg.kind == "list_item" or _looks_like_item(text, ctx)
    # `Title. Description` needs a title-case title (`Members also cautioned against…. Policies…` is prose);
    # a colon or a dash in a list item may follow a sentence-case one (`Data privacy: …`).
    run_in = split is not None and text[own_start + split[0] : own_start + split[1]] == ". "
    strict = run_in or seg.kind != "list_item"
    shaped = _title_like(title_text, ctx, strict) or (led is not None and _lead_title_ok(title_text, ctx))
    titled = split is not None and shaped and text[own_start + split[1] :].strip()
    full = section.per_category and section.category is not None and section.rank >= section.per_category
    if not (is_item or titled) or full:
        last = section.last_item
        shown = last is not None and (last.segment.kind == "list_item" or last.doc.text.rstrip().endswith("."))
        described = last is not None and ctx.previous is last and shown and not full
        if described and seg.kind == "paragraph" and _title_like(_run_in(_unarticled(last.doc, ctx)), ctx, True):
            return Found([], keep=True)  # `• Misinformation at Machine Speed` / `Synthetic video, cloned…`: its text
        return Closed() if section.opened_by in ("intro", "label") else None
    bounds = _title_of(sd, own_start, title_end, ctx)
    if bounds is None:
        return None
    title = text[slice(*bounds)]
    if not _item_text_ok(title, ctx) or (not titled and _sentence(doc.char_span(*bounds, alignment_mode="expand"))):
        return None
    if seg.kind != "list_item" and not (
        titled or _title_like(title, ctx, True) or section.opened_by in ("intro", "label")
    ):
        return None
    category = own_category or section.next_category()
    if category is None:
        return None
    if seg.kind == "list_item" and section.item_level is None:
        section.item_level = seg.level
    section.run = section.run or (section.last_item is not None and ctx.previous is section.last_item)
    section.last_item = sd
    section.rank += 1
    section.per_rank[category] += 1
    status = _status_in(doc)
    description = text[own_start + split[1] :].strip() if titled and split else None
    kind = "topic_titled_item" if titled else "topic_list_item"
    hit = ctx.hit(
        kind,
        category,
        sd.span(*bounds),
        title,
        rank=(_rank(seg.marker) or _leading_number(text) or section.rank)
        if section.category
        else section.per_rank[category],
        status=status[0] if status else None,
        description=description,
    )
    if status is not None:
        hit.extra_spans.append(sd.token_span(status[1]))
    return Found([hit], then=section)


def _ordinal_members(ctx: Context, sd: SegmentDoc, section: Section) -> list[TopicHit]:
    """`The third accelerator, learning beyond the bell, captures …` under the first two accelerators' headings:
    a member of the section's category named in an ordinal apposition."""
    doc, hits = sd.doc, []
    for anchor in anchors(doc):
        if anchor.label_ != section.category:
            continue
        sent = anchor.sent
        before = doc[max(sent.start, anchor.start - ctx.settings.singular_reach) : anchor.start]
        hits.extend(_ordinal_apposition(ctx, sd, sent, anchor, before))
    return hits


def _lead_split(sd: SegmentDoc, ctx: Context) -> tuple[int, int] | None:
    """(title end, description start) of a block that opens with a bold run-in heading (`Title.`, `Title:`,
    `Title —` in bold, then its description), or None."""
    text, lead = sd.text, sd.segment.lead
    if not lead or not text[lead:].strip():
        return None
    end = lead
    while end > 0 and (text[end - 1] in ".:;—–-" or text[end - 1].isspace()):
        end -= 1
    start = lead
    while start < len(text) and (text[start] in ".:;—–-" or text[start].isspace()):
        start += 1
    return (end, start) if end > 0 and start < len(text) else None


def _lead_title_ok(title: str, ctx: Context) -> bool:
    """A bold run-in heading names a topic in any case (`The assessment lag`): a short phrase, no clause."""
    lex = ctx.profile.lexicons
    first, _, rest = title.partition(" ")
    words = (rest if rest and first.lower() in lex.determiners else title).split()
    return (
        1 <= len(words) <= ctx.settings.max_title_words
        and words[0].lower() not in lex.function_words
        and not any(w.lower() in lex.clause_verbs for w in words)
    )


def _unarticled(doc: Doc, ctx: Context) -> str:
    """A line without its leading article: `The Evidence Gap` is shaped as a title is."""
    first = doc[0] if len(doc) else None
    skip = first is not None and first.lower_ in ctx.profile.lexicons.determiners and len(doc) > 1
    return doc.text[doc[1].idx :] if skip else doc.text


def _run_in(text: str) -> str:
    """A line without the full stop a run-in heading set on its own line keeps (`Edge Networks for Schools.`)."""
    return text.rstrip().removesuffix(".")


def _looks_like_item(text: str, ctx: Context) -> bool:
    """A list-like line: short, not a full sentence."""
    words, line = text.split(), text.rstrip()
    if line.endswith(".") and _title_like(_run_in(line), ctx, True):
        return True  # `Edge Networks for Rural Schools.`: a run-in heading set as a line of its own
    return 1 <= len(words) <= ctx.settings.max_title_words and not line.endswith(tuple(SENTENCE_END))


def _title_like(text: str, ctx: Context, strict: bool = False) -> bool:
    """`Attracting and Retaining Educators` before a colon, not `The report stresses` or a sentence; `strict`
    also wants title case (most content words capitalized), as a line that is not a list item must have."""
    words = text.split()
    lex = ctx.profile.lexicons
    shaped = (
        1 <= len(words) <= ctx.settings.max_title_words
        and text.strip()[:1].isupper()
        and not text.rstrip().endswith(tuple(SENTENCE_END))
        and "," not in text
        and not any(w.lower() in lex.clause_verbs for w in words)
        and words[0].lower().strip('*_“"') not in lex.function_words
    )
    if not shaped or not strict:
        return shaped
    content = [w for w in words if w.lower() not in lex.title_small_words and w[:1].isalpha()]
    capitalized = sum(w[0].isupper() for w in content)
    return bool(content) and capitalized / len(content) >= ctx.settings.title_case_share


def enumeration(ctx: Context, sd: SegmentDoc) -> Result | None:
    """Items listed in a sentence that names one category: `This year's three Hurdles are a, b and c`,
    `It lists the accelerators as a; b; and c`, `Among the Tech Enablers, the panel singled out x, y and z`."""
    doc = sd.doc
    hits: list[TopicHit] = []
    context: str | None = ctx.section.category if ctx.section is not None and not ctx.section.prose else None
    context = context or _asked_category(ctx)
    own = context  # the category of the section this paragraph stands in
    told: int | None = None  # the count the sentence naming the context category gave (`named two bridges`)
    for sent in doc.sents:
        named = _main_anchors(doc, sent, ctx)
        cats = categories_in(named)
        if len(cats) == 1 and _past_list(doc, sent, named[0], ctx):
            context = None  # `Last year's top hurdle, X, dropped off the list`: an earlier edition's
            continue
        if len(cats) == 1:
            found = (
                _enumerated(ctx, sd, sent, named)
                or _singular(ctx, sd, sent, named[0])
                or _placed(ctx, sd, sent, named[0])
                or _inverted(ctx, sd, sent, named[0])
                or _at_ranks(ctx, sd, sent, cats[0])
                or _led_by(ctx, sd, sent, named[-1])
            )
            hits.extend(found)
            context = cats[0]
            told = None if found else count_before(doc, named[0].start, ctx.profile)
        elif not cats and (context := context or _among_nouns(doc, sent, ctx)) is not None:
            # "Bridges, a set of unifying themes… This year there are three: that trust is infrastructure, …"
            hits.extend(_counted(ctx, sd, sent, context, told))
        else:
            hits.extend(_counted_per_category(ctx, sd, sent, named))
            # `If the hurdles are about pressure, the accelerators are about …` under `ACCELERATORS`: still its
            # section's category; two categories elsewhere leave the next sentence without one
            context = own if own in cats else None
    if not hits:
        return None
    return Found(hits, then=None)


def _past_list(doc: Doc, sent: Span, anchor: Span, ctx: Context) -> bool:
    """A category qualified as an earlier edition's: `last year's top hurdle`, `the previous accelerators`."""
    lex = ctx.profile.lexicons
    before = doc[max(sent.start, anchor.start - ctx.settings.singular_reach) : anchor.start]
    return any(t.lower_ in lex.past_words for t in before)


def _asked_category(ctx: Context) -> str | None:
    """`Q: Let's move to the accelerators.` / `JT: The top one, X, …`: a short question or lead-in paragraph that
    names one category sets it for the answer after it."""
    before = ctx.previous
    if before is None or before.segment.kind != "paragraph":
        return None
    short = len(before.text.split()) <= ctx.settings.max_title_words + ctx.settings.category_heading_words
    asked = before.text.rstrip().endswith("?")
    cats = categories_in(anchors(before.doc))
    return cats[0] if len(cats) == 1 and (short or asked) else None


def _counted_per_category(ctx: Context, sd: SegmentDoc, sent: Span, named: list[Span]) -> list[TopicHit]:
    """`identifies three hurdles — A, B and C — along with three accelerators, D, E and F, and three tech
    enablers: G, H and I`: in a sentence naming several categories, each counted mention is followed by as
    many title-case items, up to the next mention."""
    doc, hits = sd.doc, []
    for k, anchor in enumerate(named):
        count = count_before(doc, anchor.start, ctx.profile)
        if count is None:
            continue
        stop = named[k + 1].start if k + 1 < len(named) else sent.end
        start = anchor.end
        while start < stop and doc[start].is_punct and doc[start].text not in QUOTE_CHARS:
            start += 1  # `— A, B`, `: G, H`, `, D, E`
        end = stop
        while stop > start and not (doc[stop - 1].text[:1].isupper() or doc[stop - 1].text in ")”\"'’"):
            stop -= 1  # back over `— along with three`, `; the board also named two`, `, which the report …`
        items = split_items(doc, start, stop, ctx.profile, count)[:count]
        if len(items) == count and all(is_title_case(i, ctx.profile, ctx.settings) for i in items):
            hits.extend(_hits_of(ctx, sd, anchor.label_, items, "topic_enumeration", False, minimum=1))
            continue
        # `three hurdles, rising cybersecurity threats, teacher pipeline shortfalls and funding instability;
        # three accelerators, …`: lower-case items up to the separator before the next counted category
        lex = ctx.profile.lexicons
        while end > start and (
            doc[end - 1].is_punct or doc[end - 1].lower_ in lex.number_words or doc[end - 1].lower_ in lex.conjunctions
        ):
            end -= 1
        if end < sent.end and doc[end].text not in (";", ":") and k + 1 < len(named):
            continue  # a clause runs on to the next category: not a list of this one's items
        items = split_items(doc, start, _enumeration_end(doc, start, end, ctx.profile), ctx.profile, count)
        if len(items) == count and all(
            _clause_item_ok(i, ctx) or is_title_case(i, ctx.profile, ctx.settings) for i in items
        ):
            hits.extend(_hits_of(ctx, sd, anchor.label_, items, "topic_clause_enumeration", False, minimum=1))
    return hits


def _counted(ctx: Context, sd: SegmentDoc, sent: Span, category: str, told: int | None = None) -> list[TopicHit]:
    """`The board picked three: a; b; and c` — a count and a colon in a sentence about a category named just
    before (in the sentence before, or by the section's heading)."""
    doc, numbers, lex = sd.doc, ctx.profile.lexicons.number_words, ctx.profile.lexicons
    one = _one_of_them(ctx, sd, sent)
    if one is not None:
        return _hits_of(ctx, sd, category, [one], "topic_enumeration", False, minimum=1)
    ranks = _at_ranks(ctx, sd, sent, category)
    if ranks:
        return ranks
    count = next(((t.i, numbers[t.lower_]) for t in sent if t.lower_ in numbers), None)
    if count is None and told:
        # `The panel also named two "bridges," … For 2030 they are a and b.`
        they = next((t.i for t in sent if t.lower_ in lex.pronouns and t.i + 1 < sent.end), None)
        verb = they + 1 if they is not None else sent.end
        while verb < sent.end - 1 and doc[verb].lower_ in lex.time_fillers:
            verb += 1  # `This year's are a and b`
        if they is not None and doc[verb].lower_ in lex.copulas:
            count = (they, told)
            items = split_items(
                doc, verb + 1, _enumeration_end(doc, verb + 1, sent.end, ctx.profile), ctx.profile, told
            )
            if len(items) == told and all(
                _clause_item_ok(i, ctx) or is_title_case(i, ctx.profile, ctx.settings) for i in items
            ):
                title_case = all(is_title_case(i, ctx.profile, ctx.settings) for i in items)
                kind = "topic_enumeration" if title_case else "topic_clause_enumeration"
                return _hits_of(ctx, sd, category, items, kind, True)
        return []
    if count is None:
        return (
            _leading_items(ctx, sd, sent, category)
            or _ranked_in_context(ctx, sd, sent, category)
            or _came_in(ctx, sd, sent, category)
            or _called_it(ctx, sd, sent, category)
            or _named_in_context(ctx, sd, sent, category)
        )
    colon = next((t.i for t in doc[count[0] : min(sent.end, count[0] + 3)] if t.text == ":"), None)
    if colon is None:
        # `Let me give the hurdles their due. The top three are a, b, and c.`
        after = count[0] + 1
        ranked_count = count[0] > sent.start and (
            doc[count[0] - 1].lower_ in lex.rank_words or doc[count[0] - 1].lower_ in lex.determiners
        )
        if not ranked_count or after >= sent.end or doc[after].lower_ not in lex.copulas:
            return []
        colon = after
    items = split_items(doc, colon + 1, _enumeration_end(doc, colon + 1, sent.end, ctx.profile), ctx.profile, count[1])
    if len(items) != count[1] or not all(
        _clause_item_ok(i, ctx) or is_title_case(i, ctx.profile, ctx.settings) or _proposition(i, ctx) for i in items
    ):
        return []
    title_case = all(is_title_case(i, ctx.profile, ctx.settings) for i in items)
    kind = "topic_enumeration" if title_case else "topic_clause_enumeration"
    return _hits_of(ctx, sd, category, items, kind, True)


def _among_nouns(doc: Doc, sent: Span, ctx: Context) -> str | None:
    """`Among the tools, the panel singled out …`: a sentence opened by a category's member noun after a
    partitive link names that category for itself."""
    lex = ctx.profile.lexicons
    i = sent.start
    if i + 3 >= sent.end or doc[i].lower_ not in lex.partitive_links or doc[i + 1].lower_ not in lex.determiners:
        return None
    # `Among the technologies the panel expects to help, it singled out …`: a clause may follow the noun
    comma = next((t.i for t in doc[i + 3 : min(sent.end, i + 3 + ctx.settings.placement_reach)] if t.text == ","), None)
    return ctx.profile.category_nouns.get(doc[i + 2].lower_) if comma is not None else None


def _led_by(ctx: Context, sd: SegmentDoc, sent: Span, anchor: Span) -> list[TopicHit]:
    """`What the report calls accelerators, broad trends …, were led by youth voice in design, the idea …`:
    the category, a placement verb with its agent, and the first of its members."""
    doc, lex = sd.doc, ctx.profile.lexicons
    by = next(
        (
            t.i
            for t in doc[anchor.end : sent.end - 1]
            if t.lower_ in lex.agent_links and t.i > anchor.end and doc[t.i - 1].lower_ in lex.placement_verbs
        ),
        None,
    )
    if by is None:
        return []
    item = trim(doc[by + 1 : _first_member_end(doc, by + 1, sent.end, ctx)], ctx.profile)
    if not len(item) or not (_clause_item_ok(item, ctx) or is_title_case(item, ctx.profile, ctx.settings)):
        return []
    found = _hits_of(ctx, sd, anchor.label_, [item], "topic_clause_enumeration", False, minimum=1)
    for hit in found:
        hit.rank = 1
    return found


def _at_ranks(ctx: Context, sd: SegmentDoc, sent: Span, category: str) -> list[TopicHit]:
    """`… leadership turnover at number three`, `put cybersecurity at No. 1 and staffing at No. 2`: a noun
    phrase placed at a rank of the category the sentence (or the one before) is about."""
    doc, lex = sd.doc, ctx.profile.lexicons
    stops = (
        lex.function_words,
        lex.speaker_adverbs,
        lex.conjunctions,
        lex.subordinators,
        lex.not_names,
        lex.pronouns,
        lex.placement_verbs,
        lex.listing_verbs,
        lex.naming_verbs,
        lex.reporting_verbs,
        lex.clause_verbs,
    )
    hits = []
    for at in (t.i for t in sent if t.lower_ in lex.placement_links and t.i > sent.start):
        rank = _marked_rank(doc, at + 1, sent.end, ctx)
        if rank is None:
            continue
        start = at
        while start > sent.start and not any(doc[start - 1].lower_ in w for w in stops):
            joined = doc[start - 1].text == "-" and not spaced(doc[start - 1])  # `community-owned broadband`
            if not (doc[start - 1].is_alpha or joined):
                break
            start -= 1
        item = trim(doc[start:at], ctx.profile)
        counted = item.start > 0 and (doc[item.start - 1].lower_ in lex.number_words or doc[item.start - 1].like_num)
        if (
            counted  # `after two years at No. 2`: a quantity, not a topic
            or not len(item)
            or has_verb(item, ctx.profile)
            or any(s.label_ for s in anchors(doc) if item.start <= s.start < item.end)
        ):
            continue
        if _clause_item_ok(item, ctx) or is_title_case(item, ctx.profile, ctx.settings):
            found = _hits_of(ctx, sd, category, [item], "topic_clause_enumeration", False, minimum=1)
            for hit in found:
                hit.rank = rank
            hits.extend(found)
    return hits


def _marked_rank(doc: Doc, i: int, stop: int, ctx: Context) -> int | None:
    """The rank a marker gives at `i`: `No. 1`, `#2`, `number three` (a bare number is a year or a count)."""
    lex = ctx.profile.lexicons
    if i >= stop or doc[i].lower_ not in lex.ordinal_words or doc[i].text.isdecimal():
        return None
    if doc[i].text[1:].isdecimal():
        return int(doc[i].text[1:])  # `#2`
    k = i + 1
    while k < stop and doc[k].text == ".":
        k += 1  # `No. 1`
    if k >= stop:
        return None
    if doc[k].text.isdecimal() and len(doc[k].text) <= len(str(ctx.settings.max_title_words)):
        return int(doc[k].text)
    return lex.number_words.get(doc[k].lower_)  # `number three`


def _came_in(ctx: Context, sd: SegmentDoc, sent: Span, category: str) -> list[TopicHit]:
    """`Cyber threats to learning continuity came in second, followed by the lack of sustainable funding.` after
    a sentence naming the hurdles: the subject placed at a rank, and the one its agent names after it."""
    doc, lex = sd.doc, ctx.profile.lexicons
    verb = next((t.i for t in sent if t.lower_ in lex.placement_verbs), None)
    if verb is None or verb == sent.start:
        return []
    k = verb + 1
    while k < sent.end and doc[k].lower_ in lex.placement_links:
        k += 1  # `came in second`
    if k >= sent.end or not (doc[k].lower_ in lex.ordinal_words and doc[k].is_alpha):
        return []
    items = [trim(doc[sent.start : verb], ctx.profile)]
    by = next(
        (
            t.i
            for t in doc[k + 1 : sent.end]
            if t.lower_ in lex.agent_links and doc[t.i - 1].lower_ in lex.placement_verbs
        ),
        None,
    )
    if by is not None:  # `, followed by the lack of sustainable funding beyond one-time grants`
        end = next((t.i for t in doc[by + 1 : sent.end] if t.text in (",", ";")), sent.end)
        items.append(trim(doc[by + 1 : end], ctx.profile))
    if not all(len(i) and not has_verb(i, ctx.profile) and _clause_item_ok(i, ctx) for i in items):
        return []
    return _hits_of(ctx, sd, category, items, "topic_clause_enumeration", False, minimum=1)


def _called_it(ctx: Context, sd: SegmentDoc, sent: Span, category: str) -> list[TopicHit]:
    """`… the top hurdle for 2036 is something teachers know. The panel calls it "Cognitive Offloading," …`:
    a naming verb, a pronoun for the member just described, then its name in quotation marks or title case."""
    doc, lex = sd.doc, ctx.profile.lexicons
    verb = next((t.i for t in sent if t.lower_ in lex.naming_quote_verbs), None)
    if verb is None or verb + 2 >= sent.end or doc[verb + 1].lower_ not in lex.pronouns:
        return []
    start = verb + 2
    quoted = next((b for a, b in quotations(doc) if a == start), None)
    if quoted is not None:
        item = trim(doc[start : quoted + 1], ctx.profile)
    else:
        end = start
        while end < sent.end and (doc[end].text[:1].isupper() or doc[end].lower_ in lex.title_small_words):
            end += 1
        item = trim(doc[start:end], ctx.profile)
    if not len(item) or not is_title_case(item, ctx.profile, ctx.settings):
        return []
    return _hits_of(ctx, sd, category, [item], "topic_enumeration", False, minimum=1)


def _ranked_in_context(ctx: Context, sd: SegmentDoc, sent: Span, category: str) -> list[TopicHit]:
    """`Ranked second is X, back for a second year. Third is Y, a newcomer …` after a sentence naming the
    hurdles: a rank, a copula, and one topic up to its comma."""
    doc, lex = sd.doc, ctx.profile.lexicons
    verb = next((t.i for t in sent if t.lower_ in lex.copulas), None)
    if verb is None or verb == sent.start or verb + 1 >= sent.end:
        return []
    before = doc[sent.start : verb]
    placing = (
        lex.ordinal_words,
        lex.rank_words,
        lex.placement_verbs,
        lex.placement_links,
        lex.time_fillers,
        lex.list_nouns,
        lex.determiners,
        lex.inversion_openers,
    )
    if not all(any(t.lower_ in words for words in placing) or t.text == "." for t in before):
        return []
    if not any(t.lower_ in lex.ordinal_words and t.is_alpha for t in before):
        return []  # `The top is …`: no rank named
    item = trim(doc[verb + 1 : _first_member_end(doc, verb + 1, sent.end, ctx)], ctx.profile)
    if not len(item) or not (_clause_item_ok(item, ctx) or is_title_case(item, ctx.profile, ctx.settings)):
        return []
    return _hits_of(ctx, sd, category, [item], "topic_clause_enumeration", False, minimum=1)


def _without_appositions(doc: Doc, items: list[Span], lex: Lexicons, unjoined: bool = True) -> list[Span]:
    """A list's items without the apposition after its last one: `A -- … -- and B, the growing push …` (a
    conjunction closed the list at B), `cloud-native platforms, software built to …` (no conjunction: one item)."""
    if len(items) < 2:
        return items
    joins = [
        k
        for k in range(1, len(items))
        if any(t.lower_ in lex.conjunctions for t in doc[items[k - 1].end : items[k].start])
    ]
    if unjoined and not joins and not any(t.text == ";" for t in doc[items[0].start : items[-1].start]):
        return items[:1]
    return items[: joins[0] + 1] if joins else items


def _named_in_context(ctx: Context, sd: SegmentDoc, sent: Span, category: str) -> list[TopicHit]:
    """`The report also highlights learner agency — … — and a whole-child approach that …` after a sentence
    about the accelerators: the document (or its panel) naming members of the category in context, each item
    up to its relative clause."""
    doc, lex = sd.doc, ctx.profile.lexicons
    verb = next((t.i for t in sent if t.lower_ in lex.naming_verbs), None)
    if verb is None or verb == sent.start:
        return []
    subject = [t for t in doc[sent.start : verb] if t.lower_ not in lex.speaker_adverbs]
    head = subject[-1].lower_ if subject else ""
    if head in lex.pronouns and any(t.lower_ in lex.panel_words or t.lower_ in lex.document_nouns for t in subject):
        head = next(t.lower_ for t in subject if t.lower_ in lex.panel_words or t.lower_ in lex.document_nouns)
    if not (head in lex.document_nouns or head in lex.panel_words or head in ctx.profile.organization_names):
        return []  # `The report also highlights`, `The panel names`: the document's own naming, not a teacher's
    first = verb + 1
    while first < sent.end and doc[first].lower_ in lex.verb_particles:
        first += 1  # `singled out`
    end = _enumeration_end(doc, first, sent.end, ctx.profile)
    items = []
    for item in split_items(doc, first, end, ctx.profile) or [trim(doc[first:end], ctx.profile)]:
        if not len(item) or item[0].lower_ in lex.apposition_openers:
            continue  # `X, meaning tests that adjust …, and Y`: a gloss of the item before
        # `… and a Y that treats …`, `named X as one of the forces`: the item ends before its clause
        cut = next((t.i for t in item[1:] if t.lower_ in lex.relative_words or t.lower_ in lex.as_words), item.end)
        items.append(trim(doc[item.start : cut], ctx.profile))
    items = _without_appositions(doc, items, lex)
    if not 1 <= len(items) <= ctx.profile.topics_per_category:
        return []
    if not all(_clause_item_ok(i, ctx) or is_title_case(i, ctx.profile, ctx.settings) for i in items):
        return []
    return _hits_of(ctx, sd, category, items, "topic_clause_enumeration", False, minimum=1)


def _one_of_them(ctx: Context, sd: SegmentDoc, sent: Span) -> Span | None:
    """`One of them, Relationships Are the Real Infrastructure, is …` / `The first of those, X, …`: a title-case
    apposition naming one member of the category named just before."""
    doc, lex = sd.doc, ctx.profile.lexicons
    i = sent.start
    while i < sent.end and doc[i].lower_ in lex.determiners:
        i += 1
    counted = i < sent.end and (doc[i].lower_ in lex.partitive_words or doc[i].lower_ in lex.ordinal_words)
    ranked_one = (  # `The top one, lifelong learner records, we saw coming`
        i + 2 < sent.end
        and (doc[i].lower_ in lex.rank_words or doc[i].lower_ in lex.ordinal_words)
        and doc[i + 1].lower_ in lex.partitive_words
        and doc[i + 2].text == ","
    )
    of_them = (  # `One of them, X,`
        counted
        and i + 3 < sent.end
        and doc[i + 1].lower_ in lex.partitive_links
        and doc[i + 2].lower_ in lex.pronouns
        and doc[i + 3].text == ","
    )
    if ranked_one:
        i -= 1  # the apposition opens one token earlier than after `One of them,`
    elif not of_them:
        return None
    close = next((t.i for t in doc[i + 4 : sent.end] if t.text == ","), None)
    if close is None:
        return None
    item = trim(doc[i + 4 : close], ctx.profile)
    shaped = is_title_case(item, ctx.profile, ctx.settings) or (ranked_one and _clause_item_ok(item, ctx))
    return item if len(item) and shaped else None


def _leading_items(ctx: Context, sd: SegmentDoc, sent: Span, category: str) -> list[TopicHit]:
    """`Nor do I quarrel with the accelerators. A B, C D and E F are, respectively, …`: title-case items of
    two words or more that open the sentence after one naming their category, before its verb."""
    doc, lex = sd.doc, ctx.profile.lexicons
    verb = next((t.i for t in sent if t.lower_ in lex.copulas or t.lower_ in lex.summing_verbs), None)
    if verb is None or verb - sent.start < 3:
        return []
    summing = doc[verb].lower_ in lex.summing_verbs
    if summing:
        # `Climate education and problem solving rounded out the list`: the last members, in any case
        items = split_items(doc, sent.start, verb, ctx.profile, ctx.profile.topics_per_category - 1)
        items = items or [trim(doc[sent.start : verb], ctx.profile)]
        if all(len(i) and _clause_item_ok(i, ctx) and not has_verb(i, ctx.profile) for i in items):
            return _hits_of(ctx, sd, category, items, "topic_clause_enumeration", False, minimum=1)
    items = split_items(doc, sent.start, verb, ctx.profile)
    if len(items) < 2 or not all(is_title_case(i, ctx.profile, ctx.settings) for i in items):
        return []
    if any(sum(t.is_alpha for t in i) < 2 or all(t.lower_ in ctx.people for t in i if t.is_alpha) for i in items):
        return []  # `Smith, Jones and Lee are …`: names, not topics
    return _hits_of(ctx, sd, category, items, "topic_enumeration", True)


def _singular(ctx: Context, sd: SegmentDoc, sent: Span, anchor: Span) -> list[TopicHit]:
    """`The biggest hurdle on the list is retaining educators…` / `…pairs this with AI tools as a tech enabler`:
    one topic, named with a singular category and a rank or an `as`."""
    doc, lex = sd.doc, ctx.profile.lexicons
    before = doc[max(sent.start, anchor.start - ctx.settings.singular_reach) : anchor.start]
    # `as the first of its technology enablers`, `as one of the accelerators`: one of a plural category
    partitive = any(
        (t.lower_ in lex.ordinal_words or t.lower_ in lex.partitive_words)
        and t.i + 1 < anchor.start
        and doc[t.i + 1].lower_ in lex.partitive_links
        for t in before
    )
    if anchor.text.lower() not in ctx.profile.singular_terms and not partitive:
        return []
    colon = (
        _singular_colon(ctx, sd, sent, anchor)
        or _singular_apposition(ctx, sd, sent, anchor)
        or _ordinal_apposition(ctx, sd, sent, anchor, before)
        or _subject_is(ctx, sd, sent, anchor, before)
    )
    if colon:
        return colon
    if any(t.lower_ in lex.rank_words or t.lower_ in lex.ordinal_words for t in before):
        i = anchor.end
        while i < sent.end and i - anchor.end < 4 and doc[i].lower_ not in lex.copulas:
            noun = doc[i - 1].lower_ in lex.determiners  # `the biggest hurdle on the list is …`: `list`, a noun
            verb = doc[i].lower_ in lex.listing_verbs or doc[i].lower_ in lex.clause_verbs
            if (doc[i].lower_ in lex.pronouns and i == anchor.end) or (verb and not noun):
                return []  # `the new No. 1 hurdle simply names what they…`: not `the No. 1 hurdle is X`
            i += 1
        if i < sent.end and doc[i].lower_ in lex.copulas:
            end = _enumeration_end(doc, i + 1, sent.end, ctx.profile)
            quoted = next((b for a, b in quotations(doc) if a == i + 1 and b < end), None)
            end = quoted + 1 if quoted is not None else end  # `The third hurdle was "X" I think`: the quotation
            item = trim(doc[i + 1 : end], ctx.profile)
            if len(item) and _clause_item_ok(item, ctx) and not any(t.text == "," for t in item):
                return _hits_of(ctx, sd, anchor.label_, [item], "topic_clause_enumeration", False, minimum=1)
    wider = doc[max(sent.start, before.start - ctx.settings.adverbial_words) : anchor.start]  # `as one of the year's`
    as_at = next((t.i for t in reversed(wider if partitive else before) if t.lower_ in lex.as_words), None)
    if as_at is None:
        return []
    k = as_at
    if k > sent.start and doc[k - 1].text in ("—", "–"):  # `X — systems that act for staff — as the first of…`
        k = next((t.i for t in reversed(doc[sent.start : k - 1]) if t.text in ("—", "–")), k)
    start = next(
        (t.i + 1 for t in reversed(doc[sent.start : k]) if t.lower_ in lex.naming_verbs or t.lower_ in lex.introducers),
        None,
    )
    if start is None and k > sent.start and doc[k - 1].lower_ in lex.placement_verbs:
        # `Educator burnout and staffing gaps rank as the No. 1 hurdle`: the subject before its placing verb
        item = trim(doc[sent.start : k - 1], ctx.profile)
        if len(item) and not has_verb(item, ctx.profile) and _clause_item_ok(item, ctx):
            return _hits_of(ctx, sd, anchor.label_, [item], "topic_clause_enumeration", False, minimum=1)
    if start is None and partitive:
        # `Zero Trust Architecture appears in the 2027 report as one of the year's tech enablers`: the
        # capitalized subject the sentence opens with, then its verb
        end = sent.start
        while end < k and (doc[end].text[:1].isupper() or (doc[end].text in ("-", "&") and end > sent.start)):
            end += 1
        subject = doc[sent.start : end]
        opens = len(subject) >= 2 and subject[0].lower_ not in lex.determiners and doc[end].is_lower
        if opens and is_title_case(subject, ctx.profile, ctx.settings) and not has_verb(subject, ctx.profile):
            return _hits_of(ctx, sd, anchor.label_, [subject], "topic_enumeration", False, minimum=1)
    if start is None:
        return []
    item = trim(doc[start:k], ctx.profile)
    if not len(item) or len(item) > ctx.settings.max_prose_title_tokens or has_verb(item, ctx.profile):
        return []
    return _hits_of(ctx, sd, anchor.label_, [item], "topic_clause_enumeration", False, minimum=1)


def _placed(ctx: Context, sd: SegmentDoc, sent: Span, anchor: Span) -> list[TopicHit]:
    """`Teacher burnout tops the list of hurdles`, `X, her district's daily struggle, sits second on this year's
    list of hurdles`, `AI tutors landed on the enablers list`: the sentence's subject, placed on a category's
    list by a placement verb with nothing but links, ranks and the list between them."""
    doc, lex = sd.doc, ctx.profile.lexicons
    verb = None
    for t in reversed(doc[max(sent.start, anchor.start - ctx.settings.placement_reach - 1) : anchor.start]):
        if t.lower_ in lex.placement_verbs:
            verb = t.i
            break

        filler = (
            t.lower_ in lex.placement_links
            or t.lower_ in lex.determiners
            or t.lower_ in lex.ordinal_words
            or t.lower_ in lex.rank_words
            or t.lower_ in lex.list_nouns
            or t.lower_ in lex.number_words
            or t.lower_ in lex.past_words
            or t.lower_ in lex.time_fillers
            or (t.is_digit and len(t) == len("2031"))
        )
        if not filler:
            return []
    follows = doc[verb + 1] if verb is not None else None
    if follows is not None and not (
        follows.lower_ in lex.determiners
        or follows.lower_ in lex.placement_links
        or follows.lower_ in lex.pronouns
        or (follows.lower_ in lex.ordinal_words and follows.is_alpha)
    ):
        return []  # `the board's top three hurdles`: `top` an adjective, not the verb `tops the list`
    if verb is None or verb <= sent.start or any(t.lower_ in lex.past_words for t in doc[sent.start : anchor.start]):
        return []  # `Last year, cybersecurity topped the list`: an earlier edition's list
    end = verb
    while end > sent.start and doc[end - 1].lower_ in lex.speaker_adverbs:
        end -= 1  # `X also made the list`
    if end - 2 > sent.start and doc[end - 1].lower_ in lex.relative_words and doc[end - 2].text == ",":
        end -= 2  # `Workforce readiness, which ranks first among the accelerators, reflects …`
    if end > sent.start and doc[end - 1].text in (",", "—", "–"):
        mark = doc[end - 1].text  # `X, her district's daily struggle, sits second`: the subject before its aside
        end = next((t.i for t in reversed(doc[sent.start : end - 1]) if t.text == mark), end)
    start = end
    while (
        start > sent.start
        and doc[start - 1].text not in (",", ";", ":", "(")
        and doc[start - 1].lower_ not in lex.subordinators
    ):
        start -= 1  # `He was skeptical when AI tutors landed on …`, `In 2031, X tops …`: the clause's own subject
    if start - 1 == sent.start and doc[sent.start].lower_ in lex.pronouns:
        return []  # `That concern tops the list`: a demonstrative, not a clause's opener
    item = trim(doc[start:end], ctx.profile)
    if not len(item) or len(item) > ctx.settings.max_title_words or has_verb(item, ctx.profile):
        return []
    if any(t.text in (",", ";", ":") for t in item) or item[-1].lower_ in ctx.profile.category_nouns:
        return []  # `The hurdles, in short, top …`: a category, not a topic
    if item[0].lower_ in lex.pronouns or item[0].lower_ in lex.actor_words or item[0].lower_ in lex.function_words:
        return []  # `It tops the list`, `Schools made the list`
    return _one_topic(ctx, sd, anchor, item)


def _in_category_section(ctx: Context) -> bool:
    section = ctx.section
    return section is not None and section.opened_by == "heading" and section.category is not None


def _inverted(ctx: Context, sd: SegmentDoc, sent: Span, anchor: Span) -> list[TopicHit]:
    """`At the top of the hurdles list sits teacher burnout`, `Next on the accelerators list is X`, `Rounding
    out the tech enablers is Y`: a placing phrase with the category, then the verb, then the topics."""
    doc, lex = sd.doc, ctx.profile.lexicons
    if doc[sent.start].lower_ not in lex.inversion_openers or _in_category_section(ctx):
        return []  # under a category's heading its title-case mentions are read whole (`titled_mentions`)
    before = doc[sent.start : anchor.start]
    if any(t.lower_ in lex.copulas or t.lower_ in lex.reporting_verbs or t.text in (",", ";", ":") for t in before):
        return []  # `At the meeting, the hurdles were …`: a clause of its own before the category
    verb = anchor.end
    while verb < sent.end and doc[verb].lower_ in lex.list_nouns:
        verb += 1
    if verb + 1 >= sent.end or not (doc[verb].lower_ in lex.placement_verbs or doc[verb].lower_ in lex.copulas):
        return []
    if doc[verb].lower_ in lex.singular_verbs:
        # `At the top of this year's hurdle list is X, the panel's shorthand for …`: one topic, to its comma
        end = _first_member_end(doc, verb + 1, sent.end, ctx)
    else:
        end = _enumeration_end(doc, verb + 1, sent.end, ctx.profile)
    listed = split_items(doc, verb + 1, end, ctx.profile) or [trim(doc[verb + 1 : end], ctx.profile)]
    # `X and, in third place, Y, the squeeze …`: no rank phrase is an item, and the list ends at Y
    items = [i for i in listed if len(i) and i[0].lower_ not in lex.placement_links]
    items = _without_appositions(doc, items, lex, unjoined=False)
    if not 1 <= len(items) <= ctx.profile.topics_per_category:
        return []
    if not all(_clause_item_ok(i, ctx) or is_title_case(i, ctx.profile, ctx.settings) for i in items):
        return []
    return _hits_of(ctx, sd, anchor.label_, items, "topic_clause_enumeration", False, minimum=1)


def _first_member_end(doc: Doc, start: int, stop: int, ctx: Context) -> int:
    """Where the one member named at `start` ends: where its list would, or at an earlier comma, semicolon or
    colon (`X, the panel's shorthand for …`, `X, the idea that …`)."""
    end = _enumeration_end(doc, start, stop, ctx.profile)
    return next((t.i for t in doc[start:end] if t.text in (",", ";", ":")), end)


def _one_topic(ctx: Context, sd: SegmentDoc, anchor: Span, item: Span) -> list[TopicHit]:
    """The one topic a singular mention names, when the words are shaped like one: a clause item or a title."""
    if not len(item) or not (_clause_item_ok(item, ctx) or is_title_case(item, ctx.profile, ctx.settings)):
        return []
    return _hits_of(ctx, sd, anchor.label_, [item], "topic_clause_enumeration", False, minimum=1)


def _singular_colon(ctx: Context, sd: SegmentDoc, sent: Span, anchor: Span) -> list[TopicHit]:
    """`The first is a hurdle that anyone here will recognize: shrinking enrollment and the squeeze that follows.`"""
    doc, lex = sd.doc, ctx.profile.lexicons
    colon = next((t.i for t in doc[anchor.end : sent.end] if t.text == ":"), None)
    singular = anchor.text.lower() in ctx.profile.singular_terms
    if colon is None or not singular or anchor.start == 0 or doc[anchor.start - 1].lower_ not in lex.determiners:
        return []
    item = trim(doc[colon + 1 : _enumeration_end(doc, colon + 1, sent.end, ctx.profile)], ctx.profile)
    return [] if any(t.text in (",", ";") for t in item) else _one_topic(ctx, sd, anchor, item)


def _ordinal_apposition(ctx: Context, sd: SegmentDoc, sent: Span, anchor: Span, before: Span) -> list[TopicHit]:
    """`The second enabler, Privacy-Preserving Analytics, is …`, `The third enabler, spatial computing, returns`:
    an ordinal category, then the topic in an apposition."""
    doc, lex = sd.doc, ctx.profile.lexicons
    ordinal = any(t.lower_ in lex.ordinal_words or t.lower_ in lex.rank_words for t in before)  # `The top hurdle, X,`
    if not ordinal or anchor.end >= sent.end or doc[anchor.end].text != ",":
        return []
    reach = min(sent.end, anchor.end + ctx.settings.max_title_words + 2)
    close = next((t.i for t in doc[anchor.end + 1 : reach] if t.text == ","), None)
    if close is None:
        return []
    item = trim(doc[anchor.end + 1 : close], ctx.profile)
    if len(item) and (has_verb(item, ctx.profile) or item[0].lower_ in lex.determiners):
        return []
    return _one_topic(ctx, sd, anchor, item)


def _subject_is(ctx: Context, sd: SegmentDoc, sent: Span, anchor: Span, before: Span) -> list[TopicHit]:
    """`Generative AI Copilots is the top accelerator this year`: the sentence's subject, then a copula and
    the category with a rank (`the top`, `the No. 1`)."""
    doc, lex = sd.doc, ctx.profile.lexicons
    copula = next((t.i for t in reversed(before) if t.lower_ in lex.copulas), None)
    if copula is None or copula <= sent.start:
        return []
    between = doc[copula + 1 : anchor.start]
    ranked = any(t.lower_ in lex.rank_words or t.lower_ in lex.ordinal_words for t in between)
    if not ranked or any(t.is_punct or t.lower_ in lex.copulas for t in between):
        return []
    start = copula
    while start > sent.start and doc[start - 1].lower_ not in lex.subordinators and doc[start - 1].text not in ",;:—–":
        start -= 1  # `Why teacher burnout is the #1 hurdle`: the clause's own subject
    opener = doc[start - 1].lower_ if start > sent.start else ""
    item = trim(doc[start:copula], ctx.profile)
    if not len(item) or len(item) > ctx.settings.max_title_words or has_verb(item, ctx.profile):
        return []
    if item[0].lower_ in lex.determiners or item[0].lower_ in lex.pronouns or any(t.text == "," for t in item):
        return []  # `The biggest hurdle is …`, `It is the top hurdle`: no title before the copula
    if start > sent.start and opener not in lex.subordinators:
        return []  # after a comma or a colon: no subject of its own
    titled = is_title_case(item, ctx.profile, ctx.settings)
    if len(item) < 2 or not (titled or (start > sent.start and _clause_item_ok(item, ctx))):
        return []  # `Funding is the biggest hurdle for us`: one capital at a sentence's start names no title
    return _one_topic(ctx, sd, anchor, item)


def _singular_apposition(ctx: Context, sd: SegmentDoc, sent: Span, anchor: Span) -> list[TopicHit]:
    """`Real-world learning partnerships, the second accelerator, are …`: the sentence opens with the topic
    and names its category in an apposition."""
    doc, lex = sd.doc, ctx.profile.lexicons
    if anchor.end >= sent.end or doc[anchor.end].text != ",":
        return []
    opened = next((t.i for t in reversed(doc[max(sent.start, anchor.start - 4) : anchor.start]) if t.text == ","), None)
    if opened is None or not any(t.lower_ in lex.determiners for t in doc[opened + 1 : anchor.start]):
        return []
    item = trim(doc[sent.start : opened], ctx.profile)
    if len(item) > ctx.settings.max_title_words or has_verb(item, ctx.profile) or any(t.text == "," for t in item):
        return []
    return _one_topic(ctx, sd, anchor, item)


def _enumerated(
    ctx: Context, sd: SegmentDoc, sent: Span, named: list[Span], after: int | None = None
) -> list[TopicHit]:
    """The topics one sentence lists for the category of `named` (its mentions in the sentence, or the label
    of the line it belongs to, with `after` the label's end)."""
    doc, lex = sd.doc, ctx.profile.lexicons
    anchor = named[0]
    category = anchor.label_
    in_sentence = sent.start <= anchor.start < sent.end
    count = count_before(doc, anchor.start, ctx.profile) if in_sentence else None
    is_ranked = (ranked(doc, anchor.start, ctx.profile) if in_sentence else False) or count is not None
    aside = _counted_aside(doc, sent, named[-1], count, ctx) if in_sentence and count else None
    start = aside[0] if aside else (_listing_point(doc, sent, named[-1], ctx) if in_sentence else None)
    if start is not None and in_sentence and not is_ranked:
        # "The hurdles are A, B and C": a definite list; "Hurdles include A, B…" is a passing mention.
        definite = any(t.lower_ in lex.determiners for t in doc[max(sent.start, anchor.start - 3) : anchor.start])
        verb = doc[start - 1].lower_ if start > 0 else ""
        is_ranked = definite and (verb in lex.copulas or verb in lex.inclusion_verbs or verb == ":")
    if start is None:
        before = _items_before(doc, sent, anchor, ctx) if in_sentence else None
        if before is None:
            run = title_case_run(doc, max(sent.start, after or sent.start), sent.end, ctx.profile, ctx.settings)
            return _hits_of(ctx, sd, category, run, "topic_enumeration", is_ranked or after is not None)
        start, end = before
    else:
        end = aside[1] if aside else _enumeration_end(doc, start, sent.end, ctx.profile)
    last_comma = next((t.i for t in reversed(doc[start:end]) if t.text == ","), None)
    tail = [t for t in doc[last_comma + 1 : end] if not t.is_punct] if last_comma is not None else []
    adverbial = tail and tail[0].is_lower and tail[0].lower_ in lex.function_words
    closed = last_comma is not None and any(t.lower_ in lex.conjunctions for t in doc[start:last_comma])
    if adverbial and closed and tail[0].lower_ not in lex.conjunctions and len(tail) <= ctx.settings.verb_aside_words:
        end = last_comma  # `…, student agency and community partnerships, in that order`: an adverbial, no item
    items = split_items(doc, start, end, ctx.profile, count) or [trim(doc[start:end], ctx.profile)]
    singular = start > 0 and doc[start - 1].lower_ in lex.singular_verbs and count is None
    glossed = len(items) > 1 and (  # `X, software that reads faces`, `X, the panel's shorthand for …`
        any(t.lower_ in lex.relative_words for t in items[1])
        or (items[1].start > 0 and doc[items[1].start - 1].lower_ in lex.determiners)
    )
    listed = in_sentence and (  # `this year's hurdle list is`, `the list of enablers is`: a place on the list
        (anchor.end < len(doc) and doc[anchor.end].lower_ in lex.list_nouns)
        or (anchor.start >= 2 and doc[anchor.start - 2].lower_ in lex.list_nouns)
    )
    apposed = singular and listed and glossed
    if apposed:  # `…'s hurdle list is keeping pace with X, the panel's shorthand for A, B and C`: one, then its gloss
        items = items[:1]
    items = _without_appositions(doc, items, lex, unjoined=False)  # `… and "Y," the growing push …`
    one = len(items) == 1 and start > 0 and doc[start - 1].lower_ in lex.inclusion_verbs and is_ranked
    one = one or (apposed and is_ranked)
    # `Among the tech enablers is adaptive assessment, which …`: one member, named after a singular copula
    among = in_sentence and any(
        t.lower_ in lex.partitive_links for t in doc[max(sent.start, anchor.start - 2) : anchor.start]
    )
    right_after = start == named[-1].end + 1 and doc[start - 1].lower_ in lex.copulas  # the copula next to it
    one = one or (len(items) == 1 and among and right_after)
    if one and len(items[0]) and (_clause_item_ok(items[0], ctx) or is_title_case(items[0], ctx.profile, ctx.settings)):
        # `names three tech enablers, including unified identity management, which …`: one of them
        kind = "topic_enumeration" if is_title_case(items[0], ctx.profile, ctx.settings) else "topic_clause_enumeration"
        return _hits_of(ctx, sd, category, items, kind, True, minimum=1)
    if len(items) < 2 or (count is not None and len(items) < min(count, 2)):
        return []
    if count is None and len(items) < 3 and not is_ranked:
        return []
    title_case = all(is_title_case(i, ctx.profile, ctx.settings) for i in items)
    if not title_case:
        if not is_ranked:
            return []
        if any(not _clause_item_ok(i, ctx) for i in items):
            return []
    elif any(has_verb(_lower(i), ctx.profile) and not _clause_item_ok(i, ctx) for i in items):
        return []  # a verb in lower case makes a clause; `Trust Is the Infrastructure` keeps its title-case verb
    if any(s.label_ for i in items for s in anchors(doc) if i.start <= s.start < i.end):
        return []  # the categories themselves ("Hurdles, Accelerators and Tech Enablers")
    head = items[0][0].lower_
    if head in ctx.profile.category_nouns or (head in lex.definition_nouns and not title_case):
        return []  # "Hurdles are barriers, obstacles and roadblocks that…": a gloss, not a list
    kind = "topic_enumeration" if title_case else "topic_clause_enumeration"
    return _hits_of(ctx, sd, category, items, kind, is_ranked)


def _hits_of(
    ctx: Context, sd: SegmentDoc, category: str, items: list[Span], kind: str, rank: bool, minimum: int = 2
) -> list[TopicHit]:
    if len(items) < minimum or not all(_item_text_ok(i.text, ctx) for i in items):
        return []
    return [
        ctx.hit(kind, category, sd.token_span(item), item.text, rank=n if rank else None)
        for n, item in enumerate(items, start=1)
    ]


def _main_anchors(doc: Doc, sent: Span, ctx: Context) -> list[Span]:
    """Category mentions of a sentence outside the apposition or relative clause that follows one of them
    (`The tech enablers, which help schools past the hurdles, are…` names tech enablers only)."""
    quoted = _quoted_tokens(doc, sent)  # `… the tools the report says "help schools clear the hurdles …"`
    found = [s for s in anchors(doc) if sent.start <= s.start < sent.end and s.start not in quoted]
    kept: list[Span] = []
    skip_until = -1
    for span in found:
        if span.start < skip_until:
            continue
        kept.append(span)
        comma = span.end
        if comma < sent.end and doc[comma].text in QUOTE_CHARS:
            comma += 1  # `the two "bridges" this year, …`
        while (  # `the two bridges this year, the report's cross-cutting themes …, are`: past a short adverbial
            comma < min(sent.end, span.end + ctx.settings.adverbial_words + 1)
            and adverbial_word(doc[comma], ctx.profile)
        ):
            comma += 1
        if comma < sent.end and doc[comma].text == ",":
            close = _clause_end(doc, comma, sent.end, ctx)
            if close is not None:
                skip_until = close
        elif span.end < sent.end and (
            doc[span.end].text in ("—", "–", "--", "(") or (doc[span.end].text == "-" and spaced(doc[span.end]))
        ):  # `The tech enablers – the tools … –`, `the enablers - tools that clear the hurdles - are`
            closing = ")" if doc[span.end].text == "(" else doc[span.end].text
            close = next((t.i for t in doc[span.end + 1 : sent.end] if t.text == closing), None)
            if close is not None:
                skip_until = close
    return kept


def _quoted_tokens(doc: Doc, sent: Span) -> set[int]:
    """Tokens of a sentence inside quotation marks of more than `_QUOTED_WORDS` tokens (someone's words, not a
    quoted name)."""
    if any(a < sent.start and b >= sent.end - 1 for a, b in quotations(doc)):
        return set(range(sent.start, sent.end))  # a sentence inside a quotation of several: someone's words
    return {i for a, b in quotations(sent) if b - a > _QUOTED_WORDS for i in range(a + 1, b)}


def _clause_item_ok(item: Span, ctx: Context) -> bool:
    """A lower-case item: a noun phrase or a gerund clause, not a clause with its own subject and verb."""
    lex = ctx.profile.lexicons
    if len(item) and (item[0].lower_ in lex.function_words or item[0].lower_ in lex.copulas):
        return False  # `the one to read twice`, `n't a technology problem`
    gerund = item[0].lower_.endswith("ing") if len(item) else False
    longest = ctx.settings.max_gerund_item_tokens if gerund else ctx.settings.max_clause_item_tokens
    if not 1 <= len(item) <= longest:
        return False
    if item[0].lower_ in lex.pronouns:
        return False
    if item[0].lower_ in lex.actor_words and (
        len(item) == 1 or item[-1].lower_ in lex.reporting_verbs or item[-1].lower_ in lex.clause_verbs
    ):
        return False  # `students`, `teachers said`; `staff shortages`, `student agency` are topics
    return not any(t.lower_ in lex.clause_verbs for t in item[1:]) or item[0].lower_.endswith("ing")


def _proposition(item: Span, ctx: Context) -> bool:
    """`three: that trust is infrastructure, that equity is not optional, and …`: an idea stated as a `that`
    clause (bridges often are) is an item even with its own subject and verb."""
    opener = item.doc[item.start - 1] if item.start > 0 else None
    return (
        opener is not None
        and opener.lower_ in ctx.profile.lexicons.relative_words
        and 1 <= len(item) <= ctx.settings.max_clause_item_tokens
    )


def _lower(span: Span) -> list[Token]:
    return [t for t in span if not t.text[:1].isupper()]


def _counted_aside(doc: Doc, sent: Span, anchor: Span, count: int, ctx: Context) -> tuple[int, int] | None:
    """`The report's three hurdles -- a, b, and c -- are …`: a dash aside right after a counted category that
    holds exactly that many items is the list."""
    i = anchor.end
    lex = ctx.profile.lexicons
    # `two "bridge" themes in this year's report, A and B, …`: past a short phrase without a verb to the comma
    reach = min(sent.end, i + ctx.settings.verb_reach)
    comma = next((t.i for t in doc[i:reach] if t.text == "," or t.text in DASH_TOKENS), None)
    plain = comma is not None and doc[comma].text == ","  # a dash aside is read below
    if plain and not any(t.lower_ in lex.clause_verbs or t.lower_ in lex.copulas for t in doc[i:comma]):
        i = comma
    if i < sent.end and doc[i].text == ",":
        # `The fourth and fifth hurdles, A and B, receive …`: an apposition of exactly that many titles
        enclosed = {b - 1: b + 1 for _, b in quotations(doc)}  # `"… Lock-In," are`: the mark closes first
        for comma in (t.i for t in doc[i + 1 : sent.end] if t.text == ","):
            close = enclosed.get(comma, comma)
            items = split_items(doc, i + 1, close, ctx.profile, count)
            right_after = i == anchor.end  # `The two bridges, community trust and sustainable funding, received …`
            if len(items) == count and all(
                is_title_case(x, ctx.profile, ctx.settings) or (right_after and _clause_item_ok(x, ctx)) for x in items
            ):
                return i + 1, close
        return None
    if i >= sent.end or doc[i].text not in DASH_TOKENS:
        return None
    close = next((t.i for t in doc[i + 1 : sent.end] if t.text == doc[i].text), None)
    if close is None:
        return None
    items = split_items(doc, i + 1, close, ctx.profile, count)
    return (i + 1, close) if len(items) == count else None


def _listing_point(doc: Doc, sent: Span, anchor: Span, ctx: Context) -> int | None:
    """Where the items begin after a category mention: after its listing verb or colon, skipping what sits
    between (`for K-12 schools in 2031 will be`, `, which the report defines as …,`, `, the panel singled out`)."""
    lex = ctx.profile.lexicons
    i = anchor.end
    reach = ctx.settings.verb_reach
    skipped_clause = False
    while i < sent.end and i - anchor.end <= reach + (ctx.settings.max_apposition * 2 if skipped_clause else 0):
        token = doc[i]
        if token.text == ":":
            # `The hurdles: a, b, c`, `named three Hurdles for the coming year: a; b; c` — but `all three
            # enablers depend on the same foundations: …` lists other things
            named = any(t.lower_ in lex.naming_verbs for t in doc[sent.start : i])
            return i + 1 if i - anchor.end <= 2 or skipped_clause or named else None
        if token.text == "," and not skipped_clause and not _verb_ahead(doc, i + 1, sent.end, ctx):
            close = _clause_end(doc, i, sent.end, ctx)
            if close is not None:
                i, skipped_clause = close + 1, True
                continue
        dash = token.text in DASH_TOKENS or (token.text == "-" and spaced(token))  # ` - megatrends that … - are`
        if (token.text == "(" or dash) and not skipped_clause:
            closer = ")" if token.text == "(" else token.text
            close = next((t.i for t in doc[i + 1 : sent.end] if t.text == closer), None)
            if close is not None:
                i, skipped_clause = close + 1, True
                continue
        copula = next((t.i for t in doc[i + 1 : min(sent.end, i + reach)] if t.lower_ in lex.copulas), None)
        participle = token.lower_ in lex.listing_verbs and i == anchor.end and copula is not None
        if participle and not any(t.is_punct for t in doc[i:copula]):
            return copula + 1  # `The accelerators identified in the report are a, b, and c`
        if token.lower_ in lex.listing_verbs:
            j = i + 1
            while j < sent.end and (
                doc[j].lower_ in lex.verb_particles or doc[j].text == ":" or doc[j].lower_ in lex.listing_verbs
            ):
                j += 1
            # `The top three hurdles are familiar in shape if not in detail: a, b, c` — the colon wins, also
            # after a quoted phrase (`which it describes as “commitments that hold…”: a, b, and c`)
            quoted = j < sent.end and doc[j].text in QUOTE_CHARS
            close = next((t.i for t in doc[j + 1 : sent.end] if t.text in QUOTE_CHARS), None) if quoted else None
            if close is not None and close + 1 < sent.end and doc[close + 1].text == ":":
                return close + 2
            colon = next((t.i for t in doc[j : sent.end] if t.text in (":", ",", ";")), None)
            if colon is not None and doc[colon].text == ":" and colon - j <= ctx.settings.verb_reach:
                return colon + 1
            if j < sent.end and doc[j].text == ",":  # `are, in order, A, B and C`: a short aside, then the items
                reach = min(sent.end, j + ctx.settings.verb_aside_words + 2)
                close = next((t.i for t in doc[j + 1 : reach] if t.text == ","), None)
                if close is not None and close > j + 1 and all(t.is_lower for t in doc[j + 1 : close]):
                    return close + 1
            return j
        if token.text in SENTENCE_END:
            return None
        i += 1
    # `bridges, which it describes as “commitments that hold no matter which tool is …”: a, b, and c` — a
    # quoted gloss of the category, however long, then the colon
    colon = next((t.i for t in doc[anchor.end : sent.end] if t.text == ":"), None)
    glossed = colon is not None and any(t.lower_ in lex.defining_verbs for t in doc[anchor.end : colon])
    if glossed and colon is not None and doc[colon - 1].text in QUOTE_CHARS:
        return colon + 1
    return None


def _clause_end(doc: Doc, comma: int, stop: int, ctx: Context) -> int | None:
    """The comma closing `, which …,` / `, or the …,` / `, a new feature this year,` after a category."""
    lex = ctx.profile.lexicons
    if comma + 1 >= stop:
        return None
    opener = doc[comma + 1].lower_
    gloss = opener in ctx.profile.category_nouns or opener in lex.definition_nouns  # `, tools that can help…,`
    opens = opener in lex.relative_words or opener in lex.determiners or opener in lex.apposition_openers
    if not (opens or gloss):
        return None
    limit = min(stop, comma + 2 + ctx.settings.max_apposition * 3)
    return next((t.i for t in doc[comma + 1 : limit] if t.text == ","), None)


def _verb_ahead(doc: Doc, start: int, stop: int, ctx: Context) -> bool:
    """A clause with a listing verb right after a comma (`Among the Tech Enablers, the panel singled out`),
    not a relative clause (`, which are …`)."""
    lex = ctx.profile.lexicons
    if start < stop and doc[start].lower_ in lex.relative_words:
        return False
    return any(t.lower_ in lex.naming_verbs for t in doc[start : min(stop, start + 5)])


def _items_before(doc: Doc, sent: Span, anchor: Span, ctx: Context) -> tuple[int, int] | None:
    """`A, B and C are this year's hurdles` / `It names A, B and C as the top hurdles`: the items sit before
    the category, between the sentence start (or a listing verb) and a listing verb or `as`."""
    lex = ctx.profile.lexicons
    verbs = [t.i for t in doc[sent.start : anchor.start] if t.lower_ in lex.listing_verbs]
    if not verbs:
        return None
    last = verbs[-1]
    if doc[last].lower_ in lex.as_words:  # `named A, B and C as this year's top hurdles`
        naming = [v for v in verbs if doc[v].lower_ in lex.naming_verbs]
        if naming:
            return naming[-1] + 1, last
        # `A, B and C round out the announcement as the year's tech enablers`
        summing = [v for v in verbs if doc[v].lower_ in lex.summing_verbs]
        if summing and summing[0] - sent.start >= 3 and summing[0] == verbs[0]:
            return sent.start, summing[0]
        return None
    # `A, B and C are the top hurdles`, `…round out the accelerators`
    copula = doc[last].lower_ in lex.copulas or doc[last].lower_ in lex.summing_verbs
    if (
        copula
        and last - sent.start >= 3
        and all(doc[k].lower_ not in lex.listing_verbs for k in range(sent.start, last))
    ):
        return sent.start, last
    return None


def _enumeration_end(doc: Doc, start: int, stop: int, profile: Profile) -> int:
    """The list ends at the sentence end, or where a trailing clause begins (`, which …`, ` — …`)."""
    semicolons = any(t.text == ";" for t in doc[start:stop])  # `A, which is new; B; and C`: clauses stay in items
    trailing = profile.lexicons.trailing_openers
    skip_to = start
    # inside a quotation, the list ends where the quotation closes
    closing = next((b for a, b in quotations(doc) if a < start <= b), None)
    for t in doc[start:stop]:
        if t.i < skip_to:
            continue
        if t.i == closing:
            return t.i
        if t.text in DASH_TOKENS and t.i > start and not semicolons:
            # `a -- software that … -- along with b and c`: an aside inside the list, which goes on after it
            close = aside_close(doc, t.i, stop, profile)
            if close is not None:
                skip_to = close + 1
                continue
        if t.text in ("—", "–", "--", "(") and t.i > start and not marker_length(doc, t.i, stop) and not semicolons:
            return t.i
        follows = doc[t.i + 1].lower_ if t.i + 1 < stop else ""
        if t.text == "," and follows in trailing and not semicolons:
            return t.i
    end = stop
    while end > start and doc[end - 1].is_punct and doc[end - 1].text not in ")”":
        end -= 1
    return end


def titled_mentions(ctx: Context, sd: SegmentDoc) -> Result | None:
    """`Topping the Hurdles is Recruiting the Next Generation of Teachers, …, followed by A and B`: in the prose
    of a category heading's section that lists nothing, the title-case names are its topics (not people,
    organizations, the report's name, quoted words or the category itself)."""
    section, doc = ctx.section, sd.doc
    if section is None or section.opened_by != "heading" or section.category is None:
        return None
    if sd.segment.kind != "paragraph" or section.topic_level is not None or section.rank != section.mentions:
        return None
    if ctx.previous is not None and ctx.previous.segment.kind == "quote_block":
        return None  # a pull quote's credit line
    hits = []
    for phrase in title_case_phrases(doc, ctx.profile, ctx.settings):
        if _names_no_topic(doc, phrase, ctx):
            continue
        section.rank += 1
        section.mentions += 1
        hits.append(
            ctx.hit(
                "topic_title_case_mention",
                section.category,
                sd.token_span(phrase),
                phrase.text,
                rank=section.rank,
                description=sd.segment.text,
            )
        )
    return Found(hits, keep=True) if hits else None


def _names_no_topic(doc: Doc, phrase: Span, ctx: Context) -> bool:
    """A title-case phrase that names a person, an organization, the report or a category."""
    lex, profile = ctx.profile.lexicons, ctx.profile
    if any(s.start < phrase.end and phrase.start < s.end for s in anchors(doc)):
        return True
    if any(s.start < phrase.end and phrase.start < s.end for s in doc.spans["edition_cues"]):
        return True  # `Driving K-12 Innovation 2033`
    if phrase[-1].lower_ in lex.organization_words or phrase.text.lower() in profile.organization_names:
        return True
    if all(t.lower_ in ctx.people for t in phrase if t.is_alpha):
        return True  # `Harriet Mbeki-Lowe`, quoted in the document
    if sum(t.lower_ in lex.role_words for t in phrase) * 2 >= len(phrase):
        return True  # `Chief Executive Officer`
    before = doc[max(0, phrase.start - 3) : phrase.start]
    after = doc[phrase.end : min(len(doc), phrase.end + 3)]
    if any(t.lower_ in lex.role_words or t.lower_ in lex.reporting_verbs for t in before):
        return True  # `said advisory board member Priya Natarajan-Cole`
    # `Priya Natarajan-Cole said`, `Dana Ortiz, CIO of …`
    return bool(len(after)) and (
        after[0].lower_ in lex.reporting_verbs
        or (after[0].text == "," and any(t.lower_ in lex.role_words for t in after[1:]))
    )


def status_cue(ctx: Context, sd: SegmentDoc) -> Result | None:
    """`New to the Hurdles list in 2026, critical media literacy reflects…` — a topic with its status; a bare
    cue after a listed topic (`— new this year`) marks that topic."""
    doc, section = sd.doc, ctx.section
    found = cues(doc, "status_cues")
    if not found:
        return None
    cue = found[0]
    status = cue.label_.removeprefix("status_")
    in_cue = [s.label_ for s in anchors(doc) if cue.start <= s.start < cue.end]
    named = categories_in(anchors(doc))
    category = in_cue[0] if in_cue else (section.category if section else (named[0] if len(named) == 1 else None))
    subject = _subject_before(doc, cue, ctx)
    lex = ctx.profile.lexicons
    opens = all(t.lower_ in lex.speaker_adverbs for t in doc[cue.sent.start : cue.start])  # `Also new this year, X`
    title = subject if subject is not None else (_title_after(doc, cue.end, ctx) if opens else None)
    last = ctx.last
    if title is None and last is not None and section is not None and last.status is None:
        return Status(status, sd.token_span(cue))
    if title is None or category is None:
        return None
    if any(title.start <= s.start < title.end for s in anchors(doc)):
        return None
    hit = ctx.hit(
        "topic_status", category, sd.token_span(title), title.text, status=status, description=sd.segment.text
    )
    if section is None or section.category != category or not section.prose:
        return Found([hit], then=Section(category, "status", limit=ctx.profile.topics_per_category, members=[hit]))
    section.members.append(hit)
    return Found([hit], then=section)


def _title_after(doc: Doc, start: int, ctx: Context) -> Span | None:
    """The noun phrase that a cue introduces: `…list in 2026, critical media literacy reflects…`."""
    lex = ctx.profile.lexicons
    i = start
    window = doc[start : min(len(doc), start + 6)]
    comma = next((t.i for t in window if t.text == ","), None)
    if i < len(doc) and doc[i].lower_ in lex.copulas:  # "New to the list are data tools"
        i += 1
    elif comma is not None and (i == comma or doc[i].lower_ in lex.function_words or doc[i].like_num):
        i = comma + 1
    j = i
    stops = {",", ";", ":", ".", "—", "–", "(", *lex.subject_stops}
    while (
        j < len(doc)
        and j - i < ctx.settings.max_prose_title_tokens
        and doc[j].lower_ not in stops
        and doc[j].lower_ not in lex.clause_verbs
        and not doc[j].is_sent_end
    ):
        j += 1
    if j >= len(doc) or (doc[j].is_sent_end and not doc[j].is_punct) or j - i >= ctx.settings.max_prose_title_tokens:
        return None  # no boundary within reach: the subject's end cannot be told
    if j == i or doc[i].lower_ in lex.pronouns or not any(t.is_alpha for t in doc[i:j]):
        return None
    title = trim(doc[i:j], ctx.profile)
    return title if len(title) else None


def _subject_before(doc: Doc, cue: Span, ctx: Context) -> Span | None:
    sent = doc[cue.start].sent
    j = cue.start
    lex = ctx.profile.lexicons
    while j > sent.start and (doc[j - 1].lower_ in lex.copulas or doc[j - 1].text in ("—", "–", ",", "-")):
        j -= 1
    if j == sent.start:
        return None
    subject = trim(doc[sent.start : j], ctx.profile)
    lex = ctx.profile.lexicons
    if not len(subject) or subject[0].lower_ in lex.pronouns:
        return None
    if subject[0].lower_ in lex.number_words or subject[0].lower_ in lex.partitive_words or subject[0].like_num:
        return None  # `Four of the nine topics are returning…`: a count of topics, not one of them
    if all(t.lower_ in lex.speaker_adverbs or t.lower_ in lex.function_words for t in subject):
        return None  # `Also new this year, …`: an adverb, the topic comes after the cue
    if len(subject) > ctx.settings.max_prose_title_tokens or has_verb(subject, ctx.profile):
        return None
    return subject


def section_cue(ctx: Context, sd: SegmentDoc) -> Result | None:
    """`Three technology categories stand out`: a counted cue in a paragraph's first sentence opens a prose
    section of its category; the paragraphs after it may each open with one of its topics."""
    if sd.segment.kind != "paragraph":
        return None
    doc = sd.doc
    first_sent = next(iter(doc.sents), None)
    if first_sent is None:
        return None
    found = [s for s in cues(doc, "section_cues") if s.end <= first_sent.end]
    if not found:
        return None
    cue = found[0]
    category = ctx.profile.rule(cue.id_).category  # type: ignore[union-attr]
    quoted = {i for a, b in quotations(first_sent) for i in range(a + 1, b)}  # `the pieces that "make the …"`
    named = {s.label_ for s in anchors(doc) if s.end <= first_sent.end and s.start not in quoted}
    if not named <= {category}:
        return None  # "…selects the top Hurdles, Accelerators and Tech Enablers" introduces the report
    section = ctx.section
    if section is not None and (section.prose or section.opened_by == "heading") and section.category == category:
        return None  # the section goes on (`The panel named three hurdles.` under `The hurdles`)
    limit = next(
        (ctx.profile.lexicons.number_words[t.lower_] for t in cue if t.lower_ in ctx.profile.lexicons.number_words),
        ctx.profile.topics_per_category,
    )
    section = Section(category, "cue", limit=limit, cue=sd)
    # "Staffing shortages remain one of the most stubborn obstacles": the cue's own paragraph opens with a topic.
    own = _subject(ctx, sd, section)
    if own is not None and own.spans[0][1] <= sd.span(cue.start_char, cue.end_char)[0]:
        section.candidates.append(own)
    return Open(section)


def prose_subject(ctx: Context, sd: SegmentDoc) -> Result | None:
    """The short noun phrase that opens a paragraph of a prose section: `Learner agency continues to…`."""
    section = ctx.section
    if section is None or not section.prose or sd.segment.kind != "paragraph":
        return None
    hit = _subject(ctx, sd, section)
    return Candidate(hit) if hit is not None else None


def _subject(ctx: Context, sd: SegmentDoc, section: Section) -> TopicHit | None:
    doc, lex = sd.doc, ctx.profile.lexicons
    if not len(doc):
        return None
    first = doc[0]
    if not first.is_alpha or not first.text[0].isupper() or first.lower_ in lex.function_words:
        return None
    if first.lower_ in lex.pronouns:
        return None
    j = 0
    while j < len(doc) and j < ctx.settings.max_prose_title_tokens - 2 and doc[j].lower_ not in lex.clause_verbs:
        if (doc[j].is_punct and doc[j].text not in ("&", "-", "’", "'")) or doc[j].is_sent_end:
            return None
        j += 1
    if j == 0 or j >= len(doc) or doc[j].lower_ not in lex.clause_verbs:
        return None
    subject = doc[0:j]
    if any(t.lower_ in lex.actor_words or t.lower_ in lex.reporting_verbs for t in subject):
        return None  # `Lindqvist said the last of those was…`: a reported clause, not a topic as subject
    if any(s.start < j for key in ("section_cues", "status_cues") for s in doc.spans[key]) or any(
        s.start < j for s in anchors(doc)
    ):
        return None
    rule = ctx.profile.step("topic_prose_subject")
    return TopicHit(
        section.category or "",
        subject.text,
        [sd.token_span(subject)],
        rule.id,
        rule.confidence,
        description=sd.segment.text,
    )


BLOCK_STEPS: tuple[tuple[str, Step], ...] = (
    ("list intro", list_intro),
    ("label line", label_line),
    ("numbered run", numbered_run),
    ("listed item", listed_item),
    ("enumeration", enumeration),
    ("title-case mentions", titled_mentions),
    ("status cue", status_cue),
    ("section cue", section_cue),
    ("prose subject", prose_subject),
)


# --- table steps ----------------------------------------------------------------------------------------------
def _cell_label(doc: Doc, start: int, end: int, ctx: Context) -> tuple[str | None, int]:
    """A cell's own category: (category, where its item starts) for `Hurdle: X` / `Hurdles` alone (item start
    = end), (None, start) otherwise."""
    inside = [s for s in anchors(doc) if start <= s.start_char and s.end_char <= end]
    if len(categories_in(inside)) != 1:
        return None, start
    span = inside[0]
    before = doc.text[start : span.start_char]
    after = doc.text[span.end_char : end].strip()
    if len(before.split()) > 1 or any(ch.isdigit() for ch in before):
        return None, start
    if not after or not any(ch.isalpha() for ch in after):
        return span.label_, end
    if after[0] in ":—–-=":
        return span.label_, span.end_char + doc.text[span.end_char : end].index(after[0]) + 1
    if len(after.split()) <= 2 and not after[0].isupper():  # `Top hurdles`, `hurdles (ranked)`
        return span.label_, end
    return None, start


def table_header(ctx: Context, sd: SegmentDoc) -> Result | None:
    """A header row: columns named for a category (`| Hurdles | Accelerators |`) hold that category's topics;
    a column about an earlier edition (`Last year`) is left out."""
    if sd.segment.level != 0:
        return None
    table = Table()
    lex = ctx.profile.lexicons
    # `| Category | 2033 report | 2034 report |`: the columns of earlier years than the latest are left out
    years = {column: [int(y) for y in _YEARS.findall(sd.text[start:end])] for column, start, end in sd.segment.cells}
    latest = max((y for found in years.values() for y in found), default=None)
    for column, start, end in sd.segment.cells:
        category, item = _cell_label(sd.doc, start, end, ctx)
        if category is not None and item == end:
            table.columns[column] = category
        else:
            past = any(w.strip(".,:()").lower() in lex.past_words for w in sd.text[start:end].split())
            if past or (years[column] and max(years[column]) != latest):
                table.skipped.add(column)
    ctx.table = table
    return Found([], keep=True) if not table.columns else Open(None)


def table_row(ctx: Context, sd: SegmentDoc) -> Result | None:
    """A body row: a cell under a category column, or the first title cell of a row labelled with a category
    (`| Hurdles | Funding |`, the rows under it with an empty label cell), or of a row of a table inside a
    category's section, is a topic; the row's other cells describe it."""
    table = ctx.table if ctx.table is not None else Table()
    ctx.table = table
    doc, cells = sd.doc, sd.segment.cells
    if cells and cells[0][0] == 0 and not sd.text[cells[0][1] : cells[0][2]].strip(".)#").isdigit():
        table.row_category = None  # a row with its own first cell starts afresh unless that cell is a label
    hits: list[TopicHit] = []
    titled = False
    section = ctx.section.category if ctx.section is not None and ctx.section.lists else None
    read = [(c, start, end, *_cell_label(doc, start, end, ctx)) for c, start, end in cells if c not in table.skipped]
    # `| 1 | Infrastructure Debt | Hurdle | High |`: the row's label cell may follow its title
    row_label = next((own for _, _, end, own, item in read if own is not None and item == end), None)
    for column, start, end, own, item in read:
        if own is not None and item == end:
            table.row_category = own
            continue
        category = own or table.columns.get(column)
        if category is None:
            if titled or table.columns:
                continue
            category = row_label or table.row_category or section
        if category is None:
            continue
        split = _split_title(sd.text[item:end])
        bounds = _title_of(sd, item, item + split[0] if split else end, ctx)
        if bounds is None:
            continue
        title = sd.text[slice(*bounds)]
        if (
            not topic_shaped(title, ctx)
            or not _item_text_ok(title, ctx)
            or _sentence(doc.char_span(*bounds) or doc[:0])
        ):
            continue
        table.ranks[category] += 1
        titled = True
        others = [sd.text[a:b] for c, a, b in cells if (a, b) != (start, end) and c not in table.skipped]
        description = (sd.text[item + split[1] : end] if split else None) or (" ".join(others) or None)
        hits.append(
            ctx.hit(
                "topic_table_cell",
                category,
                sd.span(*bounds),
                title,
                rank=table.ranks[category],
                description=description,
            )
        )
    return Found(hits, keep=True)


TABLE_STEPS: tuple[tuple[str, Step], ...] = (
    ("table header", table_header),
    ("table row", table_row),
)
STEPS_BY_KIND: dict[str, tuple[tuple[str, Step], ...]] = {"heading": HEADING_STEPS, "table_row": TABLE_STEPS}


# --- the scan --------------------------------------------------------------------------------------------------
def page_furniture(text: str) -> bool:
    """A page number (`2`) or a footnote (`²Tri-County …, Report (2026).`) that a page break set among the
    body's blocks: neither opens nor closes a section, nor stands between a title and its description."""
    line = text.strip()
    return line.isdecimal() or unicodedata.decomposition(line[:1]).startswith("<super>")


class _Scanner:
    def __init__(self, profile: Profile, settings: RuleSettings) -> None:
        self.ctx = Context(profile, settings)
        self.hits: list[TopicHit] = []

    def close(self) -> None:
        """Keep as many buffered prose subjects as the section has room for, in reading order."""
        section = self.ctx.section
        self.ctx.section = None
        if section is None or not section.prose:
            return
        room = max(0, section.limit - len(section.members))
        kept = section.candidates[:room]
        self.hits.extend(kept)
        ordered = sorted([*section.members, *kept], key=lambda h: h.spans[0][0])
        for rank, hit in enumerate(ordered, start=1):
            hit.rank = hit.rank or rank

    def apply(self, result: Result) -> None:
        ctx = self.ctx
        match result:
            case Open(section):
                self.close()
                ctx.section = section
            case Found(hits, then, keep):
                self.hits.extend(hits)
                if hits:
                    ctx.last = hits[-1]
                if not keep and then is not ctx.section:
                    self.close()
                    ctx.section = then
            case Candidate(hit):
                if ctx.section is not None:
                    ctx.section.candidates.append(hit)
            case Closed():
                self.close()
            case Status(status, span):
                if ctx.last is not None and ctx.last.status is None:
                    ctx.last.status = status
                    ctx.last.extra_spans.append(span)

    def scan(self, segments: list[SegmentDoc]) -> list[TopicHit]:
        segments = [sd for sd in segments if not page_furniture(sd.text)]
        for index, sd in enumerate(segments):
            if sd is self.ctx.taken:
                continue  # read with the segment before it (a kicker's title)
            self.ctx.following = segments[index + 1] if index + 1 < len(segments) else None
            self.ctx.previous = segments[index - 1] if index else None
            if sd.segment.kind != "table_row":
                self.ctx.table = None
            steps = STEPS_BY_KIND.get(sd.segment.kind, BLOCK_STEPS)
            for _name, step in steps:
                result = step(self.ctx, sd)
                if result is not None:
                    self.apply(result)
                    if not isinstance(result, Closed):
                        break
        self.close()
        return merge_topics(sorted(self.hits, key=lambda h: h.spans[0][0]))


def find_topics(
    segments: list[SegmentDoc],
    profile: Profile,
    settings: RuleSettings | None = None,
    people: frozenset[str] = frozenset(),
) -> list[TopicHit]:
    """Every topic in the document; `people` (lower-cased names of those quoted) are never topics."""
    scanner = _Scanner(profile, settings or RuleSettings())
    scanner.ctx.people = frozenset(w for name in people for w in re.split(r"[\s\-–.,]+", name) if w)
    return scanner.scan(segments)


def merge_topics(hits: list[TopicHit]) -> list[TopicHit]:
    """The same topic named twice (a summary page, a recap, a lower-case mention of a titled topic) is one
    topic with more provenance: same category and the same words, or one's words inside the other's."""
    kept: list[TopicHit] = []
    exact: dict[tuple[str, str], TopicHit] = {}
    words_of: dict[int, set[str]] = {}  # id(kept hit) → its content words
    by_category: dict[str, list[TopicHit]] = {}
    for hit in hits:
        if not hit.title.strip() or not hit.category:
            continue
        key = (hit.category, norm_key(hit.title))
        words = content_words(hit.title)
        same = exact.get(key) or next(
            (k for k in by_category.get(hit.category, []) if _subsumes(words_of[id(k)], words)), None
        )
        if same is None:
            same = _named_elsewhere(hit, kept) or _head_word(hit, by_category.get(hit.category, []))
        if same is None:
            kept.append(hit)
            exact[key] = hit
            words_of[id(hit)] = words
            by_category.setdefault(hit.category, []).append(hit)
            continue
        if hit.confidence > same.confidence and len(words) >= len(words_of[id(same)]):
            same.title, same.rule, same.confidence = hit.title, hit.rule, hit.confidence
            same.spans[:0] = hit.spans
            words_of[id(same)] = words
            exact[key] = same
        else:
            same.spans.extend(hit.spans)
        same.extra_spans.extend(hit.extra_spans)
        same.status = same.status or hit.status
        same.description = same.description or hit.description
        same.rank = same.rank or hit.rank
    return kept


def _named_elsewhere(hit: TopicHit, kept: list[TopicHit]) -> TopicHit | None:
    """A weaker reading of a topic already taken under another category, with the same title or its first
    words (`AI tutors are returning …` after the enablers `…, AI Tutors, and Passwordless Authentication`;
    `Passwordless is new to the list`): one topic, whatever category the later sentence's context suggested."""
    title = norm_key(hit.title).split()
    for other in kept:
        if other.category == hit.category or other.confidence < hit.confidence:
            continue
        if title and norm_key(other.title).split()[: len(title)] == title:
            return other
    return None


def _head_word(hit: TopicHit, same_category: list[TopicHit]) -> TopicHit | None:
    """`Since wallets made the enabler list` after `Digital Identity Wallets`: a one-word reading that is the
    last word of exactly one topic of its category is that topic."""
    title = norm_key(hit.title).split()
    if len(title) != 1:
        return None
    found = [
        k for k in same_category if len(norm_key(k.title).split()) > 1 and norm_key(k.title).split()[-1] == title[0]
    ]
    return found[0] if len(found) == 1 and found[0].confidence >= hit.confidence else None


def _subsumes(a: set[str], b: set[str]) -> bool:
    """One title's content words all inside the other's, and not a one-word overlap."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small) >= 2 and small <= large
