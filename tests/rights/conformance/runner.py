"""Runner: the households of all the cases are computed month by month with `compute_rights`, the function
the app uses, in one vectorised simulation per month. Each output the engine reports is compared within
1 € (OpenFisca's gross family benefits and prime d'activité are converted to the net of CRDS the engine
reports, with OpenFisca's own CRDS rate)."""

from __future__ import annotations

import warnings
from collections import defaultdict
from dataclasses import replace
from functools import cache

import numpy as np

from alliances.core.months import window
from alliances.households.input_format import HouseholdInput
from alliances.rights.engine.openfisca_inputs import history_months
from alliances.rights.engine.results import RightsResult
from alliances.rights.engine.simulate import compute_rights

from .cases import INCOME_SOURCES, MATCH, OUTPUTS, Case, Check, Result
from .translate import load_cases, simulation_of


def run(cases: list[Case]) -> None:
    """Computes every expressible case with the engine, one vectorised simulation per month."""
    by_month: dict[str, dict[str, HouseholdInput]] = defaultdict(dict)
    for case in cases:
        if case.expressible:
            for check in case.checks:
                by_month[check.month][check.household_id] = case.households[check.household_id]
    results: dict[tuple[str, str], RightsResult] = {}
    for month, households in sorted(by_month.items()):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for result in compute_rights(list(households.values()), month):
                results[(month, result.id)] = result
    for case in cases:
        if case.expressible:
            case.results = []
            for check in case.checks:
                compared = Result(
                    check, round(OUTPUTS[check.variable].read(results[(check.month, check.household_id)]), 2)
                )
                if compared.verdict != MATCH:
                    compared = replace(
                        compared,
                        openfisca=openfisca_value(case, check),
                        openfisca_stable=openfisca_value(case, check, True),
                    )
                case.results.append(compared)


def openfisca_value(case: Case, check: Check, stable: bool = False) -> float:
    """OpenFisca-France's own value for a check, computed on the case directly; with `stable`, the
    incomes before the 12 months up to the month computed are first set to their average over those 12
    months, as the household format takes them."""
    simulation = simulation_of(case.test)
    if stable:
        recent = window(check.month, 12)
        older = [m for m in history_months(check.month) if m < recent[0]]
        for variable in INCOME_SOURCES:
            holder = simulation.persons.get_holder(variable)
            if not holder.get_known_periods():
                continue
            zeros = np.zeros(simulation.persons.count, dtype=np.float32)
            arrays = [holder.get_array(m) for m in recent]
            average = np.mean(np.stack([zeros if a is None else a for a in arrays]), axis=0)
            for m in older:
                holder.delete_arrays(m)
                holder.set_input(m, average)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        values = np.asarray(simulation.calculate(check.variable, check.month), dtype=np.float64)
    return round(OUTPUTS[check.variable].convert(float(values[list(check.entities)].sum()), check.month), 2)


@cache
def all_cases() -> list[Case]:
    cases = load_cases()
    run(cases)
    return cases
