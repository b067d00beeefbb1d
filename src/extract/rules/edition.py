"""Edition year: the report year a document is about, by votes from its title, headings, text and file name;
the publication date only as a last resort (plus one when the text speaks of "the coming year").

Each edition cue rule votes with its confidence, weighted by where it stands: the title (and the file name)
count more than headings, headings more than running text. A date in the file name votes for its year (the
next one from October) as much as one cue in the text. `for 2031` / `in 2031` counts only in a
sentence about the report's lists (a category, a ranking word or a document noun in it).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from pathlib import PurePosixPath

from spacy.tokens import Span

from extract.profile import Profile
from extract.rules.base import SegmentDoc
from extract.rules.grammar import anchors, cues

_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_DATED = re.compile(r"[-_.](0[1-9]|1[0-2])(?:[-_.](0[1-9]|[12]\d|3[01]))?(?!\d)")  # a month (and day) after a year
WEIGHTS = {"title": 3.0, "file": 2.0, "heading": 2.0, "text": 1.0}  # where a cue stands: how much it counts
DATE_WEIGHT = 1.0  # a date in the file name votes for its year (the next from October): as much as one cue in the text
LATE_MONTHS = ("10", "11", "12")  # an announcement dated in these months names the coming year's topics


def _year(span: Span) -> int | None:
    m = _YEAR.search(span.text)
    return int(m.group(1)) if m else None


def _about_the_lists(span: Span, profile: Profile) -> bool:
    sent = span.sent
    lex = profile.lexicons
    if any(sent.start <= s.start < sent.end for s in anchors(span.doc)):
        return True
    return any(t.lower_ in lex.rank_words or t.lower_ in lex.document_nouns or t.lower_ == "topics" for t in sent)


def _vote(spans: Sequence[Span], weight: float, profile: Profile, votes: Counter[int]) -> None:
    for span in spans:
        year = _year(span)
        if year is None:
            continue
        if span.label_ == "edition_for_year" and not _about_the_lists(span, profile):
            continue
        votes[year] += weight * profile.rule(span.id_).confidence


def _file_years(source_path: str | None) -> list[tuple[int, str | None]]:
    """Each year in a file's name with the month after it when it is a date (`bulletin-2027-12.html`: a date,
    `2031_Driving-K12-Innovation-Report.pdf`: a year alone)."""
    name = PurePosixPath(source_path).name if source_path else ""
    out: list[tuple[int, str | None]] = []
    for m in _YEAR.finditer(name):
        dated = _DATED.match(name, m.end())
        out.append((int(m.group(1)), dated.group(1) if dated else None))
    return out


def detect_edition(
    segments: list[SegmentDoc],
    title_spans: list[Span] | None,
    published: str | None,
    profile: Profile,
    source_path: str | None = None,
) -> int | None:
    votes: Counter[int] = Counter()
    if title_spans:
        _vote(title_spans, WEIGHTS["title"], profile, votes)
    in_name = _file_years(source_path)
    for year, month in in_name:
        if month is None:
            votes[year] += WEIGHTS["file"]
        else:  # `oped-2036-03-04`: the date the piece ran, which names its edition only weakly
            votes[year + 1 if month in LATE_MONTHS else year] += DATE_WEIGHT
    for sd in segments:
        weight = WEIGHTS["heading"] if sd.segment.kind == "heading" else WEIGHTS["text"]
        _vote(cues(sd.doc, "edition_cues"), weight, profile, votes)
    if votes:
        return max(votes.items(), key=lambda kv: (kv[1], kv[0]))[0]
    # `digest-2031-03-19.txt`: the name's date is the last resort too
    published = published or next((f"{year}-{month}" for year, month in in_name if month is not None), None)
    if published and _YEAR.match(published):
        year = int(published[:4])
        text = " ".join(sd.segment.text.lower() for sd in segments)
        ahead = any(phrase in text for phrase in profile.lexicons.next_year_phrases)
        return year + 1 if ahead and published[5:7] in LATE_MONTHS else year
    return None
