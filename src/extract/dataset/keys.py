"""Canonical keys: what makes two titles the same topic and two names the same speaker. Pure, no imports
from the project, so the contract's models can use it too.

A topic key is the title with, in this order:

1. Unicode NFKC (ligatures, full-width forms);
2. a parenthetical acronym removed, e.g. "(GenAI)", "(AI)", "(Gen AI)": one to three words, each starting
   with a capital, with at least two capitals in all (`acronyms` returns it, kept as an alias). Any other
   parenthesis keeps its words: "Data Privacy (and Security)" → "data privacy and security";
3. case folded; `&` read as "and";
4. apostrophes dropped ("Learner's" → "learners"); every other character that is not a letter or digit,
   hyphens included, read as a space;
5. leading articles ("the", "a", "an") dropped, as long as a word is left;
6. words joined by single spaces.

"Learner Agency", "learner agency" and "The Learner-Agency" share the key `learner agency`;
"Analytical & Adaptive Technologies" and "Analytical and Adaptive Technologies" share
`analytical and adaptive technologies`; "Generative Artificial Intelligence (Gen AI)" is
`generative artificial intelligence`, with "Gen AI" as an alias.

A speaker key is the name case folded, apostrophes dropped and other punctuation read as spaces:
"Keith R. Krueger" → `keith r krueger`.
"""

from __future__ import annotations

import re
import unicodedata

LEADING_ARTICLES = frozenset({"the", "a", "an"})
ACRONYM_MAX_WORDS = 3
ACRONYM_MAX_CHARS = 12
ACRONYM_MIN_CAPITALS = 2
_PARENTHESIS = re.compile(r"\(([^()]*)\)")
_APOSTROPHES = re.compile(r"['’ʼ`]")


def _is_acronym(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= ACRONYM_MAX_WORDS
        and len(text.strip()) <= ACRONYM_MAX_CHARS
        and all(w[0].isupper() for w in words)
        and sum(c.isupper() for c in text) >= ACRONYM_MIN_CAPITALS
    )


def acronyms(title: str) -> list[str]:
    """The parenthetical acronyms of a title, as written: "Generative AI (GenAI)" → ["GenAI"]."""
    return [m.strip() for m in _PARENTHESIS.findall(unicodedata.normalize("NFKC", title)) if _is_acronym(m)]


def _words(text: str) -> list[str]:
    text = _APOSTROPHES.sub("", text.casefold().replace("&", " and "))
    return "".join(c if c.isalnum() else " " for c in text).split()


def topic_key(title: str) -> str:
    """The canonical key of a topic title (see the module's docstring for the steps)."""
    text = unicodedata.normalize("NFKC", title)
    text = _PARENTHESIS.sub(lambda m: " " if _is_acronym(m.group(1)) else f" {m.group(1)} ", text)
    words = _words(text)
    while len(words) > 1 and words[0] in LEADING_ARTICLES:
        words.pop(0)
    return " ".join(words) or title.strip().casefold()


def compact(key: str) -> str:
    """A key without its spaces: how an acronym-only title ("Gen AI", "GenAI") meets its spelled-out topic."""
    return key.replace(" ", "")


def speaker_key(name: str) -> str:
    """The canonical key of a speaker's name: "Keith R. Krueger" → "keith r krueger"."""
    return " ".join(_words(unicodedata.normalize("NFKC", name))) or name.strip().casefold()
