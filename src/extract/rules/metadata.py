"""Article metadata written in the text itself: by-lines and publication dates."""

from __future__ import annotations

import datetime as dt
import re

from extract.document import ParsedDocument

# "February 4, 2026" or "Feb. 4, 2026": located here, read by strptime (which knows the month names).
_DATE = re.compile(r"\b(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2}),\s+(?P<year>20\d\d)\b")
_DATE_FORMATS = ("%B %d %Y", "%b %d %Y")
_PUBLISHED = re.compile(r"\b(?:published|posted|updated)(?:\s+on)?\s*:?\s*", re.I)
_AUTHOR = re.compile(r"^(?:author|by|written by)\s*:?\s+(?P<name>[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){0,3})", re.I)


def _iso(m: re.Match[str]) -> str | None:
    text = f"{m['month']} {m['day']} {m['year']}"
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def find_published(doc: ParsedDocument) -> str | None:
    """A date after "Published on", else None (dates in running text are usually about something else)."""
    for seg in doc.body:
        cue = _PUBLISHED.search(seg.text)
        if cue:
            m = _DATE.search(seg.text, cue.end())
            if m and m.start() - cue.end() < 5:
                return _iso(m)
    return None


def find_author(doc: ParsedDocument) -> str | None:
    for seg in doc.body:
        m = _AUTHOR.match(seg.text)
        if m:
            return m["name"].strip()
    return None
