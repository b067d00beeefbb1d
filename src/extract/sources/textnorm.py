"""Text normalization applied to each piece *before* it gets offsets, so offsets never shift afterwards.

Rules, in order:
1. Unicode NFC.
2. Typographic ligatures (ﬁ ﬂ ﬀ ﬃ ﬄ ﬅ ﬆ) expand to their letters.
3. Soft hyphens, zero-width characters, byte-order marks and pdfminer's `(cid:N)` placeholders for glyphs
   with no Unicode mapping are removed.
4. Every run of whitespace (including no-break and other Unicode spaces, tabs, newlines) becomes one
   ASCII space; leading and trailing whitespace is dropped.
Quotation marks, dashes and apostrophes are kept as they are: the rules read them.
"""

from __future__ import annotations

import re
import unicodedata

LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_LIGATURE_TABLE = str.maketrans(LIGATURES)
_SPACES = re.compile(r"\s+")
_UNMAPPED = re.compile(r"\(cid:\d+\)")  # a PDF glyph with no Unicode mapping: pdfminer's placeholder, not text


def normalize(text: str) -> str:
    """Normalize one piece of text (a line, a heading, a paragraph) by the module rules."""
    text = _UNMAPPED.sub("", unicodedata.normalize("NFC", text))
    text = text.translate(_LIGATURE_TABLE).translate(_INVISIBLE)
    return _SPACES.sub(" ", text).strip()
