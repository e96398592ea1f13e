"""Issue 20: the engine writes each explanation for the person ("Votre niveau garanti…"); staff pages
say it about the person. Every branch of the engine, through the staff voice, says neither "vous",
"votre" nor "vos"."""

import re

import pytest

from alliances.income.engine.top_up import compute_top_up
from alliances.income.engine.voice import staff_voice

from .test_top_up import RULES, M, adult, household

pytestmark = pytest.mark.engine

OCTOBER = {"2026-10": 300.0}
ADDRESSED = re.compile(r"\b(vous|votre|vos)\b", re.IGNORECASE)

BRANCHES = {
    "paid": (household([adult()], {"rsa": 100.0}), RULES),
    "resources reach the level": (household([adult(salary=2000)]), RULES),
    "below the minimum paid": (household([adult(salary=860)]), RULES),
    "not eligible": (household([adult()], commune="75056"), RULES),
    "nothing declared, counted as zero": (household([adult()]), RULES),
    "nothing declared, held back": (household([adult()]), RULES.with_changes(undeclared_resources="hold")),
    "nothing declared, last known": (
        household([{"id": "a", "role": "applicant", "birth_date": "1985-01-01", "incomes": {"salary_net": OCTOBER}}]),
        RULES.with_changes(undeclared_resources="last_known"),
    ),
    "a quarter counted": (household([adult(salary=100)]), RULES.with_changes(resources_period="previous_quarter")),
}


@pytest.mark.parametrize("branch", BRANCHES)
def test_each_explanation_is_addressed_to_the_person_and_said_about_them_to_staff(branch: str) -> None:
    members, rules = BRANCHES[branch]
    lines = compute_top_up(members, M, rules).breakdown
    assert any(ADDRESSED.search(line) for line in lines)  # the person's own page says "vous"
    for line in lines:
        assert not ADDRESSED.search(staff_voice(line)), staff_voice(line)


def test_a_correction_is_said_about_the_person_to_staff() -> None:
    line = "Vos ressources de 10/2026 ont changé : le complément dû est de 500,00 €, 600,00 € ont été versés."
    assert staff_voice(line).startswith("Les ressources du foyer de 10/2026 ont changé")
