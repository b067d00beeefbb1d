"""Topics: category sections (headings, list intros, cue phrases, prose) and the topics listed under them.

A scan over the body segments in reading order keeps one open `Section`. Headings, list intros and
status cues ("New to the Hurdles list…") are strong evidence and become topics at once. Prose sections
("…several forces are pushing districts forward.") only *suggest* that the next paragraphs each open
with a topic ("Leadership development emerges as…"), so those candidates are buffered and, when the
section closes, only as many are kept as the section has room for after its cue topics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from extract.profile import Profile
from extract.rules.base import SegmentDoc, TopicHit, norm_key

MAX_TITLE_WORDS = 12
MAX_PROSE_TITLE_TOKENS = 8
MAX_SUBJECT_TOKENS = 6
MIN_ENUMERATION_ITEMS = 3
_NUMBER = re.compile(r"^(\d{1,2})[.)]?$")
_NUMBERED_TITLE = re.compile(r"^(\d{1,2})[.):]\s+(?=\S)")
_TERMINAL = (".", "!", "?", "…")
_COPULA = frozenset({"is", "are", "was", "were"})
_INTRO_WORDS = frozenset({"in", "after", "for", "since", "this", "again", "once", "at", "with", "from"})
_TITLE_STOP = frozenset({",", ";", ":", ".", "—", "–", "(", "which", "that", "who", "as", "while", "because"})
# Lower-case words a title-case item may contain ("Trust as Non-negotiables", "Equity & Access").
_TITLE_SMALL = frozenset({"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "vs", "with"})
_TITLE_SYMBOLS = frozenset({"&", ">", "<", "+", "/", "-", "–", "’", "'"})
_CONJUNCTIONS = frozenset({"and", "or", "&"})
_LISTING_VERBS = frozenset({"include", "includes", "included", "are", "were", ":"})


@dataclass(slots=True)
class Section:
    category: str
    level: int | None  # heading level of the category heading; None for a list intro or a cue
    from_heading: bool
    rank: int = 0
    topic_level: int | None = None
    prose: bool = False  # paragraphs may open with a topic as their subject
    limit: int = 0  # how many topics a prose section holds
    members: list[TopicHit] = field(default_factory=list)  # topics taken on strong evidence
    candidates: list[TopicHit] = field(default_factory=list)  # prose subjects, kept on close if room


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
    title = _trim(doc[i:j])
    return title if len(title) else None


def _trim(span: Span) -> Span:
    """Drop a leading article and trailing punctuation: `the digital equity gap —` → `digital equity gap`."""
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and span.doc[end - 1].is_punct:
        end -= 1
    return span.doc[start:end]


def _subject_before(doc: Doc, cue: Span, profile: Profile) -> Span | None:
    sent = doc[cue.start].sent
    j = cue.start
    while j > sent.start and doc[j - 1].lower_ in ("is", "are", "was", "were", "be"):
        j -= 1
    if j == sent.start:
        return None
    subject = _trim(doc[sent.start : j])
    if not len(subject) or subject[0].lower_ in profile.lexicon.pronouns or len(subject) > MAX_PROSE_TITLE_TOKENS:
        return None
    return subject


def prose_subject(doc: Doc, profile: Profile) -> Span | None:
    """The short noun phrase that opens a paragraph as its subject: `Learner agency continues to…`.

    Only a capitalized phrase of content words directly followed by a clause verb qualifies; generic
    actors ("Students are…", "The report argues…") and openers ("From ransomware to…") do not.
    """
    if not len(doc):
        return None
    lex = profile.lexicon
    verbs = frozenset(lex.clause_verbs)
    first = doc[0]
    if not first.is_alpha or not first.text[0].isupper() or first.lower_ in lex.function_words:
        return None
    if first.lower_ in lex.pronouns:
        return None
    j = 0
    while j < len(doc) and j < MAX_SUBJECT_TOKENS and doc[j].lower_ not in verbs:
        if (doc[j].is_punct and doc[j].text not in _TITLE_SYMBOLS) or doc[j].is_sent_end:
            return None
        j += 1
    if j == 0 or j >= len(doc) or doc[j].lower_ not in verbs:
        return None
    subject = doc[0:j]
    if any(t.lower_ in lex.actor_words for t in subject):
        return None
    cue_starts = [s.start for key in ("section_cues", "categories", "status_cues") for s in doc.spans[key]]
    if any(start < j for start in cue_starts):
        return None
    return subject


def _section_cue(doc: Doc) -> Span | None:
    """A prose section opener in the paragraph's first sentence ("Three technology categories stand out")."""
    first_sent = next(iter(doc.sents), None)
    if first_sent is None:
        return None
    cues = sorted((s for s in doc.spans["section_cues"] if s.end <= first_sent.end), key=lambda s: (s.start, -len(s)))
    if not cues:
        return None
    named = {s.label_ for s in doc.spans["categories"] if s.end <= first_sent.end}
    # "…selects the top Hurdles, Accelerators and Tech Enablers" introduces the report, not one section.
    return cues[0] if named <= {cues[0].label_} else None


def _cue_limit(cue: Span, profile: Profile) -> int:
    for token in cue:
        if token.lower_ in profile.lexicon.number_words:
            return profile.lexicon.number_words[token.lower_]
        if token.like_num and token.text.isdigit() and 1 <= int(token.text) <= 20:
            return int(token.text)
    return profile.topics_per_category


def _is_title_case(tokens: Span) -> bool:
    """`Ethical Framework & Trust as Non-negotiables`: capitalized words, small words and symbols only."""
    if not len(tokens) or not tokens[0].text[:1].isupper() or tokens[0].lower_ in _TITLE_SMALL:
        return False
    if not any(t.is_alpha for t in tokens):
        return False
    for k, token in enumerate(tokens):
        text = token.text
        if text[:1].isupper() or text in _TITLE_SYMBOLS or token.like_num:
            continue
        after_hyphen = k > 0 and tokens[k - 1].text in ("-", "–") and not tokens[k - 1].whitespace_
        following = next((t for t in tokens[k + 1 :] if t.lower_ not in _TITLE_SMALL), None)
        followed_by_capital = following is not None and following.text[:1].isupper()
        if after_hyphen or (text.lower() in _TITLE_SMALL and followed_by_capital):
            continue
        return False
    return len(tokens) <= MAX_PROSE_TITLE_TOKENS


def _title_prefix(tokens: Span) -> Span | None:
    """The longest title-case run at the start of `tokens` (`Cultural Change were all…` → `Cultural Change`)."""
    for end in range(min(len(tokens), MAX_PROSE_TITLE_TOKENS), 0, -1):
        if _is_title_case(tokens[:end]):
            return tokens[:end]
    return None


def _title_suffix(tokens: Span) -> Span | None:
    """The longest title-case run at the end of `tokens` (`The 2027 hurdles are Funding` → `Funding`)."""
    for start in range(max(0, len(tokens) - MAX_PROSE_TITLE_TOKENS), len(tokens)):
        if _is_title_case(tokens[start:]):
            return tokens[start:]
    return None


def enumeration(sent: Span) -> list[Span]:
    """Title-case items listed in running text: `For 2026, A & B, C Are Key, and D > E were all…`."""
    chunks: list[Span] = []
    start = sent.start
    doc = sent.doc
    for token in sent:
        if token.text == ",":
            chunks.append(doc[start : token.i])
            start = token.i + 1
    chunks.append(doc[start : sent.end])
    if len(chunks) < MIN_ENUMERATION_ITEMS - 1:
        return []
    # "A, B and C were…": the last pair without a serial comma shares one chunk.
    last = chunks[-1]
    if len(last) and last[0].lower_ not in _CONJUNCTIONS:
        conj = next((t.i for t in last if t.lower_ in _CONJUNCTIONS and t.i > last.start), None)
        if conj is not None and _is_title_case(doc[last.start : conj]):
            chunks[-1:] = [doc[last.start : conj], doc[conj : last.end]]
    final = chunks[-1]
    if not len(final) or final[0].lower_ not in _CONJUNCTIONS:
        return []
    tail = _title_prefix(final[1:])
    if tail is None:
        return []
    items = [tail]
    k = len(chunks) - 2
    while k >= 0 and _is_title_case(chunks[k]):
        items.insert(0, chunks[k])
        k -= 1
    if k >= 0:
        head = _title_suffix(chunks[k])
        if head is not None and head.start > chunks[k].start:  # "…are Funding": the item follows a verb
            items.insert(0, head)
    return items if len(items) >= MIN_ENUMERATION_ITEMS else []


def _split_title(text: str) -> tuple[str, str, str]:
    """`Title: description` or `Title — description`; the separator is empty when there is none."""
    for sep in (":", " — ", " – ", " -- "):
        title, found, rest = text.partition(sep)
        if found:
            return title, found, rest
    return text, "", ""


def _labelled_category(sd: SegmentDoc) -> tuple[str, int] | None:
    """`Bridges: This section looks at…` — a segment labelled with one category; returns it and the body start."""
    doc = sd.doc
    for span in doc.spans["categories"]:
        if span.start <= 1 and span.end < len(doc) and doc[span.end].text == ":":
            return span.label_, span.end + 1
    return None


class _Scanner:
    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.hits: list[TopicHit] = []
        self.section: Section | None = None
        self.last_topic: TopicHit | None = None
        self.in_list = False

    def add(self, category: str, span: tuple[int, int], title: str, rule: str, conf: float, **kw: object) -> TopicHit:
        hit = TopicHit(category, title, [span], rule, conf, **kw)  # type: ignore[arg-type]
        self.hits.append(hit)
        if self.section is not None and self.section.prose:
            self.section.members.append(hit)
        self.last_topic = hit
        return hit

    def open(self, section: Section | None) -> None:
        self.close()
        self.section = section

    def close(self) -> None:
        """Keep as many buffered prose subjects as the section has room for, in reading order."""
        section = self.section
        if section is None or not section.prose:
            return
        room = max(0, section.limit - len(section.members))
        kept = section.candidates[:room]
        self.hits.extend(kept)
        ordered = sorted([*section.members, *kept], key=lambda h: h.spans[0][0])
        for rank, hit in enumerate(ordered, start=1):
            hit.rank = hit.rank or rank
        section.candidates = []

    def scan(self, segments: list[SegmentDoc]) -> list[TopicHit]:
        for index, sd in enumerate(segments):
            nxt = segments[index + 1].segment if index + 1 < len(segments) else None
            if sd.segment.kind == "heading":
                self.heading(sd, nxt)
            else:
                self.block(sd)
        self.close()
        return _merge(sorted(self.hits, key=lambda h: h.spans[0][0]))

    def heading(self, sd: SegmentDoc, nxt: object) -> None:
        seg, doc = sd.segment, sd.doc
        self.in_list = False
        cat = category_heading(sd)
        if cat is not None:
            self.open(Section(cat, seg.level, True))
            return
        section = self.section
        if section is None or not section.from_heading:
            self.open(None)
            return
        level = seg.level or 0
        if section.topic_level is None:
            if section.level is not None and level < section.level:
                self.open(None)
                return
            section.topic_level = level
        if level < section.topic_level:
            self.open(None)
            return
        if level > section.topic_level:
            return  # a sub-heading inside a topic
        section.rank += 1
        following = getattr(nxt, "kind", None) == "paragraph"
        numbered = _NUMBERED_TITLE.match(seg.text)  # "1. Attracting …" where the source kept the number
        start = numbered.end() if numbered else 0
        self.add(
            section.category,
            sd.span(start, len(doc.text)),
            seg.text[start:],
            "topic.heading",
            0.9,
            rank=_rank(seg.marker) or (int(numbered.group(1)) if numbered else section.rank),
            description=getattr(nxt, "text", None) if following else None,
        )

    def block(self, sd: SegmentDoc) -> None:
        intro = _intro_category(sd)
        if intro is not None:
            self.open(Section(intro, None, False))
            self.in_list = True
            return
        if self.labelled(sd):
            return
        section = self.section
        if section is not None and not section.prose and self.listed(sd):
            self.status_of_listed(sd)
            return
        if self.status(sd):
            return
        cue = _section_cue(sd.doc) if sd.segment.kind == "paragraph" else None
        section = self.section
        continues = section is not None and section.prose and cue is not None and section.category == cue.label_
        if cue is not None and not continues:
            self.open(Section(cue.label_, None, False, prose=True, limit=_cue_limit(cue, self.profile)))
        section = self.section
        if section is not None and section.prose and sd.segment.kind == "paragraph":
            self.prose(sd, cue)

    def status_of_listed(self, sd: SegmentDoc) -> None:
        """`Critical Media Literacy — new this year, as…`: a status cue inside a listed topic's own line."""
        cues = sorted(sd.doc.spans["status_cues"], key=lambda s: (s.start, -len(s)))
        topic = self.last_topic
        if cues and topic is not None and topic.status is None:
            topic.status = cues[0].label_
            topic.extra_spans.append(sd.token_span(cues[0]))

    def labelled(self, sd: SegmentDoc) -> bool:
        """Topics enumerated in running text: after a category label (`Bridges: … For 2026, A, B, and C were…`)
        or in a sentence naming one category (`The 2027 Accelerators are A, B, and C.`)."""
        doc = sd.doc
        found = _labelled_category(sd)
        runs: list[tuple[str, list[Span], str]] = []
        for sent in doc.sents:
            if found is not None and sent.end > found[1]:
                category, after = found
            else:
                named = [s for s in doc.spans["categories"] if sent.start <= s.start < sent.end]
                if len({s.label_ for s in named}) != 1:
                    continue
                category, after = named[0].label_, named[-1].end
            items = [i for i in enumeration(sent) if i.start >= after]
            rule = "topic.enumeration"
            if len(items) < MIN_ENUMERATION_ITEMS and found is None:
                items, rule = self._ranked_list(sent, named[0]), "topic.enumeration_ranked"
            if len(items) >= MIN_ENUMERATION_ITEMS and not any(
                self.profile.category_terms.get(i.text.lower()) for i in items
            ):
                runs.append((category, items, rule))
        if not runs:
            return False
        for category, items, rule in runs:
            self.open(Section(category, None, False))
            for rank, item in enumerate(items, start=1):
                confidence = 0.7 if rule == "topic.enumeration" else 0.6
                self.add(category, sd.token_span(item), item.text, rule, confidence, rank=rank)
        self.open(None)
        return True

    def _ranked_list(self, sent: Span, category: Span) -> list[Span]:
        """`The top three hurdles for 2024 include attracting and retaining educators, ensuring …, and …`:
        lower-case items, so only after a ranked category phrase (top, a count, a year) and a listing verb."""
        doc, lex = sent.doc, self.profile.lexicon
        before = {t.lower_ for t in doc[max(sent.start, category.start - 3) : category.start]}
        ranked = bool(before & ({"top"} | set(lex.number_words))) or any(
            t.like_num for t in doc[max(sent.start, category.start - 3) : category.start]
        )
        window = doc[category.end : min(sent.end, category.end + 5)]
        verb = next((t.i for t in window if t.lower_ in _LISTING_VERBS), None)
        if not ranked or verb is None:
            return []
        start, end = verb + 1, sent.end
        if start < end and doc[start].text == ":":
            start += 1
        while end > start and doc[end - 1].is_punct:
            end -= 1
        items: list[Span] = []
        cursor = start
        for token in doc[start:end]:
            if token.text in (",", ";"):
                items.append(doc[cursor : token.i])
                cursor = token.i + 1
        items.append(doc[cursor:end])
        items = [i[1:] if len(i) and i[0].lower_ in _CONJUNCTIONS else i for i in items]
        verbs = frozenset(lex.clause_verbs)
        if any(not 1 <= len(i) <= MAX_PROSE_TITLE_TOKENS or any(t.lower_ in verbs for t in i) for i in items):
            return []
        return items

    def status(self, sd: SegmentDoc) -> bool:
        """`New to the Hurdles list in 2026, critical media literacy…` — a topic with its status."""
        doc, section = sd.doc, self.section
        status_cues = sorted(doc.spans["status_cues"], key=lambda s: (s.start, -len(s)))
        if not status_cues:
            return False
        cue = status_cues[0]
        cats_in_cue = [s.label_ for s in doc.spans["categories"] if cue.start <= s.start < cue.end]
        category = cats_in_cue[0] if cats_in_cue else (section.category if section else None)
        subject = _subject_before(doc, cue, self.profile)
        title = (
            subject
            if subject is not None
            else (_title_after(doc, cue.end, self.profile) if cue.start == doc[cue.start].sent.start else None)
        )
        last = self.last_topic
        if title is None and last is not None and section is not None and last.status is None:
            last.status = cue.label_
            last.extra_spans.append(sd.token_span(cue))
            return True
        if title is None or category is None:
            return False
        if section is None or section.category != category:
            self.open(Section(category, None, False, prose=True, limit=self.profile.topics_per_category))
        self.add(
            category,
            sd.token_span(title),
            title.text,
            f"topic.prose.{cue.id_}",
            0.7,
            status=cue.label_,
            description=sd.segment.text,
        )
        return True

    def listed(self, sd: SegmentDoc) -> bool:
        """List items and `Title: description` lines under a category heading or list intro."""
        seg, section = sd.segment, self.section
        assert section is not None
        text = seg.text
        title, sep, rest = _split_title(text)
        in_list_context = section.from_heading or self.in_list
        is_item = seg.kind == "list_item" or (self.in_list and _looks_like_item(text))
        colon_line = seg.kind == "list_item" or (in_list_context and self._title_like(title))
        if colon_line and sep and 1 <= len(title.split()) <= MAX_TITLE_WORDS and rest.strip():
            section.rank += 1
            self.add(
                section.category,
                sd.span(0, len(title)),
                title.strip(),
                "topic.list_item_colon",
                0.85,
                rank=_rank(seg.marker) or section.rank,
                description=rest.strip(),
            )
            return True
        if is_item and _looks_like_item(text) and in_list_context:
            section.rank += 1
            self.add(
                section.category,
                sd.span(0, len(text)),
                text,
                "topic.list_item",
                0.75,
                rank=_rank(seg.marker) or section.rank,
            )
            return True
        self.in_list = False
        return False

    def _title_like(self, text: str) -> bool:
        """`Attracting and Retaining Educators` before a colon, not `The report stresses` or a sentence."""
        words = text.split()
        verbs = self.profile.lexicon.clause_verbs
        return (
            1 <= len(words) <= MAX_PROSE_TITLE_TOKENS
            and text[:1].isupper()
            and not text.endswith(_TERMINAL)
            and "," not in text
            and not any(w.lower() in verbs for w in words)
            and words[0].lower() not in self.profile.lexicon.function_words
        )

    def prose(self, sd: SegmentDoc, cue: Span | None) -> None:
        section = self.section
        assert section is not None
        subject = prose_subject(sd.doc, self.profile)
        if subject is None or (cue is not None and cue.start < subject.end):
            return
        section.candidates.append(
            TopicHit(
                section.category,
                subject.text,
                [sd.token_span(subject)],
                "topic.prose_subject",
                0.55,
                description=sd.segment.text,
            )
        )


def find_topics(segments: list[SegmentDoc], profile: Profile) -> list[TopicHit]:
    return _Scanner(profile).scan(segments)


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
