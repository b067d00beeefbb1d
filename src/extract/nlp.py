"""The only module that configures spaCy: a blank English pipeline with the profile's rule components.

Category names and aliases go to one phrase ruler (`doc.spans["categories"]`, label = category id); each
family of cue rules is a SpanRuler writing to its own span group (`doc.spans[family]`), with the rule's
`kind` as the span's label and its `id` as the span's id, which the rule modules carry into provenance.
"""

from __future__ import annotations

from collections.abc import Iterable

import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.symbols import ORTH
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_suffix_regex

from extract.errors import ProfileError
from extract.profile import FAMILIES, Profile, load_profile

CATEGORY_KEY = "categories"
# A mail client or PDF runs numbering into the item: "2.Ensuring" is the number and the item's first word.
_NUMBER_INFIX = r"(?<=\b\d)[.)](?=[A-Za-z])|(?<=\b\d\d)[.)](?=[A-Za-z])"
# A footnote mark set as a superscript (`editions,²`, `hurdle³`) is a token of its own.
_SUPERSCRIPT_SUFFIX = r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+"


def category_patterns(profile: Profile) -> list[dict]:
    return [
        {"label": c.id, "pattern": term, "id": f"category.{c.id}"}
        for c in profile.categories
        for term in (*c.names, *c.singular, *c.aliases)
    ]


def check_patterns(nlp: Language, profile: Profile) -> None:
    """Every cue rule's pattern compiles (spaCy's pattern validation, regular expressions): a ProfileError names
    the first rule that does not."""
    matcher = Matcher(nlp.vocab, validate=True)
    for rule in profile.cue_rules():
        pattern = profile.expanded_pattern(rule)
        try:
            if isinstance(pattern, str):
                if not pattern.strip():
                    raise ValueError("an empty phrase matches nothing")
                continue
            matcher.add(rule.id, [pattern])
        except Exception as err:  # spaCy raises assorted types (MatchPatternError, ValueError, re.error)
            first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            raise ProfileError(f"profile {profile.name} is not valid: rules[{rule.id}].pattern: {first}") from None


def build_nlp(profile: Profile) -> Language:
    nlp = spacy.blank("en")
    check_patterns(nlp, profile)
    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, _NUMBER_INFIX]).finditer
    nlp.tokenizer.suffix_search = compile_suffix_regex([*nlp.Defaults.suffixes, _SUPERSCRIPT_SUFFIX]).search
    # Emoticon exceptions glue punctuation together (`):` after a bracketed note, `:)`): reports need each mark.
    nlp.tokenizer.rules = {k: v for k, v in nlp.tokenizer.rules.items() if any(c.isalnum() for c in k)}
    for abbreviation in sorted(profile.lexicons.abbreviations):  # `No. 1` is no sentence end
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    nlp.add_pipe("sentencizer")
    phrase = nlp.add_pipe(
        "span_ruler", name=CATEGORY_KEY, config={"spans_key": CATEGORY_KEY, "phrase_matcher_attr": "LOWER"}
    )
    phrase.add_patterns(category_patterns(profile))  # type: ignore[attr-defined]
    for family in sorted(set(FAMILIES.values())):
        rules = [r for r in profile.cue_rules() if FAMILIES[r.kind] == family]
        ruler = nlp.add_pipe("span_ruler", name=family, config={"spans_key": family, "validate": True})
        ruler.add_patterns(  # type: ignore[attr-defined]
            [{"label": r.kind, "pattern": profile.expanded_pattern(r), "id": r.id} for r in rules]
        )
    return nlp


def analyse(nlp: Language, texts: Iterable[str]) -> list[Doc]:
    return list(nlp.pipe(texts, batch_size=64))


_PIPELINES: dict[str, Language] = {}


def load(profile_path: str | None = None) -> tuple[Profile, Language]:
    """The profile and its spaCy pipeline, built once per process and profile version (its file's hash)."""
    profile = load_profile(profile_path)
    if profile.sha256 not in _PIPELINES:
        try:
            _PIPELINES[profile.sha256] = build_nlp(profile)
        except ProfileError as err:
            where = "the packaged profile" if profile_path is None else str(profile_path)
            raise ProfileError(str(err).replace(f"profile {profile.name}", f"profile {where}", 1)) from None
    return profile, _PIPELINES[profile.sha256]
