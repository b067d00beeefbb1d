"""The topic catalog: the same topic across documents and editions, with what each source said. Pure: a
function of the topic records and documents the store is about to write.

- One item per topic key (`extract.dataset.keys`); a title that is only an acronym ("GenAI") takes the key
  of the one topic that spells it out ("Generative AI (GenAI)"), when exactly one does.
- An item's title and category, and each edition's title, category and rank, come from the *preferred*
  record: a report PDF before an article, then the higher confidence, then the later edition, then the
  source path and id (so the choice never depends on the order records arrive in).
- What sources of one edition disagree on (rank, category, status; different topics named at the same
  category and rank) is listed under `conflicts`, never resolved silently.
- `changes`: per category, from each edition the dataset holds to the next, the topics that entered,
  stayed and dropped, and every document's "new"/"returning" claim that disagrees with that.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from extract.dataset.keys import acronyms, compact, topic_key
from extract.dataset.models import (
    Catalog,
    CatalogConflict,
    CatalogEdition,
    CatalogItem,
    CategoryChange,
    ClaimDisagreement,
    ConflictValue,
    Document,
    Topic,
)

PDF = "application/pdf"


def assign_topic_keys(topics: Sequence[Topic]) -> list[Topic]:
    """Each record with its catalog key: its normalized title, or, when the title is only an acronym that
    exactly one other topic spells out in parentheses, that topic's key."""
    spelled: dict[str, set[str]] = defaultdict(set)
    for t in topics:
        for acronym in acronyms(t.title):
            spelled[compact(topic_key(acronym))].add(topic_key(t.title))
    out = []
    for t in topics:
        key = topic_key(t.title)
        targets = spelled.get(compact(key), set()) - {key}
        if len(targets) == 1:
            key = next(iter(targets))
        out.append(t if t.topic_key == key else t.model_copy(update={"topic_key": key}))
    return out


class _Preference:
    """Orders records best first: report PDF, confidence, later edition, then path and id (deterministic)."""

    def __init__(self, documents: Iterable[Document]) -> None:
        self.docs = {d.doc_id: d for d in documents}

    def key(self, t: Topic) -> tuple[object, ...]:
        doc = self.docs.get(t.doc_id)
        is_pdf = doc is not None and doc.media_type == PDF
        return (not is_pdf, -t.confidence, -(t.edition or 0), doc.source_path if doc else "", t.id)

    def sort(self, topics: Iterable[Topic]) -> list[Topic]:
        return sorted(topics, key=self.key)


def _edition_order(edition: int | None) -> tuple[bool, int]:
    return edition is None, edition or 0


def _values(records: Iterable[Topic], field: str) -> list[ConflictValue]:
    said: dict[str, list[str]] = defaultdict(list)
    for r in records:
        value = getattr(r, field)
        if value is not None:
            said[str(value)].append(r.id)
    order = (lambda v: (0, int(v), v)) if field == "rank" else (lambda v: (0, 0, v))
    return [ConflictValue(value=v, record_ids=said[v]) for v in sorted(said, key=order)]


def _own_conflicts(edition: int | None, records: Sequence[Topic]) -> list[CatalogConflict]:
    """Fields on which one topic's records of one edition disagree (a missing value is no disagreement)."""
    out = []
    for field in ("rank", "category", "status"):
        values = _values(records, field)
        if len(values) > 1:
            out.append(CatalogConflict(edition=edition, field=field, values=values))  # type: ignore[arg-type]
    return out


def _place_conflicts(topics: Sequence[Topic], prefer: _Preference) -> dict[str, list[CatalogConflict]]:
    """Different topics named at one edition, category and rank: a title conflict on each of them."""
    places: dict[tuple[int | None, str, int], dict[str, list[Topic]]] = defaultdict(lambda: defaultdict(list))
    for t in topics:
        if t.rank is not None:
            places[(t.edition, t.category, t.rank)][t.topic_key].append(t)
    out: dict[str, list[CatalogConflict]] = defaultdict(list)
    for (edition, _, _), by_key in places.items():
        if len(by_key) < 2:
            continue
        values = sorted(
            (
                ConflictValue(value=prefer.sort(recs)[0].title, record_ids=[r.id for r in prefer.sort(recs)])
                for recs in by_key.values()
            ),
            key=lambda v: (v.value.casefold(), v.record_ids),
        )
        for key in by_key:
            out[key].append(CatalogConflict(edition=edition, field="title", values=values))
    return out


def _aliases(records: Iterable[Topic]) -> list[str]:
    names = {r.title for r in records} | {a for r in records for a in acronyms(r.title)}
    return sorted(names, key=lambda n: (n.casefold(), n))


def build_catalog(
    topics: Sequence[Topic], documents: Sequence[Document], category_order: Sequence[str] = ()
) -> Catalog:
    """The catalog of `topics` (already keyed by `assign_topic_keys`). Pure and deterministic."""
    prefer = _Preference(documents)
    by_key: dict[str, dict[int | None, list[Topic]]] = defaultdict(lambda: defaultdict(list))
    for t in topics:
        by_key[t.topic_key][t.edition].append(t)
    # Per edition each topic counts once, in its preferred record's category.
    placed: dict[str, dict[int | None, Topic]] = {
        key: {edition: prefer.sort(recs)[0] for edition, recs in editions.items()} for key, editions in by_key.items()
    }
    members: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))  # category → edition → keys
    for key, editions in placed.items():
        for edition, best in editions.items():
            if edition is not None:
                members[best.category][edition].add(key)
    place_conflicts = _place_conflicts(topics, prefer)

    items = []
    for key in sorted(by_key):
        editions = []
        conflicts: list[CatalogConflict] = []
        for edition in sorted(by_key[key], key=_edition_order):
            records = prefer.sort(by_key[key][edition])
            best = records[0]
            earlier = [e for e in members[best.category] if edition is not None and e < edition]
            if earlier:
                seen_before = any(key in members[best.category][e] for e in earlier)
                status, status_from = ("returning" if seen_before else "new"), "editions"
            else:
                claims = {r.status for r in records if r.status}
                status, status_from = (claims.pop(), "documents") if len(claims) == 1 else (None, None)
            editions.append(
                CatalogEdition(
                    edition=edition,
                    category=best.category,
                    rank=best.rank,
                    status=status,  # type: ignore[arg-type]
                    status_from=status_from,  # type: ignore[arg-type]
                    title=best.title,
                    record_ids=[r.id for r in records],
                    doc_ids=list(dict.fromkeys(r.doc_id for r in records)),
                )
            )
            conflicts += _own_conflicts(edition, records)
        conflicts += place_conflicts.get(key, [])
        conflicts.sort(key=lambda c: (_edition_order(c.edition), c.field, [v.value for v in c.values]))
        best = prefer.sort(r for recs in by_key[key].values() for r in recs)[0]
        all_records = [r for recs in by_key[key].values() for r in recs]
        items.append(
            CatalogItem(
                topic_key=key,
                title=best.title,
                category=best.category,
                aliases=_aliases(all_records),
                editions=editions,
                conflicts=conflicts,
            )
        )
    return Catalog(items=items, changes=_changes(members, placed, by_key, category_order))


def _observed(key: str, previous: set[str], earlier: Iterable[set[str]]) -> str:
    if key in previous:
        return "stayed"
    return "returned" if any(key in keys for keys in earlier) else "entered"


def _changes(
    members: dict[str, dict[int, set[str]]],
    placed: dict[str, dict[int | None, Topic]],
    by_key: dict[str, dict[int | None, list[Topic]]],
    category_order: Sequence[str],
) -> list[CategoryChange]:
    rank = {c: i for i, c in enumerate(category_order)}
    changes = []
    for category in sorted(members, key=lambda c: (rank.get(c, len(rank)), c)):
        editions = sorted(members[category])
        for i in range(1, len(editions)):
            edition, previous = editions[i], members[category][editions[i - 1]]
            current = members[category][edition]
            earlier = [members[category][e] for e in editions[:i]]
            disagreements = []
            for key in sorted(current):
                observed = _observed(key, previous, earlier)
                for record in sorted(by_key[key][edition], key=lambda r: r.id):
                    if record.status is None or record.category != placed[key][edition].category:
                        continue
                    if (record.status == "new") != (observed == "entered"):
                        disagreements.append(
                            ClaimDisagreement(
                                topic_key=key,
                                record_id=record.id,
                                claimed=record.status,
                                observed=observed,  # type: ignore[arg-type]
                            )
                        )
            changes.append(
                CategoryChange(
                    category=category,
                    edition=edition,
                    previous_edition=editions[i - 1],
                    entered=sorted(current - previous),
                    stayed=sorted(current & previous),
                    dropped=sorted(previous - current),
                    claim_disagreements=disagreements,
                )
            )
    changes.sort(key=lambda c: (c.edition, rank.get(c.category, len(rank)), c.category))
    return changes
