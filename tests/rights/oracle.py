"""OpenFisca-France run directly, without the engine's translation: the tests' oracle.

A test writes, by hand, the OpenFisca inputs a situation means in law (a net salary is `salaire_net`, its
taxable and gross amounts, ...); these helpers only lay them out as an OpenFisca situation. Nothing here
calls the engine's own code (alliances.rights.engine.simulate), so the engine is compared with an
independent statement of the same situation."""

from dataclasses import dataclass
from typing import Any

import numpy as np

from alliances.rights.engine.system import tax_benefit_system

STATUS = {"tenant": "locataire_vide", "owner": "proprietaire", "hosted": "loge_gratuitement"}


def months_from_three_years_back(month: str) -> list[str]:
    """Every month from January of year M-3 up to M: the past OpenFisca reads (housing aid down to
    M-16, family benefits and the CSS the calendar year N-2, the AAH the year N-2 or the last quarter)."""
    year, last = int(month[:4]), int(month[5:7])
    return [f"{y}-{m:02d}" for y in range(year - 3, year + 1) for m in range(1, 13) if (y, m) <= (year, last)]


@dataclass(frozen=True)
class Family:
    """One family in its own dwelling. `persons`: person → {OpenFisca variable: value}; a value is set on
    every month (see `months_from_three_years_back`), a dict is taken as {period: value} as it is, and
    `date_naissance` is set once. The first persons are the parents, the last `children` the children."""

    persons: dict[str, dict[str, Any]]
    status: str = "tenant"
    rent: float = 0.0
    children: int = 0
    commune: str = "35238"


def _inputs(inputs: dict[str, Any], months: list[str]) -> dict[str, Any]:
    def periods(key: str, value: Any) -> Any:
        if key == "date_naissance":
            return {"ETERNITY": value}
        if isinstance(value, dict):
            return value
        return dict.fromkeys(months, value)

    return {key: periods(key, value) for key, value in inputs.items()}


def openfisca_many(families: list[Family], variables: list[str], month: str) -> dict[str, np.ndarray]:
    """Each variable for `month`, one value per family (a person's variable, such as the AAH, summed over
    the family), from one OpenFisca simulation of all the families."""
    from openfisca_core.simulation_builder import SimulationBuilder

    months = months_from_three_years_back(month)
    individus: dict[str, Any] = {}
    familles: dict[str, Any] = {}
    foyers: dict[str, Any] = {}
    menages: dict[str, Any] = {}
    for index, family in enumerate(families):
        ids = [f"{index}:{name}" for name in family.persons]
        for pid, inputs in zip(ids, family.persons.values(), strict=True):
            individus[pid] = _inputs(inputs, months)
        parents, kids = ids[: len(ids) - family.children], ids[len(ids) - family.children :]
        familles[f"f{index}"] = {"parents": parents, "enfants": kids}
        foyers[f"ff{index}"] = {"declarants": parents, "personnes_a_charge": kids}
        menages[f"m{index}"] = {
            "personne_de_reference": parents[:1],
            "conjoint": parents[1:],
            "enfants": kids,
            "statut_occupation_logement": dict.fromkeys(months, STATUS[family.status]),
            "loyer": dict.fromkeys(months, family.rent),
            "depcom": dict.fromkeys(months, family.commune),
        }
    situation = {"individus": individus, "familles": familles, "foyers_fiscaux": foyers, "menages": menages}
    tbs = tax_benefit_system()
    simulation = SimulationBuilder().build_from_entities(tbs, situation)
    familles_population = simulation.populations["famille"]
    results: dict[str, np.ndarray] = {}
    for variable in variables:
        value = np.asarray(simulation.calculate(variable, month), dtype=np.float64)
        if tbs.variables[variable].entity.key == "individu":  # a per-person benefit, summed per famille
            results[variable] = np.bincount(
                familles_population.members_entity_id, weights=value, minlength=len(families)
            )
        else:
            results[variable] = value
    return results


def openfisca(family: Family, variable: str, month: str) -> float:
    """One variable for one family."""
    return round(float(openfisca_many([family], [variable], month)[variable][0]), 2)
