"""Edition year: from cue phrases in the title and text, then from the publication date."""

from __future__ import annotations

import re
from collections import Counter

from extract.rules.base import SegmentDoc

_YEAR = re.compile(r"\b(20\d\d)\b")


def _years(spans: list, weight: int, votes: Counter[int]) -> None:
    for span in spans:
        m = _YEAR.search(span.text)
        if m:
            votes[int(m.group(1))] += weight


def detect_edition(segments: list[SegmentDoc], title_doc_spans: list | None, published: str | None) -> int | None:
    """Most-cited report year; headings and the title count more than body text; else the publication year."""
    votes: Counter[int] = Counter()
    if title_doc_spans:
        _years(title_doc_spans, 3, votes)
    for sd in segments:
        _years(list(sd.doc.spans["edition_cues"]), 2 if sd.segment.kind == "heading" else 1, votes)
    if votes:
        best = max(votes.items(), key=lambda kv: (kv[1], kv[0]))
        return best[0]
    if published and _YEAR.match(published):
        return int(published[:4])
    return None
