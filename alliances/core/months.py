"""Calendar months: arithmetic, French names, and the 'YYYY-MM' strings OpenFisca and the household format
use (one copy for the whole platform)."""

import re
from datetime import date

MONTH_NAMES = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def add_months(month: date, count: int) -> date:
    """The first day of the month `count` months after `month`'s (before it when negative)."""
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def of_month(month: date) -> str:
    """« d'octobre 2026 », « de décembre 2026 »."""
    label = month_label(month)
    return f"d'{label}" if label[0] in "aeiouyéè" else f"de {label}"


def month_label(month: date) -> str:
    """« mars 2027 »."""
    return f"{MONTH_NAMES[month.month - 1]} {month.year}"


# --- Months as 'YYYY-MM' strings -------------------------------------------------------------------------

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def parse_month(value: str) -> date:
    match = _MONTH.match(value or "")
    if not match:
        raise ValueError(f"« {value} » n'est pas un mois valide (format attendu : AAAA-MM).")
    return date(int(match.group(1)), int(match.group(2)), 1)


def month_str(value: date) -> str:
    return f"{value.year:04d}-{value.month:02d}"


def shift(month: str, delta: int) -> str:
    return month_str(add_months(parse_month(month), delta))


def window(month: str, count: int) -> list[str]:
    """The `count` months ending with `month`, oldest first."""
    return [shift(month, -offset) for offset in range(count - 1, -1, -1)]
