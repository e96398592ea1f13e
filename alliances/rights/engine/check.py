"""The rights check, end to end: parse, compute in chunks, compare with what is received."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .household import HouseholdError, HouseholdInput, parse_household
from .io import InputError
from .non_take_up import find_non_take_up
from .results import RightsResult
from .simulate import DEFAULT_CHUNK, compute_rights

DEFAULT_THRESHOLD = 10.0


@dataclass
class CheckReport:
    month: str
    results: list[RightsResult] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        document: dict[str, Any] = {"month": self.month, "results": [r.as_json() for r in self.results]}
        if self.errors:
            document["errors"] = self.errors
        return document


def check_households(
    raw: Iterable[tuple[int, Any]] | Iterable[HouseholdInput],
    month: str,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    chunk_size: int = DEFAULT_CHUNK,
    today: date | None = None,
) -> CheckReport:
    """Checks every valid household; an invalid one is reported with its id and does not stop the others."""
    report = CheckReport(month=month)
    valid: list[HouseholdInput] = []
    for item in raw:
        if isinstance(item, HouseholdInput):
            valid.append(item)
            continue
        position, data = item
        if isinstance(data, InputError):
            report.errors.append({"id": f"#{position}", "field": "", "message": str(data)})
            continue
        try:
            valid.append(parse_household(data, today=today))
        except HouseholdError as error:
            household_id = error.household_id if error.household_id != "?" else f"#{position}"
            report.errors.append({"id": household_id, "field": error.field, "message": error.message})
    results = compute_rights(valid, month, chunk_size=chunk_size) if valid else []
    for household, result in zip(valid, results, strict=True):
        result.non_take_up = find_non_take_up(household, result, threshold=threshold)
    report.results = results
    return report
