"""The only module that configures spaCy: a blank English pipeline with the profile's rule components.

Each pattern family is a SpanRuler writing to its own `doc.spans[key]`; a span's `id_` is the pattern id,
which the rule modules carry into provenance as `rule`.
"""

from __future__ import annotations

from collections.abc import Iterable

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from extract.profile import Profile, load_profile

CATEGORY_KEY = "categories"
FAMILIES = ("definition_cues", "status_cues", "section_cues", "reporting_verbs", "edition_cues")


def category_patterns(profile: Profile) -> list[dict]:
    return [
        {"label": c.id, "pattern": term, "id": f"category.{c.id}"}
        for c in profile.categories
        for term in (*c.names, *c.aliases)
    ]


def build_nlp(profile: Profile) -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    phrase = nlp.add_pipe(
        "span_ruler", name=CATEGORY_KEY, config={"spans_key": CATEGORY_KEY, "phrase_matcher_attr": "LOWER"}
    )
    phrase.add_patterns(category_patterns(profile))  # type: ignore[attr-defined]
    for family in FAMILIES:
        ruler = nlp.add_pipe("span_ruler", name=family, config={"spans_key": family, "validate": True})
        ruler.add_patterns([p.model_dump() for p in getattr(profile.patterns, family)])  # type: ignore[attr-defined]
    return nlp


def analyse(nlp: Language, texts: Iterable[str]) -> list[Doc]:
    return list(nlp.pipe(texts, batch_size=64))


_PIPELINES: dict[str, Language] = {}


def load(profile_path: str | None = None) -> tuple[Profile, Language]:
    """The profile and its spaCy pipeline, built once per process and profile version (its file's hash)."""
    profile = load_profile(profile_path)
    if profile.sha256 not in _PIPELINES:
        _PIPELINES[profile.sha256] = build_nlp(profile)
    return profile, _PIPELINES[profile.sha256]
