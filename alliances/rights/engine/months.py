"""Calendar months as 'YYYY-MM' strings, the form OpenFisca and the household format use (the
arithmetic is core/months.py's)."""

import re
from datetime import date

from alliances.core.months import add_months

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
#: The first month OpenFisca-France computes every benefit for (the RSA began in June 2009):
#: before it, parameters are missing and a simulation fails.
EARLIEST_MONTH = "2009-06"


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
