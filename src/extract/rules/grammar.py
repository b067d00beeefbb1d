"""Shapes of English the rule families share, read with the profile's lexicons: category mentions, counts,
title-case names, list items in running text. No word lists here: every word comes from the profile.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from extract.profile import Profile
from extract.settings import RuleSettings

T = TypeVar("T")

# Symbols a title may hold between its words ("Equity & Access", "Cultural Change > Technical Change").
TITLE_SYMBOLS = frozenset({"&", ">", "<", "+", "/", "-", "–", "’", "'", "—"})
ITEM_SEPARATORS = frozenset({",", ";", "·", "|", "•", "/"})
SENTENCE_END = frozenset({".", "!", "?", "…"})
DASHES = frozenset({"—", "–", "--"})
QUOTE_CHARS = frozenset('"“”‘’«»')
_MARKER = re.compile(r"^(?:\(?\d{1,2}[.):]|\(?[a-hA-H][.)]|#\d{1,2}[.:]?|[-*•▪◦●‣■]\s)\s*")


def anchors(doc: Doc) -> tuple[Span, ...]:
    """Category mentions, longest first where they overlap ("innovation hurdles" over "hurdles")."""
    return cues(doc, "categories")


def cues(doc: Doc, family: str) -> tuple[Span, ...]:
    """Cue spans of one family, the longest at each position (spaCy's filter_spans); found once per doc and
    shared, so a tuple: no caller can change what the next one reads."""
    return _memo(doc, f"cues {family}", lambda: tuple(sorted(filter_spans(doc.spans[family]), key=lambda s: s.start)))


def categories_in(spans: Iterable[Span]) -> list[str]:
    seen: list[str] = []
    for span in spans:
        if span.label_ not in seen:
            seen.append(span.label_)
    return seen


def count_before(doc: Doc, start: int, profile: Profile, reach: int = 6) -> int | None:
    """A count just before a category mention: `the top three hurdles`, `its 5 accelerators`, `two cross-cutting
    "bridge" themes` (a hyphenated modifier is three tokens)."""
    numbers = profile.lexicons.number_words
    lex = profile.lexicons
    window = doc[max(0, start - reach) : start]
    ordinals = [t for t in window if t.lower_ in lex.ordinal_words]
    between = [t for t in window if ordinals and t.i > ordinals[0].i and t not in ordinals]
    if (
        len(ordinals) >= 2
        and ordinals[-1].i == start - 1
        and all(t.lower_ in lex.conjunctions or t.text == "," for t in between)
    ):
        return len(ordinals)  # `the fourth and fifth hurdles`: as many as the ordinals
    for token in reversed(doc[max(0, start - reach) : start]):
        if token.lower_ in numbers:
            return numbers[token.lower_]
        if token.text.isdecimal() and 2 <= int(token.text) <= 20:
            return int(token.text)
        if token.is_punct and token.text not in ("-", "’", "'", '"', "“"):  # `two "bridges"` keeps its count
            break
    return None


def ranked(doc: Doc, start: int, profile: Profile, reach: int = 4) -> bool:
    """`top`, a count, a year, or a possessive (`this year's`) ranks the category that follows."""
    lex = profile.lexicons
    sent = doc[start].sent
    if any(t.lower_ in lex.naming_verbs for t in sent):
        return True  # "It lists the accelerators as…", "the panel singled out…"
    for token in doc[max(0, start - reach) : start]:
        text = token.lower_
        if text in lex.rank_words or text in lex.number_words or text in ("’s", "'s", "year’s", "year's"):
            return True
        if token.like_num and len(token.text) == 4 and token.text.startswith("20"):
            return True
    return False


def is_title_case(tokens: Sequence[Token], profile: Profile, settings: RuleSettings) -> bool:
    """`Ethical Framework & Trust as Non-negotiables`: capitalized words, small words and symbols only."""
    small = profile.lexicons.title_small_words
    if not len(tokens) or len(tokens) > settings.max_prose_title_tokens + 4:
        return False
    first = tokens[0]
    if not (first.text[:1].isupper() or first.text[:1].isdigit()) or first.lower_ in small:
        return False
    if not any(t.is_alpha for t in tokens):
        return False
    for k, token in enumerate(tokens):
        text = token.text
        if text[:1].isupper() or text[:1].isdigit() or text in TITLE_SYMBOLS or token.like_num:
            continue
        after_hyphen = k > 0 and tokens[k - 1].text in ("-", "–") and not tokens[k - 1].whitespace_
        if after_hyphen or (text.lower() in small and k < len(tokens) - 1):
            continue
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if (
            text == ","
            and nxt is not None
            and nxt.text[:1].isupper()
            and nxt.lower_ in profile.lexicons.title_continuations
        ):
            continue  # `Design With, Not For`
        return False
    return True


def strip_marker(text: str) -> int:
    """How many leading characters are a list marker: `1.`, `(2)`, `a)`, `#3`, `•`."""
    m = _MARKER.match(text)
    return m.end() if m else 0


def marker_length(doc: Doc, i: int, end: int) -> int:
    """How many tokens at `i` make a list marker: `(1)`, `1.`, `1)`, `a)`, `#1` (0 when none)."""
    t = doc[i]
    nxt = doc[i + 1] if i + 1 < end else None
    after = doc[i + 2] if i + 2 < end else None
    if (
        t.text == "("
        and nxt is not None
        and (nxt.like_num or len(nxt.text) == 1)
        and after is not None
        and after.text == ")"
    ):
        return 3
    if t.text == "#" and nxt is not None and nxt.like_num:
        return 2
    short_number = t.text.isdecimal() and len(t.text) <= 2
    letter = len(t.text) == 1 and t.is_alpha and t.is_lower
    if (short_number and nxt is not None and nxt.text in (".", ")")) or (
        letter and nxt is not None and nxt.text == ")"
    ):
        return 2
    return 0


def trim(span: Span, profile: Profile) -> Span:
    """Drop what is not the item itself: list markers, leading articles and conjunctions, a lead-in
    (`that trust is infrastructure`, `what the board calls the collapse of …`) and surrounding punctuation."""
    doc, start, end = span.doc, span.start, span.end
    lex = profile.lexicons

    def lead(i: int) -> int:
        """How many tokens at `i` are not part of the item."""
        if marker_length(doc, i, end):
            return marker_length(doc, i, end)
        token = doc[i]
        if token.lower_ in lex.determiners or token.lower_ in lex.conjunctions or token.is_space:
            return 1
        if token.is_punct and token.text != "(":
            return 1
        if token.lower_ in lex.lead_ins:  # `what the board bluntly calls the collapse of …`
            verb = next((t.i for t in doc[i : min(end, i + 6)] if t.lower_ in lex.naming_quote_verbs), None)
            return verb + 1 - i if verb is not None else 0
        if token.lower_ in lex.relative_words and end - i > 2:  # `that trust is infrastructure`
            return 1
        return 0

    while start < end and (step := lead(start)):
        start += step
    while end > start and ((doc[end - 1].is_punct and doc[end - 1].text not in ")") or doc[end - 1].is_space):
        end -= 1
    return doc[start:end]


def has_verb(tokens: Iterable[Token], profile: Profile) -> bool:
    verbs = profile.lexicons.clause_verbs
    return any(t.lower_ in verbs for t in tokens)


def aside_close(doc: Doc, i: int, stop: int, profile: Profile) -> int | None:
    """The dash that closes the aside opened at `i`, when the list goes on after it (`a -- software that … --
    along with b`, `a — new this year —, b and c`)."""
    close = next((t.i for t in doc[i + 1 : stop] if t.text == doc[i].text), None)
    if close is None or close + 1 >= stop:
        return None
    after = doc[close + 1]
    goes_on = after.text in (",", ";") or after.lower_ in profile.lexicons.conjunctions
    return close if goes_on or _joiner_at(doc, close + 1, stop, profile) else None


def _joiner_at(doc: Doc, i: int, stop: int, profile: Profile) -> int:
    """How many tokens at `i` are a list joiner (`along with`, `as well as`); 0 if none."""
    for phrase in profile.lexicons.list_joiners:
        words = phrase.split()
        if i + len(words) <= stop and [t.lower_ for t in doc[i : i + len(words)]] == words:
            return len(words)
    return 0


def is_sign(char: str) -> bool:
    """An arrow, star, check mark, emoji or other sign outside ASCII (`⟵ NEW`, `🔹 Hurdles = …`): never part of
    a title or a term, and a bullet when it stands between two phrases."""
    return not char.isascii() and unicodedata.category(char) in ("Sm", "So")


def sign_token(token: Token) -> bool:
    """A token made of signs only (an emoji with its variation selector included)."""
    return any(is_sign(c) for c in token.text) and not any(c.isalnum() for c in token.text)


def adverbial_word(token: Token, profile: Profile) -> bool:
    """A word of a short adverbial after a category (`the bridges this year, …`): lower case, and no verb,
    conjunction or list noun (`the hurdles list, the board chose …` is a clause; `Tech Enablers and Bridges, …`
    a list)."""
    lex, word = profile.lexicons, token.lower_
    return (
        token.is_alpha
        and token.is_lower
        and not (word in lex.copulas or word in lex.conjunctions or word in lex.list_nouns or word in lex.listing_verbs)
    )


def spaced(token: Token) -> bool:
    """A mark set apart by spaces on both sides (` / `, ` | `): it separates, where `and/or` joins."""
    return bool(token.whitespace_) and token.i > 0 and bool(token.doc[token.i - 1].whitespace_)


def split_items(doc: Doc, start: int, end: int, profile: Profile, expected: int | None = None) -> list[Span]:
    """The items listed in doc[start:end]: `a, b, and c`, `a; b; and c`, `a, b & c`, `(1) a (2) b`.

    Semicolons win over commas when both are used (items may hold commas); the last pair of a list
    without a serial comma is split at its conjunction. `expected` (the count the sentence gives) decides
    between two conjunctions in the last chunk and bounds the list."""
    lex = profile.lexicons
    numbered = _numbered_cuts(doc, start, end)
    if numbered:
        chunks = [doc[a:b] for a, b in numbered]
        items = [i for i in (trim(_drop_trailing_conjunction(c, profile), profile) for c in chunks) if len(i)]
        return items[:expected] if expected else items
    tokens = doc[start:end]
    # `A / B / C` (two or more slashes set apart by spaces) separate like semicolons; one parts `hurdles - … / accel…`
    spaced_slash = _memo(doc, "spaced slashes", lambda: [t.i for t in doc if t.text == "/" and spaced(t)])
    slashes = spaced_slash if len(spaced_slash) >= 2 else []  # counted in the whole line
    strong = [(t.i, t.i + 1) for t in tokens if t.text in (";", "·", "|", "•") or t.i in slashes]
    weak = [(t.i, t.i + 1) for t in tokens if t.text == ","]
    # `a -- an aside -- along with b`: the aside and the joiner part items too
    k = start
    while k < end:
        close = aside_close(doc, k, end, profile) if doc[k].text in DASHES else None
        joiner = _joiner_at(doc, k, end, profile) if k > start else 0
        if close is not None:
            weak.append((k, close + 1))
            k = close + 1
        elif joiner:
            weak.append((k, k + joiner))
            k += joiner
        else:
            k += 1
    weak.sort()
    # `"Deferred Maintenance" and "Consolidation and Lock-In,"`: nothing inside quotation marks parts items
    pairs = quotations(doc)
    inside = {i for a, b in pairs for i in range(a + 1, b)}
    closes = {b - 1: b for a, b in pairs}  # `"Emotion-Aware Tutoring," software …`: the comma the mark encloses
    strong = [c for c in strong if c[0] not in inside]
    weak = [(closes[c[0]] + 1,) * 2 if c[0] in closes and c[0] in inside else c for c in weak]
    weak = [c for c in weak if c[0] not in inside]
    cuts = strong or weak
    if not cuts and expected is None:
        # "A and B" alone is a list of two only when the sentence says so (expected=2).
        return []
    chunks: list[Span] = []
    cursor = start
    for cut, resume in cuts:
        if cut > cursor:
            chunks.append(doc[cursor:cut])
        cursor = max(cursor, resume)
    chunks.append(doc[cursor:end])
    chunks = [c for c in chunks if any(not t.is_punct for t in c)]
    chunks = _join_contrasts(chunks, profile)
    if strong:  # `A, which is new this year; B; and C, back after a year`: an item ends where a clause begins
        chunks = [doc[c.start : _clause_comma(c)] for c in chunks]
    if not chunks:
        return []
    last = chunks[-1]
    starts_with_conj = len(last) > 0 and last[0].lower_ in lex.conjunctions
    # Split the last chunk at its conjunction only when the list still lacks items: fewer chunks than the
    # count the sentence gives (or than a category usually holds), and never when `;` separates the items.
    wanted = expected or profile.topics_per_category
    if not starts_with_conj and not strong and len(chunks) < wanted:
        conj = [t.i for t in last if t.lower_ in lex.conjunctions and t.i > last.start and t.i not in inside]
        if conj:
            chosen = _best_conjunction(doc, chunks, conj, profile)
            if chosen is not None:
                chunks[-1:] = [doc[last.start : chosen], doc[chosen + 1 : last.end]]
    items = [trim(c, profile) for c in chunks]
    items = [i for i in items if len(i)]
    if expected is not None and len(items) > expected:
        items = items[:expected]
    return items


def _join_contrasts(chunks: list[Span], profile: Profile) -> list[Span]:
    """`Access Is the Floor, Not the Ceiling`, `Design With, Not For`: a capitalized contrast word after a comma
    goes on the title before it."""
    joined: list[Span] = []
    for chunk in chunks:
        first = chunk[0] if len(chunk) else None
        doc = chunk.doc
        if (
            joined
            and first is not None
            and first.text[:1].isupper()
            and first.lower_ in profile.lexicons.title_continuations
            and doc[chunk.start - 1].text == ","
            and joined[-1].end == chunk.start - 1
        ):
            joined[-1] = doc[joined[-1].start : chunk.end]
        else:
            joined.append(chunk)
    return joined


SYMBOL_CONJUNCTION = "&"  # inside titles more often than between items: a split there costs more


def _clause_comma(chunk: Span) -> int:
    """Where a clause starts inside an item (`, which appears…`, `, back after…`): a comma before a lower-case
    word. `People First, Platforms Second` keeps its comma."""
    for t in chunk:
        if t.text == "," and t.i + 1 < chunk.end and chunk.doc[t.i + 1].is_lower:
            return t.i
    return chunk.end


def _numbered_cuts(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Items numbered in the text (`(1) a, (2) b and (3) c`, `1. A 2.B`): each from its number to the next."""
    marks: list[tuple[int, int]] = []
    for t in doc[start:end]:
        length = marker_length(doc, t.i, end)
        if length and (not marks or t.i >= marks[-1][0] + marks[-1][1]):
            number = next((x for x in doc[t.i : t.i + length] if x.like_num or x.is_alpha), None)
            expected = len(marks) + 1
            value = int(number.text) if number is not None and number.text.isdecimal() else None
            if value == expected or (value is None and number is not None and ord(number.lower_) - 96 == expected):
                marks.append((t.i, length))
    if len(marks) < 2:
        return []
    return [(i + n, marks[k + 1][0] if k + 1 < len(marks) else end) for k, (i, n) in enumerate(marks)]


def _drop_trailing_conjunction(span: Span, profile: Profile) -> Span:
    end = span.end
    while end > span.start and (
        span.doc[end - 1].lower_ in profile.lexicons.conjunctions or span.doc[end - 1].is_punct
    ):
        end -= 1
    return span.doc[span.start : end]


def label_content(doc: Doc, start: int, stop: int, profile: Profile, settings: RuleSettings) -> str:
    """What follows a category label: `items` (`A; B; C`, `A, B and C`, `1. A 2.B`), a `gloss` (`the obstacles
    that…`, `Barriers to innovation that require…`), or `none`."""
    status = next((s.start for s in cues(doc, "status_cues") if start < s.start < stop), None)
    if status is not None:  # `Hurdle: Budget Cliffs *(returning)*`: the status note is not the item
        stop = trim(doc[start:status], profile).end
    body = doc[start:stop]
    if not any(t.is_alpha for t in body):
        return "none"
    if _numbered_cuts(doc, start, stop):
        return "items"
    items = split_items(doc, start, stop, profile)
    if len(items) >= 2 and all(is_title_case(i, profile, settings) for i in items):
        return "items"
    if _plain_items(items, profile, settings):
        return "items"
    first = body[0]
    if first.is_lower or first.lower_ in profile.lexicons.function_words:
        return "gloss"
    if len(items) >= 2 and any(t.text == ";" for t in body):
        return "items"
    single = trim(body, profile)
    if is_title_case(single, profile, settings) and not has_verb(single, profile):
        return "items"
    return "gloss"


def _plain_items(items: list[Span], profile: Profile, settings: RuleSettings) -> bool:
    """`funding cliffs and budget uncertainty, legacy systems, zero trust security`: lower-case items are a list,
    not a gloss, when there are several, each is short, none opens with a determiner or a gloss noun and none
    holds a relative word or a clause verb (a gloss says `the barriers that slow…`)."""
    lex = profile.lexicons
    if len(items) < settings.min_plain_items:
        return False
    for item in items:
        if not len(item) or len(item) > settings.max_clause_item_tokens:
            return False
        if any(t.text in DASHES or t.text == ":" for t in item):
            return False  # `Learner Voice — students co-designing projects, schedules and …`: a description
        head = item[0].lower_
        if head in lex.determiners or head in profile.category_nouns or head in lex.definition_nouns:
            return False
        compound = {t.i for t in item if t.i > 0 and t.doc[t.i - 1].text == "-" and not t.doc[t.i - 1].whitespace_}
        if any(t.lower_ in lex.relative_words or (t.lower_ in lex.clause_verbs and t.i not in compound) for t in item):
            return False  # `student-led inquiry` is no clause
    return True


def _best_conjunction(doc: Doc, chunks: list[Span], conj: list[int], profile: Profile) -> int | None:
    """Which `and` in `b and c` (or `Privacy and Safety Tools and Learner Agency`) splits two items.

    A gerund list splits before the next gerund (`…, keeping up and working toward…`). Otherwise every
    split is scored: the two parts should be about as long as the other items, the right part should start
    the way they start (capitalized or not), the left part should not end in a bare gerund (`Attracting`)
    nor hold conjunctions of its own, and `&` is a worse separator than `and`."""
    heads = [h for h in (trim(c, profile) for c in chunks[:-1]) if len(h)]
    if heads and all(h[0].lower_.endswith("ing") for h in heads):
        for i in conj:
            if i + 1 < len(doc) and doc[i + 1].lower_.endswith("ing"):
                return i
    last = chunks[-1]
    average = sum(len(h) for h in heads) / len(heads) if heads else None
    capital = bool(heads) and all(h[0].text[:1].isupper() for h in heads)
    best: tuple[float, int] | None = None
    for i in conj:
        left, right = doc[last.start : i], doc[i + 1 : last.end]
        if not len(left) or not len(right) or (right[0].is_punct and right[0].text not in QUOTE_CHARS):
            continue  # (`"A" and "B"`: a quoted item may open with its mark)
        score = 0.0
        if average is not None:
            score += abs(len(left) - average) + abs(len(right) - average)
        else:  # `Climate and sustainability education and interdisciplinary problem solving`: two of a size
            score += abs(len(left) - len(right)) / 2
        score += 0.5 * sum(t.lower_ in profile.lexicons.conjunctions for t in left)
        score += 0.5 if doc[i].text == SYMBOL_CONJUNCTION else 0.0
        score += 2.0 if left[-1].lower_.endswith("ing") else 0.0
        score += 2.0 if capital and not right[0].text[:1].isupper() else 0.0
        if best is None or score < best[0]:
            best = (score, i)
    return best[1] if best else None


def title_case_run(doc: Doc, start: int, end: int, profile: Profile, settings: RuleSettings) -> list[Span]:
    """Title-case items listed in running text, whatever surrounds them: `For 2026, A & B, C Are Key, and D > E
    were all areas of interest` → [A & B, C Are Key, D > E]. The run ends with `and X`; before it, whole
    comma chunks that are title case, and the title-case tail of the chunk before them."""
    lex = profile.lexicons
    chunks: list[Span] = []
    cursor = start
    for token in doc[start:end]:
        if token.text == ",":
            chunks.append(doc[cursor : token.i])
            cursor = token.i + 1
    chunks.append(doc[cursor:end])
    if len(chunks) < 2:
        return []
    last = chunks[-1]
    if len(last) and last[0].lower_ not in lex.conjunctions:  # "A, B and C were…": no serial comma
        conj = next((t.i for t in last if t.lower_ in lex.conjunctions and t.i > last.start), None)
        if conj is not None and is_title_case(doc[last.start : conj], profile, settings):
            chunks[-1:] = [doc[last.start : conj], doc[conj:end]]
    final = chunks[-1]
    if not len(final) or final[0].lower_ not in lex.conjunctions:
        return []
    tail = _title_prefix(final[1:], profile, settings)
    if tail is None:
        return []
    items = [tail]
    k = len(chunks) - 2
    while k >= 0 and is_title_case(chunks[k], profile, settings):
        items.insert(0, chunks[k])
        k -= 1
    if k >= 0:
        head = _title_suffix(chunks[k], profile, settings)
        if head is not None and head.start > chunks[k].start:  # "…are Funding": the item follows a verb
            items.insert(0, head)
    return items if len(items) >= 3 else []


def title_case_phrases(doc: Doc, profile: Profile, settings: RuleSettings) -> list[Span]:
    """Title-case names in running prose, outside quotation marks: runs of capitalized words that may hold
    small words, `&` and hyphens, with at least two capitalized content words besides a sentence's first word
    (`Human Skills in an Automated World took the top spot` → `Human Skills in an Automated World`)."""
    lex = profile.lexicons
    small = lex.title_small_words
    quoted = _quoted_tokens(doc)
    phrases: list[Span] = []
    i = 0
    openers = lex.function_words | lex.determiners | lex.pronouns | small
    previous_end = -1  # where the last title-case run ended
    while i < len(doc):
        t = doc[i]
        if i in quoted or not (t.is_alpha and t.text[:1].isupper()) or t.lower_ in openers:
            i += 1
            continue
        j = i + 1
        while j < len(doc) and j not in quoted:
            u = doc[j]
            joined = not doc[j - 1].whitespace_ and (u.text in ("-", "–") or doc[j - 1].text in ("-", "–"))
            if (
                (u.is_alpha and u.text[:1].isupper())
                or u.text == "&"
                or joined
                or (u.like_num and u.text[:1].isdigit())
            ):
                j += 1
                continue
            k = j
            while k < len(doc) and doc[k].lower_ in small and doc[k].text.islower():
                k += 1
            bridge = doc[j:k]
            lone_conjunction = len(bridge) == 1 or not any(w.lower_ in lex.conjunctions for w in bridge)
            capital_next = k < len(doc) and k not in quoted and doc[k].is_alpha and doc[k].text[:1].isupper()
            if k > j and capital_next and lone_conjunction:  # `Skills in an Automated`, not `Technologies and by…`
                j = k
                continue
            break
        while j > i and (doc[j - 1].lower_ in small or doc[j - 1].text in ("&", "-", "–")):
            j -= 1
        while (
            j + 2 < len(doc)
            and doc[j].text == ","
            and doc[j + 1].text[:1].isupper()
            and doc[j + 1].lower_ in lex.title_continuations
        ):  # `Access Is the Floor, Not the Ceiling`
            k = j + 2
            while k < len(doc) and (doc[k].text[:1].isupper() or (doc[k].lower_ in small and doc[k].text.islower())):
                k += 1
            while k > j + 2 and doc[k - 1].lower_ in small:
                k -= 1
            j = k
        parts = [doc[i:j]]
        conj = next((u.i for u in reversed(doc[i:j]) if u.lower_ in lex.conjunctions and u.text != "&"), None)
        if conj is not None and i > 0 and doc[i - 1].text == "," and (conj == i + 1 or previous_end == i - 1):
            # `A, Anytime and Student Wellness`, `A, B C and D E`: the last two items of a list; a title after
            # `, a newcomer,` keeps its `and` (`Cognitive Offloading and Over-Reliance on AI`)
            parts = [doc[i:conj], doc[conj + 1 : j]]
        previous_end = j
        for span in parts:
            capitals = [w for w in span if w.is_alpha and w.text[:1].isupper() and w.lower_ not in small]
            sentence_first = span[0].is_sent_start or span.start == 0 if len(span) else False
            needed = settings.min_title_case_words + (1 if sentence_first else 0)
            if len(capitals) >= needed and len(span) <= settings.max_prose_title_tokens + 4:
                phrases.append(span)
        i = max(j, i + 1)
    return phrases


def quotations(tokens: Span | Doc) -> list[tuple[int, int]]:
    """(opening mark, closing mark) token indexes of the quotations in `tokens`: curly pairs, or straight
    quotes taken in pairs. A whole doc's are found once and kept with it (rules ask once per list they read)."""
    if isinstance(tokens, Doc):
        return _memo(tokens, "quotations", lambda: _quotations(tokens))
    return _quotations(tokens)


def _memo(doc: Doc, name: str, compute: Callable[[], T]) -> T:
    """`compute()` once per doc: what a rule reads from the whole doc for each of its matches."""
    key = ("extract.grammar", name)
    if key not in doc.user_data:
        doc.user_data[key] = compute()
    return doc.user_data[key]


def _quotations(tokens: Span | Doc) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    opened: int | None = None
    for t in tokens:
        if t.text in ("“", '"') and opened is None:
            opened = t.i
        elif t.text in ("”", '"') and opened is not None:
            found.append((opened, t.i))
            opened = None
    return found


def _quoted_tokens(doc: Doc) -> set[int]:
    """Indexes of tokens inside quotation marks, the marks included."""
    return {i for a, b in quotations(doc) for i in range(a, b + 1)}


def _title_prefix(tokens: Span, profile: Profile, settings: RuleSettings) -> Span | None:
    """The longest title-case run at the start of `tokens` (`Cultural Change were all…` → `Cultural Change`)."""
    for end in range(min(len(tokens), settings.max_prose_title_tokens), 0, -1):
        if is_title_case(tokens[:end], profile, settings):
            return tokens[:end]
    return None


def _title_suffix(tokens: Span, profile: Profile, settings: RuleSettings) -> Span | None:
    """The longest title-case run at the end of `tokens` (`The 2027 hurdles are Funding` → `Funding`)."""
    for start in range(max(0, len(tokens) - settings.max_prose_title_tokens), len(tokens)):
        if is_title_case(tokens[start:], profile, settings):
            return tokens[start:]
    return None
