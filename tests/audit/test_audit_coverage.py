"""Security review, finding 5: every page that shows a person's data leaves an audit event.

Visits every page of the access matrix (tests/routes/) as each actor allowed to see it; when the
page shows the name of world's person (or of the other person), the same request must have left an
audit event for that actor and that person. A new page that forgets the audit fails here.
"""

import re

import pytest
from django.test import Client

from alliances.audit.models import AuditEvent

from ..conftest import World
from ..routes import ROUTES, Route, body

CASES = [
    (route, actor)
    for route in ROUTES
    if route.method == "get" and not route.name.startswith("api:openapi")
    for actor in sorted(route.allowed)
]


def _shown(html: str, world: World) -> list[int]:
    """The persons whose data the page shows, recognised by their names."""
    shown = []
    for person in (world.person, world.other_person):
        # A last name as a word of its own: "Martin" is shown, "Saint-Martin" (a neighbourhood) is not.
        last_name = re.search(rf"(?<![\w-]){re.escape(person.last_name)}\b", html)
        if last_name or f"{person.first_name} " in html or f"{person.first_name}<" in html:
            shown.append(person.pk)
    return shown


@pytest.mark.parametrize("case", CASES, ids=[f"{r.name}-{a}" for r, a in CASES])
def test_a_page_showing_a_persons_data_leaves_an_event(case: tuple[Route, str], world: World, client: Client) -> None:
    route, actor_name = case
    actor = world.user(actor_name)
    client.force_login(actor)
    url = route.url(world)
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    response = client.get(url, **body(route, world))
    if response.status_code != 200 or "text/calendar" in response.get("Content-Type", ""):
        return
    content = response.content.decode(errors="replace")
    shown = _shown(content, world)
    recorded = set(
        AuditEvent.objects.filter(id__gt=last, actor=actor, person_id__in=shown).values_list("person_id", flat=True)
    )
    missing = set(shown) - recorded
    assert not missing, f"{route.name} as {actor_name} shows person(s) {sorted(missing)} and left no audit event"
