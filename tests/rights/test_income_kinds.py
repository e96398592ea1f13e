"""Issue 15, item 2: every income kind of the household format reaches what each benefit's formula reads.

For each benefit the engine reports, a base household where it is clearly paid; then, for each income kind,
the same household with a monthly amount of that kind on every month of the 12 months the engine reads.
Each amount is checked twice:

- against OpenFisca-France run directly on a situation written by hand (tests/rights/oracle.py), with the
  inputs the law means for that income (`LEGAL_INPUTS` below), within 1 €;
- for the direction the law gives (lower, higher, unchanged), each rule stated beside its case.

Every household is computed in one call of the engine and one OpenFisca simulation per benefit (module
fixtures), so that the whole matrix costs a few simulations, not one per cell.
"""

from dataclasses import dataclass, field
from typing import Any

import pytest

from alliances.households.input_format import INCOME_TYPES, HouseholdInput
from alliances.rights.engine.results import BENEFITS, RightsResult
from alliances.rights.engine.simulate import compute_rights

from .conftest import household, monthly
from .oracle import Family, openfisca_many

#: Pure computation, no database: CI runs it once (the SQLite pass).
pytestmark = pytest.mark.engine

M = "2026-11"


def legal_inputs(kind: str, amount: float) -> dict[str, Any]:
    """The OpenFisca inputs a monthly net amount of each kind means, written here by hand.

    - A net salary: the taxable salary adds the non-deductible CSG and CRDS (2.9 % of 98.25 % of the gross,
      about 3.6 % of the net); the gross salary (salaire_de_base, which the ASPA counts) is about net / 0.78,
      a private-sector employee's contributions taking about 22 % of it.
    - An unemployment benefit and a small pension: CSG and CRDS are mostly exempt at these amounts, so the
      net, taxable and gross amounts are equal (the ASPA counts the gross pension, retraite_brute).
    - Child support received (pension alimentaire): taxable as received.
    - A higher-education grant: the amount, and the member is a "boursier".
    - A micro-entrepreneur's monthly turnover, by activity (OpenFisca derives the profit the RSA, the prime
      d'activité, the ASPA and the CSS count), and the taxable profit of the past years (`taxable_profit`).
    """
    inputs: dict[str, dict[str, Any]] = {
        "salary_net": {"salaire_net": amount, "salaire_imposable": amount * 1.036, "salaire_de_base": amount / 0.78},
        "unemployment": {"chomage_net": amount, "chomage_imposable": amount},
        "pension": {"retraite_nette": amount, "retraite_imposable": amount, "retraite_brute": amount},
        "child_support": {"pensions_alimentaires_percues": amount},
        "student_grant": {"bourse_enseignement_sup": amount, "boursier": True},
        "self_employed_sales": {"rpns_auto_entrepreneur_CA_achat_revente": amount, **taxable_profit(amount, 0.71)},
        "self_employed_services": {"rpns_auto_entrepreneur_CA_bic": amount, **taxable_profit(amount, 0.50)},
        "self_employed_liberal": {"rpns_auto_entrepreneur_CA_bnc": amount, **taxable_profit(amount, 0.34)},
    }
    return inputs[kind]


def taxable_profit(turnover: float, allowance: float) -> dict[str, Any]:
    """What the tax returns of the past three calendar years show for a micro-entrepreneur: the turnover
    of the year less the flat-rate allowance (71 % for sales, 50 % for services, art. 50-0 CGI; 34 % for
    liberal professions, art. 102 ter CGI). Housing aid and the family benefits count it for year N-2,
    the AAH for N-1 (whether the person works) and N-2. The current year has no return yet."""
    year = int(M[:4])
    profit = 12 * turnover * (1 - allowance)
    return {"rpns_imposables": {str(past): profit for past in range(year - 3, year)}}


@dataclass(frozen=True)
class Person:
    role: str  # applicant, partner or child
    birth: str
    incomes: dict[str, float] = field(default_factory=dict)  # kind → monthly amount
    disability: float = 0.0


@dataclass(frozen=True)
class Base:
    """A household where `benefit` is clearly paid; the income added goes to the applicant."""

    benefit: str  # the engine's name (benefits key, or "css")
    variables: tuple[str, ...]  # what OpenFisca is asked, in that order
    persons: tuple[Person, ...]
    status: str = "tenant"
    rent: float = 0.0
    #: kind → (monthly amount added, expected direction: "lower", "higher" or "same")
    expected: dict[str, tuple[float, str]] = field(default_factory=dict)


ADULT = "1986-03-01"
SELF_EMPLOYED = ("self_employed_sales", "self_employed_services", "self_employed_liberal")


def _kinds(amount: float, direction: str, **others: tuple[float, str]) -> dict[str, tuple[float, str]]:
    """Every income kind of the format: `amount` and `direction`, unless given in `others`."""
    return {kind: others.get(kind, (amount, direction)) for kind in INCOME_TYPES}


PARENTS = (Person("applicant", "1985-01-01", {"salary_net": 4000}), Person("partner", "1987-01-01"))
CHILDREN = (Person("child", "2016-05-01"), Person("child", "2019-09-01"))

BASES: dict[str, Base] = {
    # RSA (art. L262-2 s. and R262-6 s. CASF): every resource counts, earnings after the 62 % bonus (so
    # 300 € of salary lowers it by 114 €, 300 € of benefits or child support by 300 €). A higher-education
    # grant is not a resource (excluded from the RMI's since the decree of 16 November 2001, then from the
    # RSA's by art. R262-11 CASF); OpenFisca-France does not read it.
    "rsa": Base(
        "rsa",
        ("rsa",),
        (Person("applicant", ADULT),),
        rent=450,
        expected=_kinds(300, "lower", student_grant=(300, "same")),
    ),
    # Prime d'activité (art. L842-3 s. CSS), single tenant earning 400 €: each euro earned adds 59.85 % of
    # it while earnings and the housing lump sum stay under the flat amount (salary and the profit of a
    # micro-entrepreneur: higher); other resources are deducted in full (lower). The grant: not read.
    "ppa": Base(
        "ppa",
        ("ppa_nette_crds",),
        (Person("applicant", ADULT, {"salary_net": 400}),),
        rent=450,
        expected=_kinds(
            300,
            "lower",
            salary_net=(100, "higher"),
            student_grant=(300, "same"),
            **dict.fromkeys(SELF_EMPLOYED, (300.0, "higher")),
        ),
    ),
    # Housing aid (art. R822-3 s. CCH): the taxable resources of the last 12 months (salaries less 10 %,
    # unemployment benefits, pensions and child support received less 10 %) and a micro-entrepreneur's
    # profit of year N-2 (the tax return's). Tenant aged 63 with a 900 € pension: no RSA, whose recipients'
    # resources housing aid takes as nil. A student grant is tax-exempt: not counted.
    "aide_logement": Base(
        "aide_logement",
        ("aide_logement",),
        (Person("applicant", "1963-03-01", {"pension": 900}),),
        rent=450,
        expected=_kinds(300, "lower", student_grant=(300, "same")),
    ),
    # Family allowances: not means-tested below the first ceiling (art. D521-1 CSS: halved above it since
    # July 2015), 300 € of any kind changes nothing ...
    "af": Base("af", ("af_nettes_crds",), (*PARENTS, *CHILDREN), status="owner", expected=_kinds(300, "same")),
    # ... but the resources of year N-2 (revenu net catégoriel) above the ceiling (79,980 € for two children
    # in 2026) halve them: a salary, an unemployment benefit, a pension or child support of 4,000 € a month
    # on top of the 4,000 € salary, or a micro-entrepreneur's profit of the same order. A grant: tax-exempt.
    "af_ceiling": Base(
        "af",
        ("af_nettes_crds",),
        (*PARENTS, *CHILDREN),
        status="owner",
        expected=_kinds(
            4000,
            "lower",
            student_grant=(4000, "same"),
            self_employed_sales=(15000, "lower"),
            self_employed_services=(6400, "lower"),
            self_employed_liberal=(6000, "lower"),
        ),
    ),
    # ASF (art. L523-1 CSS): not means-tested; child support received below its amount is completed up to
    # it (ASF différentielle), so 100 € of child support lowers it by 100 €.
    "asf": Base(
        "asf",
        ("asf_nette_crds",),
        (Person("applicant", ADULT), Person("child", "2018-06-01")),
        status="owner",
        expected=_kinds(300, "same", child_support=(100, "lower")),
    ),
    # AAH (art. L821-3 and R821-4 CSS): a person who works is assessed on the last quarter (earnings less
    # 80 % up to 30 % of the SMIC), otherwise on the taxable resources of year N-2 (unemployment benefits,
    # pensions and child support received, a micro-entrepreneur's profit). A grant: tax-exempt.
    "aah": Base(
        "aah",
        ("aah",),
        (Person("applicant", ADULT, disability=0.8),),
        status="owner",
        expected=_kinds(300, "lower", student_grant=(300, "same")),
    ),
    # ASPA (art. L815-9 and R815-22 s. CSS): resources of the last three months, gross pensions and
    # salaries; earnings less an allowance (0.9 SMIC a quarter for a single person), hence 900 € of salary.
    # A student grant is not among the resources OpenFisca-France counts.
    "aspa": Base(
        "aspa",
        ("aspa",),
        (Person("applicant", "1956-05-01"),),
        status="owner",
        expected=_kinds(300, "lower", salary_net=(900, "lower"), student_grant=(300, "same")),
    ),
    # CSS (art. L861-1 and R861-8 CSS): resources of the last 12 months against two ceilings. An owner
    # with a 700 € unemployment benefit (no RSA) is under the first: free; 300 € more of any counted kind
    # goes over it: a contribution. OpenFisca-France counts a higher-education grant only for a student
    # who is not a boursier, and the format's grant makes the member one: not counted.
    "css": Base(
        "css",
        ("cmu_c", "css_participation_forfaitaire"),
        (Person("applicant", ADULT, {"unemployment": 700}),),
        status="owner",
        expected=_kinds(300, "lower", student_grant=(300, "same")),
    ),
}


def _persons(base: Base, kind: str | None, amount: float) -> list[Person]:
    persons = list(base.persons)
    if kind is not None:
        applicant = persons[0]
        incomes = {**applicant.incomes, kind: applicant.incomes.get(kind, 0.0) + amount}
        persons[0] = Person(applicant.role, applicant.birth, incomes, applicant.disability)
    return persons


def engine_household(base: Base, kind: str | None, amount: float, hid: str) -> HouseholdInput:
    members = []
    for index, person in enumerate(_persons(base, kind, amount)):
        member: dict[str, Any] = {
            "id": f"p{index}",
            "role": person.role,
            "birth_date": person.birth,
            "incomes": {k: monthly(v, M) for k, v in person.incomes.items()},
        }
        if person.disability:
            member["disability_rate"] = person.disability
        members.append(member)
    return household(M, members=members, status=base.status, rent=base.rent, hid=hid)


def oracle_family(base: Base, kind: str | None, amount: float) -> Family:
    persons: dict[str, dict[str, Any]] = {}
    for index, person in enumerate(_persons(base, kind, amount)):
        inputs: dict[str, Any] = {"date_naissance": person.birth}
        if person.disability:
            inputs["taux_incapacite"] = person.disability
        for income_kind, value in person.incomes.items():
            inputs.update(legal_inputs(income_kind, value))
        persons[f"p{index}"] = inputs
    children = sum(person.role == "child" for person in base.persons)
    return Family(persons, status=base.status, rent=base.rent, children=children)


CELLS = [(name, kind) for name, base in BASES.items() for kind in [None, *base.expected]]


def _amount(base: Base, kind: str | None) -> float:
    return base.expected[kind][0] if kind else 0.0


@pytest.fixture(scope="module")
def engine() -> dict[tuple[str, str | None], RightsResult]:
    households = [
        engine_household(BASES[name], kind, _amount(BASES[name], kind), f"{name}-{kind}") for name, kind in CELLS
    ]
    return dict(zip(CELLS, compute_rights(households, M), strict=True))


@pytest.fixture(scope="module")
def oracle() -> dict[tuple[str, str | None], dict[str, float]]:
    values: dict[tuple[str, str | None], dict[str, float]] = {}
    for name, base in BASES.items():
        cells = [cell for cell in CELLS if cell[0] == name]
        families = [oracle_family(base, kind, _amount(base, kind)) for _, kind in cells]
        computed = openfisca_many(families, list(base.variables), M)
        for index, cell in enumerate(cells):
            values[cell] = {variable: float(array[index]) for variable, array in computed.items()}
    return values


#: The CSS as a level of help, for its direction: free, with a contribution, none.
CSS_LEVEL = {"gratuite": 2, "participation": 1, "non": 0}


def _engine_value(base: Base, result: RightsResult) -> float:
    return CSS_LEVEL[result.css] if base.benefit == "css" else result.benefits[base.benefit]


@pytest.mark.parametrize(("name", "kind"), CELLS, ids=[f"{name}-{kind or 'base'}" for name, kind in CELLS])
def test_the_engine_gives_openfiscas_amount(name: str, kind: str | None, engine: Any, oracle: Any) -> None:
    base, result, expected = BASES[name], engine[(name, kind)], oracle[(name, kind)]
    if base.benefit == "css":
        contribution = expected["css_participation_forfaitaire"]
        css = "gratuite" if expected["cmu_c"] else "participation" if contribution > 0 else "non"
        assert (result.css, result.css_contribution) == (css, pytest.approx(contribution, abs=1))
    else:
        assert result.benefits[base.benefit] == pytest.approx(expected[base.variables[0]], abs=1)


DIRECTIONS = [(name, kind) for name, kind in CELLS if kind is not None]


@pytest.mark.parametrize(("name", "kind"), DIRECTIONS, ids=[f"{name}-{kind}" for name, kind in DIRECTIONS])
def test_each_income_kind_moves_the_amount_as_the_law_says(name: str, kind: str, engine: Any) -> None:
    base = BASES[name]
    before = _engine_value(base, engine[(name, None)])
    after = _engine_value(base, engine[(name, kind)])
    assert before > 0, f"{name}: the base household must receive the benefit"
    direction = base.expected[kind][1]
    if direction == "lower":
        assert after <= before - 1 if base.benefit != "css" else after < before
    elif direction == "higher":
        assert after >= before + 1
    else:
        assert after == pytest.approx(before, abs=0.01)


def test_every_benefit_is_checked_for_every_income_kind() -> None:
    assert {base.benefit for base in BASES.values()} == {*BENEFITS, "css"}
    for name, base in BASES.items():
        assert set(base.expected) == set(INCOME_TYPES), name
