"""Fancy-indexed parameters looked up once per distinct key give OpenFisca's own arrays."""

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest
from openfisca_core.indexed_enums import Enum
from openfisca_core.parameters import ParameterNode

from alliances.rights.engine import vectorial_parameters
from alliances.rights.engine.simulate import compute_benefits, compute_rights
from bench.synthetic import synthetic_households

#: Pure computation, no database: CI runs it once (the SQLite pass).
pytestmark = pytest.mark.engine


class Zone(Enum):
    zone_1 = "Zone 1"
    zone_2 = "Zone 2"
    zone_3 = "Zone 3"


def _value(amount: float) -> dict[str, Any]:
    return {"values": {"2020-01-01": amount}}


NODE = ParameterNode(
    "plafonds",
    data={
        zone.name: {
            "seul": _value(100.0 * (index + 1)),
            "couple": _value(150.0 * (index + 1) + 0.5),
        }
        for index, zone in enumerate(Zone)
    },
)
CHILD_NODE = ParameterNode(
    "enfants",
    data={zone.name: {str(n): _value(10 * n + index) for n in range(4)} for index, zone in enumerate(Zone)},
)
BY_COUNT = ParameterNode(
    "par_enfants",
    data={str(n): {zone.name: _value(n + 0.25 * index) for index, zone in enumerate(Zone)} for n in range(4)},
)
RNG = np.random.default_rng(2026)
ZONES = np.array([zone.name for zone in Zone])[RNG.integers(0, 3, 1000)]
CHILDREN = RNG.integers(0, 4, 1000)


@pytest.fixture
def original() -> Iterator[None]:
    """OpenFisca's own code for the duration of the block (the patch is installed with the system)."""
    vectorial_parameters.uninstall()
    try:
        yield
    finally:
        vectorial_parameters.install()


def _both(lookup: Callable[[Any, Any], Any]) -> tuple[np.ndarray, np.ndarray]:
    node, children, by_count = NODE("2026-11-01"), CHILD_NODE("2026-11-01"), BY_COUNT("2026-11-01")
    vectorial_parameters.install()
    fast = lookup(node, (children, by_count))
    vectorial_parameters.uninstall()
    try:
        slow = lookup(node, (children, by_count))
    finally:
        vectorial_parameters.install()
    return fast, slow


@pytest.mark.parametrize(
    "lookup",
    [
        pytest.param(lambda node, _: node[ZONES].seul, id="string keys, then a name"),
        pytest.param(lambda node, _: node[ZONES]["couple"], id="string keys, then an item"),
        pytest.param(lambda _, other: other[0][ZONES][CHILDREN.astype(str)], id="two fancy indexes"),
        pytest.param(lambda node, _: node[Zone.encode(ZONES)].couple, id="enum array"),
        pytest.param(lambda _, other: other[0][Zone.encode(ZONES)][CHILDREN.astype(str)], id="enum, then strings"),
        pytest.param(lambda _, other: other[1][CHILDREN.astype(str)][Zone.encode(ZONES)], id="strings, then enum"),
        pytest.param(
            lambda _, other: other[1][CHILDREN.astype(str)][Zone.encode(ZONES).decode()], id="strings, then enum items"
        ),
        pytest.param(lambda node, _: node[ZONES[:1]].seul, id="one element"),
        pytest.param(lambda _, other: other[0]["zone_2"][CHILDREN], id="integer keys"),
    ],
)
def test_same_values_and_type_as_openfisca(lookup: Callable[[Any, Any], Any]) -> None:
    fast, slow = _both(lookup)
    assert fast.dtype == slow.dtype
    np.testing.assert_array_equal(fast, slow)


def test_a_missing_key_is_refused_as_by_openfisca() -> None:
    from openfisca_core.errors import ParameterNotFoundError

    vectorial_parameters.install()
    with pytest.raises(ParameterNotFoundError):
        NODE("2026-11-01")[np.array(["zone_1", "zone_9"])]


def test_lookups_run_once_per_distinct_key(monkeypatch: pytest.MonkeyPatch) -> None:
    from openfisca_core.parameters import ParameterNodeAtInstant

    calls = []
    getitem = ParameterNodeAtInstant.__getitem__

    def counted(self: Any, key: Any) -> Any:
        calls.append(key)
        return getitem(self, key)

    monkeypatch.setattr(ParameterNodeAtInstant, "__getitem__", counted)
    vectorial_parameters.install()
    values = NODE("2026-11-01")[ZONES].seul
    assert len(values) == len(ZONES)
    # The fancy index itself, each zone once, then each zone's value once: not 1,000 of each.
    assert len(calls) == 1 + 3 + 3


def test_a_whole_simulation_gives_the_same_rights(original: None) -> None:
    households = synthetic_households(300, "2026-11")  # ten communes, every housing status, disability
    unpatched = [r.__dict__ for r in compute_rights(households, "2026-11")]
    unpatched_cash = compute_benefits(households, "2026-11")
    vectorial_parameters.install()
    assert [r.__dict__ for r in compute_rights(households, "2026-11")] == unpatched
    assert compute_benefits(households, "2026-11") == unpatched_cash
