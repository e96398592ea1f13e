"""The access matrix: every route, who may use it. A new route joins with one line.

Allowed actors get a success (2xx or a redirect); everyone else gets 404, exactly like a missing
object (anonymous visitors are sent to the login page on the web and get 401 on the API).
"""

import json
from typing import Any

from django.urls import reverse

from ..conftest import World
from .api import API_ROUTES
from .files import FILE_ROUTES
from .meetings import MEETING_ROUTES
from .route import LOGGED_IN, PORTAL_USERS, Route
from .support import SUPPORT_ROUTES

ROUTES: list[Route] = [*FILE_ROUTES, *SUPPORT_ROUTES, *API_ROUTES, *MEETING_ROUTES]

#: Everyone who works for or with the CCAS (every role but person and peer).
STAFF = LOGGED_IN - PORTAL_USERS
# The API's documentation page (Swagger UI, served locally): staff only; a web page, so anonymous → login.
ROUTES.append(Route("api:openapi-view", lambda w: reverse("api:openapi-view"), STAFF, page=False))

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
        "password_reset_sms",
        "password_reset_sms_code",
        "api:openapi-json",
        "api:api-root",
        # A calendar app has no session: the secret in the address is the key (tests/meetings/test_feed.py).
        "calendar_feed",
        # The invited has no account yet: the token in the address is the key (tests/alliance/test_choices.py).
        "invitation_accept",
        # Anyone may choose the language of the person-facing pages (tests/www/test_language.py).
        "language_set",
        # A load balancer and Docker's HEALTHCHECK have no session; nothing personal (tests/www/test_health.py).
        "health",
        "alive",
        "favicon",
    }
)


def body(route: Route, world: World) -> dict[str, Any]:
    data = route.data(world)
    if route.api:
        return {"data": json.dumps(data), "content_type": "application/json"} if data else {}
    return {"data": data}
