"""A report family is a profile, not code: a second, invented family extracts correctly with no code change,
and a broken profile fails at load with the file and the rule at fault."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.batch import Job, extract_source
from extract.document import SourceFile
from extract.errors import ProfileError
from extract.profile import load_profile
from extract.settings import RunSettings
from tests.conftest import ROOT

COSN = ROOT / "src" / "extract" / "profiles" / "cosn.json"
CAMPUS = ROOT / "tests" / "profiles" / "campus-futures.json"

CAMPUS_ARTICLE = """Campus Futures Outlook 2031

The Campus Futures Outlook, published every year by the Higher Learning Forum, names the challenges,
drivers and technologies that its panel of provosts and CIOs expects to shape universities.

Challenges are the pressures that stall change on campus. Drivers are the shifts that push institutions
forward, while key technologies are the tools that make the response possible.

## Challenges

### Shrinking Research Budgets

Federal grants cover less of the cost of a lab every year.

### Student Housing Shortages

Rents near campus have doubled in a decade.

## Drivers

Drivers: Lifelong Learners; Employer Partnerships; Open Credentials

The panel's three key technologies for 2031 are AI Teaching Assistants, Campus Digital Twins and Verifiable Records.

Fresh on the radar this year, quantum-safe encryption moves from research to procurement.

“We wrote this outlook for the people who run campuses, not the people who sell to them,” said Forum president Odile M. Varga.
"""


def _extract(name: str, text: str, profile: Path) -> object:
    job = Job(SourceFile(name, text.encode("utf-8")), str(profile), RunSettings(isolate=False))
    return extract_source(job)


def test_a_second_report_family_is_extracted_with_its_own_profile_and_no_code_change() -> None:
    result = _extract("campus-futures-2031.md", CAMPUS_ARTICLE, CAMPUS)
    assert not result.failed, result.document.error
    topics = {(t.category, t.title) for t in result.topics}
    assert topics == {
        ("challenge", "Shrinking Research Budgets"),
        ("challenge", "Student Housing Shortages"),
        ("driver", "Lifelong Learners"),
        ("driver", "Employer Partnerships"),
        ("driver", "Open Credentials"),
        ("technology", "AI Teaching Assistants"),
        ("technology", "Campus Digital Twins"),
        ("technology", "Verifiable Records"),
    }
    assert {(d.term, d.definition) for d in result.definitions} == {
        ("Challenges", "the pressures that stall change on campus"),
        ("Drivers", "the shifts that push institutions forward"),
        ("Key Technologies", "the tools that make the response possible"),
    }
    (quote,) = result.quotes
    assert (quote.speaker.name, quote.speaker.role) == ("Odile M. Varga", "Forum president")
    assert result.document.edition == 2031
    assert {t.rule for t in result.topics} <= {r.id for r in load_profile(CAMPUS).rules}


def test_the_cosn_profile_finds_no_topics_in_the_other_family() -> None:
    """The categories come from the profile: CoSN's profile knows no 'drivers' or 'challenges'."""
    result = _extract("campus-futures-2031.md", CAMPUS_ARTICLE, COSN)
    assert {t.category for t in result.topics} <= {"hurdle", "accelerator", "tech_enabler", "bridge"}
    assert not any(t.title == "Shrinking Research Budgets" for t in result.topics)


def _broken(tmp_path: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    data = json.loads(COSN.read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _rule(data: dict, rule_id: str) -> dict:
    return next(r for r in data["rules"] if r["id"] == rule_id)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        # a mistyped kind names the rule and the kinds the engine knows
        (
            lambda d: _rule(d, "topic.heading").update(kind="topic_heding"),
            "rule topic.heading: unknown kind 'topic_heding'",
        ),
        # a structural step the engine runs has no rule in the profile
        (lambda d: d["rules"].remove(_rule(d, "quote.pronoun")), "missing: quote_pronoun"),
        # a section cue opens a category the profile does not define
        (lambda d: _rule(d, "section.bridge_counted").update(category="bridges"), "category 'bridges' is not one of"),
        # a pattern names a lexicon that does not exist
        (
            lambda d: _rule(d, "quote.verb").update(pattern=[{"LOWER": {"IN": "@reporting_verb"}}]),
            "unknown lexicon @reporting_verb",
        ),
        # a confidence outside (0, 1]
        (lambda d: _rule(d, "quote.after").update(confidence=1.5), "rules[quote.after].confidence"),
        # two rules with one id
        (lambda d: d["rules"].append(dict(_rule(d, "quote.after"))), "rule ids must be unique: quote.after"),
        # a status cue is a kind with its status in the contract; a made-up status kind is unknown
        (lambda d: _rule(d, "status.new_tag").update(kind="status_maybe"), "unknown kind 'status_maybe'"),
    ],
)
def test_a_broken_profile_fails_at_load_naming_the_file_and_the_rule(tmp_path: Path, edit, message: str) -> None:
    path = _broken(tmp_path, edit)
    with pytest.raises(ProfileError) as err:
        load_profile(path)
    assert str(path) in str(err.value) and message in str(err.value)


def test_every_pattern_kind_is_one_the_engine_knows_and_every_rule_has_a_confidence() -> None:
    from extract.profile import CUE_KINDS, STRUCTURAL_KINDS

    for path in (COSN, CAMPUS):
        profile = load_profile(path)
        kinds = {r.kind for r in profile.rules}
        assert set(STRUCTURAL_KINDS) <= kinds and kinds <= set(STRUCTURAL_KINDS) | set(CUE_KINDS)
        assert all(0 < r.confidence <= 1 for r in profile.rules)
