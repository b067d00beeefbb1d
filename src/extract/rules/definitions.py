"""Definitions: what a term (a category, a topic, another term) means, by the shapes writers use.

Cue rules (profile patterns) mark where a definition may be: `X refers to …`, `defined “X” as …`, `X are the
tools that …`, `X — gloss`, `X (gloss)`, `By “X” the board means …`. Structural readings need no cue:
an upper-case label and its gloss (`HURDLES Barriers to …`), a category characterized by its verb
(`accelerators pave the way for …, while hurdles hinder it`), a relative or `or` apposition after a
category (`The tech enablers, which the report defines as …, are`). Each shape is one function in a
table keyed by the rule kind; each returns the term and the gloss as token spans.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from extract.document import CELL_SEPARATOR
from extract.profile import Profile
from extract.rules.base import DefinitionHit, SegmentDoc, norm_key
from extract.rules.grammar import (
    DASHES,
    QUOTE_CHARS,
    adverbial_word,
    anchors,
    count_before,
    cues,
    label_content,
    ranked,
    sign_token,
    spaced,
    split_items,
)
from extract.rules.topics import bare_category, is_gloss
from extract.settings import RuleSettings

_LABEL_COLONS = frozenset({":", "):", "—", "–"})
_OPENING_QUOTES = {"“": "”", '"': '"', "‘": "’"}  # an opening quotation mark and the one that closes it
_BOUNDARY = frozenset(
    {":", ";", ",", "—", "–", "(", ")", "“", "”", '"', "‘", "’", "•", "=", CELL_SEPARATOR.strip()}
)  # a table cell starts a term too


@dataclass(frozen=True, slots=True)
class Reading:
    """What one shape read: the defined term and its gloss."""

    term: Span
    gloss: Span


@dataclass(slots=True)
class Context:
    profile: Profile
    settings: RuleSettings
    titled_segments: frozenset[int]  # segments whose `Title — description` is a topic, not a definition
    topic_titles: frozenset[str] = frozenset()  # lower-cased titles of the document's topics: terms a gloss may follow


Shape = Callable[[Context, SegmentDoc, Span], Reading | None]


def term_category(term: str, profile: Profile, settings: RuleSettings) -> str | None:
    """The category a term names, by profile name or alias, or as a near miss (a typo: `Tech enables`)."""
    lowered = " ".join(term.lower().strip("“”\"'‘’*").split())
    category = profile.category_terms.get(lowered)
    if category is None and lowered:
        close = difflib.get_close_matches(lowered, list(profile.category_terms), n=1, cutoff=settings.typo_cutoff)
        category = profile.category_terms[close[0]] if close else None
    return category


def canonical_term(term: str, profile: Profile, settings: RuleSettings) -> str:
    """Category names and aliases become the category label (`Tech enables` → `Tech Enablers`)."""
    category = term_category(term, profile, settings)
    return profile.label(category) if category else term.strip("“”\"'‘’*")


# --- where a gloss ends ----------------------------------------------------------------------------------------
def gloss_end(doc: Doc, start: int, ctx: Context, closing: str | None = None) -> int:
    """The gloss runs to the sentence end, or to where something else begins: `, while hurdles …` (a second
    definition), `, and it …` (a new clause with its own subject), ` – sometimes suddenly` (a dash aside),
    a run of numbered items, or `closing` (the comma or dash that closes an apposition)."""
    lex = ctx.profile.lexicons
    end = doc[start].sent.end if start < len(doc) else len(doc)
    depth = 0  # inside brackets: `students (and, let's be honest, adults) handing off…` goes on
    aside_end = -1  # the closing dash of a dash aside inside the gloss
    quoted = sum(t.text == '"' for t in doc[:start]) % 2 == 1  # the gloss starts inside a straight quotation
    opened = 0  # curly quotations opened inside the gloss
    for k in range(start + 1, end):
        token = doc[k]
        opened += token.text == "“"
        if (token.text == "”" and not opened) or (token.text == '"' and quoted):
            end = k  # `“… hurdles are anything that makes a good idea die,” she said`: the quotation ends it
            break
        opened -= token.text == "”" and opened > 0
        depth += (token.text == "(") - (token.text == ")")
        if depth < 0:
            end = k  # `(CoSN calls them Hurdles: the things that …)`: the bracket the gloss stands in closes
            break
        if depth > 0 or token.text == ")" or k < aside_end:
            continue
        if closing is not None and (token.text == closing or (closing == "," and token.text == ";")):
            end = k  # an apposition closes at its comma, or at the semicolon of a list of them
            break
        nxt = doc[k + 1] if k + 1 < end else None
        if (token.text in (CELL_SEPARATOR.strip(), "/") or sign_token(token)) and spaced(token):
            end = k  # a table row's cell ends its gloss (`Hurdle: A | Hurdle: B`), and so does a spaced slash
            break
        if token.text in DASHES or (token.text == "-" and token.whitespace_ and doc[k - 1].whitespace_):
            close = _paired_aside(doc, k, end, ctx)
            if close is not None:
                aside_end = close  # `trends — demographic, economic — that push …`: the aside is inside the gloss
                continue
            if k <= aside_end:
                continue
            end = k
            break
        if token.text in (",", ";") and nxt is not None:
            after = doc[k + 2] if k + 2 < end else None
            contrast = nxt.lower_ in lex.clause_joiners and nxt.lower_ not in lex.conjunctions  # `, while hurdles…`
            if contrast or (nxt.lower_ in lex.clause_joiners and after is not None and after.lower_ in lex.pronouns):
                end = k
                break
            # `…, accelerators as the trends…, and tech enablers as…`: the next parallel definition
            if _parallel_term(doc, k + 1, end, ctx) is not None or _next_definition(doc, k + 1, end, ctx):
                end = k
                break
        if token.like_num and token.text.isdecimal() and nxt is not None and nxt.text in ".)" and k > start + 2:
            end = k  # "… that require … 1. Funding 2. Staffing"
            break
    while end > start and ((doc[end - 1].is_punct and doc[end - 1].text not in ")”’") or doc[end - 1].is_space):
        end -= 1
    return end


def _paired_aside(doc: Doc, k: int, stop: int, ctx: Context) -> int | None:
    """The closing dash of an aside opened at `k` when the gloss goes on after it with a relative word
    (`trends — demographic, economic, cultural — that push …`)."""
    reach = min(stop - 1, k + ctx.settings.max_apposition + 2)
    close = next((j for j in range(k + 1, reach) if doc[j].text == doc[k].text), None)
    if close is None or doc[close + 1].lower_ not in ctx.profile.lexicons.relative_words:
        return None
    return close


def _next_definition(doc: Doc, i: int, stop: int, ctx: Context) -> bool:
    """`…, and bridges, added in 2024, are themes…` / `…, and design tools are authoring tools that…`: after the
    comma a new term opens its own definition (a category then a copula, or a short phrase then a cue)."""
    lex = ctx.profile.lexicons
    if i < stop and doc[i].lower_ in lex.conjunctions:
        i += 1
    reach = min(stop, i + ctx.settings.max_term_tokens + 1)
    category = next((s for s in anchors(doc) if s.start == i), None)
    if category is not None:
        after = category.end
        if after < stop and doc[after].text == ",":  # `bridges, added to the report in 2024, are`
            after = next(
                (t.i + 1 for t in doc[after + 1 : min(stop, after + 2 + ctx.settings.max_apposition)] if t.text == ","),
                after,
            )
        if after < stop and doc[after].lower_ in lex.copulas:
            return True
    starts = {s.start for s in cues(doc, "definition_cues") if not _in_word(doc[s.start])}
    for k in range(i + 1, reach):
        if doc[k].is_punct and not (doc[k].text == "-" and not doc[k - 1].whitespace_):  # `accessible-by-default`
            return False
        if k in starts:
            return True
    return False


def _in_word(token: Token) -> bool:
    """A hyphen joining two words (`help-desk`), not a dash."""
    return token.text == "-" and token.i > 0 and not token.doc[token.i - 1].whitespace_


def _parallel_term(doc: Doc, i: int, stop: int, ctx: Context) -> Span | None:
    """A category and `as` at `i` (after an optional `and`): the next term of `defines X as A, Y as B, and Z as C`."""
    lex = ctx.profile.lexicons
    if i < stop and doc[i].lower_ in lex.conjunctions:
        i += 1
    found = next((s for s in anchors(doc) if s.start == i), None)
    if found is not None and found.end < stop and doc[found.end].lower_ in lex.as_words:
        return found
    return None


# --- terms -----------------------------------------------------------------------------------------------------
def _skip_apposition(doc: Doc, end: int, sent_start: int, ctx: Context) -> int:
    """`The Bridges, a new feature this year, are…`: the term ends before the apposition."""
    if end - 1 <= sent_start or doc[end - 1].text != ",":
        return end
    for k in range(end - 2, max(sent_start, end - ctx.settings.max_apposition - 3) - 1, -1):
        if doc[k].text == ",":
            first = doc[k + 1]
            return k if first.lower_ in ctx.profile.lexicons.determiners or first.is_lower else end
    return end


def term_before(doc: Doc, end: int, ctx: Context) -> Span | None:
    """The noun phrase that ends at `end` (the cue), back to a boundary: `Analytics refers to…`."""
    lex = ctx.profile.lexicons
    sent_start = doc[end].sent.start if end < len(doc) else doc[end - 1].sent.start
    cue = end
    end = _skip_apposition(doc, end, sent_start, ctx)
    if end - 1 > sent_start and doc[end - 1].text == ")":  # `Bridges (since 2024) = themes that …`
        opened = next(
            (
                k
                for k in range(end - 2, max(sent_start, end - ctx.settings.max_apposition - 2), -1)
                if doc[k].text == "("
            ),
            None,
        )
        end = opened if opened is not None else end
    while end > sent_start and doc[end - 1].text in QUOTE_CHARS:
        end -= 1
    start = end
    while (
        start > sent_start
        and doc[start - 1].text not in _BOUNDARY
        and not sign_token(doc[start - 1])  # `… ready or not 🔹 Tech enablers = the tools …`
        and end - start <= ctx.settings.max_term_tokens
    ):
        start -= 1
    while start < end and (  # `…, while key technologies are the tools that…`: the term starts after `while`
        doc[start].lower_ in lex.determiners
        or doc[start].lower_ in lex.clause_joiners
        or doc[start].text in QUOTE_CHARS
    ):
        start += 1
    term = doc[start:end] if start < end and end - start <= ctx.settings.max_term_tokens else None
    if term is not None and _plausible_term(term, ctx):
        return term
    # `The report is explicit that agentic systems, meaning …`: the term is the noun phrase after `that`
    joiner = next((k for k in range(end - 2, start - 1, -1) if doc[k].lower_ in lex.relative_words), None)
    if joiner is not None and 0 < end - joiner - 1 <= ctx.settings.max_term_tokens:
        tail = doc[joiner + 1 : end]
        if tail[0].lower_ not in lex.determiners and _plausible_term(tail, ctx):
            return tail
    if end < cue - 1:  # `The first of those, durable skills over seat time, means …`: the apposition is the term
        inner = doc[end + 1 : cue - 1]
        while len(inner) and inner[0].lower_ in lex.determiners:
            inner = inner[1:]
        if 0 < len(inner) <= ctx.settings.max_term_tokens and _plausible_term(inner, ctx):
            return inner
    return None


def _plausible_term(term: Span, ctx: Context) -> bool:
    """A term: a category, or a short noun phrase that does not start with a pronoun or function word, holds
    no verb, and is not a generic actor (`the report`, `students`)."""
    lex = ctx.profile.lexicons
    if not any(t.is_alpha for t in term):
        return False
    if term_category(term.text, ctx.profile, ctx.settings) is not None:
        return True
    first = term[0].lower_
    if first in lex.pronouns or first in lex.function_words or term[0].is_punct:
        return False
    if any(t.lower_ in lex.clause_verbs or t.lower_ in lex.reporting_verbs for t in term):
        return False
    return not all(t.lower_ in lex.actor_words or t.lower_ in lex.document_nouns for t in term if t.is_alpha)


def _is_known_or_titled(term: Span, ctx: Context) -> bool:
    return term_category(term.text, ctx.profile, ctx.settings) is not None or all(
        t.text[:1].isupper() for t in term if t.is_alpha
    )


def _category_before(doc: Doc, end: int, ctx: Context) -> Span | None:
    """A category name that ends right at `end` (the longest such name)."""
    for k in range(max(0, end - ctx.settings.max_term_tokens), end):
        term = doc[k:end]
        if term_category(term.text, ctx.profile, ctx.settings) is not None:
            return term
    return None


# --- shapes keyed by the cue's kind ----------------------------------------------------------------------------
def _after_cue(ctx: Context, sd: SegmentDoc, cue: Span) -> Reading | None:
    """`X refers to …`, `X is defined as …`, `X means …`, `X = …`."""
    glued = (
        len(cue) == 1
        and not cue[0].is_alpha
        and cue[0].text != ","
        and not (cue.start and sd.doc[cue.start - 1].whitespace_)
    )
    if glued:
        return None  # `postreply?MessageKey=a81c…`: a sign inside a URL or a code, not between a term and its gloss
    term = term_before(sd.doc, cue.start, ctx)
    if term is None or cue.end >= len(sd.doc):
        return None
    first, lex = sd.doc[cue.end], ctx.profile.lexicons
    sign = not cue[0].is_alpha and first.lower_ in lex.free_relatives  # `Hurdles = what's blocking …`
    if first.lower_ in lex.function_words and first.lower_ not in lex.determiners and not sign:
        return None  # `What the report means for your district`: not a gloss
    if cue[0].text != ",":
        return Reading(term, sd.doc[cue.end : gloss_end(sd.doc, cue.end, ctx)])
    # `X, meaning …, are` / `Synthetic media, or content generated by AI…, is`: a gloss set off by commas
    # before the sentence's verb (`A, B, or C` lists go on with no verb after)
    end = gloss_end(sd.doc, cue.end, ctx, ",")
    verb = sd.doc[end + 1] if end + 1 < len(sd.doc) and sd.doc[end].text == "," else None
    verbs = (lex.copulas, lex.clause_verbs, lex.speaker_adverbs)
    if verb is None or not any(verb.lower_ in words for words in verbs):
        return None
    return Reading(term, sd.doc[cue.end : end])


def _term_in_cue(ctx: Context, sd: SegmentDoc, cue: Span) -> Reading | None:
    """`defined “hurdles” as roadblocks that …` (the term sits inside the cue)."""
    doc = sd.doc
    inner = [t for t in doc[cue.start + 1 : cue.end - 1] if not t.is_punct]
    if not inner:
        return None
    if doc[cue.end - 1].text in QUOTE_CHARS:  # `calls hurdles "anything that forces …"`: the quotation glosses
        lex = ctx.profile.lexicons
        category = next((s for s in anchors(doc) if cue.start < s.start < cue.end and s.label_ != "topic"), None)
        gloss = _quoted_gloss(doc, cue.end - 1)
        if (
            category is None
            or gloss is None
            or any(t.lower_ in lex.pronouns for t in doc[cue.start + 1 : category.start])
        ):
            return None  # `called this the hurdle “…”`: something else named the hurdle, not hurdles glossed
        if gloss[0].lower_ in lex.function_words and gloss[0].lower_ not in lex.determiners:
            return None  # `“under every other hurdle”`: a phrase about it, no gloss
        return Reading(category, gloss)
    term = doc[inner[0].i : inner[-1].i + 1]
    quoted = doc[cue.start + 1].text in QUOTE_CHARS
    if not quoted and not _is_known_or_titled(term, ctx):
        return None
    return Reading(term, _quoted_gloss(doc, cue.end) or doc[cue.end : gloss_end(doc, cue.end, ctx)])


def _quoted_gloss(doc: Doc, start: int) -> Span | None:
    """`defines tech enablers as "tools and technologies that help …" which, ok, sure`: a gloss in quotation
    marks is the quoted words."""
    if start >= len(doc) or doc[start].text not in QUOTE_CHARS:
        return None
    close = next((t.i for t in doc[start + 1 :] if t.text in QUOTE_CHARS), None)
    if close is None or close - start < 3:
        return None
    end = close
    while end > start + 1 and doc[end - 1].is_punct:
        end -= 1
    return doc[start + 1 : end]


def _gloss_noun(ctx: Context, sd: SegmentDoc, cue: Span) -> Reading | None:
    """`Tech Enablers are the tools that …`: the gloss starts after the copula; `The tech enablers sit in
    between: they are the tools that …` (a pronoun for the category named before it in the sentence)."""
    doc = sd.doc
    term = term_before(doc, cue.start, ctx)
    category = _category_before(doc, cue.start, ctx)  # `And then the tech enablers are`
    if category is not None and (term is None or not _is_known_or_titled(term, ctx)):
        term = category  # `The moderator reminded the room that hurdles are`: the category, not the clause
    if term is None and cue.start > 0 and doc[cue.start - 1].lower_ in ctx.profile.lexicons.pronouns:
        sent = doc[cue.start].sent
        earlier = [s for s in anchors(doc) if sent.start <= s.start < cue.start - 1]
        term = earlier[-1] if len({s.label_ for s in earlier}) == 1 else None
    if term is None:
        return None
    known = _is_known_or_titled(term, ctx) or term.text.lower() in ctx.topic_titles  # `…, and design tools are`
    opens = term.start == term.sent.start or doc[term.start - 1].text == CELL_SEPARATOR.strip()  # or a table cell
    if doc[cue.end - 1].lower_ in ctx.profile.lexicons.free_relatives:
        named = term_category(term.text, ctx.profile, ctx.settings) is not None or term.text.lower() in ctx.topic_titles
        if not named:
            return None  # `Boring is what makes everything else work`: a free relative glosses a category or topic
    if not known and not opens:
        return None
    start, closing = _inside_quotation(doc, cue.start + 1, None)  # `hurdles are “the challenges that …”`
    return Reading(term, sd.doc[start : gloss_end(sd.doc, start, ctx, closing)])


def _inside_quotation(doc: Doc, start: int, closing: str | None) -> tuple[int, str | None]:
    """Where a gloss starting at `start` begins and what closes it: inside the quotation marks when one opens
    there (the gloss is the quotation), else `start` and `closing`."""
    if start < len(doc) and doc[start].text in _OPENING_QUOTES:
        return start + 1, _OPENING_QUOTES[doc[start].text]
    return start, closing


def _dash(ctx: Context, sd: SegmentDoc, cue: Span) -> Reading | None:
    """`Hurdles — barriers districts must overcome` at the start of a line, or `…adds Bridges — themes that
    connect the lists — and…` mid-sentence, where only a category name counts as the term."""
    doc = sd.doc
    dash = cue[0]
    if dash.text == "-" and not (dash.whitespace_ and dash.i > 0 and doc[dash.i - 1].whitespace_):
        return None  # a hyphen inside a word, not a dash
    sent = dash.sent
    if sum(t.text == dash.text for t in doc[sent.start : dash.i]) % 2 == 1:
        return None  # the dash that closes an aside opened earlier in the sentence
    if sd.segment.char_start in ctx.titled_segments:
        return None  # `**Learner Agency** — students owning…`: a topic's description, not a definition
    end = gloss_end(doc, cue.end, ctx, closing=dash.text)
    rest = doc[cue.end : end]
    if not len(rest) or not rest[0].is_lower:
        return None
    if rest[0].lower_ in ctx.profile.lexicons.copulas:
        return None  # `… – are AI agents…`: the sentence goes on, no gloss starts here
    if label_content(doc, cue.end, end, ctx.profile, ctx.settings) == "items":
        return None  # `hurdles - funding cliffs, legacy systems, …` lists the category's items
    count = count_before(doc, cue.start, ctx.profile)
    if count is not None and count > 1 and len(split_items(doc, cue.end, end, ctx.profile, count)) == count:
        return None  # `The two bridges — community trust and sustainable funding — received …`: its members
    if cue.start <= ctx.settings.max_term_tokens - 2:
        start = 0
        while start < cue.start and (doc[start].is_punct or doc[start].like_num):
            start += 1
        term = doc[start : cue.start]
        if len(term) and _is_known_or_titled(term, ctx):
            return Reading(term, rest)
    if rest[0].lower_ in ctx.profile.lexicons.function_words and rest[0].lower_ not in ctx.profile.lexicons.determiners:
        return None  # `… and learner agency — but requires cultural change`: an aside, not a gloss
    term = _category_before(doc, cue.start, ctx) or _known_before(doc, cue.start, ctx) or _quoted_before(doc, cue.start)
    return Reading(term, rest) if term is not None else None


def _known_before(doc: Doc, end: int, ctx: Context) -> Span | None:
    """One of the document's topic titles ending at `end`: `…why AI agents for operations — software that …`."""
    for k in range(max(0, end - ctx.settings.max_prose_title_tokens - 4), end):
        if doc[k:end].text.lower() in ctx.topic_titles:
            return doc[k:end]
    return None


def _quoted_before(doc: Doc, end: int) -> Span | None:
    """A quoted term ending at `end`: `The so-called “enrollment cliff” — the drop in …`."""
    if end < 2 or doc[end - 1].text not in QUOTE_CHARS:
        return None
    opening = next((t.i for t in reversed(doc[max(0, end - 8) : end - 1]) if t.text in QUOTE_CHARS), None)
    return doc[opening + 1 : end - 1] if opening is not None and opening + 1 < end - 1 else None


def _paren(ctx: Context, sd: SegmentDoc, cue: Span) -> Reading | None:
    """`Hurdles (barriers), Accelerators (mega-trends)`: the term is a category name right before the bracket."""
    term = _category_before(sd.doc, cue.start, ctx)
    if term is None:
        return None
    label = all(t.is_punct for t in sd.doc[: term.start])  # the term opens its line
    if label and cue.end < len(sd.doc) and sd.doc[cue.end].text in _LABEL_COLONS:
        return None  # `Bridges (unranked): A; B`: a note on the label, not a gloss
    inner = sd.doc[cue.start + 1 : cue.end - 1]
    if any(t.is_digit for t in inner):
        return None  # `Bridges (since 2024)`, `Hurdles (3)`: a date or a count, not a gloss
    return Reading(term, inner)


def _by_means(ctx: Context, sd: SegmentDoc, cue: Span) -> Reading | None:
    """`By “hurdles”, the board means …`."""
    doc = sd.doc
    quoted = [t for t in doc[cue.start + 1 : cue.end] if t.text in QUOTE_CHARS]
    inside = doc[quoted[0].i + 1 : quoted[1].i] if len(quoted) >= 2 else doc[cue.start + 1 : cue.start + 2]
    inner = [t for t in inside if not t.is_punct]
    if not inner:
        return None
    term = doc[inner[0].i : inner[-1].i + 1]
    if not _is_known_or_titled(term, ctx) and len(quoted) < 2:
        return None
    return Reading(term, doc[cue.end : gloss_end(doc, cue.end, ctx)])


CUE_SHAPES: dict[str, Shape] = {
    "definition_term_before": _after_cue,
    "definition_term_after": _term_in_cue,
    "definition_gloss_noun": _gloss_noun,
    "definition_dash": _dash,
    "definition_paren": _paren,
    "definition_by_means": _by_means,
}


# --- structural shapes: read from category mentions ------------------------------------------------------------
def _label_gloss(ctx: Context, sd: SegmentDoc, anchor: Span) -> Reading | None:
    """`HURDLES Barriers to innovation that require …`, `Hurdles: the obstacles that …` — a category label at
    the start of a line followed by its gloss (not by a list of items)."""
    doc = sd.doc
    if anchor.end >= len(doc):
        return None
    if anchor.start > 1 or any(not t.is_punct for t in doc[: anchor.start]):
        return _colon_gloss(ctx, doc, anchor)
    nxt = doc[anchor.end]
    upper = (anchor.text.isupper() and len(anchor.text) > 3) or (anchor.text.islower() and nxt.text[:1].isupper())
    if nxt.text in (":", "="):
        start = anchor.end + 1
    elif upper and nxt.is_alpha and not nxt.text.isupper():
        start = anchor.end
    else:
        return None
    if start >= len(doc):
        return None
    end = gloss_end(doc, start, ctx)
    if label_content(doc, start, end, ctx.profile, ctx.settings) != "gloss":
        return None  # `Hurdles: A; B; C` lists items
    gloss = doc[start:end]
    named = sum(s.end - s.start for s in anchors(doc) if start <= s.start < end)
    clause = any(t.lower_ in ctx.profile.lexicons.relative_words for t in gloss)  # `themes that connect the …`
    if named * 2 >= len(gloss) and not clause:
        return None  # `HURDLES Bridges Hurdles Tech Enablers …`: category words, not a gloss
    return Reading(anchor, gloss) if len(gloss) >= 2 else None


def _colon_gloss(ctx: Context, doc: Doc, anchor: Span) -> Reading | None:
    """`… the report has also identified bridges: cross-cutting themes that link …` — a category mid-sentence,
    a colon, then a definition noun with its clause (a list of items or a sentence is no gloss)."""
    lex = ctx.profile.lexicons
    start = anchor.end + 1
    if doc[anchor.end].text != ":" or start >= len(doc) or not doc[start].is_lower:
        return None
    end = gloss_end(doc, start, ctx)
    if label_content(doc, start, end, ctx.profile, ctx.settings) != "gloss":
        return None
    gloss = doc[start:end]
    head = next((t.i for t in gloss[: ctx.settings.max_apposition] if t.lower_ in lex.definition_nouns), None)
    clause = head is not None and any(t.lower_ in lex.gloss_links for t in doc[head + 1 : end])
    return Reading(anchor, gloss) if clause else None


def _characterizing(ctx: Context, sd: SegmentDoc, anchor: Span) -> Reading | None:
    """`According to the project, accelerators pave the way for …, while hurdles hinder it` — a category as
    the subject of a characterizing verb, when the sentence is about the categories in general (a contrast
    between two of them, `according to`, or the category opening the sentence), not about this year's list."""
    doc, lex = sd.doc, ctx.profile.lexicons
    verb = anchor.end
    if verb < len(doc) and doc[verb].lower_ in ("are", "can", "will", "often", "typically"):
        verb += 1
    if verb >= len(doc) or doc[verb].lower_ not in lex.characterizing_verbs:
        return None
    if ranked(doc, anchor.start, ctx.profile) or (anchor.start > 0 and doc[anchor.start - 1].lower_ in ("’s", "'s")):
        return None
    sent = anchor.sent
    before = doc[sent.start : anchor.start]
    opens = all(t.is_punct or t.lower_ in lex.determiners for t in before)
    contrast = len({s.label_ for s in anchors(doc) if sent.start <= s.start < sent.end}) >= 2 and any(
        t.lower_ in ("while", "whereas") for t in sent
    )
    according = any(s.label_ == "reporting_according_to" and s.start == sent.start for s in doc.spans["reporting_cues"])
    after_while = anchor.start > 0 and doc[anchor.start - 1].lower_ in ("while", "whereas")
    if not (opens or contrast or according or after_while):
        return None
    end = gloss_end(doc, verb, ctx)
    return Reading(anchor, doc[verb:end]) if end - verb >= 2 else None


def _relative(ctx: Context, sd: SegmentDoc, anchor: Span) -> Reading | None:
    """`The tech enablers, which the document defines as the tools schools use to …, are …`,
    `Tech Enablers, which are the tools that …,`, `Hurdles, defined as …,`."""
    doc, lex = sd.doc, ctx.profile.lexicons
    i = anchor.end
    restrictive = _restrictive(doc, anchor, ctx)
    if restrictive is not None:
        return restrictive
    if i + 1 < len(doc) and doc[i].lower_ in lex.list_nouns and doc[i + 1].text == ",":
        i += 1  # `the hurdles list, which CoSN describes as …`
    if anchor.label_ == "topic" and i < len(doc) and doc[i].lower_ in lex.conjunctions:
        return None  # `community trust and digital citizenship, which …`: the clause is not the first one's
    if i + 1 < len(doc) and doc[i].text != "," and doc[i].lower_ in lex.function_words:
        # `So is Agentic AI Assistants on the enabler side, which the report defines as …`
        i = next((t.i for t in doc[i : min(len(doc), i + 5)] if t.text == ","), i)
    if i + 1 >= len(doc) or doc[i].text != ",":
        return None
    if (
        doc[i + 1].text in QUOTE_CHARS
        and i + 2 < len(doc)
        and anchor.start > 0
        and doc[anchor.start - 1].text in QUOTE_CHARS
    ):
        i += 1  # `There are "hurdles," which the report defines as …`: the comma inside the closing mark
    opener = doc[i + 1].lower_
    preposed = opener in lex.function_words and i + 2 < len(doc) and doc[i + 2].lower_ in lex.relative_words
    if preposed:
        opener, i = doc[i + 2].lower_, i + 1  # `learning-anywhere ecosystems, in which students earn credit…`
    if opener in lex.relative_words and anchor.label_ == "topic":
        verb = doc[i + 2] if i + 2 < len(doc) else None
        if verb is not None and (verb.lower_ in lex.characterizing_verbs or preposed):
            start = i + 2
            end = gloss_end(doc, start, ctx, closing=",")
            return Reading(anchor, doc[start:end]) if end - start >= 3 else None
    if opener in lex.relative_words:
        limit = min(len(doc), i + 2 + ctx.settings.max_apposition)
        as_at = next((t.i for t in doc[i + 2 : limit] if t.lower_ in lex.as_words), None)
        copula = doc[i + 2].lower_ in lex.copulas if i + 2 < len(doc) else False
        if copula and i + 3 < len(doc) and doc[i + 3].lower_ in lex.function_words - lex.determiners:
            return None  # `the hurdles, which are about money, safety and access`: what they concern, no gloss
        named = next((t.i for t in doc[i + 2 : limit] if t.lower_ in lex.naming_quote_verbs), None)
        if as_at is None and not copula and named is not None and named + 1 < len(doc):
            return _gloss_after(doc, named + 1, anchor, ctx)  # `bridges, which CoSN calls the threads that …,`
        start = as_at + 1 if as_at is not None else (i + 3 if copula else None)
        if start is None or (as_at is not None and not any(t.lower_ in lex.defining_verbs for t in doc[i + 2 : as_at])):
            return None
    elif opener in lex.defining_verbs and i + 2 < len(doc) and doc[i + 2].lower_ in lex.as_words:
        start = i + 3
    else:
        return None
    if anchor.label_ == "topic" and anchor.start > 1 and doc[anchor.start - 1].lower_ in lex.conjunctions:
        # `two bridges, community trust and digital citizenship, which the panel describes as themes …`: the
        # clause after the last of a list is about the list's category, not about its last member
        sent = anchor.sent
        named = [a for a in anchors(doc) if sent.start <= a.start < anchor.start]
        if not named:
            return None
        anchor = named[-1]
    return _gloss_after(doc, start, anchor, ctx)


def _gloss_after(doc: Doc, start: int, anchor: Span, ctx: Context) -> Reading | None:
    """The gloss of a relative clause from `start` to its closing comma, unless it states a status; a quoted
    gloss (`which the group describes as "the challenges that …"`) is the quotation."""
    start, closing = _inside_quotation(doc, start, ",")
    end = gloss_end(doc, start, ctx, closing=closing)
    if any(start <= c.start < end for c in cues(doc, "status_cues")):
        return None  # `burnout, which is back on the list after…`: its status, not what it is
    return Reading(anchor, doc[start:end]) if end - start >= 2 else None


def _restrictive(doc: Doc, anchor: Span, ctx: Context) -> Reading | None:
    """`It names hurdles that stand in the way of innovation, accelerators that propel it, and …`: a bare
    category (no determiner or count before it) and a `that` clause whose verb follows at once."""
    lex, i = ctx.profile.lexicons, anchor.end
    if anchor.label_ == "topic" or i + 2 >= len(doc) or doc[i].lower_ not in lex.relative_words:
        return None
    before = doc[anchor.start - 1] if anchor.start > doc[anchor.start].sent.start else None
    if before is None:
        return None  # `Unifying themes that connect …` opening a line: a label's gloss, read as one
    which = (
        before.lower_ in lex.determiners,
        before.lower_ in lex.number_words,
        before.is_digit,
        before.lower_ in lex.copulas,
    )
    if any(which):
        return None  # `the hurdles that districts face`, `three hurdles that…`: which ones, not what they are
    if any(0 <= anchor.start - s.end <= 2 for s in anchors(doc) if s.label_ != "topic" and s.end <= anchor.start):
        return None  # `hurdles, accelerators and bridges that will shape …`: the clause is the whole list's
    verb = doc[i + 1]
    closed = verb.lower_ in lex.function_words or verb.lower_ in lex.pronouns or verb.lower_ in lex.determiners
    if not verb.is_lower or not verb.is_alpha or closed:
        return None
    end = gloss_end(doc, i + 1, ctx, closing=",")
    return Reading(anchor, doc[i + 1 : end]) if end - i - 1 >= 2 else None


def _apposition(ctx: Context, sd: SegmentDoc, anchor: Span) -> Reading | None:
    """`Tech enablers, or the tools that make the rest possible, are …`, `its Bridges, the ideas that connect
    all three lists,`, `tech enablers, tools that can help schools…,`, `Bridges, a set of unifying themes meant
    to cut across…`, `Educator collective efficacy, the shared belief among a staff that…`."""
    doc, lex = sd.doc, ctx.profile.lexicons
    i = anchor.end + (anchor.end < len(doc) and doc[anchor.end].text in QUOTE_CHARS)
    k = i
    while k < min(len(doc), i + ctx.settings.adverbial_words) and adverbial_word(doc[k], ctx.profile):
        k += 1  # `The two "bridges" this year, the report's cross-cutting themes that …,`
    if anchor.start > 1 and doc[anchor.start - 1].lower_ in lex.conjunctions:
        before = [a for a in anchors(doc) if a.end == anchor.start - 1 and a.label_ != "topic"]
        if before:
            return None  # `… Tech Enablers and Bridges, the latest edition of …`: about the list, not its last
    skipped = k > i and k < len(doc) and doc[k].text == ","
    i = k if skipped else anchor.end
    if i + 2 >= len(doc) or doc[i].text != ",":
        return None
    # `Tech enablers, or the tools that…,` (an `or` that opens an apposition, not an `and` joining list items)
    alternative = doc[i + 1].lower_ in lex.conjunctions and doc[i + 1].lower_ in lex.apposition_openers
    start = i + 2 if alternative else i + 1
    while start + 1 < len(doc) and doc[start].text in QUOTE_CHARS:  # `a few "bridges," ideas that …`
        start += 1
    first = doc[start]
    nouns = lex.definition_nouns | ctx.profile.category_nouns.keys()
    # `accelerators, broad social and economic trends expected to …`: lower-case modifiers, then the noun
    modified = next(
        (
            t.i
            for t in doc[start : min(len(doc), start + ctx.settings.max_apposition)]
            if t.lower_ in lex.definition_nouns
        ),
        None,
    )
    modified = (
        modified is not None
        and first.lower_ not in lex.conjunctions
        and all(
            t.is_lower
            and (t.is_alpha or t.text == "-")
            and (t.lower_ not in lex.function_words or t.lower_ in lex.conjunctions)
            for t in doc[start:modified]
        )
    )
    if not (first.lower_ in lex.determiners or first.lower_ in nouns or alternative or modified):
        return None
    end = gloss_end(doc, start, ctx, closing=",")
    gloss = doc[start:end]
    head = next(
        (
            t.i
            for t in gloss[: ctx.settings.max_apposition]
            if t.lower_ in lex.relative_words
            or t.lower_ in lex.gloss_links
            or (t.lower_.endswith("ing") and t.i > start and doc[t.i - 1].lower_ in nouns)  # `trends pushing`
        ),
        None,
    )
    lead = next((t for t in gloss if t.lower_ not in lex.determiners), None)
    # `what it calls “tech enablers,” the tools in between`: a member noun right after the article heads it too
    noun_led = len(gloss) > 2 and gloss[0].lower_ in lex.determiners and gloss[1].lower_ in nouns
    if (
        len(gloss) < 3
        or (head is None and not noun_led)
        or head == start
        or any(s.start == lead.i for s in anchors(doc) if lead is not None)
    ):
        return None  # `The hurdles, the accelerators and …` lists categories
    if gloss[0].like_num or (gloss[0].text[:1].isupper() and first.lower_ not in lex.determiners):
        return None
    if skipped and not any(t.lower_ in nouns for t in doc[start : head if head is not None else end]):
        return None  # `on the hurdle side, the board warns that …`: a clause after the adverbial, no gloss
    return Reading(anchor, gloss)


ANCHOR_SHAPES: tuple[tuple[str, Shape], ...] = (
    ("definition_label_gloss", _label_gloss),
    ("definition_characterizing", _characterizing),
    ("definition_relative", _relative),
    ("definition_apposition_or", _apposition),
)


# --- the family ------------------------------------------------------------------------------------------------
def find_definitions(
    segments: list[SegmentDoc],
    profile: Profile,
    settings: RuleSettings | None = None,
    titled_segments: frozenset[int] = frozenset(),
    topic_titles: frozenset[str] = frozenset(),
) -> list[DefinitionHit]:
    """Every definition in the document. `topic_titles` (lower-cased) are terms too: an apposition, a relative
    clause or a dash after one of them glosses it."""
    ctx = Context(profile, settings or RuleSettings(), titled_segments, topic_titles)
    hits: dict[tuple[str, str], DefinitionHit] = {}
    for index, sd in enumerate(segments):
        readings: list[tuple[str, float, Reading]] = []
        for cue in cues(sd.doc, "definition_cues"):
            reading = CUE_SHAPES[cue.label_](ctx, sd, cue)
            if reading is not None:
                rule = profile.rule(cue.id_)
                readings.append((rule.id, rule.confidence, reading))
                readings.extend((rule.id, rule.confidence, r) for r in _parallel(ctx, sd, reading))
        for anchor in [*anchors(sd.doc), *_topic_mentions(sd.doc, ctx)]:
            for kind, shape in ANCHOR_SHAPES:
                if anchor.label_ == "topic" and kind in ("definition_label_gloss", "definition_characterizing"):
                    continue
                reading = shape(ctx, sd, anchor)
                if reading is not None:
                    rule = profile.step(kind)
                    readings.append((rule.id, rule.confidence, reading))
                    break
        if index > 0:
            reading = _heading_gloss(ctx, segments[index - 1], sd)
            if reading is not None:
                rule = profile.step("definition_label_gloss")
                _add(hits, segments[index - 1], rule.id, rule.confidence, reading, ctx, sd)
        for rule_id, confidence, reading in readings:
            _add(hits, sd, rule_id, confidence, reading, ctx)
    return _drop_overlapping(list(hits.values()))


def _topic_mentions(doc: Doc, ctx: Context) -> list[Span]:
    """Where the document's own topic titles stand in this segment (terms a gloss may follow)."""
    if not ctx.topic_titles:
        return []
    lowered = doc.text.lower()
    found = []
    for title in sorted(ctx.topic_titles)[: ctx.settings.max_topic_terms]:
        at = lowered.find(title)
        while at >= 0:
            span = doc.char_span(at, at + len(title), label="topic", alignment_mode="strict")
            if span is not None:
                found.append(span)
            at = lowered.find(title, at + 1)
    return found


def _parallel(ctx: Context, sd: SegmentDoc, first: Reading) -> list[Reading]:
    """`CoSN defines hurdles as A, accelerators as B, and tech enablers as C`: the terms after the first."""
    doc, out = sd.doc, []
    k = first.gloss.end
    sent_end = first.gloss.sent.end if len(first.gloss) else k
    while k < sent_end and doc[k].text == ",":
        term = _parallel_term(doc, k + 1, sent_end, ctx)
        if term is None:
            break
        start = term.end + 1
        end = gloss_end(doc, start, ctx)
        if end - start < 2:
            break
        out.append(Reading(term, doc[start:end]))
        k = end
    return out


def _heading_gloss(ctx: Context, heading: SegmentDoc, nxt: SegmentDoc) -> Reading | None:
    """A heading naming one category, then a line that glosses it: `Hurdles` / `Obstacles that slow, stall or
    quietly block innovation in schools.`"""
    labelled = heading.segment.kind == "heading" or bare_category(heading.doc) is not None  # `<dt>Hurdles</dt>`
    if not labelled or len(heading.segment.text.split()) > ctx.settings.category_heading_words:
        return None
    found = anchors(heading.doc)
    if len({s.label_ for s in found}) != 1 or not is_gloss(nxt.segment.text, ctx.profile):
        return None
    if len(nxt.segment.text.split()) > ctx.settings.max_gloss_line_words:
        return None
    start, end = 0, len(nxt.doc)
    while start < end and not any(c.isalnum() for c in nxt.doc[start].text):
        start += 1  # `*= what slows innovation down*`: the sign that opens a gloss is not part of it
    while end > start and nxt.doc[end - 1].is_punct:
        end -= 1
    return Reading(found[0], nxt.doc[start:end])


def _add(
    hits: dict[tuple[str, str], DefinitionHit],
    sd: SegmentDoc,
    rule: str,
    confidence: float,
    r: Reading,
    ctx: Context,
    gloss_sd: SegmentDoc | None = None,
) -> None:
    """Record a reading; `gloss_sd` is the segment the gloss stands in when it is not the term's own."""
    gloss = r.gloss.text.strip()
    if not gloss or not any(c.isalpha() for c in gloss) or len(gloss.split()) > ctx.settings.max_gloss_words:
        return
    if gloss.strip("“”\"'‘’").lower() == r.term.text.strip("“”\"'‘’").lower():
        return
    name = canonical_term(r.term.text, ctx.profile, ctx.settings)
    key = (norm_key(name), norm_key(gloss))  # the same identity as the record id
    if gloss_sd is None:
        spans = [sd.span(min(r.term.start_char, r.gloss.start_char), max(r.term.end_char, r.gloss.end_char))]
    else:
        spans = [sd.span(r.term.start_char, r.term.end_char), gloss_sd.span(r.gloss.start_char, r.gloss.end_char)]
    if key in hits:
        hits[key].spans.extend(s for s in spans if s not in hits[key].spans)
        return
    hits[key] = DefinitionHit(name, gloss, spans, rule, confidence)


def _drop_overlapping(hits: list[DefinitionHit]) -> list[DefinitionHit]:
    """Two shapes reading one sentence (`are defined as the obstacles that`) give one definition: the tighter
    one of the same term. Linear in the hits of each term (sorted spans, a sweep), not quadratic."""
    by_term: dict[str, list[DefinitionHit]] = {}
    for hit in hits:
        by_term.setdefault(norm_key(hit.term), []).append(hit)
    kept: list[DefinitionHit] = []
    for group in by_term.values():
        taken: list[tuple[int, int]] = []  # spans of kept hits of this term, sorted

        def inner(hit: DefinitionHit, group: list[DefinitionHit] = group) -> bool:
            """Read from inside another hit's gloss (`bridges, which … as cross-cutting themes that connect …`
            also gives `themes`: `connect …`): the outer reading goes first."""
            (a, b) = hit.spans[0]
            return any(o is not hit and o.spans[0][0] < a and b <= o.spans[0][1] for o in group)

        for hit in sorted(group, key=lambda h: (inner(h), len(h.definition))):
            if not any(_overlaps_any(taken, span) for span in hit.spans):
                kept.append(hit)
                for span in hit.spans:
                    bisect.insort(taken, span)
    return sorted(kept, key=lambda h: h.spans[0])


def _overlaps_any(taken: list[tuple[int, int]], span: tuple[int, int]) -> bool:
    """Whether `span` overlaps one of the sorted, mostly disjoint spans in `taken`."""
    at = bisect.bisect_left(taken, span)
    return any(a < span[1] and span[0] < b for a, b in taken[max(0, at - 1) : at + 1]) or any(
        a < span[1] and span[0] < b for a, b in taken[at : at + 2]
    )
