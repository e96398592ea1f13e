"""The OpenFisca-France inputs of a chunk of households: who is in which famille, foyer fiscal and ménage,
their incomes over the months OpenFisca reads, their situations and housing, and the inputs set to zero.

Months: within the 12 months up to the month computed (M-11..M), a month not given counts as 0.
Months older than that (housing aid, and the prime d'activité through it, look back to M-16; family
benefits and the CSS read the calendar year N-2) are taken as a stable situation: each income equals
its monthly average over M-11..M. Inputs are given from January of year M-3, so that OpenFisca never
reconstructs a past net income from a gross salary it does not know.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from alliances.core.months import shift, window
from alliances.households.input_format import MEMBER_FLAGS, HouseholdInput

from .system import tax_benefit_system


def history_months(month: str) -> list[str]:
    """Every month whose inputs are given: from January of year M-3 (family benefits and the CSS read
    the calendar year N-2 of past months; housing aid reads down to M-16) up to M."""
    year = int(month[:4])
    first = f"{year - 3}-01"
    months = [first]
    while months[-1] != month:
        months.append(shift(months[-1], 1))
    return months


#: salaire_imposable ≈ 1.036 × salaire_net (CSG/CRDS non deductible); housing aid reads only the former.
TAXABLE_RATIO = 1.036
#: salaire_de_base (gross) ≈ salaire_net / 0.78: a private-sector employee's contributions take about 22 %
#: of the gross wage. The ASPA (and the ASI) count gross wages; without them OpenFisca counted none.
GROSS_SALARY_RATIO = 1 / 0.78

_STATUS = {
    "tenant": "locataire_vide",
    "owner": "proprietaire",
    "hosted": "loge_gratuitement",
    "homeless": "sans_domicile",
    "other": "non_renseigne",
}
# Our income types → the OpenFisca inputs they feed (net, and taxable where a benefit reads it).
_INCOME_INPUTS: dict[str, tuple[str, ...]] = {
    "salary_net": ("salaire_net",),
    "unemployment": ("chomage_net", "chomage_imposable"),
    # The ASPA counts the gross pension (retraite_brute). For the small pensions of the persons a CCAS
    # serves, CSG and CRDS are mostly exempt: gross = net (OpenFisca-France, given 700 € of pension,
    # computes an ASPA of 343.60 €, the level less that amount).
    "pension": ("retraite_nette", "retraite_imposable", "retraite_brute"),
    "child_support": ("pensions_alimentaires_percues",),
    "student_grant": ("bourse_enseignement_sup",),
    # A micro-entrepreneur's turnover: OpenFisca derives the profit the RSA, the prime d'activité, the
    # AAH, the ASPA and the CSS count (rpns_auto_entrepreneur_benefice) with the flat-rate allowance.
    "self_employed_sales": ("rpns_auto_entrepreneur_CA_achat_revente",),
    "self_employed_services": ("rpns_auto_entrepreneur_CA_bic",),
    "self_employed_liberal": ("rpns_auto_entrepreneur_CA_bnc",),
}
#: Income inputs we never receive: set to zero so OpenFisca does not compute them from other inputs.
ZERO_INPUTS = (
    "indemnites_journalieres",
    "indemnites_chomage_partiel",
    "revenus_stage_formation_pro",
    "bourse_recherche",
    "pensions_invalidite",
    "rente_accident_travail",
    "revenus_locatifs",
    "primes_salaires",
    "indemnites_stage",
    "gains_exceptionnels",
    "allocation_securisation_professionnelle",
    "prestation_compensatoire",
    "pensions_alimentaires_versees_individu",
    "rpns_imposables",
    "ass",
    "dedommagement_victime_amiante",
    "aah_non_calculable",
    # Capital income: not in our household format. Taxable self-employment income (rpns_imposables) is
    # zero unless a micro-entrepreneur's turnover is given: see _set_taxable_self_employment.
    "revenus_capitaux_prelevement_forfaitaire_unique_ir",
    "revenus_capitaux_prelevement_bareme",
    "revenus_capitaux_prelevement_liberatoire",
    # Invalidity supplement and life annuities: no such income in our format.
    "asi",
    "rente_viagere_titre_onereux",
    "revenus_fonciers_minima_sociaux",
)


@dataclass
class Layout:
    """Person and group arrays for one chunk."""

    households: Sequence[HouseholdInput]
    person_ids: np.ndarray
    person_household: np.ndarray
    famille_of_person: np.ndarray
    famille_roles: np.ndarray
    famille_count: int
    foyer_of_person: np.ndarray
    foyer_roles: np.ndarray
    foyer_count: int
    menage_roles: np.ndarray
    main_famille: np.ndarray  # household index → its main famille index
    birth_dates: np.ndarray
    disability: np.ndarray
    #: member flag (MEMBER_FLAGS) → per-person booleans
    flags: dict[str, np.ndarray]


def layout_of(households: Sequence[HouseholdInput]) -> Layout:
    person_ids: list[str] = []
    person_household: list[int] = []
    famille_of_person: list[int] = []
    famille_roles: list[str] = []
    foyer_of_person: list[int] = []
    foyer_roles: list[str] = []
    menage_roles: list[str] = []
    birth_dates: list[str] = []
    disability: list[float] = []
    flags: dict[str, list[bool]] = {name: [] for name in MEMBER_FLAGS}
    main_famille: list[int] = []
    famille = foyer = 0
    for h_index, household in enumerate(households):
        main = famille
        main_famille.append(main)
        famille += 1
        main_foyer = foyer
        foyer += 1
        # The applicant first: OpenFisca takes the first parent as "demandeur".
        ordered = sorted(household.members, key=lambda m: ("applicant", "partner", "child", "other").index(m.role))
        for member in ordered:
            person_ids.append(f"{h_index}:{member.id}")
            person_household.append(h_index)
            birth_dates.append(member.birth_date.isoformat())
            disability.append(member.disability_rate)
            for name, values in flags.items():
                values.append(getattr(member, name))
            if member.role == "other":
                # Another adult of the dwelling: a family and a tax household of their own.
                famille_of_person.append(famille)
                famille_roles.append("demandeur")
                famille += 1
                foyer_of_person.append(foyer)
                foyer_roles.append("declarant_principal")
                foyer += 1
                menage_roles.append("autre")
                continue
            famille_of_person.append(main)
            foyer_of_person.append(main_foyer)
            if member.role == "applicant":
                famille_roles.append("demandeur")
                foyer_roles.append("declarant_principal")
                menage_roles.append("personne_de_reference")
            elif member.role == "partner":
                famille_roles.append("conjoint")
                foyer_roles.append("conjoint")
                menage_roles.append("conjoint")
            else:
                famille_roles.append("enfant")
                foyer_roles.append("personne_a_charge")
                menage_roles.append("enfant")
    return Layout(
        households=households,
        person_ids=np.array(person_ids),
        person_household=np.array(person_household, dtype=np.int64),
        famille_of_person=np.array(famille_of_person, dtype=np.int64),
        famille_roles=np.array(famille_roles),
        famille_count=famille,
        foyer_of_person=np.array(foyer_of_person, dtype=np.int64),
        foyer_roles=np.array(foyer_roles),
        foyer_count=foyer,
        menage_roles=np.array(menage_roles),
        main_famille=np.array(main_famille, dtype=np.int64),
        birth_dates=np.array(birth_dates, dtype="datetime64[D]"),
        disability=np.array(disability, dtype=np.float32),
        flags={name: np.array(values, dtype=bool) for name, values in flags.items()},
    )


def _income_arrays(layout: Layout, month: str) -> dict[str, dict[str, np.ndarray]]:
    """income type → month → per-person amounts, over `history_months(month)`."""
    recent = window(month, 12)
    history = history_months(month)
    count = len(layout.person_ids)
    arrays: dict[str, dict[str, np.ndarray]] = {}
    for income_type in _INCOME_INPUTS:
        per_month = {m: np.zeros(count, dtype=np.float32) for m in recent}
        index = 0
        for household in layout.households:
            ordered = sorted(household.members, key=lambda m: ("applicant", "partner", "child", "other").index(m.role))
            for member in ordered:
                given = member.incomes.get(income_type)
                if given:
                    for m in recent:
                        value = given.get(m)
                        if value:
                            per_month[m][index] = value
                index += 1
        average: np.ndarray = np.mean(np.stack(list(per_month.values())), axis=0).astype(np.float32)
        arrays[income_type] = {m: per_month.get(m, average) for m in history}
    return arrays


def build_simulation(layout: Layout, month: str, past_rsa: np.ndarray | None) -> Any:
    from openfisca_core.simulation_builder import SimulationBuilder

    tbs = tax_benefit_system()
    builder = SimulationBuilder()
    builder.create_entities(tbs)
    builder.declare_person_entity("individu", layout.person_ids)
    familles = builder.declare_entity("famille", np.arange(layout.famille_count))
    builder.join_with_persons(familles, layout.famille_of_person, layout.famille_roles)
    foyers = builder.declare_entity("foyer_fiscal", np.arange(layout.foyer_count))
    builder.join_with_persons(foyers, layout.foyer_of_person, layout.foyer_roles)
    menages = builder.declare_entity("menage", np.arange(len(layout.households)))
    builder.join_with_persons(menages, layout.person_household, layout.menage_roles)
    simulation = builder.build(tbs)

    history = history_months(month)
    simulation.set_input("date_naissance", "ETERNITY", layout.birth_dates)
    incomes = _income_arrays(layout, month)
    _set_incomes(simulation, incomes, history)
    _set_zero_inputs(simulation, tbs, layout, history)
    _set_taxable_self_employment(simulation, history)
    for m in history:
        simulation.set_input("taux_incapacite", m, layout.disability)
    _set_situations(simulation, tbs, layout, history, grants=incomes["student_grant"])
    _set_housing(simulation, tbs, layout, history)
    if past_rsa is not None:
        for m in history[:-1]:
            simulation.set_input("rsa", m, past_rsa)
    return simulation


def _set_incomes(simulation: Any, incomes: dict[str, dict[str, np.ndarray]], history: list[str]) -> None:
    for income_type, by_month in incomes.items():
        for variable in _INCOME_INPUTS[income_type]:
            for m in history:
                simulation.set_input(variable, m, by_month[m])
        if income_type == "salary_net":
            for m in history:
                simulation.set_input("salaire_imposable", m, by_month[m] * TAXABLE_RATIO)
                simulation.set_input("salaire_de_base", m, by_month[m] * GROSS_SALARY_RATIO)


def _set_zero_inputs(simulation: Any, tbs: Any, layout: Layout, history: list[str]) -> None:
    """Inputs the households never give, set to zero: OpenFisca would otherwise compute them (slow)."""
    counts = {
        "individu": len(layout.person_ids),
        "famille": layout.famille_count,
        "foyer_fiscal": layout.foyer_count,
        "menage": len(layout.households),
    }
    years = sorted({m[:4] for m in history})
    for variable in ZERO_INPUTS:
        if variable not in tbs.variables:
            continue
        definition = tbs.variables[variable]
        empty = np.zeros(counts[definition.entity.key], dtype=bool if definition.value_type is bool else np.float32)
        unit = definition.definition_period.value
        for period in history if unit == "month" else years if unit == "year" else []:
            simulation.set_input(variable, period, empty)


def _set_housing(simulation: Any, tbs: Any, layout: Layout, history: list[str]) -> None:
    statuses = np.array([_STATUS[h.housing_status] for h in layout.households])
    encoded = tbs.variables["statut_occupation_logement"].possible_values.encode(statuses)
    rents = np.array([h.rent if h.housing_status == "tenant" else 0.0 for h in layout.households], dtype=np.float32)
    communes = np.array([h.commune for h in layout.households])
    for m in history:
        simulation.set_input("statut_occupation_logement", m, encoded)
        simulation.set_input("loyer", m, rents)
        simulation.set_input("depcom", m, communes)


def _set_taxable_self_employment(simulation: Any, history: list[str]) -> None:
    """A micro-entrepreneur's taxable profit of each past calendar year (rpns_imposables: turnover less the
    flat-rate allowance, what the tax return of that year shows). Housing aid and the family benefits read
    it for year N-2, the AAH for N-1 and N-2; OpenFisca does not derive it from the monthly turnover (which
    only the RSA, the prime d'activité, the ASPA, the CSS and the AAH's quarterly evaluation read), so the
    turnover was ignored by these three (issue 15, item 2). The profit is OpenFisca's own
    (rpns_auto_entrepreneur_benefice); the current year, whose return does not exist yet, stays at 0."""
    current = history[-1][:4]
    for year in sorted({m[:4] for m in history if m[:4] != current}):
        profit = simulation.calculate_add("rpns_auto_entrepreneur_benefice", year)
        simulation.set_input("rpns_imposables", year, np.asarray(profit, dtype=np.float32))


#: Member flags → the OpenFisca variable they set (the student's is the activity, read below).
_FLAG_INPUTS = {"apprentice": "apprenti", "pregnant": "enceinte", "alternating_custody": "garde_alternee"}


def _set_situations(
    simulation: Any, tbs: Any, layout: Layout, history: list[str], grants: dict[str, np.ndarray]
) -> None:
    """Student (the activity "etudiant", which housing aid, the AAH and the prime d'activité read),
    apprentice, pregnancy, alternating custody; "boursier" for the months with a student grant."""
    activity = tbs.variables["activite"].possible_values.encode(
        np.where(layout.flags["student"], "etudiant", "inactif")
    )
    for m in history:
        simulation.set_input("activite", m, activity)
        for flag, variable in _FLAG_INPUTS.items():
            simulation.set_input(variable, m, layout.flags[flag])
        simulation.set_input("boursier", m, grants[m] > 0)


def release(simulation: Any) -> None:
    """Frees a simulation's arrays now. The simulation and its populations refer to each other, so they
    would wait for a full collection (0.1–0.2 s over a chunk's objects) to give their memory back."""
    for population in simulation.populations.values():
        for holder in population._holders.values():
            holder.delete_arrays()
