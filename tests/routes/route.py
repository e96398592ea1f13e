"""A route of the access matrix, and the sets of actors the routes allow."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..conftest import World

REFERENT_AND_OFFICER = frozenset({"referent_of", "officer"})
LOGGED_IN = frozenset(
    {
        "person_self",
        "person_other",
        "peer_ally",
        "referent_of",
        "referent_other",
        "mediator_shared",
        "mediator_unshared",
        "partner_ally",
        "manager",
        "officer",
        "admin",
    }
)
CIRCLE_OF_P = frozenset(
    {"person_self", "peer_ally", "referent_of", "mediator_shared", "mediator_unshared", "partner_ally", "officer"}
)
PORTAL_USERS = frozenset({"person_self", "person_other", "peer_ally"})
HOUSEHOLD_VIEWERS = frozenset({"person_self", "referent_of", "mediator_shared", "officer"})
PROCEDURE_USERS = frozenset({"person_self", "referent_of"})
RIGHTS_CHECKERS = frozenset({"referent_of", "referent_other", "officer"})
OFFICERS = frozenset({"officer"})
#: The person and their single referent: the circle, the readings, the plan.
CIRCLE_KEEPERS = frozenset({"person_self", "referent_of"})
#: Workers of the circle keep private notes (each reads back only their own).
NOTE_KEEPERS = frozenset({"referent_of", "mediator_shared", "mediator_unshared", "partner_ally"})


@dataclass(frozen=True)
class Route:
    name: str
    url: Callable[[World], str]
    allowed: frozenset[str]
    method: str = "get"
    data: Callable[[World], dict[str, Any]] = field(default=lambda w: {})
    api: bool = False
    #: False for htmx fragments: not a whole page, so not swept by axe-core on its own.
    page: bool = True
    #: What a refused actor gets: 404 like a missing object, unless named here: a worker who may create
    #: households but not link this person gets 422, exactly the answer for an unknown person id.
    refused_by: dict[str, int] = field(default_factory=dict)
