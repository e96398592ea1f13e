"""The rules' defaults, and the budget simulation of a variant of them (totals only)."""

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError

from alliances.access.policy import AccessDenied
from alliances.accounts.models import User
from alliances.households.input_format import HouseholdInput

from ..engine.rules import RulesError
from ..inputs import (
    enrolled,
    entitled_benefits,
    inputs_in_range,
    months_read,
)
from ..selectors import rules_in_force


def rules_load_defaults() -> int:
    """Loads the default dated rules (rules/defaults.json) where missing. Idempotent; returns how many were added."""
    from ..engine.rules import default_values
    from ..models import SchemeRule

    added = 0
    for value in default_values():
        _, created = SchemeRule.objects.get_or_create(
            name=value.name, valid_from=value.valid_from, defaults={"value": value.value, "source": value.source}
        )
        added += created
    return added


def budget_run(*, actor: User, month: date, changes: dict[str, Any], population: str = "") -> Any:
    """Simulates a variant of the rules over the enrolled households, or over an uploaded population file
    (household JSON format). Returns a BudgetResult; reads totals only."""
    from alliances.access.policy import can_simulate_budget
    from alliances.rights.engine.io import InputError, parse_all, read_households

    from ..engine.budget import simulate_budget

    if not can_simulate_budget(actor):
        raise AccessDenied("Introuvable.")
    try:
        current = rules_in_force(month=month)
    except RulesError as error:
        raise ValidationError({"month": str(error)}) from error
    variant = current.with_changes(**{k: v for k, v in changes.items() if v not in (None, "")})
    households: list[HouseholdInput] = []
    if population.strip():
        try:
            households, errors = parse_all(list(read_households(population)))
        except InputError as error:
            raise ValidationError({"population": str(error)}) from error
        if errors:
            first = errors[0]
            raise ValidationError({"population": f"Foyer {first['id']}, {first['field']} : {first['message']}"})
    else:
        in_scheme = enrolled(month)
        ids = list(in_scheme.order_by("pk").values_list("pk", flat=True))
        months = max(months_read(current), months_read(variant))
        size = settings.RMG_CYCLE_CHUNK
        for start in range(0, len(ids), size):
            low, high = ids[start], ids[min(start + size, len(ids)) - 1]
            households.extend(h for _, h in inputs_in_range(in_scheme, low, high, month, current, months=months))
    entitled = None
    if "entitled" in (current.resources_mode, variant.resources_mode) and households:
        entitled = entitled_benefits(households, month, [current, variant])
    return simulate_budget(households, month, current, variant, entitled)
