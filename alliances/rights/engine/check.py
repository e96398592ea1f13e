"""The rights check, end to end: parse, compute in chunks, compare with what is received."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from alliances.households.input_format import HouseholdInput

from .io import parse_all
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
    raw_items: list[tuple[int, Any]] = []
    for item in raw:
        if isinstance(item, HouseholdInput):
            valid.append(item)
        else:
            raw_items.append(item)
    parsed, report.errors = parse_all(raw_items, today)
    valid.extend(parsed)
    results = compute_rights(valid, month, chunk_size=chunk_size) if valid else []
    for household, result in zip(valid, results, strict=True):
        result.non_take_up = find_non_take_up(household, result, threshold=threshold)
    report.results = results
    return report
