"""How names are compared and what categories are called: taken from the data, never a fixed list.

Pure. A category id (`tech_enabler`, or any id a profile defines) is labelled by the term of a definition
that names it ("Tech Enablers"), else by its id in words ("Tech Enabler"); categories are ordered as they
first appear in the records (the order the documents present them), then any the catalog adds.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from extract.review.load import Catalog, Record

_NOT_WORD = re.compile(r"[^\w]+")


def norm(name: str) -> str:
    """Case, accents' forms, `&` and punctuation folded away: 'Equity & Access' == 'equity and access'."""
    folded = unicodedata.normalize("NFKC", name).casefold().replace("&", " and ")
    return " ".join(_NOT_WORD.sub(" ", folded).replace("_", " ").split())


def slug(name: str) -> str:
    """An HTML id fragment for a name: 'Learner Agency' → 'learner-agency'."""
    return norm(name).replace(" ", "-") or "-"


def names_category(term: str, category: str) -> bool:
    """Whether a defined term is the name of a category: 'Tech Enablers' names `tech_enabler`."""
    word = norm(category)
    return norm(term) in {word, f"{word}s"}


def mentions(text: str, name: str) -> bool:
    """Whether `name` occurs in `text` as whole words, whatever their case and punctuation."""
    wanted = norm(name)
    return bool(wanted) and f" {wanted} " in f" {norm(text)} "


@dataclass(frozen=True)
class Category:
    id: str
    label: str


def _label(category: str, records: Iterable[Record]) -> str:
    terms = Counter(r.term for r in records if r.kind == "definition" and r.term and names_category(r.term, category))
    if terms:
        return sorted(terms.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return " ".join(w.capitalize() for w in category.replace("_", " ").replace("-", " ").split()) or category


def categories(records: Iterable[Record], catalog: Catalog | None) -> tuple[Category, ...]:
    records = list(records)
    seen = [r.category for r in records if r.kind == "topic" and r.category]
    if catalog is not None:
        extra = {c for item in catalog.items for c in (item.category, *(e.category for e in item.editions)) if c}
        seen += sorted(extra - set(seen))
    order = list(dict.fromkeys(seen))
    return tuple(Category(c, _label(c, records)) for c in order)
