"""Scheme rules as dated values with their source (like OpenFisca parameters), and their lookup by month."""

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from importlib import resources
from typing import Any

#: Every parameter the scheme needs, with how its value is read.
PARAMETERS: dict[str, str] = {
    "guaranteed_level": "decimal",
    "scale_first_adult": "decimal",
    "scale_other_14_plus": "decimal",
    "scale_child_under_14": "decimal",
    "child_age_limit": "int",
    "resources_mode": "text",
    "minimum_paid": "decimal",
    "commune_code": "text",
    "minimum_age": "int",
    "review_ceiling": "decimal",
    "recovery_cap": "decimal",
    "undeclared_resources": "text",
    "resources_period": "text",
}
RESOURCES_MODES = ("declared", "entitled")
#: A household with nothing declared for the month: counted on 0 € (paid, listed for the officer); paid
#: on its last known resources (up to three months back, else held); or held back until it declares
#: (then paid as arrears by the next cycle's corrections).
UNDECLARED_RULES = ("zero", "last_known", "hold")
#: Which resources a month's top-up counts: that month's; the month before's; or the average of the three
#: months before (as the RSA does).
RESOURCES_PERIODS = ("month", "previous_month", "previous_quarter")
#: Dated rules of the scheme's management that no amount depends on: kept out of `Rules` (and so out of
#: what a cycle freezes and later compares for corrections).
MANAGEMENT_PARAMETERS: dict[str, str] = {"opening_delay_months": "int", "review_change_threshold": "decimal"}


class RulesError(ValueError):
    """Rules cannot be applied (e.g. no value in force for the month)."""


@dataclass(frozen=True)
class DatedValue:
    name: str
    valid_from: date
    value: str
    source: str


@dataclass(frozen=True)
class Rules:
    """The values in force for one month, each with the date it took effect and its source."""

    month: date
    values: dict[str, Any]
    dates: dict[str, date] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.values[name]
        except KeyError as error:
            raise AttributeError(name) from error

    def as_json(self) -> dict[str, Any]:
        return {
            name: {"value": str(value), "from": self.dates[name].isoformat(), "source": self.sources[name]}
            for name, value in self.values.items()
        }

    @classmethod
    def from_json(cls, month: date, data: dict[str, Any]) -> "Rules":
        """The rules a cycle stored (`as_json`), typed again: every chunk of the cycle applies the same."""
        return cls(
            month=month,
            values={name: _typed(name, entry["value"]) for name, entry in data.items()},
            dates={name: date.fromisoformat(entry["from"]) for name, entry in data.items()},
            sources={name: entry["source"] for name, entry in data.items()},
        )

    def as_compact_json(self) -> dict[str, list[str]]:
        """name → [value, date in force]: what each entitlement keeps (the sources stay on the cycle)."""
        return {name: [str(value), self.dates[name].isoformat()] for name, value in self.values.items()}

    def with_changes(self, **changes: Any) -> "Rules":
        """A variant (budget simulation): same month, some values replaced."""
        values = {**self.values, **changes}
        dates = {**self.dates, **dict.fromkeys(changes, self.month)}
        sources = {**self.sources, **dict.fromkeys(changes, "Variante simulée")}
        return Rules(month=self.month, values=values, dates=dates, sources=sources)


def _typed(name: str, raw: str) -> Any:
    kind = PARAMETERS[name]
    if kind == "decimal":
        return Decimal(raw)
    if kind == "int":
        return int(raw)
    if name == "resources_mode" and raw not in RESOURCES_MODES:
        raise RulesError(f"Mode de ressources inconnu : « {raw} ».")
    if name == "resources_period" and raw not in RESOURCES_PERIODS:
        raise RulesError(f"Période de ressources inconnue : « {raw} » (month, previous_month ou previous_quarter).")
    if name == "undeclared_resources" and raw not in UNDECLARED_RULES:
        raise RulesError(f"Règle inconnue pour les ressources non déclarées : « {raw} » (zero, last_known ou hold).")
    return raw


def rules_for(values: list[DatedValue], month: date) -> Rules:
    """The rules in force on the first day of `month`. Raises RulesError if any parameter has no value."""
    chosen: dict[str, DatedValue] = {}
    for entry in values:
        if entry.name in PARAMETERS and entry.valid_from <= month:
            current = chosen.get(entry.name)
            if current is None or entry.valid_from >= current.valid_from:
                chosen[entry.name] = entry
    missing = [name for name in PARAMETERS if name not in chosen]
    if missing:
        raise RulesError(f"Aucune valeur des règles en vigueur en {month:%m/%Y} pour : {', '.join(missing)}.")
    return Rules(
        month=month,
        values={name: _typed(name, entry.value) for name, entry in chosen.items()},
        dates={name: entry.valid_from for name, entry in chosen.items()},
        sources={name: entry.source for name, entry in chosen.items()},
    )


def default_values() -> list[DatedValue]:
    """The default rules shipped with the code (rules/defaults.json), as dated values."""
    text = (resources.files("alliances.income") / "rules" / "defaults.json").read_text(encoding="utf-8")
    document = json.loads(text)
    return [
        DatedValue(
            name=name, valid_from=date.fromisoformat(entry["from"]), value=str(entry["value"]), source=entry["source"]
        )
        for name, entries in document["parameters"].items()
        for entry in entries
    ]


def resource_months(month: date, rules: Rules) -> list[date]:
    """The months whose resources the top-up of `month` counts (oldest first). Rules frozen before the
    period was a rule have none: they counted the month itself."""
    period = rules.values.get("resources_period", "month")
    index = month.year * 12 + month.month - 1
    back = {"month": [0], "previous_month": [1], "previous_quarter": [3, 2, 1]}[period]
    return [date((index - k) // 12, (index - k) % 12 + 1, 1) for k in back]
