"""OpenFisca-France's own YAML test cases, run through the rights engine (issue 15, item 3): what a case
is, what the engine reports and how OpenFisca's outputs map onto it, and which inputs the format expresses."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alliances.households.input_format import HouseholdInput
from alliances.rights.engine.openfisca_inputs import GROSS_SALARY_RATIO, TAXABLE_RATIO
from alliances.rights.engine.results import RightsResult
from alliances.rights.engine.system import tax_benefit_system

HERE = Path(__file__).parent

VENDORED = HERE / "openfisca_france"

REPORT = HERE / "REPORT.md"

#: Within how much an amount matches (euros).
TOLERANCE = 1.0


def _net_of_crds(amount: float, month: str) -> float:
    crds = float(tax_benefit_system().parameters(month).prelevements_sociaux.contributions_sociales.crds)
    return amount * (1 - crds)


def _same(amount: float, month: str) -> float:
    return amount


def _benefit(key: str) -> Callable[[RightsResult], float]:
    return lambda result: result.benefits[key]


def _css_free(result: RightsResult) -> float:
    return 1.0 if result.css == "gratuite" else 0.0


def _css_contribution(result: RightsResult) -> float:
    return result.css_contribution


@dataclass(frozen=True)
class Output:
    """An OpenFisca output variable the engine reports: where, and the conversion of OpenFisca's value."""

    key: str  # the engine's name, shown in the report
    read: Callable[[RightsResult], float]
    convert: Callable[[float, str], float] = _same


OUTPUTS: dict[str, Output] = {
    "rsa": Output("rsa", _benefit("rsa")),
    "ppa": Output("ppa", _benefit("ppa"), _net_of_crds),
    "ppa_nette_crds": Output("ppa", _benefit("ppa")),
    "aide_logement": Output("aide_logement", _benefit("aide_logement")),
    "af": Output("af", _benefit("af"), _net_of_crds),
    "af_nettes_crds": Output("af", _benefit("af")),
    "asf": Output("asf", _benefit("asf"), _net_of_crds),
    "asf_nette_crds": Output("asf", _benefit("asf")),
    "aah": Output("aah", _benefit("aah")),
    "aspa": Output("aspa", _benefit("aspa")),
    "cmu_c": Output("css gratuite", _css_free),
    "css_participation_forfaitaire": Output("css_contribution", _css_contribution),
}

#: Per-person outputs: the engine reports their sum over the household.
PERSON_OUTPUTS = {"aah"}

#: OpenFisca income inputs → (the format's income type, factor to its net monthly amount). The engine
#: derives the taxable and gross amounts from the net one with these same ratios.
INCOME_SOURCES: dict[str, tuple[str, float]] = {
    "salaire_net": ("salary_net", 1.0),
    "salaire_imposable": ("salary_net", 1 / TAXABLE_RATIO),
    "salaire_de_base": ("salary_net", 1 / GROSS_SALARY_RATIO),
    "chomage_net": ("unemployment", 1.0),
    "chomage_imposable": ("unemployment", 1.0),
    "retraite_nette": ("pension", 1.0),
    "retraite_imposable": ("pension", 1.0),
    "retraite_brute": ("pension", 1.0),
    "pensions_alimentaires_percues": ("child_support", 1.0),
    "bourse_enseignement_sup": ("student_grant", 1.0),
    "rpns_auto_entrepreneur_CA_achat_revente": ("self_employed_sales", 1.0),
    "rpns_auto_entrepreneur_CA_bic": ("self_employed_services", 1.0),
    "rpns_auto_entrepreneur_CA_bnc": ("self_employed_liberal", 1.0),
}

#: OpenFisca's boolean inputs → the format's member flags.
FLAGS = {"apprenti": "apprentice", "enceinte": "pregnant", "garde_alternee": "alternating_custody"}

HOUSING_STATUSES = {
    "locataire_vide": "tenant",
    "proprietaire": "owner",
    "loge_gratuitement": "hosted",
    "sans_domicile": "homeless",
    "non_renseigne": "other",
}

#: Inputs read by the translator itself.
TRANSLATED = {
    *INCOME_SOURCES,
    "date_naissance",
    "age",
    "taux_incapacite",
    "statut_occupation_logement",
    "loyer",
    "depcom",
    "zone_apl",
    *FLAGS,
    "activite",
    "etudiant",
    "boursier",
}

#: The activities the format expresses: the benefits compared read the activity only as "chomeur",
#: "etudiant" or "retraite" (housing aid, AAH, CSS); "actif" and "inactif" are the same to them.
ACTIVITIES = {"actif": False, "inactif": False, "etudiant": True}

#: A commune per housing-aid zone, for the cases that give the zone and not the commune.
ZONE_COMMUNES = {"zone_1": "75056", "zone_2": "35238", "zone_3": "23096"}


@dataclass(frozen=True)
class Check:
    variable: str  # OpenFisca's output variable
    month: str
    expected: float  # converted to what the engine reports
    household_id: str
    #: OpenFisca's entities the value is read from (summed): the family, or the persons of the household
    entities: tuple[int, ...]


@dataclass(frozen=True)
class Result:
    check: Check
    engine: float
    #: For a mismatch only: OpenFisca's own value for the case as written, and for the case with the
    #: incomes before the 12 months computed set to their average over those months (what the format says).
    openfisca: float | None = None
    openfisca_stable: float | None = None

    def near(self, value: float | None) -> bool:
        return value is not None and abs(self.engine - value) <= TOLERANCE

    @property
    def verdict(self) -> str:
        if self.near(self.check.expected):
            return MATCH
        if self.near(self.openfisca):
            return MARGIN
        if self.near(self.openfisca_stable):
            return STABLE
        return DIFFERENT


MATCH = "conforme"

MARGIN = "conforme au calcul d'OpenFisca, écart dans la marge du cas"

STABLE = "écart dû à l'hypothèse de situation stable"

DIFFERENT = "écart"


@dataclass
class Case:
    file: str  # relative to VENDORED
    index: int  # 1-based position in the file
    name: str
    test: dict[str, Any]
    households: dict[str, HouseholdInput] = field(default_factory=dict)
    checks: list[Check] = field(default_factory=list)
    #: Why the format cannot express the case (None: it can, or it checks nothing the engine reports).
    reason: str | None = None
    results: list[Result] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.file}#{self.index}"

    @property
    def compared(self) -> bool:
        return bool(self.checks) or self.reason is not None

    @property
    def expressible(self) -> bool:
        return bool(self.checks) and self.reason is None

    @property
    def matches(self) -> bool:
        return self.expressible and self.verdict == MATCH

    @property
    def verdict(self) -> str:
        order = (MATCH, MARGIN, STABLE, DIFFERENT)
        return max((result.verdict for result in self.results), key=order.index, default=MATCH)
