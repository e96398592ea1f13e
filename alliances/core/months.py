"""Calendar months: arithmetic and French names (one copy for the whole platform)."""

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
