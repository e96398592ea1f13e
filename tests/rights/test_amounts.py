"""Amounts checked against figures from outside our code.

- OpenFisca-France's own test cases (tests/formulas/rsa/rsa_celibataire.yaml, rsa_couple.yaml), run
  through our household format (owners, so that no housing aid interferes, as in those cases).
- Officially published amounts for 2026: RSA base 651.69 € from April 2026 and its housing lump sum
  (12 % for one person, 16 % for two: art. R262-10 CASF); couple = 1.5 × base (art. R262-1); prime
  d'activité = 638.28 € + 59.85 % of earnings (art. D843-3 CSS since April 2025) less the higher of
  that lump sum and the resources (earnings + 12 % housing lump sum), less 0.5 % CRDS; allocations
  familiales = 32 % / 73 % of the BMAF (478.16 €) for 2 / 3 children, less CRDS; AAH 1,041.59 € from
  April 2026; ASPA 12,523.14 € a year for a person alone from January 2026; ASF = 42.2 % of the BMAF
  for a child raised by one parent (raised by 50 % in November 2022), less CRDS.
- The issue's reference: one person, no income, tenant in Rennes, 450 € rent → RSA 573.49, housing aid 308.
"""

import pytest

from alliances.rights.engine.simulate import compute_rights

from .conftest import adult, child, household, monthly

#: Pure computation, no database: CI runs it once (the SQLite pass).
pytestmark = pytest.mark.engine

RSA_BASE_2026 = 651.69
PPA_BASE_2026 = 638.28
BMAF = 478.16
CRDS = 0.995


def rights(h, month):  # type: ignore[no-untyped-def]
    return compute_rights([h], month)[0]


CASES = [
    # (name, month, household builder, expected {benefit: amount}, tolerance)
    (
        "single, no income, tenant in Rennes (issue reference)",
        "2026-11",
        lambda: household("2026-11", members=[adult("1985-05-17")], rent=450),
        {"rsa": 573.49, "aide_logement": 308.0},
        0.01,
    ),
    (
        "single, no income, hosted free of charge",
        "2026-11",
        lambda: household("2026-11", members=[adult("1985-05-17")], status="hosted"),
        {"rsa": round(RSA_BASE_2026 * 0.88, 2), "aide_logement": 0.0},
        0.01,
    ),
    (
        "couple, no income, owners",
        "2026-11",
        lambda: household("2026-11", members=[adult("1985-01-01"), adult("1986-01-01", "partner")], status="owner"),
        {"rsa": round(RSA_BASE_2026 * 1.5 * 0.84, 2), "aide_logement": 0.0},
        0.01,
    ),
    (
        "single, part-time work 650 €/month, owner",
        "2026-11",
        lambda: household("2026-11", members=[adult("1985-01-01", salary=650)], status="owner"),
        {"ppa": round((PPA_BASE_2026 + 0.5985 * 650 - (650 + 0.12 * PPA_BASE_2026)) * CRDS, 2), "rsa": 0.0},
        0.01,
    ),
    (
        "couple with 2 children, working, owners",
        "2026-11",
        lambda: household(
            "2026-11",
            members=[
                adult("1985-01-01", salary=2600),
                adult("1986-01-01", "partner"),
                child("2020-03-01"),
                child("2018-06-01"),
            ],
            status="owner",
        ),
        {"af": round(0.32 * BMAF * CRDS, 2)},
        0.01,
    ),
    (
        "couple with 3 children, working, owners",
        "2026-11",
        lambda: household(
            "2026-11",
            members=[
                adult("1985-01-01", salary=2600),
                adult("1986-01-01", "partner"),
                child("2020-03-01"),
                child("2018-06-01"),
                child("2016-02-01"),
            ],
            status="owner",
        ),
        {"af": round(0.73 * BMAF * CRDS, 2)},
        0.01,
    ),
    (
        "single, disability 80 %, no income, hosted",
        "2026-11",
        lambda: household("2026-11", members=[adult("1980-01-01", disability_rate=80)], status="hosted"),
        {"aah": 1041.59},
        0.01,
    ),
    (
        "single, 70 years old, no income, owner",
        "2026-11",
        lambda: household("2026-11", members=[adult("1956-03-01")], status="owner"),
        {"aspa": round(12523.14 / 12, 2)},
        0.01,
    ),
    (
        "lone parent, one child, no child support",
        "2026-11",
        lambda: household("2026-11", members=[adult("1990-01-01", salary=1800), child("2019-01-01")], status="owner"),
        {"asf": round(0.422 * BMAF * CRDS, 2)},
        0.01,
    ),
    (
        "lone parent, one child, child support received",
        "2026-11",
        lambda: household(
            "2026-11",
            members=[
                adult("1990-01-01", salary=1800, incomes={"child_support": monthly(250, "2026-11")}),
                child("2019-01-01"),
            ],
            status="owner",
        ),
        {"asf": 0.0},
        0.01,
    ),
    # OpenFisca-France tests/formulas/rsa/rsa_celibataire.yaml (2014, owner)
    (
        "OpenFisca: RSA single, no salary (2014)",
        "2014-01",
        lambda: household("2014-01", members=[adult("1985-01-01")], status="owner"),
        {"rsa": 439.39},
        0.01,
    ),
    (
        "OpenFisca: RSA single, salary 5000/year (2014)",
        "2014-01",
        lambda: household("2014-01", members=[adult("1985-01-01", salary=5000 / 12, month="2014-01")], status="owner"),
        {"rsa": 281.06},
        0.01,
    ),
    (
        "OpenFisca: RSA single, salary 10000/year (2014)",
        "2014-01",
        lambda: household("2014-01", members=[adult("1985-01-01", salary=10000 / 12, month="2014-01")], status="owner"),
        {"rsa": 122.73},
        0.01,
    ),
    (
        "OpenFisca: RSA single, salary 12000/year (2014)",
        "2014-01",
        lambda: household("2014-01", members=[adult("1985-01-01", salary=1000, month="2014-01")], status="owner"),
        {"rsa": 59.39},
        0.01,
    ),
    # OpenFisca-France tests/formulas/rsa/rsa_couple.yaml (2014, owners)
    (
        "OpenFisca: RSA couple, no salary (2014)",
        "2014-01",
        lambda: household("2014-01", members=[adult("1985-01-01"), adult("1985-01-01", "partner")], status="owner"),
        {"rsa": 629.13},
        0.01,
    ),
    (
        "OpenFisca: RSA couple, salary [5000, 0] (2014-06)",
        "2014-06",
        lambda: household(
            "2014-06",
            members=[adult("1985-01-01", salary=5000 / 12, month="2014-06"), adult("1985-01-01", "partner")],
            status="owner",
        ),
        {"rsa": 470.80},
        0.01,
    ),
    (
        "OpenFisca: RSA couple with a child of 10 (2014)",
        "2014-01",
        lambda: household(
            "2014-01",
            members=[adult("1985-01-01"), adult("1985-01-01", "partner"), child("2004-01-01")],
            status="owner",
        ),
        {"rsa": 750.46},
        0.01,
    ),
    (
        "OpenFisca: RSA revalorisation September 2016, aged 40",
        "2016-10",
        lambda: household("2016-10", members=[adult("1976-06-01")], status="other"),
        {"rsa": 535.17},
        535.17 * 0.01,
    ),
]


@pytest.mark.parametrize(("name", "month", "build", "expected", "tolerance"), CASES, ids=[c[0] for c in CASES])
def test_amount(name, month, build, expected, tolerance) -> None:  # type: ignore[no-untyped-def]
    result = rights(build(), month)
    for benefit, amount in expected.items():
        assert result.benefits[benefit] == pytest.approx(amount, abs=tolerance), (benefit, result.benefits)


def test_css_free_for_no_income_and_with_contribution_above() -> None:
    assert rights(household("2026-11", members=[adult("1985-05-17")], rent=450), "2026-11").css == "gratuite"
    working = rights(household("2026-11", members=[adult("1985-05-17", salary=1000)], rent=450), "2026-11")
    assert working.css == "participation" and working.css_contribution > 0
    rich = rights(household("2026-11", members=[adult("1985-05-17", salary=3500)], rent=450), "2026-11")
    assert rich.css == "non"


# --- Money review (issue 15), item 2: the ASPA counts pensions and salaries --------------------------------

ASPA_SINGLE_2026 = round(12523.14 / 12, 2)


def test_the_aspa_of_a_pensioner_is_the_level_less_the_pension() -> None:
    """A single person of 70 with a 700 € pension: 343.60 € (the level less the pension), as OpenFisca-France
    computes it given the same household; the engine gave the full 1,043.59 €."""
    pensioner = adult("1956-03-01", incomes={"pension": monthly(700, "2026-11")})
    result = rights(household("2026-11", members=[pensioner], status="owner"), "2026-11")
    assert result.benefits["aspa"] == pytest.approx(ASPA_SINGLE_2026 - 700, abs=0.02)
    # The pension is not counted twice, nor the ASPA counted as a resource of the RSA.
    assert result.benefits["rsa"] == pytest.approx(0.0, abs=0.01)


def test_a_couple_with_1300_euros_of_pensions_gets_the_couple_ceiling_less_their_pensions() -> None:
    """The couple's ceiling is 19,442.12 € a year (1,620.18 € a month, from January 2026): 1,300 € of
    pensions leave 320.18 €. The engine gave the whole 1,620.18 € (the review expected nothing; the law,
    and OpenFisca-France given the gross pensions, give the difference)."""
    couple = [
        adult("1955-01-01", incomes={"pension": monthly(800, "2026-11")}),
        adult("1956-01-01", "partner", incomes={"pension": monthly(500, "2026-11")}),
    ]
    result = rights(household("2026-11", members=couple, status="owner"), "2026-11")
    assert result.benefits["aspa"] == pytest.approx(round(19442.12 / 12, 2) - 1300, abs=0.02)


def test_a_salary_lowers_the_aspa() -> None:
    worker = adult("1956-03-01", salary=400)
    result = rights(household("2026-11", members=[worker], status="owner"), "2026-11")
    assert 0 < result.benefits["aspa"] < ASPA_SINGLE_2026


# --- Money review (issue 15), item 1: an income with no amount for the month is not a stopped job ----------


def _salary(months: dict[str, float]) -> dict[str, dict[str, float]]:
    return {"salary_net": months}


def test_earnings_with_no_amount_for_the_month_are_carried_forward_as_declared_stable() -> None:
    """350 € of salary recorded for September to November: the December estimate counted 0 € of resources
    and an RSA of 573.49 € (a false non-take-up). The last amount is now carried, and said."""
    recorded = {"2026-09": 350.0, "2026-10": 350.0, "2026-11": 350.0}
    worker = adult("1985-05-17", incomes=_salary(recorded))
    empty_december = rights(household("2026-12", members=[worker], rent=450), "2026-12")
    declared = adult("1985-05-17", incomes=_salary({**recorded, "2026-12": 350.0}))
    explicit = rights(household("2026-12", members=[declared], rent=450), "2026-12")
    assert empty_december.benefits == explicit.benefits
    assert empty_december.benefits["rsa"] < 573.49 - 100  # the 350 € count
    text = empty_december.explanations["rsa"]
    assert "déclaré stable, à 350,00 €" in text and "décembre 2026" in text and "novembre 2026" in text
    assert "enregistrez 0 €" in text
    assert "hypotheses" in empty_december.explanations and "hypotheses" not in explicit.explanations


def test_a_job_recorded_as_stopped_is_neutralised_and_the_explanation_says_so() -> None:
    stopped = adult(
        "1985-05-17", incomes=_salary({"2026-09": 350.0, "2026-10": 350.0, "2026-11": 350.0, "2026-12": 0.0})
    )
    result = rights(household("2026-12", members=[stopped], rent=450), "2026-12")
    assert result.benefits["rsa"] == pytest.approx(573.49, abs=0.01)  # the law: a stopped job is neutralised
    assert "Le salaire de la personne s'est arrêté (0 € pour décembre 2026)" in result.explanations["rsa"]
    assert "neutralisation" in result.explanations["rsa"]


def test_nothing_is_carried_from_too_long_ago() -> None:
    old = adult("1985-05-17", incomes=_salary({"2026-06": 900.0}))
    result = rights(household("2026-12", members=[old], rent=450), "2026-12")
    assert "hypotheses" not in result.explanations
