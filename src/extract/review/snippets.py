"""A record's words inside the paragraph they were read from, by the character offsets of its provenance.

Pure. Paragraphs are what the pipeline joined with a blank line in `texts/<doc_id>.txt`; a paragraph
longer than the context allowed is clipped at word boundaries around the snippet.
"""

from __future__ import annotations

from dataclasses import dataclass

PARAGRAPH_BREAK = "\n\n"


@dataclass(frozen=True)
class Snippet:
    before: str
    match: str
    after: str
    clipped_before: bool  # the paragraph goes on before `before`
    clipped_after: bool  # ...and after `after`
    offsets_match: bool  # text[char_start:char_end] is the provenance text, as the contract promises


def _clip_left(segment: str, limit: int) -> tuple[str, bool]:
    if len(segment) <= limit:
        return segment, False
    cut = segment[-limit:]
    if segment[-limit - 1] == " ":  # the cut falls between two words
        return cut, True
    space = cut.find(" ")
    return (cut[space + 1 :] if 0 <= space < len(cut) - 1 else cut), True


def _clip_right(segment: str, limit: int) -> tuple[str, bool]:
    if len(segment) <= limit:
        return segment, False
    cut = segment[:limit]
    if segment[limit] == " ":  # the cut falls between two words
        return cut, True
    space = cut.rfind(" ")
    return (cut[:space] if space > 0 else cut), True


def snippet(text: str | None, start: int, end: int, expected: str, context: int) -> Snippet:
    """The paragraph around `text[start:end]`, split into before / match / after.

    When there is no text or the offsets do not point at `expected`, the snippet is `expected` alone with
    `offsets_match` False: the page says so rather than highlight the wrong words."""
    if text is None or not 0 <= start <= end <= len(text) or text[start:end] != expected:
        return Snippet("", expected, "", False, False, False)
    para_start = text.rfind(PARAGRAPH_BREAK, 0, start)
    para_start = 0 if para_start < 0 else para_start + len(PARAGRAPH_BREAK)
    para_end = text.find(PARAGRAPH_BREAK, end)
    para_end = len(text) if para_end < 0 else para_end
    before, clipped_before = _clip_left(text[para_start:start], context)
    after, clipped_after = _clip_right(text[end:para_end], context)
    return Snippet(before, text[start:end], after, clipped_before, clipped_after, True)
