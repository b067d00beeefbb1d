"""Which topics, definitions and quotes of one edition belong together, and why.

Pure. Each link says its reason, so that a steward can judge it:
- a definition whose term names a topic's category, or the topic itself;
- a quote that names a topic (its title, key or a catalog alias), or sits on the same PDF page as it;
- the same topic (one catalog key, or one title) read from another document.
Records of different editions, or with no edition, are never linked.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from extract.review.load import KINDS, Catalog, Record
from extract.review.names import mentions, names_category, norm

RecordKey = tuple[str, str]  # (kind, id)


@dataclass(frozen=True)
class Link:
    target: RecordKey
    reason: str  # from the point of view of the record that holds the link


def topic_keys(records: Iterable[Record], catalog: Catalog | None) -> dict[str, str]:
    """Topic record id → the key that says which topic it is: the catalog's, the record's, else its title."""
    by_record = (
        {rid: item.topic_key for item in catalog.items for e in item.editions for rid in e.record_ids}
        if (catalog)
        else {}
    )
    return {r.id: by_record.get(r.id) or r.topic_key or norm(r.title or "") for r in records if r.kind == "topic"}


def _names(topic: Record, key: str, catalog: Catalog | None) -> set[str]:
    names = {topic.title or "", key}
    if catalog is not None:
        names |= {a for item in catalog.items if item.topic_key == key for a in (item.title, *item.aliases)}
    return {n for n in names if norm(n)}


def _pages(record: Record) -> set[tuple[str, int]]:
    return {(s.doc_id, s.page) for s in record.spans if s.page is not None}


def related(records: Iterable[Record], catalog: Catalog | None = None) -> dict[RecordKey, tuple[Link, ...]]:
    records = list(records)
    keys = topic_keys(records, catalog)
    by_edition: dict[int, list[Record]] = defaultdict(list)
    for r in records:
        if r.edition is not None:
            by_edition[r.edition].append(r)
    links: dict[RecordKey, set[Link]] = defaultdict(set)

    def pair(a: Record, a_says: str, b: Record, b_says: str) -> None:
        links[a.key].add(Link(b.key, a_says))
        links[b.key].add(Link(a.key, b_says))

    for group in by_edition.values():
        topics = [r for r in group if r.kind == "topic"]
        definitions = [r for r in group if r.kind == "definition"]
        quotes = [r for r in group if r.kind == "quote"]
        for i, topic in enumerate(topics):
            names = _names(topic, keys[topic.id], catalog)
            for other in topics[i + 1 :]:
                if keys[other.id] == keys[topic.id] and other.doc_id != topic.doc_id:
                    pair(topic, "same topic, another document", other, "same topic, another document")
            for d in definitions:
                if topic.category and names_category(d.term or "", topic.category):
                    pair(topic, "defines its category", d, "a topic of the category it defines")
                elif any(norm(d.term or "") == norm(n) for n in names):
                    pair(topic, "defines it", d, "the topic it defines")
            for q in quotes:
                if any(mentions(q.text or "", n) for n in names):
                    pair(topic, "a quote that names it", q, "named in the quote")
                elif _pages(topic) & _pages(q):
                    pair(topic, "a quote on the same page", q, "a topic on the same page")
    order = {k: i for i, k in enumerate(KINDS)}
    return {
        key: tuple(sorted(found, key=lambda link: (order[link.target[0]], link.target[1], link.reason)))
        for key, found in links.items()
    }
