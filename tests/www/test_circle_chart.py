"""Issue 20: in the circle drawing, link lines crossed the allies' labels, role names were cut off, on a
phone the labels were 8 px, and with seven allies or more they touched. Now each label sits on the far side
of its node from the centre, in short whole words (« Samira K. », « Médiateur·rice », « ma sœur »); the
drawing grows until no label touches another; on a phone the names give way to initials read at 10 px or
more (the list under the drawing names everyone in full)."""

import pytest

from alliances.www.circles.charts import circle_chart, circle_fits
from alliances.www.circles.context import _short_name

pytestmark = pytest.mark.engine

PHONE_WIDTH = 263  # the drawing's width on a 375 px screen (measured in tests/browser/test_person_pages_fit_a_phone.py)


def test_short_names_are_whole_first_names() -> None:
    assert _short_name("Marie-Christine Le Bihan-Dupont") == "Marie-Christine L."
    assert _short_name("Karim") == "Karim"


@pytest.mark.parametrize("count", range(1, 15))
def test_labels_are_never_crossed_nor_touching_and_initials_read_on_a_phone(count: int) -> None:
    members = [
        (f"Marie-Christine {chr(65 + i)}.", "Médiateur·rice", ["consideration", "capacitation"]) for i in range(count)
    ]
    chart = circle_chart(members)
    size = float(chart["size"])  # type: ignore[arg-type]
    assert circle_fits(chart["nodes"], size), count  # type: ignore[arg-type]
    assert float(chart["initials_font"]) * PHONE_WIDTH / size >= 10  # type: ignore[arg-type]
    assert [node.initials for node in chart["nodes"]] == [f"M{chr(65 + i)}" for i in range(count)]  # type: ignore[attr-defined]


def test_the_check_finds_a_crossed_or_touching_label() -> None:
    chart = circle_chart([("Un nom", "Pair", ["consideration"]) for _ in range(8)])
    nodes = list(chart["nodes"])  # type: ignore[call-overload]
    assert not circle_fits([*nodes, nodes[0]], float(chart["size"]))  # type: ignore[arg-type]  # two labels at one place
    assert not circle_fits(nodes, 200)  # a drawing too small for its labels
