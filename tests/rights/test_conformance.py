"""OpenFisca-France's own test cases run through the engine (issue 15, item 3): see conformance/."""

import pytest

from .conformance.cases import DIFFERENT, MATCH, REPORT, Case
from .conformance.report import DOCUMENTED, render
from .conformance.runner import all_cases

#: Pure computation, no database: CI runs it once (the SQLite pass).
# One group: the module fixture (one batched computation, ~80 s) runs on one worker only.
pytestmark = [pytest.mark.engine, pytest.mark.xdist_group("conformance")]


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    return all_cases()


def test_the_report_is_up_to_date(cases: list[Case]) -> None:
    """REPORT.md lists every case the format cannot express, with why, and the figures: regenerate it with
    `python -m tests.rights.conformance --write` when the engine or the translator changes."""
    assert REPORT.read_text(encoding="utf-8") == render(cases)


def test_every_difference_is_explained(cases: list[Case]) -> None:
    different = {case.key for case in cases if case.expressible and case.verdict == DIFFERENT}
    assert different - set(DOCUMENTED) == set(), "undocumented differences: fix the engine or explain them"
    assert set(DOCUMENTED) - different == set(), "documented differences that no longer differ"


def test_most_expressible_cases_match(cases: list[Case]) -> None:
    expressible = [case for case in cases if case.expressible]
    assert len(expressible) >= 70
    assert sum(case.verdict == MATCH for case in expressible) >= 0.9 * len(expressible)
