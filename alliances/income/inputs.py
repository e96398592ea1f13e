"""What a cycle reads: the households' inputs for a month (from the database, or from a frozen
snapshot), and the benefits due to them when the rules count those (rights engine)."""

from collections.abc import Collection, Iterator
from dataclasses import replace
from datetime import date
from typing import Any

from django.db.models import QuerySet

from alliances.core.months import month_str
from alliances.households.input_format import HouseholdError, HouseholdInput, MemberInput
from alliances.households.models import Household
from alliances.rights.stored import inputs_in_id_range

from .engine.rules import Rules, resource_months
from .engine.top_up import LAST_KNOWN_MONTHS


def snapshot_data(household: HouseholdInput) -> dict[str, Any]:
    return {
        "id": household.id,
        "commune": household.commune,
        "housing_status": household.housing_status,
        "rent": household.rent,
        "enrolled": household.enrolled,
        "received": household.received,
        "members": [
            {
                "id": m.id,
                "role": m.role,
                "birth_date": m.birth_date.isoformat(),
                "disability_rate": m.disability_rate,
                "incomes": m.incomes,
            }
            for m in household.members
        ],
    }


def from_snapshot(data: dict[str, Any]) -> HouseholdInput:
    return HouseholdInput(
        id=data["id"],
        commune=data["commune"],
        housing_status=data["housing_status"],
        rent=data["rent"],
        enrolled=data["enrolled"],
        received=data["received"],
        members=tuple(
            MemberInput(
                id=m["id"],
                role=m["role"],
                birth_date=date.fromisoformat(m["birth_date"]),
                disability_rate=m["disability_rate"],
                incomes=m["incomes"],
            )
            for m in data["members"]
        ),
    )


def last_day(month: date) -> date:
    next_month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return date.fromordinal(next_month.toordinal() - 1)


def inputs_in_range(
    households: QuerySet[Household],
    first: int,
    last: int,
    month: date,
    rules: Rules,
    *,
    only: Collection[int] | None = None,
    months: int | None = None,
) -> Iterator[tuple[int, HouseholdInput]]:
    """Inputs of the households with ids in [first, last] (and in `only`, when given), for the top-up of
    `month` under `rules`: the incomes of the months the rules count (`months_read`, or `months` when a
    caller needs more), and the benefits received over the same months (their monthly average).
    Households that cannot be computed (no housing, no applicant) are left out."""
    received = [month_str(m) for m in resource_months(month, rules)]
    wanted = months or months_read(rules)
    for pk, household_input in inputs_in_id_range(
        households, first, last, month_str(month), wanted, only=only, received_months=received
    ):
        if not isinstance(household_input, HouseholdError):
            yield pk, replace(household_input, enrolled=True)


def inputs_versions(first: int, last: int) -> dict[int, int]:
    """The households' inputs versions, read *before* their inputs: a change committed after this read
    moves the version past the one kept, so it is never missed (at worst an unchanged household is
    compared in full again)."""
    return dict(Household.objects.filter(pk__range=(first, last)).values_list("pk", "inputs_version"))


def months_read(rules: Rules) -> int:
    """How many months of incomes, up to the cycle's month, a cycle reads: twelve for the rights engine
    (benefits due); else back to the first month whose resources are counted."""
    if rules.resources_mode == "entitled":
        return 12
    first = resource_months(rules.month, rules)[0]
    back = LAST_KNOWN_MONTHS if rules.values.get("undeclared_resources") == "last_known" else 0
    return (rules.month.year - first.year) * 12 + rules.month.month - first.month + 1 + back


def enrolled(month: date) -> QuerySet[Household]:
    return Household.objects.filter(rmg_enrollment__enrolled=True, rmg_enrollment__since__lte=last_day(month))


def entitled(inputs: list[HouseholdInput], month: date, rules: Rules) -> list[dict[str, float] | None]:
    """Benefits due, from the rights engine, for the households whose top-up they can change."""
    if rules.resources_mode != "entitled":
        return [None] * len(inputs)
    return entitled_benefits(inputs, month, [rules])


def entitled_benefits(inputs: list[HouseholdInput], month: date, rules: list[Rules]) -> list[dict[str, float] | None]:
    from alliances.rights.engine.simulate import compute_benefits

    from .engine.top_up import needs_entitled_benefits

    wanted = [i for i, h in enumerate(inputs) if any(needs_entitled_benefits(h, month, r) for r in rules)]
    results: list[dict[str, float] | None] = [{} for _ in inputs]
    computed = compute_benefits([inputs[i] for i in wanted], month_str(month)) if wanted else []
    for index, benefits in zip(wanted, computed, strict=True):
        results[index] = benefits
    return results
