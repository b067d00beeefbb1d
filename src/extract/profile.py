"""Report-family profiles: categories, aliases, patterns and word lists as validated data."""

from __future__ import annotations

import hashlib
import json
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from extract.dataset.models import Category
from extract.errors import ProfileError

PatternId = Annotated[str, Field(pattern=r"^[a-z_]+\.[a-z_]+$")]


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Pattern(_Strict):
    """One SpanRuler pattern; its `id` becomes the `rule` in provenance."""

    id: PatternId
    label: str
    pattern: str | list[dict[str, Any]]


class CategorySpec(_Strict):
    id: Category
    label: str
    names: Annotated[list[str], Field(min_length=1)]
    aliases: list[str] = []


class Organization(_Strict):
    name: str
    aliases: list[str]


class Patterns(_Strict):
    definition_cues: list[Pattern]
    status_cues: list[Pattern]
    section_cues: list[Pattern] = Field(
        default=[], description="phrases that open a prose section of one category; label = category id"
    )
    reporting_verbs: list[Pattern]
    edition_cues: list[Pattern]


class Lexicon(_Strict):
    role_words: list[str]
    clause_verbs: list[str]
    pronouns: list[str]
    actor_words: list[str] = Field(default=[], description="generic subjects (students, the report) never topics")
    function_words: list[str] = Field(default=[], description="words that cannot open a topic's noun phrase")
    number_words: dict[str, int] = Field(default={}, description="spelled-out counts: 'three' → 3")

    @field_validator("role_words", "clause_verbs", "pronouns", "actor_words", "function_words")
    @classmethod
    def _lowercase(cls, words: list[str]) -> list[str]:
        return [w.lower() for w in words]


class Profile(_Strict):
    name: str
    version: str
    description: str = ""
    organizations: list[Organization]
    categories: Annotated[list[CategorySpec], Field(min_length=1)]
    patterns: Patterns
    lexicon: Lexicon
    topics_per_category: int = Field(default=3, ge=1, description="how many topics a report ranks per category")
    sha256: str = Field(default="", description="hash of the profile file, filled in by load_profile")

    @field_validator("categories")
    @classmethod
    def _unique_categories(cls, cats: list[CategorySpec]) -> list[CategorySpec]:
        ids = [c.id for c in cats]
        if len(ids) != len(set(ids)):
            raise ValueError("category ids must be unique")
        return cats

    @cached_property
    def category_terms(self) -> dict[str, str]:
        """Lower-cased name or alias → category id."""
        return {t.lower(): c.id for c in self.categories for t in (*c.names, *c.aliases)}

    @cached_property
    def organization_names(self) -> dict[str, str]:
        """Lower-cased alias → canonical organization name."""
        return {a.lower(): o.name for o in self.organizations for a in (o.name, *o.aliases)}

    def label(self, category: str) -> str:
        return next(c.label for c in self.categories if c.id == category)


DEFAULT_PROFILE = "cosn"


def load_profile(path: str | Path | None = None) -> Profile:
    """Load and validate a profile file (default: the packaged CoSN profile); ProfileError says what is wrong.

    The file is read on every call, so a long-running server sees an edited profile; parsing is cached on
    the file's bytes."""
    where = f"the packaged profile {DEFAULT_PROFILE}.json" if path is None else str(path)
    try:
        if path is None:
            raw = resources.files("extract.profiles").joinpath(f"{DEFAULT_PROFILE}.json").read_bytes()
        else:
            raw = Path(path).read_bytes()
    except OSError as err:
        raise ProfileError(f"cannot read profile {where}: {err.strerror or err}") from None
    return _parse(raw, where)


@lru_cache(maxsize=8)
def _parse(raw: bytes, where: str) -> Profile:
    try:
        data = json.loads(raw)
    except ValueError as err:
        raise ProfileError(f"profile {where} is not valid JSON: {err}") from None
    if not isinstance(data, dict):
        raise ProfileError(f"profile {where} must be a JSON object")
    data["sha256"] = hashlib.sha256(raw).hexdigest()
    try:
        return Profile.model_validate(data)
    except ValidationError as err:
        problems = "; ".join(f"{_where(data, e['loc'])}: {e['msg']}" for e in err.errors()[:5])
        raise ProfileError(f"profile {where} is not valid: {problems}") from None


def _where(data: object, loc: tuple) -> str:
    """A validation error's location, naming a pattern by its id: `patterns.status_cues[status.new]`."""
    parts: list[str] = []
    node = data
    for key in loc:
        if isinstance(key, int) and isinstance(node, list) and key < len(node):
            node = node[key]
            ident = node.get("id") if isinstance(node, dict) else None
            parts.append(f"[{ident}]" if ident else f"[{key}]")
        else:
            node = node.get(key) if isinstance(node, dict) else None
            parts.append(f".{key}" if parts else str(key))
    return "".join(parts)
