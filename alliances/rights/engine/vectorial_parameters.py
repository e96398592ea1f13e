"""Fancy-indexed OpenFisca parameters, looked up once per distinct key instead of once per person.

OpenFisca-Core 44 resolves `parameters.node[keys]` (a parameter node indexed by an array: a zone, a
status, a number of children…) element by element in Python: a list of one node per person or group,
then one more list per level of the node. The housing aid and the RSA do this a few hundred times per
simulation, 40 % of a chunk's rights computation (profiled: 2.7 million lookups for 5,000 households).

The arrays hold only a handful of distinct keys. `install()` makes `VectorialParameterNodeAtInstant`
keep the distinct nodes and, for each element, the index of its node (`numpy.unique`'s inverse): each
lookup then runs once per distinct key, and the values are spread back with one fancy index. The
results are the same arrays (same values, same dtype): `tests/rights/test_vectorial_parameters.py`
checks them against OpenFisca's own code, and a whole simulation against the unpatched one.
"""

from typing import Any

import numpy as np

_ORIGINAL: dict[str, Any] = {}
#: Below this many elements OpenFisca's own loop is cheaper than sorting the keys (one household: 6 ms).
SMALL = 32


def install() -> None:
    """Patches OpenFisca-Core's class in place (isinstance checks elsewhere keep working). Idempotent."""
    from openfisca_core.parameters import VectorialParameterNodeAtInstant as Vectorial

    if _ORIGINAL:
        return
    _ORIGINAL.update(
        build_from_node_name=Vectorial.__dict__["build_from_node_name"],
        build_from_nodes=Vectorial.__dict__["build_from_nodes"],
        getitem=Vectorial.__dict__["__getitem__"],
    )
    Vectorial.build_from_node_name = staticmethod(_build_from_node_name)
    Vectorial.__getitem__ = _getitem


def uninstall() -> None:
    """OpenFisca's own code again (tests compare both)."""
    from openfisca_core.parameters import VectorialParameterNodeAtInstant as Vectorial

    if not _ORIGINAL:
        return
    Vectorial.build_from_node_name = _ORIGINAL["build_from_node_name"]
    Vectorial.__getitem__ = _ORIGINAL["getitem"]
    _ORIGINAL.clear()


def _vectorial(nodes: list[Any], inverse: np.ndarray, name: str, instant: str) -> Any:
    """A vectorial node over the distinct `nodes`, element i being `nodes[inverse[i]]`; or, once the
    leaves are reached, the array of values."""
    from openfisca_core.parameters import ParameterNodeAtInstant
    from openfisca_core.parameters import VectorialParameterNodeAtInstant as Vectorial

    if isinstance(nodes[0], ParameterNodeAtInstant):
        vector = Vectorial(nodes, name, instant)
        vector._inverse = inverse
        return vector
    return np.array(nodes)[inverse]


def _distinct(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """The distinct keys and each element's index among them, or None for keys numpy cannot sort."""
    if keys.dtype == object:
        return None
    distinct, inverse = np.unique(keys, return_inverse=True)
    return distinct, inverse.reshape(-1)


def _build_from_node_name(node: Any, key: Any) -> Any:
    from openfisca_core.parameters import VectorialParameterNodeAtInstant as Vectorial

    if len(key) < SMALL:
        return _ORIGINAL["build_from_node_name"].__func__(node, key)
    Vectorial.check_node_vectorisable(node)
    keys = Vectorial._get_appropriate_keys(key)
    split = _distinct(np.asarray(keys))
    if split is None:
        nodes = [node[Vectorial._get_appropriate_subnode_function(keys[0])(node, k)] for k in keys]
        return _vectorial(nodes, np.arange(len(nodes)), node._name, node._instant_str)
    distinct, inverse = split
    subnode_key = Vectorial._get_appropriate_subnode_function(keys[0])
    nodes = [node[subnode_key(node, k)] for k in distinct]
    return _vectorial(nodes, inverse, node._name, node._instant_str)


def _getitem(self: Any, key: Any) -> Any:
    from openfisca_core.indexed_enums import Enum, EnumArray

    inverse = self.__dict__.get("_inverse")
    if inverse is None:  # built by OpenFisca's own code (before install)
        return _ORIGINAL["getitem"](self, key)
    if isinstance(key, str):
        return _vectorial([node[key] for node in self.vector], inverse, self._name, self._instant_str)
    if isinstance(key, EnumArray):
        enum: Any = key.possible_values
        names = np.asarray(enum.names)[np.asarray(key)]
    elif len(key) and isinstance(key[0], Enum):
        names = np.array([k.name for k in key])
    else:
        names = np.asarray(key)
    split = _distinct(names)
    if split is None:
        nodes = [self.vector[i][k] for i, k in zip(inverse, names, strict=True)]
        return _vectorial(nodes, np.arange(len(nodes)), self._name, self._instant_str)
    distinct_names, name_index = split
    # Each element's (node, key) pair, as one integer: the distinct pairs are looked up once.
    pairs = inverse.astype(np.int64) * len(distinct_names) + name_index
    distinct_pairs, pair_index = np.unique(pairs, return_inverse=True)
    nodes = [
        self.vector[pair // len(distinct_names)][distinct_names[pair % len(distinct_names)]] for pair in distinct_pairs
    ]
    return _vectorial(nodes, pair_index.reshape(-1), self._name, self._instant_str)
