"""The variation suite (tests/variations.py): every family of forms passes at least 0.95, over at least 600
generated cases, and perturbing a case (`and` ↔ `&`, case, numbering) does not change what is extracted."""

from __future__ import annotations

import pytest

from tests import variations


@pytest.fixture(scope="module")
def outcomes() -> list[variations.Outcome]:
    return [variations.run(case) for case in variations.cases()]


def test_the_suite_generates_at_least_600_cases_across_every_family(outcomes: list[variations.Outcome]) -> None:
    assert len(outcomes) >= 600
    assert {o.case.family for o in outcomes} == set(variations.FAMILIES)


def test_every_family_passes_at_least_095(outcomes: list[variations.Outcome]) -> None:
    rates = {family: ok / n for family, (ok, n) in variations.report(outcomes).items()}
    failing = {f: r for f, r in rates.items() if r < 0.95}
    examples = [f"{o.case.family} {o.case.name}: {o.problems[:2]}" for o in outcomes if not o.passed][:5]
    assert not failing, (failing, examples)


def test_perturbations_keep_the_records(outcomes: list[variations.Outcome]) -> None:
    passed = [o.case for o in outcomes if o.passed]
    for name, (same, total) in variations.invariance(passed[::3]).items():
        assert total > 0, f"{name} changed no case: the perturbation is not exercised"
        assert same / total >= 0.95, (name, same, total)


def test_a_case_that_extracts_nothing_fails_its_check() -> None:
    """The checker itself: a case whose text lost its list must not pass (no test passes on nothing)."""
    case = next(c for c in variations.cases() if c.family == "label_line")
    empty = variations.Case(case.family, case.name, case.filename, "Nothing to see here.\n", case.topics)
    outcome = variations.run(empty)
    assert not outcome.passed and all(p.startswith("missed topic") for p in outcome.problems)
