"""Issue 15, item 3: the household format's extensions (student, apprentice, pregnancy, alternating
custody, student grant, micro-entrepreneur turnover). Each changes an amount, and the engine's amount is
OpenFisca-France's, computed directly on the same situation."""

from typing import Any

import pytest

from alliances.households.input_format import HouseholdError, parse_household

from .conftest import adult, child, household, monthly
from .oracle import Family
from .oracle import openfisca as openfisca_family
from .test_amounts import rights

#: Pure computation, no database: CI runs it once (the SQLite pass).
pytestmark = pytest.mark.engine

M = "2026-11"


def openfisca(
    persons: dict[str, dict[str, Any]], variable: str, *, status: str, rent: float = 0.0, children: int = 0
) -> float:
    """OpenFisca-France alone on one family (tests/rights/oracle.py): the first person is the applicant,
    the second the partner unless `children` says how many of the last ones are children."""
    return openfisca_family(Family(persons, status=status, rent=rent, children=children), variable, M)


def test_a_pregnancy_opens_the_single_parent_rsa() -> None:
    def rsa(pregnant: bool) -> float:
        woman = adult("1998-04-01", pregnant=pregnant)
        return rights(household(M, members=[woman], status="hosted"), M).benefits["rsa"]

    expected = openfisca({"w": {"date_naissance": "1998-04-01", "enceinte": True}}, "rsa", status="hosted")
    assert rsa(True) == pytest.approx(expected, abs=0.01)
    assert rsa(True) > rsa(False) + 100


def test_a_child_in_alternating_custody_halves_its_share_of_the_family_allowances() -> None:
    def af(custody: bool) -> float:
        kids = [child("2015-03-01"), child("2017-03-01"), {**child("2019-03-01"), "alternating_custody": custody}]
        members = [adult("1985-01-01"), adult("1986-01-01", "partner"), *kids]
        return rights(household(M, members=members, status="owner"), M).benefits["af"]

    persons: dict[str, dict[str, Any]] = {
        "a": {"date_naissance": "1985-01-01"},
        "b": {"date_naissance": "1986-01-01"},
        "c1": {"date_naissance": "2015-03-01"},
        "c2": {"date_naissance": "2017-03-01"},
        "c3": {"date_naissance": "2019-03-01", "garde_alternee": True},
    }
    assert af(True) == pytest.approx(openfisca(persons, "af_nettes_crds", status="owner", children=3), abs=0.01)
    assert af(True) < af(False) - 50


def _student(**extra: Any) -> dict[str, Any]:
    return adult("2004-09-01", student=True, **extra)


def test_a_student_tenant_gets_the_housing_aid_of_a_student() -> None:
    def housing(student: bool) -> float:
        person = adult("2004-09-01", student=student)
        return rights(household(M, members=[person], rent=400), M).benefits["aide_logement"]

    student = {"date_naissance": "2004-09-01", "activite": "etudiant"}
    expected = openfisca({"s": student}, "aide_logement", status="tenant", rent=400)
    assert housing(True) == pytest.approx(expected, abs=0.01)
    assert housing(True) < housing(False) - 20  # the student resource floor


def test_a_student_grant_makes_a_student_boursier() -> None:
    grant = {"student_grant": monthly(300, M)}

    def housing(with_grant: bool) -> float:
        person = _student(incomes=grant if with_grant else {})
        return rights(household(M, members=[person], rent=400), M).benefits["aide_logement"]

    boursier = {"date_naissance": "2004-09-01", "activite": "etudiant", "bourse_enseignement_sup": 300}
    boursier["boursier"] = True
    expected = openfisca({"s": boursier}, "aide_logement", status="tenant", rent=400)
    assert housing(True) == pytest.approx(expected, abs=0.01)
    assert housing(True) > housing(False) + 5  # a lower resource floor for a boursier


def test_an_apprentice_below_the_earnings_threshold_gets_no_prime_d_activite() -> None:
    def ppa(apprentice: bool) -> float:
        person = adult("2005-06-01", salary=700, apprentice=apprentice)
        return rights(household(M, members=[person], status="hosted"), M).benefits["ppa"]

    salary = {"salaire_net": 700.0, "salaire_imposable": 700.0 * 1.036, "salaire_de_base": 700.0 / 0.78}
    apprentice = {"date_naissance": "2005-06-01", "apprenti": True, **salary}
    assert ppa(True) == pytest.approx(openfisca({"p": apprentice}, "ppa_nette_crds", status="hosted"), abs=0.01)
    assert ppa(True) == 0.0 and ppa(False) > 100


def test_a_micro_entrepreneurs_turnover_counts_after_the_flat_rate_allowance() -> None:
    def benefits(turnover: float) -> dict[str, float]:
        person = adult("1985-01-01", incomes={"self_employed_services": monthly(turnover, M)} if turnover else {})
        return rights(household(M, members=[person], status="owner"), M).benefits

    entrepreneur = {"date_naissance": "1985-01-01", "rpns_auto_entrepreneur_CA_bic": 1000.0}
    with_turnover = benefits(1000)
    assert with_turnover["rsa"] == pytest.approx(openfisca({"p": entrepreneur}, "rsa", status="owner"), abs=0.01)
    assert with_turnover["ppa"] == pytest.approx(
        openfisca({"p": entrepreneur}, "ppa_nette_crds", status="owner"), abs=0.01
    )
    assert with_turnover["rsa"] < benefits(0)["rsa"] - 100


def test_member_flags_are_validated() -> None:
    data: dict[str, Any] = {
        "id": "h",
        "commune": "35238",
        "members": [{"id": "a", "role": "applicant", "birth_date": "1990-01-01", "alternating_custody": True}],
    }
    with pytest.raises(HouseholdError) as error:
        parse_household(data)
    assert error.value.field == "members[0].alternating_custody"
    data["members"][0] = {"id": "a", "role": "applicant", "birth_date": "1990-01-01", "student": "oui"}
    with pytest.raises(HouseholdError) as error:
        parse_household(data)
    assert error.value.field == "members[0].student"
