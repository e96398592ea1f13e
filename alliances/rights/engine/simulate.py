"""Vectorised OpenFisca-France simulations over chunks of households.

One simulation per chunk (never one per household in a loop). Each chunk is computed in two passes:
RSA and housing aid depend on each other (the RSA counts a housing lump sum when housing aid is
received; housing aid treats RSA recipients' resources as nil) and OpenFisca's answer depended on
which one was asked first. Pass 1 computes the RSA; pass 2 feeds it back as the RSA received in the
past months, and then the result no longer depends on the order of calculation.

The inputs of a chunk (months, incomes, situations, housing) are built in openfisca_inputs.py.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from alliances.core.months import window
from alliances.households.input_format import HouseholdInput, MemberInput

from .openfisca_inputs import Layout, build_simulation, layout_of, release
from .results import RightsResult

DEFAULT_CHUNK = 5000


FAMILY_OUTPUTS = (
    "rsa",
    "ppa_nette_crds",
    "aide_logement",
    "af_nettes_crds",
    "asf_nette_crds",
    "aspa",
    "cmu_c",
    "css_participation_forfaitaire",
    "rsa_socle",
    "rsa_socle_majore",
    "rsa_base_ressources",
    "rsa_forfait_logement",
)


#: What a cash-only computation asks: the benefits paid to the household (the guaranteed income counts
#: them as resources), without the CSS and the figures the explanations quote.
CASH_OUTPUTS = ("rsa", "ppa_nette_crds", "aide_logement", "af_nettes_crds", "asf_nette_crds", "aspa")


@dataclass
class _Outputs:
    layout: Layout
    family: dict[str, np.ndarray]  # variable → value per famille
    aah: np.ndarray  # AAH per household (a per-person benefit, summed)

    def benefits(self, index: int) -> dict[str, float]:
        fam = self.layout.main_famille[index]
        family = self.family
        return {
            "rsa": round(float(family["rsa"][fam]), 2),
            "ppa": round(float(family["ppa_nette_crds"][fam]), 2),
            "aide_logement": round(float(family["aide_logement"][fam]), 2),
            "af": round(float(family["af_nettes_crds"][fam]), 2),
            "asf": round(float(family["asf_nette_crds"][fam]), 2),
            "aah": round(float(self.aah[index]), 2),
            "aspa": round(float(family["aspa"][fam]), 2),
        }


def _simulate(households: Sequence[HouseholdInput], month: str, variables: Sequence[str]) -> _Outputs:
    """The two passes over one chunk (see the module's docstring), asking `variables` in that order."""
    layout = layout_of(households)
    first = build_simulation(layout, month, past_rsa=None)
    past_rsa = np.asarray(first.calculate("rsa", month), dtype=np.float32)
    release(first)
    simulation = build_simulation(layout, month, past_rsa=past_rsa)
    family = {variable: np.asarray(simulation.calculate(variable, month)) for variable in variables}
    aah_person = np.asarray(simulation.calculate("aah", month), dtype=np.float64)
    release(simulation)
    aah = np.bincount(layout.person_household, weights=aah_person, minlength=len(households))
    return _Outputs(layout=layout, family=family, aah=aah)


def _compute_chunk(
    households: Sequence[HouseholdInput], month: str, order: Sequence[str] | None = None
) -> list[RightsResult]:
    from .explain import explain
    from .stable import assumptions_text, carry_forward

    prepared = [carry_forward(household, month) for household in households]
    households = [household for household, _, _ in prepared]
    outputs = _simulate(households, month, order or FAMILY_OUTPUTS)
    family = outputs.family
    results = []
    for index, household in enumerate(households):
        fam = outputs.layout.main_famille[index]
        benefits = outputs.benefits(index)
        contribution = round(float(family["css_participation_forfaitaire"][fam]), 2)
        css = "gratuite" if bool(family["cmu_c"][fam]) else ("participation" if contribution > 0 else "non")
        values = {name: float(array[fam]) for name, array in family.items()}
        result = RightsResult(
            id=household.id,
            month=month,
            benefits=benefits,
            css=css,
            css_contribution=contribution if css == "participation" else 0.0,
        )
        result.explanations = explain(household, month, result, values)
        result.assumptions = [carried.as_json() for carried in prepared[index][1]]
        assumptions = assumptions_text(prepared[index][1], prepared[index][2])
        if assumptions:
            result.explanations["hypotheses"] = assumptions
            for key in ("rsa", "ppa"):
                result.explanations[key] = f"{result.explanations[key]} {assumptions}"
        results.append(result)
    return results


def chunks(items: Sequence[HouseholdInput], size: int) -> Iterator[Sequence[HouseholdInput]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def iter_rights(
    households: Sequence[HouseholdInput], month: str, *, chunk_size: int = DEFAULT_CHUNK
) -> Iterator[list[RightsResult]]:
    """The results chunk by chunk, so that a caller that stores or streams them keeps memory flat."""
    for chunk in chunks(households, max(1, chunk_size)):
        yield _compute_chunk(chunk, month)


def compute_rights(
    households: Sequence[HouseholdInput], month: str, *, chunk_size: int = DEFAULT_CHUNK
) -> list[RightsResult]:
    """Rights of each household for `month`, one vectorised simulation per chunk."""
    results: list[RightsResult] = []
    for chunk_results in iter_rights(households, month, chunk_size=chunk_size):
        results.extend(chunk_results)
    return results


def compute_benefits(
    households: Sequence[HouseholdInput], month: str, *, chunk_size: int = DEFAULT_CHUNK
) -> list[dict[str, float]]:
    """The benefits paid to each household for `month` (the `benefits` of `compute_rights`), without
    the CSS and the explanations: about half the work, for callers that only count money."""
    from .stable import carry_forward

    benefits: list[dict[str, float]] = []
    for chunk in chunks(households, max(1, chunk_size)):
        chunk = [carry_forward(household, month)[0] for household in chunk]
        outputs = _simulate(chunk, month, CASH_OUTPUTS)
        benefits.extend(outputs.benefits(index) for index in range(len(chunk)))
    return benefits


def warm_up(month: str) -> list[dict[str, float]]:
    """One simulation of two made-up households, so that what OpenFisca loads on first use (the
    housing-aid zones, the parameters of each month read) is ready before the first real chunk: that
    chunk took 0.45 s longer than the next ones (5,000 households: 1.27 s, then 0.84 s; measured)."""
    from datetime import date

    year = int(month[:4])
    incomes = {"salary_net": dict.fromkeys(window(month, 12), 650.0)}
    households = [
        HouseholdInput(
            id=f"warm-up-{index}",
            commune="35238",
            housing_status=status,
            rent=480.0 if status == "tenant" else 0.0,
            members=(
                MemberInput("a", "applicant", date(year - 40, 1, 1), incomes=incomes if index else {}),
                MemberInput("c", "child", date(year - 6, 1, 1)),
            ),
        )
        for index, status in enumerate(("tenant", "hosted"))
    ]
    return compute_benefits(households, month)
