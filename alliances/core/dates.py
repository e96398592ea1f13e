"""Dates the whole platform counts the same way (pure Python: the engines import it too)."""

from datetime import date


def age_on(birth: date, day: date) -> int:
    """Full years on `day`: born on 29 February, one is a year older on 1 March of a common year."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
