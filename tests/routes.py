"""The access matrix: every route, who may use it. A new route joins with one line.

Allowed actors get a success (2xx or a redirect); everyone else gets 404, exactly like a missing
object (anonymous visitors are sent to the login page on the web and get 401 on the API).
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from .conftest import World

REFERENT_AND_OFFICER = frozenset({"referent_of", "instructor"})
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
        "instructor",
        "admin",
    }
)
CIRCLE_OF_P = frozenset(
    {"person_self", "peer_ally", "referent_of", "mediator_shared", "mediator_unshared", "partner_ally", "instructor"}
)
PORTAL_USERS = frozenset({"person_self", "person_other", "peer_ally"})


@dataclass(frozen=True)
class Route:
    name: str
    url: Callable[[World], str]
    allowed: frozenset[str]
    method: str = "get"
    data: Callable[[World], dict[str, Any]] = field(default=lambda w: {})
    api: bool = False


def _p(w: World) -> int:
    return w.person.pk


def _h(w: World) -> int:
    return w.household.pk


def _member(w: World) -> int:
    return w.household.members.get(role="applicant").pk


def _housing(w: World) -> dict[str, Any]:
    return {"status": "tenant", "rent": "500", "commune_code": "35238"}


def _child(w: World) -> dict[str, Any]:
    return {"first_name": "Léo", "last_name": "Martin", "birth_date": "2019-04-01", "role": "child"}


def _income(w: World) -> dict[str, Any]:
    return {"member": _member(w), "income_type": "salary_net", "month": "2026-10", "amount": "812.40"}


def _new_household(w: World) -> dict[str, Any]:
    return {
        "last_name": "Nouveau",
        "first_names": "Sam",
        "birth_date": "1990-01-01",
        "status": "hosted",
        "rent": "0",
        "commune_code": "35238",
    }


def _api_household(w: World) -> dict[str, Any]:
    return {
        "members": [
            {
                "first_name": "Camille",
                "last_name": "Martin",
                "birth_date": "1985-05-17",
                "role": "applicant",
                "person_id": w.person.pk,
            }
        ],
        "housing": {"status": "tenant", "rent": "450", "commune_code": "35238"},
    }


ROUTES: list[Route] = [
    Route("home", lambda w: reverse("home"), LOGGED_IN),
    Route(
        "caseload",
        lambda w: reverse("caseload"),
        frozenset(
            {
                "peer_ally",
                "referent_of",
                "referent_other",
                "mediator_shared",
                "mediator_unshared",
                "partner_ally",
                "instructor",
            }
        ),
    ),
    Route("person_home", lambda w: reverse("person_home", args=[_p(w)]), CIRCLE_OF_P),
    Route(
        "person_identity",
        lambda w: reverse("person_identity", args=[_p(w)]),
        frozenset({"person_self", "referent_of", "mediator_shared", "instructor"}),
    ),
    Route(
        "person_identity_edit",
        lambda w: reverse("person_identity_edit", args=[_p(w)]),
        frozenset({"person_self", "referent_of", "instructor"}),
    ),
    Route(
        "person_household",
        lambda w: reverse("person_household", args=[_p(w)]),
        frozenset({"person_self", "referent_of", "mediator_shared", "instructor"}),
    ),
    Route(
        "person_sharing", lambda w: reverse("person_sharing", args=[_p(w)]), frozenset({"person_self", "referent_of"})
    ),
    Route(
        "household_new", lambda w: reverse("household_new"), frozenset({"referent_of", "referent_other", "instructor"})
    ),
    Route(
        "household_new",
        lambda w: reverse("household_new"),
        frozenset({"referent_of", "referent_other", "instructor"}),
        method="post",
        data=_new_household,
    ),
    Route(
        "household_housing",
        lambda w: reverse("household_housing", args=[_h(w)]),
        REFERENT_AND_OFFICER,
        method="post",
        data=_housing,
    ),
    Route(
        "household_member_add",
        lambda w: reverse("household_member_add", args=[_h(w)]),
        REFERENT_AND_OFFICER,
        method="post",
        data=_child,
    ),
    Route(
        "household_member_edit",
        lambda w: reverse("household_member_edit", args=[_h(w), _member(w)]),
        REFERENT_AND_OFFICER,
    ),
    Route(
        "household_member_remove",
        lambda w: reverse("household_member_remove", args=[_h(w), w.household.members.get(role="applicant").pk]),
        REFERENT_AND_OFFICER,
        method="post",
    ),
    Route(
        "household_income",
        lambda w: reverse("household_income", args=[_h(w)]),
        REFERENT_AND_OFFICER,
        method="post",
        data=_income,
    ),
    Route("steering", lambda w: reverse("steering"), frozenset({"manager"})),
    Route("portal:home", lambda w: reverse("portal:home"), PORTAL_USERS),
    Route("portal:sharing", lambda w: reverse("portal:sharing"), PORTAL_USERS),
    Route("portal:access_log", lambda w: reverse("portal:access_log"), PORTAL_USERS),
    Route("portal:contact", lambda w: reverse("portal:contact"), PORTAL_USERS),
    # Login, logout, second factor and password reset are open to all by nature: see test_login.py.
    # API
    Route("api:list_persons", lambda w: reverse("api:list_persons"), LOGGED_IN, api=True),
    Route("api:read_person", lambda w: reverse("api:read_person", args=[_p(w)]), CIRCLE_OF_P, api=True),
    Route(
        "api:read_household",
        lambda w: reverse("api:read_household", args=[_h(w)]),
        frozenset({"person_self", "referent_of", "mediator_shared", "instructor"}),
        api=True,
    ),
    Route(
        "api:create_household",
        lambda w: reverse("api:create_household"),
        REFERENT_AND_OFFICER,
        method="post",
        data=_api_household,
        api=True,
    ),
    Route(
        "api:update_household",
        lambda w: reverse("api:update_household", args=[_h(w)]),
        REFERENT_AND_OFFICER,
        method="patch",
        data=lambda w: {"housing": _housing(w)},
        api=True,
    ),
]

#: URL names that are open to everyone by design, and not part of the matrix.
OPEN_ROUTES = frozenset(
    {
        "login",
        "logout",
        "otp_verify",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
        "api:openapi-json",
        "api:openapi-view",
        "api:api-root",
    }
)


def body(route: Route, world: World) -> dict[str, Any]:
    data = route.data(world)
    if route.api:
        return {"data": json.dumps(data), "content_type": "application/json"} if data else {}
    return {"data": data}
