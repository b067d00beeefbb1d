"""Report-family profiles: how a series *writes*, as validated data. Never the answers (no topic titles).

A profile holds the family's categories (ids, labels, names, aliases and the nouns its writers use for
each: "obstacles" for hurdles), its lexicons (reporting verbs, listing verbs, role words…), and its rules.
Every rule has a stable `id` (the `rule` of each record it makes), a `kind` from the closed set the engine
knows (`RULE_KINDS`), and its own `confidence`; cue rules also carry a spaCy token pattern. Patterns may
name a lexicon instead of spelling a word list: `{"LOWER": {"IN": "@listing_verbs"}}`, and a section
cue's `"@category_nouns"` is its category's nouns. Everything is checked on load: an unknown kind, a status
the contract does not have, a category the profile does not define, a lexicon that does not exist, or a
structural rule the engine needs and the profile lacks is a `ProfileError` naming the file and the rule.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    field_validator,
    model_validator,
)

from extract.errors import ProfileError


def _phrase(text: str) -> str:
    if not text.strip():
        raise ValueError("must not be blank (an empty name would match nothing, or everything)")
    return text


Phrase = Annotated[str, AfterValidator(_phrase)]
RuleId = Annotated[str, Field(pattern=r"^[a-z]+(\.[a-z0-9_]+)+$")]
CategoryId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
Confidence = Annotated[float, Field(gt=0.0, le=1.0)]
TokenPattern = Annotated[str, AfterValidator(_phrase)] | Annotated[list[dict[str, Any]], Field(min_length=1)]


def _lower_set(words: Iterable[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


Lexicon = Annotated[frozenset[str], AfterValidator(_lower_set)]


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --- Rules ----------------------------------------------------------------------------------------------------
# Structural steps: the engine runs them over the document's shape; they need no pattern, only an id and a
# confidence. Every one of them must be in a profile (the engine references each kind).
STRUCTURAL_KINDS = (
    "topic_heading",  # a heading one level under a category heading: `### 1. Learner Agency`
    "topic_list_item",  # a short list item under a category heading or list intro
    "topic_titled_item",  # `Title: description`, `Title — description`, `**Title** — description`
    "topic_label_line",  # `Hurdles: A; B; C`, `• Tech Enablers: X; Y; Z`
    "topic_numbered_run",  # numbered items run together on one line: `1. A 2.B 3.C`
    "topic_table_cell",  # a table cell under a category column or in a row labelled with a category
    "topic_enumeration",  # title-case items listed in a sentence naming one category
    "topic_title_case_mention",  # a title-case name in the prose of a category heading's section
    "topic_clause_enumeration",  # lower-case clause items after a ranked category phrase
    "topic_status",  # a topic named with a status cue: `New to the list, X reflects…`
    "topic_prose_subject",  # a paragraph's subject inside a prose section opened by a counted cue
    "definition_label_gloss",  # `HURDLES Barriers to …` / `Hurdles: the obstacles that …`
    "definition_characterizing",  # `accelerators pave the way for …, while hurdles hinder it`
    "definition_relative",  # `The tech enablers, which the report defines as the tools …, are`
    "definition_apposition_or",  # `Tech enablers, or the tools that …, are`
    "quote_after",  # `“…,” said X` / `“…,” X said`
    "quote_before",  # `X said “…` / `According to X, “…`
    "quote_colon",  # `X, CIO of Y, put it bluntly: “…”`
    "quote_dash_credit",  # `“…” — X, role` and a pull quote's credit line
    "quote_pronoun",  # `“…,” she said` after X was named speaking
    "quote_subject",  # `X and her team talked about … “…”` (the sentence's subject speaks)
    "quote_previous_sentence",  # X named speaking in the sentence before the quote
    "quote_continuation",  # the rest of a quote split by its attribution, or continued in the next paragraph
    "quote_unattributed",  # a full-sentence quote with no speaker found
)
CUE_KINDS = (
    "status_new",  # `new to the list`, `debuts this year`
    "status_returning",  # `returning to the list`, `back on the list`
    "section_cue",  # `several forces are pushing…`: opens a prose section of one category
    "definition_term_before",  # `X refers to …`, `X is defined as …`, `X means …`
    "definition_term_after",  # `defined “X” as …`
    "definition_gloss_noun",  # `X are the tools that …`
    "definition_dash",  # `X — gloss`
    "definition_paren",  # `X (gloss)`
    "definition_by_means",  # `By “X” the board means …`
    "reporting_verb",  # `said`, `argues`, `put it bluntly`
    "reporting_according_to",  # `according to`
    "edition_year_first",  # `2026 Driving K-12 Innovation`, `the 2031 report`, `2031 Top Topics`
    "edition_year_last",  # `Driving K-12 Innovation 2026`
    "edition_for_year",  # `for 2032`, `in 2032` beside a category or ranking word
)
RULE_KINDS = STRUCTURAL_KINDS + CUE_KINDS
# Each cue kind writes its spans to one spaCy span group (`doc.spans[family]`).
FAMILIES: dict[str, str] = {
    "status_new": "status_cues",
    "status_returning": "status_cues",
    "section_cue": "section_cues",
    "reporting_verb": "reporting_cues",
    "reporting_according_to": "reporting_cues",
    "edition_year_first": "edition_cues",
    "edition_year_last": "edition_cues",
    "edition_for_year": "edition_cues",
} | {k: "definition_cues" for k in CUE_KINDS if k.startswith("definition_")}


class StructuralRule(_Strict):
    id: RuleId
    kind: Literal[STRUCTURAL_KINDS]  # type: ignore[valid-type]
    confidence: Confidence


class CueRule(_Strict):
    id: RuleId
    kind: Literal[CUE_KINDS]  # type: ignore[valid-type]
    confidence: Confidence
    pattern: TokenPattern
    category: CategoryId | None = Field(default=None, description="section_cue: the category it opens")

    @model_validator(mode="after")
    def _category_iff_section(self) -> CueRule:
        if (self.kind == "section_cue") != (self.category is not None):
            raise ValueError("a section_cue names its `category`, and only a section_cue does")
        return self

    @property
    def status(self) -> Literal["new", "returning"] | None:
        return {"status_new": "new", "status_returning": "returning"}.get(self.kind)  # type: ignore[return-value]


def _rule_family(value: Any) -> str | None:
    kind = value.get("kind") if isinstance(value, dict) else getattr(value, "kind", None)
    return "StructuralRule" if kind in STRUCTURAL_KINDS else "CueRule" if kind in CUE_KINDS else None


# A rule is read as the model its kind belongs to, so an error names that model's fields only.
AnyRule = Annotated[
    Annotated[StructuralRule, Tag("StructuralRule")] | Annotated[CueRule, Tag("CueRule")],
    Discriminator(_rule_family),
]


# --- Categories and lexicons -----------------------------------------------------------------------------------
class CategorySpec(_Strict):
    id: CategoryId
    label: str = Field(description="the canonical name records use (`Tech Enablers`)")
    names: Annotated[list[Phrase], Field(min_length=1)] = Field(description="the plural names (`Tech Enablers`)")
    singular: list[Phrase] = Field(default=[], description="the singular names (`Tech Enabler`): one topic's category")
    aliases: list[Phrase] = Field(default=[], description="misspellings and other names writers use (`Tech enables`)")
    nouns: list[str] = Field(default=[], description="what writers call its members (`obstacles`, `tools`)")


class Organization(_Strict):
    name: str
    aliases: list[str]


class Lexicons(_Strict):
    """Word lists, lower-cased on load; the engine reads them, patterns name them as `@field`."""

    role_words: Lexicon = Field(description="words that make a phrase a role: ceo, director, superintendent")
    honorifics: Lexicon = Field(
        default=frozenset(), description="words before a surname that are no first name: mr., ms., dr."
    )
    list_nouns: Lexicon = Field(
        default=frozenset(), description="nouns a category word names a list with: the hurdles *list*, ranking"
    )
    placement_verbs: Lexicon = Field(
        default=frozenset(), description="verbs that place a subject on a category's list: tops, made, landed"
    )
    subordinators: Lexicon = Field(
        default=frozenset(), description="words that open a clause inside a sentence: when, after, because"
    )
    panel_words: Lexicon = Field(
        default=frozenset(), description="the people who choose a report's topics: panel, board, committee"
    )
    singular_verbs: Lexicon = Field(
        default=frozenset(), description="verb forms that take one subject: is, was, sits, remains"
    )
    inversion_openers: Lexicon = Field(
        default=frozenset(), description="words that open a placing phrase before its verb: at, next, rounding"
    )
    abbreviations: tuple[str, ...] = Field(
        default=(), description="abbreviations with a full stop that end no sentence, as written: No., Nos."
    )
    time_fillers: Lexicon = Field(
        default=frozenset(), description="words that date a list without naming it: this, year, 's, spot"
    )
    agent_links: Lexicon = Field(
        default=frozenset(), description="the word before a passive verb's agent: by (`were led by X`)"
    )
    placement_links: Lexicon = Field(
        default=frozenset(), description="prepositions between a placement verb and the list: on, among, at"
    )
    reporting_verbs: Lexicon = Field(description="said, argues, told, noted…")
    listing_verbs: Lexicon = Field(description="verbs that introduce an enumeration: are, include, named…")
    naming_quote_verbs: Lexicon = Field(description="verbs before a quoted term, not a quote: calls, dubbed")
    naming_verbs: Lexicon = Field(description="listing verbs that say the list is the report's: names, ranks")
    characterizing_verbs: Lexicon = Field(description="verbs a definition by predicate uses: hinder, drive…")
    clause_verbs: Lexicon = Field(description="verbs that end a subject noun phrase: is, remains, reflects…")
    pronouns: Lexicon
    personal_pronouns: Lexicon = Field(description="pronouns that stand for a person who speaks: he, she")
    document_pronouns: Lexicon = Field(
        default=frozenset(), description="pronouns that stand for a document that speaks: it (`”…,” it says`)"
    )
    actor_words: Lexicon = Field(description="generic subjects that are never topics: students, the report")
    document_nouns: Lexicon = Field(description="documents that can be quoted: report, release, study")
    function_words: Lexicon = Field(description="words that cannot open a topic's noun phrase")
    title_small_words: Lexicon = Field(description="lower-case words a title-case name may contain: of, and")
    title_continuations: Lexicon = Field(
        default=[], description="capitalized words that go on a title after its comma: Not (`Design With, Not For`)"
    )
    structural_headings: Lexicon = Field(description="headings that are never topics: methodology, about")
    rank_words: Lexicon = Field(description="words that rank a list: top, leading, biggest")
    ordinal_words: Lexicon = Field(description="words that place one topic in a list: first, third, No.")
    partitive_words: Lexicon = Field(default=[], description="words that pick one member: one (`One of them, X, …`)")
    document_parts: Lexicon = Field(
        default=[], description="parts of a document that speak for it: page (`page 14 says`)"
    )
    free_relatives: Lexicon = Field(default=[], description="words that open a gloss line: what (`what slows us down`)")
    partitive_links: Lexicon = Field(
        default=[], description="what joins a pick to its group: of (`the first of its enablers`)"
    )
    organization_words: Lexicon = Field(description="words that make a name an organization: council…")
    name_particles: Lexicon = Field(description="lower-case parts of a person's name: de, van, von")
    not_names: Lexicon = Field(description="capitalized words that never start a name: The, This, In")
    determiners: Lexicon = Field(description="articles dropped from the front of a title or term")
    conjunctions: Lexicon = Field(description="words joining the last item of a list: and, or, &")
    list_joiners: Lexicon = Field(default=[], description="phrases joining list items: along with, as well as")
    clause_joiners: Lexicon = Field(description="words that open a clause before its subject: while, and, but")
    relative_words: Lexicon = Field(description="words opening a relative clause: which, that, who")
    apposition_openers: Lexicon = Field(description="words opening an apposition after a term: or, defined…")
    next_year_phrases: Lexicon = Field(description="phrases that mean the year after publication")
    past_words: Lexicon = Field(default=[], description="a table column about an earlier edition: last, previous")
    section_openers: Lexicon = Field(description="words that count a prose section: several, three, key")
    definition_nouns: Lexicon = Field(description="nouns a gloss is built on: tools that…, forces that…")
    copulas: Lexicon = Field(description="linking verbs: is, are, was, were, be, remains")
    inclusion_verbs: Lexicon = Field(description="verbs that list part or all of a set: include, includes")
    verb_particles: Lexicon = Field(description="words a listing verb takes before its items: out (singled out), as")
    summing_verbs: Lexicon = Field(description="verbs after items that complete a list: round out, complete")
    trailing_openers: Lexicon = Field(description="words after a comma that end a list: which, while, according")
    subject_stops: Lexicon = Field(description="words that end a topic named as a subject: which, that, as")
    gloss_links: Lexicon = Field(description="words after a member noun that make a line a gloss: to, for, of")
    introducers: Lexicon = Field(description="words before one item named `as` a category: with")
    as_words: Lexicon = Field(description="the word that names an item's category: as")
    lead_ins: Lexicon = Field(description="words opening `what the board calls X`: what")
    role_links: Lexicon = Field(description="words joining a name to its organization: of (Superintendent X of Y)")
    speaker_adverbs: Lexicon = Field(description="adverbs between a speaker and the verb: also, further, even")
    defining_verbs: Lexicon = Field(description="verbs that give a definition before `as`: defines, describes")
    number_words: dict[str, int] = Field(default={}, description="spelled-out counts: 'three' → 3")

    @field_validator("number_words")
    @classmethod
    def _lower_numbers(cls, words: dict[str, int]) -> dict[str, int]:
        return {w.lower(): n for w, n in words.items()}


class Profile(_Strict):
    name: str
    version: str
    description: str = ""
    organizations: list[Organization]
    categories: Annotated[list[CategorySpec], Field(min_length=1)]
    lexicons: Lexicons
    rules: Annotated[list[AnyRule], Field(min_length=1)]
    topics_per_category: int = Field(default=3, ge=1, description="how many topics a report ranks per category")
    sha256: str = Field(default="", description="hash of the profile file, filled in by load_profile")

    @field_validator("rules", mode="before")
    @classmethod
    def _known_kinds(cls, rules: object) -> object:
        """A mistyped kind is named with the rule's id, not buried in a union's errors."""
        for rule in rules if isinstance(rules, list) else []:
            kind = rule.get("kind") if isinstance(rule, dict) else None
            if kind not in RULE_KINDS:
                ident = rule.get("id") if isinstance(rule, dict) else rule
                raise ValueError(f"rule {ident}: unknown kind {kind!r}; the engine knows: {', '.join(RULE_KINDS)}")
        return rules

    @model_validator(mode="after")
    def _consistent(self) -> Profile:
        ids = [c.id for c in self.categories]
        if len(ids) != len(set(ids)):
            raise ValueError("category ids must be unique")
        rule_ids = [r.id for r in self.rules]
        duplicate = sorted({i for i in rule_ids if rule_ids.count(i) > 1})
        if duplicate:
            raise ValueError(f"rule ids must be unique: {', '.join(duplicate)}")
        for rule in self.rules:
            if isinstance(rule, CueRule) and rule.category is not None and rule.category not in ids:
                raise ValueError(f"rule {rule.id}: category {rule.category!r} is not one of {ids}")
        have = {r.kind for r in self.rules}
        missing = [k for k in STRUCTURAL_KINDS if k not in have]
        if missing:
            raise ValueError(f"the engine needs a rule of each kind; missing: {', '.join(missing)}")
        return self

    # --- lookups, built once ---------------------------------------------------------------------------------
    @cached_property
    def category_terms(self) -> dict[str, str]:
        """Lower-cased name or alias → category id."""
        return {t.lower(): c.id for c in self.categories for t in (*c.names, *c.singular, *c.aliases)}

    @cached_property
    def singular_terms(self) -> frozenset[str]:
        """Lower-cased singular names: `the biggest hurdle is X` names one topic."""
        return frozenset(t.lower() for c in self.categories for t in c.singular)

    @cached_property
    def category_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.categories)

    @cached_property
    def category_nouns(self) -> dict[str, str]:
        """Lower-cased member noun ("obstacles") → category id."""
        return {n.lower(): c.id for c in self.categories for n in c.nouns}

    @cached_property
    def organization_names(self) -> dict[str, str]:
        """Lower-cased alias → canonical organization name."""
        return {a.lower(): o.name for o in self.organizations for a in (o.name, *o.aliases)}

    @cached_property
    def _by_kind(self) -> dict[str, StructuralRule | CueRule]:
        return {r.kind: r for r in self.rules if isinstance(r, StructuralRule)}

    @cached_property
    def _by_id(self) -> dict[str, StructuralRule | CueRule]:
        return {r.id: r for r in self.rules}

    def step(self, kind: str) -> StructuralRule:
        """The structural rule of `kind` (validated on load to exist)."""
        return self._by_kind[kind]  # type: ignore[return-value]

    def rule(self, rule_id: str) -> StructuralRule | CueRule:
        return self._by_id[rule_id]

    def label(self, category: str) -> str:
        return next(c.label for c in self.categories if c.id == category)

    def cue_rules(self) -> list[CueRule]:
        return [r for r in self.rules if isinstance(r, CueRule)]

    def expanded_pattern(self, rule: CueRule) -> TokenPattern:
        """The rule's pattern with `@lexicon` references replaced by the lexicon's words."""
        return _expand(rule.pattern, self, rule)


def _expand(node: Any, profile: Profile, rule: CueRule) -> Any:
    if isinstance(node, str) and node.startswith("@"):
        return sorted(_lexicon(node[1:], profile, rule))
    if isinstance(node, list):
        return [_expand(x, profile, rule) for x in node]
    if isinstance(node, dict):
        return {k: _expand(v, profile, rule) for k, v in node.items()}
    return node


def _lexicon(name: str, profile: Profile, rule: CueRule) -> Iterable[str]:
    if name == "category_nouns" and rule.category is not None:
        return [n.lower() for c in profile.categories if c.id == rule.category for n in c.nouns]
    if name == "all_category_nouns":
        return list(profile.category_nouns)
    if name == "number_words":
        return list(profile.lexicons.number_words)
    words = getattr(profile.lexicons, name, None)
    if not isinstance(words, frozenset):
        raise ValueError(f"rule {rule.id}: pattern names an unknown lexicon @{name}")
    return words


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
        profile = Profile.model_validate(data)
        for rule in profile.cue_rules():
            profile.expanded_pattern(rule)  # an unknown @lexicon fails here, at load
    except ValidationError as err:
        problems = "; ".join(f"{_where(data, e['loc'])}: {e['msg']}" for e in err.errors()[:5])
        raise ProfileError(f"profile {where} is not valid: {problems}") from None
    except ValueError as err:
        raise ProfileError(f"profile {where} is not valid: {err}") from None
    return profile


def _where(data: object, loc: tuple) -> str:
    """A validation error's location, naming a rule by its id: `rules[status.new_to_list].kind`."""
    parts: list[str] = []
    node = data
    for key in loc:
        if isinstance(key, int) and isinstance(node, list) and key < len(node):
            node = node[key]
            ident = node.get("id") if isinstance(node, dict) else None
            parts.append(f"[{ident}]" if ident else f"[{key}]")
        elif (
            isinstance(key, str) and (key[:1].isupper() or "[" in key) and not (isinstance(node, dict) and key in node)
        ):
            continue  # the union member pydantic tried (`CueRule`, `list[…]`): not a place in the file
        else:
            node = node.get(key) if isinstance(node, dict) else None
            parts.append(f".{key}" if parts else str(key))
    return "".join(parts) or "(top level)"
