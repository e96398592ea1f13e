"""Issue 19: one way to write money. The pages, the income engine and the rights engine wrote thousands
three ways (a narrow no-break space, or a plain space that a line could break)."""

from decimal import Decimal

import pytest

from alliances.core.money import euros
from alliances.income.engine import top_up
from alliances.rights.engine import explain
from alliances.www.templatetags import alliances_format


@pytest.mark.parametrize("amount", [Decimal("1234.5"), 1234.5, 1234567, Decimal("-1041.59"), 0])
def test_every_part_writes_an_amount_the_same_way(amount: Decimal | float | int) -> None:
    said = {euros(amount), top_up.euros(amount), explain.euros(float(amount)), alliances_format.euros(amount)}
    assert len(said) == 1


def test_an_amount_in_french() -> None:
    assert euros(Decimal("1234.5")) == "1\u202f234,50 €"
    assert euros(1234567) == "1\u202f234\u202f567,00 €"
    assert " " not in euros(1041.59).replace(" €", "")  # never a plain space a line could break at
