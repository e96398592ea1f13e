from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine


@pytest.fixture(autouse=True)
def _after_the_months_computed() -> Iterator[None]:
    """Cycle tests pay months up to March 2027: they run on a day when those months are over (a cycle
    opens once its month's resources can be known)."""
    with time_machine.travel(datetime(2027, 4, 15, 10, 0, tzinfo=ZoneInfo("Europe/Paris")), tick=True):
        yield
