from datetime import date
from decimal import Decimal

from alliances.households.input_format import parse_household
from alliances.income.engine.budget import simulate_budget
from alliances.income.engine.rules import default_values, rules_for

M = date(2026, 11, 1)
RULES = rules_for(default_values(), M)


def h(hid: str, salary: float, partner: bool = False):  # type: ignore[no-untyped-def]
    members = [
        {"id": "a", "role": "applicant", "birth_date": "1980-01-01", "incomes": {"salary_net": {"2026-11": salary}}}
    ]
    if partner:
        members.append({"id": "b", "role": "partner", "birth_date": "1980-01-01"})
    return parse_household(
        {"id": hid, "commune": "35238", "enrolled": True, "members": members, "housing": {"status": "hosted"}}
    )


def test_a_higher_level_costs_more_and_nobody_loses() -> None:
    households = [h("a", 0), h("b", 500), h("c", 900, partner=True), h("d", 2000)]
    result = simulate_budget(households, M, RULES, RULES.with_changes(guaranteed_level=Decimal("950")))
    # current: 867 + 367 + 400.50 + 0 = 1634.50; variant: 950 + 450 + 525 + 0 = 1925
    assert result.current_total == Decimal("1634.50") and result.variant_total == Decimal("1925.00")
    assert (result.gainers, result.losers, result.unchanged) == (3, 0, 1)
    assert dict(result.distribution)["gagne 50 à 200 €"] == 3


def test_a_flatter_scale_makes_couples_lose() -> None:
    households = [h("single", 0), h("couple", 0, partner=True)]
    result = simulate_budget(households, M, RULES, RULES.with_changes(scale_other_14_plus=Decimal("0.3")))
    assert (result.gainers, result.losers, result.unchanged) == (0, 1, 1)
    assert result.difference == Decimal("-173.40")  # 867 × 0.2
    assert dict(result.distribution)["perd 50 à 200 €"] == 1
