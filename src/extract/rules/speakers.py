"""Speakers named only by a surname ("Krueger said") completed with the full name given elsewhere: in the
same document (quotes and running text), then anywhere in the batch."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from typing import Protocol, TypeVar

from extract.dataset.results import DocumentResult
from extract.profile import Lexicons
from extract.rules.base import QuoteHit, SpeakerHit


class SpeakerLike(Protocol):
    name: str
    role: str | None
    kind: str


S = TypeVar("S", bound=SpeakerLike)


def full_names(
    speakers: Iterable[SpeakerLike | None], honorifics: frozenset[str] = frozenset()
) -> dict[str, SpeakerLike]:
    """Surname → the first person named with a full (multi-word) name (`Mr. Banerjee` is not one)."""
    known: dict[str, SpeakerLike] = {}
    for sp in speakers:
        if sp and sp.kind == "person" and len(sp.name.split()) > 1 and bare_surname(sp.name, honorifics) is None:
            known.setdefault(sp.name.split()[-1].lower(), sp)
    return known


def bare_surname(name: str, honorifics: frozenset[str] = frozenset()) -> str | None:
    """The surname a speaker is named by alone (`Hansen`, `Mr. Banerjee`), or None for a fuller name."""
    words = name.split()
    while len(words) > 1 and words[0].lower() in honorifics:
        words = words[1:]
    return words[0] if len(words) == 1 else None


def completion(
    speaker: SpeakerLike | None, known: dict[str, SpeakerLike], honorifics: frozenset[str] = frozenset()
) -> dict[str, object] | None:
    """The fields that complete a bare surname from `known`, or None when there is nothing to complete."""
    surname = bare_surname(speaker.name, honorifics) if speaker is not None and speaker.kind == "person" else None
    full = known.get(surname.lower()) if surname is not None else None
    return None if full is None or speaker is None else {"name": full.name, "role": speaker.role or full.role}


def named_in_text(text: str, surnames: Iterable[str], lexicons: Lexicons) -> dict[str, SpeakerLike]:
    """Surname → the full name the text first gives it (`… Instruction Marguerite Hansen today joined …`): a
    capitalized first name, maybe a middle initial, then the surname, the first name being no role word,
    honorific or other word of the profile's lexicons."""
    known: dict[str, SpeakerLike] = {}
    not_names = lexicons.role_words | lexicons.honorifics | lexicons.function_words | lexicons.document_nouns
    for surname in sorted(set(surnames)):
        # `Hollis Banerjee` before `Technology H. Banerjee`: a first name alone is the surer reading
        for middle in ("", r"(?: [A-Z]\.)"):
            pattern = re.compile(rf"(?<![\w.’'-])([A-Z][\w’'-]+{middle}) {re.escape(surname)}(?![\w’'-])")
            match = next((m for m in pattern.finditer(text) if m.group(1).split()[0].lower() not in not_names), None)
            if match is not None:
                known[surname.lower()] = SpeakerHit(f"{match.group(1)} {surname}", None, "person", match.group(0))
                break
        else:
            # `Marcus said` after `**Marcus DelaCruz**, chief academic officer`: a first name, the surname after it
            # (two capitalized words and no third: `Harborview Public Schools` is a school system's name)
            pattern = re.compile(rf"(?<![\w.’'-]){re.escape(surname)} ([A-Z][\w’'-]+)(?![\w’'-])(?! [A-Z])")
            organizations = lexicons.organization_words
            found = {
                m.group(1)
                for m in pattern.finditer(text)
                if m.group(1).lower() not in not_names and m.group(1).lower() not in organizations
            }
            if len(found) == 1:
                full = f"{surname} {found.pop()}"
                known[surname.lower()] = SpeakerHit(full, None, "person", full)
    return known


def resolve_in_document(
    hits: list[QuoteHit], said: Iterable[SpeakerHit], text: str = "", lexicons: Lexicons | None = None
) -> None:
    """Complete bare surnames from the document's own quotes, from people reported speaking in it, and from
    full names its text gives (with the profile's `lexicons`)."""
    honorifics = lexicons.honorifics if lexicons is not None else frozenset()
    known = full_names(said, honorifics) | full_names((h.speaker for h in hits), honorifics)
    if lexicons is not None:
        bare = {b for h in hits if h.speaker is not None and (b := bare_surname(h.speaker.name, honorifics))}
        known = named_in_text(text, {b for b in bare if b.lower() not in known}, lexicons) | known
    for hit in hits:
        update = completion(hit.speaker, known, honorifics)
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
