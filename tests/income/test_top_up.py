"""Hand-computed amounts: 867 € × consumption units (OECD-modified scale) − resources of the month."""

from datetime import date
from decimal import Decimal

import pytest

from alliances.households.input_format import parse_household
from alliances.income.engine.rules import RulesError, default_values, rules_for
from alliances.income.engine.top_up import compute_top_up

#: Pure computation, no database: CI runs it once (the SQLite pass).
pytestmark = pytest.mark.engine

M = date(2026, 11, 1)
RULES = rules_for(default_values(), M)


def household(members, received=None, commune="35238", enrolled=True):  # type: ignore[no-untyped-def]
    return parse_household(
        {
            "id": "h",
            "commune": commune,
            "housing": {"status": "tenant", "rent": 400},
            "members": members,
            "received": received or {},
            "enrolled": enrolled,
        }
    )


def adult(role="applicant", birth="1985-01-01", salary=None):  # type: ignore[no-untyped-def]
    incomes = {"salary_net": {"2026-11": salary}} if salary is not None else {}
    return {"id": f"{role}{birth}", "role": role, "birth_date": birth, "incomes": incomes}


def child(birth):  # type: ignore[no-untyped-def]
    return {"id": f"c{birth}", "role": "child", "birth_date": birth}


CASES = [
    # (name, members, received, units, guaranteed, resources, top_up, paid)
    ("single, no income", [adult()], {}, "1", "867.00", "0.00", "867.00", True),
    ("single, RSA received", [adult()], {"rsa": 573.49}, "1", "867.00", "573.49", "293.51", True),
    ("couple, salary 900", [adult(salary=900), adult("partner")], {}, "1.5", "1300.50", "900.00", "400.50", True),
    (
        "couple + child of 10 + teen of 15",
        [adult(), adult("partner"), child("2016-03-01"), child("2011-06-01")],
        {},
        "2.3",
        "1994.10",
        "0.00",
        "1994.10",
        True,
    ),
    (
        "child turning 14 on the first day counts 0.5",
        [adult(), child("2012-11-01")],
        {},
        "1.5",
        "1300.50",
        "0.00",
        "1300.50",
        True,
    ),
    (
        "child turning 14 on the second day counts 0.3",
        [adult(), child("2012-11-02")],
        {},
        "1.3",
        "1127.10",
        "0.00",
        "1127.10",
        True,
    ),
    (
        "lone parent, two children, salary + AF",
        [adult(salary=1000), child("2018-01-01"), child("2020-01-01")],
        {"af": 152.25},
        "1.6",
        "1387.20",
        "1152.25",
        "234.95",
        True,
    ),
    ("resources just above the level", [adult(salary=867.01)], {}, "1", "867.00", "867.01", "0.00", False),
    ("difference of exactly 6 € is paid", [adult(salary=861)], {}, "1", "867.00", "861.00", "6.00", True),
    ("difference of 5.99 € is not paid", [adult(salary=861.01)], {}, "1", "867.00", "861.01", "0.00", False),
    ("rounding to the cent", [adult(salary=100.005)], {}, "1", "867.00", "100.01", "766.99", True),
]


@pytest.mark.parametrize(
    ("name", "members", "received", "units", "guaranteed", "resources", "top_up", "paid"),
    CASES,
    ids=[c[0] for c in CASES],
)
def test_hand_computed(name, members, received, units, guaranteed, resources, top_up, paid) -> None:  # type: ignore[no-untyped-def]
    result = compute_top_up(household(members, received), M, RULES)
    assert result.consumption_units == Decimal(units)
    assert result.guaranteed == Decimal(guaranteed)
    assert result.resources == Decimal(resources)
    assert result.top_up == Decimal(top_up)
    assert result.paid is paid


def test_eligibility_commune_age_and_enrolment() -> None:
    assert compute_top_up(household([adult()], commune="35047"), M, RULES).top_up == 0
    assert compute_top_up(household([adult(birth="2009-01-01")]), M, RULES).top_up == 0
    not_enrolled = compute_top_up(household([adult()], enrolled=False), M, RULES)
    assert not_enrolled.top_up == 0 and "pas inscrit" in not_enrolled.breakdown[-1]


def test_breakdown_in_plain_french() -> None:
    result = compute_top_up(household([adult(salary=900), adult("partner")]), M, RULES)
    assert result.breakdown[0].startswith("Votre niveau garanti est de 1\u202f300,50 €")
    assert "Vos ressources du mois sont de 900,00 €" in result.breakdown[1]
    assert result.breakdown[2] == "Le complément est de 400,50 €."


def test_variant_counting_entitled_benefits() -> None:
    variant = RULES.with_changes(resources_mode="entitled")
    result = compute_top_up(household([adult()], {"rsa": 0.0}), M, variant, entitled={"rsa": 573.49})
    assert result.resources == Decimal("573.49")
    assert compute_top_up(household([adult()], {"rsa": 0.0}), M, RULES, entitled={"rsa": 573.49}).resources == 0


def test_rules_with_no_value_for_the_month() -> None:
    with pytest.raises(RulesError, match="Aucune valeur"):
        rules_for(default_values(), date(2019, 12, 1))


def test_benefits_due_are_only_needed_where_they_can_change_the_top_up() -> None:
    from alliances.income.engine.top_up import needs_entitled_benefits

    assert needs_entitled_benefits(household([adult(salary=500)]), M, RULES)
    assert not needs_entitled_benefits(household([adult(salary=867)]), M, RULES)  # own incomes reach the level
    assert not needs_entitled_benefits(household([adult()], commune="35047"), M, RULES)
    assert not needs_entitled_benefits(household([adult()], enrolled=False), M, RULES)
    # Whenever the rights engine is skipped, the top-up is 0 with any benefits at all.
    skipped = household([adult(salary=867)])
    variant = RULES.with_changes(resources_mode="entitled")
    assert compute_top_up(skipped, M, variant, entitled={}).top_up == 0
    assert compute_top_up(skipped, M, variant, entitled={"rsa": 300.0}).top_up == 0


def test_benefit_labels_agree_in_gender_and_number() -> None:
    result = compute_top_up(household([adult()], {"rsa": 100.0, "aide_logement": 50.0, "af": 10.0}), M, RULES)
    assert "RSA reçu 100,00 €" in result.breakdown[1]
    assert "aide au logement reçue 50,00 €" in result.breakdown[1]
    assert "allocations familiales reçues 10,00 €" in result.breakdown[1]
    variant = RULES.with_changes(resources_mode="entitled")
    due = compute_top_up(household([adult()]), M, variant, entitled={"rsa": 100.0, "af": 10.0})
    assert (
        "RSA dû (estimé) 100,00 €" in due.breakdown[1] and "allocations familiales dues (estimées)" in due.breakdown[1]
    )


def test_the_explanation_writes_numbers_in_french() -> None:
    """Money review (issue 15), item 9: the person read "× 1.3 unités"."""
    from alliances.income.engine.top_up import decimal_fr

    assert decimal_fr(Decimal("1.3")) == "1,3"
    assert decimal_fr(Decimal("1.50")) == "1,5"
    assert decimal_fr(Decimal("2")) == "2"


def _salaries(by_month: dict[str, float]):  # type: ignore[no-untyped-def]
    applicant = {"id": "a", "role": "applicant", "birth_date": "1985-01-01", "incomes": {"salary_net": by_month}}
    return household([applicant])


def test_the_resources_period_rule_counts_the_month_the_month_before_or_the_quarters_average() -> None:
    salaries = {"2026-08": 300.0, "2026-09": 300.0, "2026-10": 600.0, "2026-11": 100.0}
    same = compute_top_up(_salaries(salaries), M, RULES)
    before = compute_top_up(_salaries(salaries), M, RULES.with_changes(resources_period="previous_month"))
    quarter = compute_top_up(_salaries(salaries), M, RULES.with_changes(resources_period="previous_quarter"))
    assert same.resources == Decimal("100.00") and same.top_up == Decimal("767.00")
    assert before.resources == Decimal("600.00") and before.top_up == Decimal("267.00")
    assert quarter.resources == Decimal("400.00") and quarter.top_up == Decimal("467.00")  # (300 + 300 + 600) / 3
    assert "Vos ressources d'octobre 2026 (le mois précédent) sont de 600,00 €" in before.breakdown[1]
    assert "moyenne des trois mois précédents, août 2026 à octobre 2026" in quarter.breakdown[1]


def test_an_unknown_resources_period_is_refused_in_french() -> None:
    from alliances.income.engine.rules import DatedValue

    values = [v for v in default_values() if v.name != "resources_period"]
    values.append(DatedValue("resources_period", date(2020, 1, 1), "semaine", "test"))
    with pytest.raises(RulesError, match="Période de ressources inconnue"):
        rules_for(values, M)


def test_a_micro_entrepreneurs_turnover_counts_after_the_flat_allowance() -> None:
    turnover = household(
        [
            {
                "id": "a",
                "role": "applicant",
                "birth_date": "1985-01-01",
                "incomes": {"self_employed_services": {"2026-11": 1000.0}, "student_grant": {"2026-11": 100.0}},
            }
        ]
    )
    result = compute_top_up(turnover, M, RULES)
    assert result.resources == Decimal("600.00") and result.top_up == Decimal("267.00")  # 1000 × 50 % + 100
    assert "micro-entreprise (services), après abattement de 50 % 500,00 €" in result.breakdown[1]


def test_with_last_known_nothing_declared_is_counted_on_the_last_declared_month_or_held() -> None:
    rules = RULES.with_changes(undeclared_resources="last_known")
    late = compute_top_up(_salaries({"2026-09": 300.0, "2026-10": 500.0}), M, rules)
    assert late.resources == Decimal("500.00") and late.top_up == Decimal("367.00")
    assert "le calcul reprend celles d'octobre 2026, les dernières connues" in late.breakdown[2]
    unknown = compute_top_up(_salaries({"2026-06": 500.0}), M, rules)  # more than three months back
    assert unknown.top_up == 0 and "le complément est retenu" in unknown.breakdown[-1]
    declared = compute_top_up(_salaries({"2026-10": 500.0, "2026-11": 0.0}), M, rules)
    assert declared.resources == 0 and declared.top_up == Decimal("867.00")  # 0 € declared is declared
