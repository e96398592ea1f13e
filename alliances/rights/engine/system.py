"""The OpenFisca-France tax-benefit system, built once per process (~3 s, ~130 MB)."""

import gc
from functools import lru_cache
from typing import Any

#: The first month OpenFisca-France computes every benefit for (the RSA began in June 2009): before it,
#: parameters are missing and a simulation fails.
EARLIEST_MONTH = "2009-06"


@lru_cache(maxsize=1)
def tax_benefit_system() -> Any:
    from openfisca_france import FranceTaxBenefitSystem

    from .vectorial_parameters import install

    system = FranceTaxBenefitSystem()
    install()  # fancy-indexed parameters looked up once per distinct key (same results, 40 % of the work)
    # Millions of long-lived objects (variables, formulas, parameters): moved out of the collector's
    # reach, a full collection no longer walks them all (0.2 s each, measured, twice per chunk).
    gc.collect()
    gc.freeze()
    return system


@lru_cache(maxsize=4096)
def parameter_in_force(path: str, month: str) -> tuple[float, str]:
    """The value of a dated OpenFisca parameter for a month, and the date it took effect.

    Raises LookupError when the rule did not exist yet (e.g. the prime d'activité before 2016)."""
    node: Any = tax_benefit_system().parameters
    for part in path.split("."):
        node = node.children[part]
    instant = f"{month}-01"
    for entry in node.values_list:  # newest first
        if entry.instant_str <= instant and entry.value is not None:
            return float(entry.value), entry.instant_str
    raise LookupError(f"No value of {path} for {month}")
