"""Who is quoted: one entry per person or organization, with the roles seen per edition and their quotes.
Pure: a function of the quote records the store is about to write.

The extractor already splits a role written before a name ("CoSN CEO Keith Krueger": role "CoSN CEO",
name "Keith Krueger") and completes bare surnames it can. Here the names are brought together across the
whole dataset:

- people are grouped by first and last name, so "Keith Krueger" joins "Keith R. Krueger", unless two
  different middle names or initials are seen with that first and last name (then only exact names join);
- a bare surname left ("Krueger said") joins the one person with that last name, when there is one;
- the entry's name is the fullest form seen (most words, then most quoted, then alphabetical).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from extract.dataset.keys import speaker_key
from extract.dataset.models import Quote, SpeakerEntry, SpeakerRole


def _first_last(key: str) -> tuple[str, str]:
    words = key.split()
    return words[0], words[-1]


def _person_groups(names: Counter[str]) -> dict[str, str]:
    """Key of each full person name → the key of the group it joins."""
    by_first_last: dict[tuple[str, str], set[str]] = defaultdict(set)
    for key in names:
        by_first_last[_first_last(key)].add(key)
    joined: dict[str, str] = {}
    for keys in by_first_last.values():
        middles = {k for k in keys if len(k.split()) > 2}
        if len(middles) > 1:  # two different people, or one we cannot tell: only exact names join
            joined.update({k: k for k in keys})
            continue
        fullest = max(keys, key=lambda k: (len(k.split()), names[k], k))
        joined.update(dict.fromkeys(keys, fullest))
    return joined


def build_speakers(quotes: Sequence[Quote]) -> list[SpeakerEntry]:
    """One entry per speaker of `quotes`, sorted by key; quote ids in the order given."""
    spoken = [q for q in quotes if q.speaker is not None]
    full = Counter(
        speaker_key(q.speaker.name)
        for q in spoken
        if q.speaker and q.speaker.kind == "person" and len(speaker_key(q.speaker.name).split()) > 1
    )
    group_of = _person_groups(full)
    surnames: dict[str, set[str]] = defaultdict(set)
    for key, group in group_of.items():
        surnames[key.split()[-1]].add(group)

    groups: dict[str, list[Quote]] = defaultdict(list)
    for q in spoken:
        sp = q.speaker
        assert sp is not None
        key = speaker_key(sp.name)
        if sp.kind == "person":
            if key in group_of:
                key = group_of[key]
            elif len(key.split()) == 1 and len(surnames.get(key, ())) == 1:
                key = next(iter(surnames[key]))
        groups[key].append(q)
    return [_entry(key, groups[key]) for key in sorted(groups)]


def _entry(key: str, quotes: list[Quote]) -> SpeakerEntry:
    speakers = [q.speaker for q in quotes if q.speaker is not None]
    counts = Counter(s.name for s in speakers)
    name = max(counts, key=lambda n: (speaker_key(n) == key, len(n.split()), counts[n], n))
    kinds = Counter(s.kind for s in speakers)
    roles = {(q.edition, q.speaker.role) for q in quotes if q.speaker is not None and q.speaker.role}
    return SpeakerEntry(
        speaker_key=key,
        name=name,
        kind=max(kinds, key=lambda k: (kinds[k], k)),  # type: ignore[arg-type]
        roles=[
            SpeakerRole(edition=e, role=r)
            for e, r in sorted(roles, key=lambda er: (er[0] is None, er[0] or 0, er[1].casefold(), er[1]))
        ],
        quote_ids=[q.id for q in quotes],
        mentions=sorted({s.mention for s in speakers}, key=lambda m: (m.casefold(), m)),
    )
