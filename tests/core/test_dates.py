"""Issue 19: one way to count an age (the person's file and the income engine had two copies)."""

from datetime import date

import pytest

from alliances.core.dates import age_on
from alliances.income.engine import top_up
from alliances.persons.models import Person


@pytest.mark.parametrize(
    ("birth", "day", "years"),
    [
        (date(2000, 5, 17), date(2025, 5, 16), 24),
        (date(2000, 5, 17), date(2025, 5, 17), 25),
        (date(2000, 2, 29), date(2025, 2, 28), 24),
        (date(2000, 2, 29), date(2025, 3, 1), 25),
    ],
)
def test_an_age_is_counted_the_same_everywhere(birth: date, day: date, years: int) -> None:
    assert age_on(birth, day) == top_up.age_on(birth, day) == Person(birth_date=birth).age_on(day) == years
