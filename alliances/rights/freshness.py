"""When a stored rights estimate is out of date: the one rule the web pages, the API and the queue share.

An estimate is current when it was computed for the household's data as they are now (the household's
`inputs_version`, bumped by database triggers on any change of a member, the housing or an income) and
by the engine as it is now (OpenFisca-France's version and the project's engine format). A new month is a
new estimate (one per household and month). Nothing else makes it stale: an estimate made yesterday on
unchanged data by the same rules is still right today.
"""

from functools import cache
from importlib.metadata import version

from .models import RightsEstimate

#: Bumped whenever the project's translation of a household into OpenFisca changes what it computes.
ENGINE_FORMAT = "5"  # 4: estimates keep their "déclaré stable" assumptions; 5: micro-entrepreneurs reach AL, AF, AAH


@cache
def engine_version() -> str:
    return f"openfisca-france {version('openfisca-france')} / format {ENGINE_FORMAT}"


def estimate_is_stale(estimate: RightsEstimate | None, *, inputs_version: int) -> bool:
    return estimate is None or estimate.inputs_version != inputs_version or estimate.engine_version != engine_version()
