"""Loader and translator. The vendored files (see README.md beside this package) are read as OpenFisca's
test runner reads them, and each case's input is parsed by OpenFisca's own SimulationBuilder, which resolves
the short and the full forms, the roles and the yearly inputs spread over months.

A case becomes one household in the engine's format per family whose outputs are checked, or a reason, in
French, why the format cannot express it. Nothing is guessed: an input the format has no place for makes the
case inexpressible, unless its value is what the engine assumes anyway (a variable left at its default, an
income the engine sets to zero, "actif" for an activity the benefits computed only read as student,
unemployed or retired)."""

from __future__ import annotations

import warnings
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from alliances.core.months import shift, window
from alliances.households.communes import is_known_commune
from alliances.households.input_format import HouseholdInput, parse_household
from alliances.rights.engine.openfisca_inputs import ZERO_INPUTS
from alliances.rights.engine.system import EARLIEST_MONTH, tax_benefit_system

from .cases import (
    ACTIVITIES,
    FLAGS,
    HOUSING_STATUSES,
    INCOME_SOURCES,
    OUTPUTS,
    PERSON_OUTPUTS,
    TRANSLATED,
    VENDORED,
    ZONE_COMMUNES,
    Case,
    Check,
)


def vendored_files() -> list[Path]:
    return sorted(VENDORED.rglob("*.yaml"))


def load_cases(files: Iterable[Path] | None = None, root: Path = VENDORED) -> list[Case]:
    cases = []
    for path in files if files is not None else vendored_files():
        tests = yaml.safe_load(path.read_text(encoding="utf-8"))
        for index, test in enumerate(tests if isinstance(tests, list) else [tests], start=1):
            case = Case(str(path.relative_to(root)), index, str(test.get("name") or ""), test)
            translate(case)
            cases.append(case)
    return cases


class NotExpressible(Exception):
    """The format cannot express the case: the message says why, in French."""


def translate(case: Case) -> None:
    try:
        _translate(case)
    except NotExpressible as error:
        case.reason = str(error)
        case.households.clear()


def _month(period: Any) -> str | None:
    from openfisca_core.periods import period as parse_period

    parsed = parse_period(str(period))
    return str(parsed) if parsed.unit.name == "MONTH" and parsed.size == 1 else None


def _decode(value: Any) -> Any:
    if hasattr(value, "name"):  # an Enum item
        return value.name
    if isinstance(value, np.generic):
        return value.item()
    return value


@dataclass
class _Inputs:
    """Every input of a built simulation: variable → period → values over the variable's entity."""

    simulation: Any
    by_variable: dict[str, dict[str, list[Any]]]

    @classmethod
    def read(cls, simulation: Any) -> _Inputs:
        by_variable: dict[str, dict[str, list[Any]]] = {}
        for population in simulation.populations.values():
            for variable, holder in population._holders.items():
                periods = holder.get_known_periods()
                if not periods:
                    continue
                values: dict[str, list[Any]] = {}
                for period in periods:
                    array = holder.get_array(period)
                    decoded = array.decode_to_str() if hasattr(array, "decode_to_str") else array
                    values[str(period)] = [_decode(value) for value in decoded]
                by_variable[variable] = values
        return cls(simulation, by_variable)

    def of(self, variable: str, index: int) -> dict[str, Any]:
        """period → value of one entity."""
        return {period: values[index] for period, values in self.by_variable.get(variable, {}).items()}

    def constant(self, variable: str, index: int, label: str) -> Any:
        values = set(self.of(variable, index).values())
        if len(values) > 1:
            raise NotExpressible(f"{label} variable d'un mois à l'autre")
        return values.pop() if values else None


def _check_inputs(inputs: _Inputs, couples: dict[int, bool]) -> None:
    tbs = tax_benefit_system()
    for variable, by_period in sorted(inputs.by_variable.items()):
        if variable in TRANSLATED:
            continue
        definition = tbs.variables[variable]
        values = {value for per_entity in by_period.values() for value in per_entity}
        if variable == "en_couple" and all(
            value == couples[i] for per in by_period.values() for i, value in enumerate(per)
        ):
            continue
        default = _decode(definition.default_value)
        if values <= {default} and (not definition.formulas or variable in ZERO_INPUTS):
            continue  # the engine leaves it at its default, or sets it to zero
        if variable in ZERO_INPUTS and values <= {0}:
            continue
        raise NotExpressible(f"variable d'entrée non exprimable : {variable}")


def _birth_date(inputs: _Inputs, person: int) -> date:
    given = inputs.of("date_naissance", person)
    if given:
        return date.fromisoformat(str(np.datetime64(given["ETERNITY"], "D")))
    # A person given no age, among persons given one, holds OpenFisca's default (-9999).
    ages = {period: age for period, age in inputs.of("age", person).items() if age >= 0}
    if ages:
        from openfisca_core.periods import period as parse_period

        given_at, age = max(ages.items())
        month = str(parse_period(given_at).first_month)
        # The middle of the year of age: the same age a few months either way.
        first = shift(month, -12 * int(age) - 6)
        return date(int(first[:4]), int(first[5:]), 1)
    return date(1970, 1, 1)  # OpenFisca's default


def _flags(inputs: _Inputs, person: int, role: str) -> dict[str, bool]:
    """Student (activité « etudiant » or etudiant), apprentice, pregnancy, alternating custody, each
    constant over the months given; "boursier" must agree with a student grant."""
    flags = {name: bool(inputs.constant(variable, person, variable)) for variable, name in FLAGS.items()}
    activity = inputs.constant("activite", person, "activité")
    if activity is not None and activity not in ACTIVITIES:
        raise NotExpressible(f"activité non exprimable : {activity}")
    flags["student"] = bool(ACTIVITIES.get(activity, False) or inputs.constant("etudiant", person, "statut étudiant"))
    grant = any(value > 0 for value in inputs.of("bourse_enseignement_sup", person).values())
    boursier = inputs.constant("boursier", person, "statut boursier")
    if boursier is not None and bool(boursier) != grant:
        raise NotExpressible("boursier sans bourse d'études donnée (ou l'inverse)")
    if flags["alternating_custody"] and role != "child":
        raise NotExpressible("résidence alternée d'un adulte")
    return flags


def _incomes(inputs: _Inputs, person: int, months: list[str]) -> dict[str, dict[str, float]]:
    """The format's incomes over `months`, each given month explicitly (0 included: a month with no income
    in the case is no income, not a month the engine should carry forward)."""
    incomes: dict[str, dict[str, float]] = {}
    for variable, (income_type, factor) in INCOME_SOURCES.items():
        given = inputs.of(variable, person)
        if not given:
            continue
        if any(_month(period) is None for period in given):
            raise NotExpressible(f"revenu donné pour une période autre qu'un mois : {variable}")
        if any(value < 0 for value in given.values()):
            raise NotExpressible(f"revenu négatif : {variable}")
        by_month = incomes.setdefault(income_type, {})
        for month in months:
            if month in given and month not in by_month:
                by_month[month] = round(float(given[month]) * factor, 2)
    for by_month in incomes.values():
        for month in months:
            by_month.setdefault(month, 0.0)
    return incomes


def _commune(inputs: _Inputs, menage: int) -> str:
    depcom = inputs.constant("depcom", menage, "commune")
    if depcom:
        if not is_known_commune(str(depcom)):
            raise NotExpressible(f"commune inconnue du moteur : {depcom}")
        return str(depcom)
    zone = inputs.constant("zone_apl", menage, "zone d'aide au logement")
    if zone is None:
        zone = "zone_2"  # OpenFisca's zone for a ménage without commune
    return ZONE_COMMUNES[zone]


@dataclass
class _Families:
    """Who is in which family and ménage of an OpenFisca test, by person index."""

    person_ids: list[str]
    famille_ids: Any
    famille_of: Any
    menage_of: Any
    roles: list[str]

    @classmethod
    def of(cls, simulation: Any) -> _Families:
        famille, menage = simulation.populations["famille"], simulation.populations["menage"]
        return cls(
            [str(person_id) for person_id in simulation.persons.ids],
            famille.ids,
            famille.members_entity_id,
            menage.members_entity_id,
            [role.key for role in famille.members_role],
        )

    def couples(self) -> dict[int, bool]:
        count = len(self.famille_ids)
        return {f: "conjoint" in [self.roles[p] for p in np.flatnonzero(self.famille_of == f)] for f in range(count)}


def _translate(case: Case) -> None:
    test = case.test
    if test.get("reforms") or test.get("extensions") or test.get("parameters"):
        raise NotExpressible("réforme ou paramètres propres au cas")
    simulation = simulation_of(test)

    outputs = _expected_outputs(test, simulation)
    if not outputs:
        return  # nothing the engine reports: not compared
    inputs = _Inputs.read(simulation)
    families = _Families.of(simulation)
    _check_inputs(inputs, families.couples())

    months = sorted({month for _, _, month, _ in outputs})
    if any(month < EARLIEST_MONTH for month in months):
        raise NotExpressible("mois antérieur à juin 2009 : le moteur ne calcule pas avant la création du RSA")
    every_month = sorted({m for month in months for m in window(month, 12)})

    # One household per family whose outputs are checked.
    households: dict[int, HouseholdInput] = {}
    people_of: dict[int, dict[str, int]] = {}
    checked = {f if variable not in PERSON_OUTPUTS else int(families.famille_of[f]) for variable, f, _, _ in outputs}
    for f in sorted(checked):
        households[f], people_of[f] = _family_household(case, inputs, families, f, every_month)
    _add_checks(case, outputs, families, households, people_of)
    case.households = {household.id: household for household in households.values()}


def _family_household(
    case: Case, inputs: _Inputs, families: _Families, f: int, every_month: list[str]
) -> tuple[HouseholdInput, dict[str, int]]:
    """The family as a household of the engine (with the ménage's other single persons as "other")."""
    famille_of, roles = families.famille_of, families.roles
    members = list(np.flatnonzero(famille_of == f))
    applicant = next(p for p in members if roles[p] == "demandeur")
    home = int(families.menage_of[applicant])
    others = [p for p in np.flatnonzero(families.menage_of == home) if famille_of[p] != f]
    for other in others:
        if np.count_nonzero(famille_of == famille_of[other]) > 1:
            raise NotExpressible("ménage de plusieurs familles dont une autre compte plusieurs personnes")
    role = {"demandeur": "applicant", "conjoint": "partner", "enfant": "child"}
    raw_members = []
    for p in [*members, *others]:
        rate = inputs.constant("taux_incapacite", int(p), "taux d'incapacité") or 0.0
        raw_members.append(
            {
                "id": families.person_ids[p],
                "role": role[roles[p]] if p in members else "other",
                "birth_date": _birth_date(inputs, int(p)).isoformat(),
                "disability_rate": float(rate),
                "incomes": _incomes(inputs, int(p), every_month),
                **_flags(inputs, int(p), role[roles[p]] if p in members else "other"),
            }
        )
    status_value = inputs.constant("statut_occupation_logement", home, "statut d'occupation du logement")
    status = HOUSING_STATUSES.get(status_value or "non_renseigne")
    if status is None:
        raise NotExpressible(f"statut d'occupation non exprimable : {status_value}")
    rent = float(inputs.constant("loyer", home, "loyer") or 0.0)
    if rent and status != "tenant":
        raise NotExpressible("loyer (ou mensualité) pour un statut autre que locataire")
    household = parse_household(
        {
            "id": f"{case.key}/{families.famille_ids[f]}",
            "commune": _commune(inputs, home),
            "housing": {"status": status, "rent": rent},
            "members": raw_members,
        },
        today=date(9999, 12, 31),
    )
    return household, {families.person_ids[p]: int(p) for p in [*members, *others]}


def _add_checks(
    case: Case,
    outputs: list[tuple[str, int, str, Any]],
    families: _Families,
    households: dict[int, HouseholdInput],
    people_of: dict[int, dict[str, int]],
) -> None:
    """The checks: family outputs per family; per-person outputs summed over the household."""
    from openfisca_core.commons import eval_expression

    per_person: dict[tuple[str, int, str], list[tuple[int, float]]] = defaultdict(list)
    for variable, entity, month, raw in outputs:
        value = eval_expression(raw) if isinstance(raw, str) else raw
        expected = OUTPUTS[variable].convert(float(value), month)
        if variable in PERSON_OUTPUTS:
            per_person[(variable, int(families.famille_of[entity]), month)].append((entity, expected))
            continue
        case.checks.append(Check(variable, month, expected, households[entity].id, (entity,)))
    for (variable, f, month), values in per_person.items():
        household = households[f]
        given = {person for person, _ in values}
        for member in household.members:
            person = people_of[f][member.id]
            if person not in given and member.disability_rate >= 0.5:
                raise NotExpressible("AAH attendue pour une partie des membres seulement (le moteur donne leur somme)")
        people = tuple(sorted(people_of[f].values()))
        case.checks.append(Check(variable, month, sum(v for _, v in values), household.id, people))


def _expected_outputs(test: dict[str, Any], simulation: Any) -> list[tuple[str, int, str, Any]]:
    """(variable, entity index, month, expected value) for each output the engine reports."""
    default = str(test.get("period"))
    found: list[tuple[str, int, str, Any]] = []
    for key, value in (test.get("output") or {}).items():
        for variable, sub_value, index in _outputs_of(key, value, simulation):
            _add_output(found, simulation, variable, sub_value, default, index)
    return found


def _outputs_of(key: str, value: Any, simulation: Any) -> Iterable[tuple[str, Any, int | None]]:
    """An output block of the test: a variable, an entity's variables, or named instances' variables."""
    if key in tax_benefit_system().variables:
        return [(key, value, None)]
    if key in simulation.populations:
        return [(variable, sub_value, None) for variable, sub_value in value.items()]
    population = simulation.get_population(plural=key)
    if population is None:
        return []
    return [
        (variable, sub_value, population.get_index(instance_id))
        for instance_id, values in value.items()
        for variable, sub_value in values.items()
    ]


def _add_output(
    found: list[tuple[str, int, str, Any]], simulation: Any, variable: str, value: Any, period: str, index: int | None
) -> None:
    if variable not in OUTPUTS:
        return
    if isinstance(value, dict):
        for sub_period, sub_value in value.items():
            _add_output(found, simulation, variable, sub_value, str(sub_period), index)
        return
    month = _month(period)
    if month is None:
        raise NotExpressible(f"sortie attendue sur une période autre qu'un mois : {variable} ({period})")
    count = simulation.populations[tax_benefit_system().variables[variable].entity.key].count
    if index is not None:
        found.append((variable, index, month, value))
    elif isinstance(value, list):
        found.extend((variable, i, month, v) for i, v in enumerate(value))
    else:
        found.extend((variable, i, month, value) for i in range(count))


def simulation_of(test: dict[str, Any]) -> Any:
    from openfisca_core.simulation_builder import SimulationBuilder

    builder = SimulationBuilder()
    if test.get("period"):
        builder.set_default_period(str(test["period"]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return builder.build_from_dict(tax_benefit_system(), test.get("input") or {})
