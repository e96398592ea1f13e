"""Issue 20: in the circle drawing, link lines crossed the allies' labels. Each label now sits on the far
side of its node from the centre: no line from the centre to any ally runs through any label."""

import pytest

from alliances.www.alliance.charts import circle_chart

pytestmark = pytest.mark.engine

CHAR = 7.0  # a generous width per character at the drawing's 12 px


def _crosses(x1: float, y1: float, x2: float, y2: float, box: tuple[float, float, float, float]) -> bool:
    left, top, right, bottom = box
    steps = 200
    return any(
        left <= x1 + (x2 - x1) * i / steps <= right and top <= y1 + (y2 - y1) * i / steps <= bottom
        for i in range(steps + 1)
    )


@pytest.mark.parametrize("count", range(1, 7))  # a circle holds up to six allies in practice
def test_no_link_line_crosses_a_label(count: int) -> None:
    members = [(f"Allié·e numéro {i}", "Médiateur·rice socio-numé…", ["consideration"]) for i in range(count)]
    chart = circle_chart(members)
    size, centre = chart["size"], float(chart["centre"])  # type: ignore[arg-type]
    nodes = chart["nodes"]
    for node in nodes:  # type: ignore[attr-defined]
        x, name_y, role_y = float(node.x), float(node.name_y), float(node.role_y)
        width = CHAR * max(len(node.name), len(node.role))
        box = (x - width / 2, min(name_y, role_y) - 12, x + width / 2, max(name_y, role_y) + 3)
        assert box[0] >= 0 and box[2] <= size, (count, node.name, box)  # inside the drawing
        for other in nodes:  # type: ignore[attr-defined]
            assert not _crosses(centre, centre, float(other.x), float(other.y), box), (count, node.name, other.name)
