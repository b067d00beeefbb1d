"""Speakers named only by a surname ("Krueger said") completed with the full name given elsewhere: in the
same document (quotes and running text), then anywhere in the batch."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Protocol, TypeVar

from extract.dataset.results import DocumentResult
from extract.rules.base import QuoteHit, SpeakerHit


class SpeakerLike(Protocol):
    name: str
    role: str | None
    kind: str


S = TypeVar("S", bound=SpeakerLike)


def full_names(speakers: Iterable[SpeakerLike | None]) -> dict[str, SpeakerLike]:
    """Surname → the first person named with a full (multi-word) name."""
    known: dict[str, SpeakerLike] = {}
    for sp in speakers:
        if sp and sp.kind == "person" and len(sp.name.split()) > 1:
            known.setdefault(sp.name.split()[-1].lower(), sp)
    return known


def completion(speaker: SpeakerLike | None, known: dict[str, SpeakerLike]) -> dict[str, object] | None:
    """The fields that complete a bare surname from `known`, or None when there is nothing to complete."""
    if speaker is None or speaker.kind != "person" or len(speaker.name.split()) != 1:
        return None
    full = known.get(speaker.name.lower())
    return None if full is None else {"name": full.name, "role": speaker.role or full.role}


def resolve_in_document(hits: list[QuoteHit], said: Iterable[SpeakerHit]) -> None:
    """Complete bare surnames from the document's own quotes and from people reported speaking in it."""
    known = full_names(said) | full_names(h.speaker for h in hits)
    for hit in hits:
        update = completion(hit.speaker, known)
        if hit.speaker is not None and update is not None:
            hit.speaker = dataclasses.replace(hit.speaker, resolved_by="document", **update)  # type: ignore[arg-type]


def resolve_across_corpus(results: list[DocumentResult]) -> None:
    """Complete bare surnames with a full name quoted in another document of the same batch."""
    ordered = sorted(results, key=lambda r: r.document.source_path)
    known = full_names(q.speaker for r in ordered for q in r.quotes)
    for result in results:
        quotes = []
        for q in result.quotes:
            update = completion(q.speaker, known)
            if q.speaker is not None and update is not None:
                speaker = q.speaker.model_copy(update=update | {"resolved_by": "corpus"})
                q = q.model_copy(update={"speaker": speaker})
            quotes.append(q)
        result.quotes = quotes
