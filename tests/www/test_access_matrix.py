import re

import pytest
from django.test import Client
from django.urls import get_resolver

from alliances.circles.models import Ally
from alliances.households.models import Member

from ..conftest import ALL_ACTORS, World
from ..routes import OPEN_ROUTES, ROUTES, Route, body

# The applicant cannot be removed: that route answers the allowed with a refusal message, not a removal.
CASES = [(route, actor) for route in ROUTES for actor in ALL_ACTORS]


def _id(case: tuple[Route, str]) -> str:
    route, actor = case
    return f"{route.method}-{route.name}-{actor}"


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_access_matrix(case: tuple[Route, str], world: World, client: Client) -> None:
    route, actor_name = case
    actor = world.actor(actor_name)
    if actor is not None:
        client.force_login(actor)
    response = getattr(client, route.method)(route.url(world), **body(route, world))
    if actor_name in route.allowed:
        assert response.status_code in {200, 201, 202, 302}, response.content[:500]
        if response.status_code == 302:
            assert "/compte/connexion/" not in response["Location"]
    elif actor is None:
        expected = {401} if route.api else {302}
        assert response.status_code in expected
        if not route.api:
            assert "/compte/connexion/" in response["Location"]
    else:
        assert response.status_code == route.refused_by.get(actor_name, 404), response.content[:300]


def _named_routes() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list, namespace: str = "") -> None:
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                ns = pattern.namespace or ""
                if ns == "admin":
                    continue
                walk(pattern.url_patterns, f"{namespace}{ns}:" if ns else namespace)
            elif pattern.name:
                names.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns)
    return names


def test_every_route_is_in_the_matrix() -> None:
    covered = {route.name for route in ROUTES} | OPEN_ROUTES
    missing = _named_routes() - covered
    assert not missing, f"Routes missing from the access matrix (tests/routes/): {sorted(missing)}"


def test_refused_and_missing_look_the_same(world: World, client: Client) -> None:
    client.force_login(world.user("referent_other"))
    forbidden = client.get(f"/personnes/{world.person.pk}/identite/")
    missing = client.get("/personnes/999999/identite/")
    assert forbidden.status_code == missing.status_code == 404

    def normalise(html: bytes) -> str:  # per-request values: CSP nonce and CSRF token
        return re.sub(r'(nonce="|X-CSRFToken": "|csrfmiddlewaretoken" value=")[^"]+', r"\1", html.decode())

    assert normalise(forbidden.content) == normalise(missing.content)
    assert "Page introuvable" in normalise(missing.content)


def test_matrix_world_is_what_it_says(world: World) -> None:
    assert Ally.objects.active().filter(person=world.person).count() == 5
    assert Member.objects.filter(household=world.household).count() == 1


# After a handover, every route that was the former referent's alone becomes the successor's alone.
# Not these: a rights-check run belongs to whoever asked for it, an opening slot to its worker, and a
# proposal or a meeting to the worker it was made with (answering and closing it stay theirs).
WORKER_BOUND = {
    "rights_run_progress",
    "availability_delete",
    "meeting_answer",
    "meeting_close",
    "api:accept",
    "api:counter",
    "api:close",
    "api:create_mandate_act",  # a mandate is given to one worker: their successor does not hold it
}
HANDED_OVER = [
    r for r in ROUTES if "referent_of" in r.allowed and "referent_other" not in r.allowed and r.name not in WORKER_BOUND
]


@pytest.mark.parametrize("route", HANDED_OVER, ids=[f"{r.method}-{r.name}" for r in HANDED_OVER])
def test_handover_moves_the_file_to_the_successor(route: Route, world: World, client: Client) -> None:
    from alliances.circles.services import referent_handover

    referent_handover(
        actor=world.user("referent_of"),
        person=world.person,
        successor=world.user("referent_other"),
        note="Changement de secteur.",
    )
    client.force_login(world.user("referent_of"))
    former = getattr(client, route.method)(route.url(world), **body(route, world))
    # The former referent is now one referent among others: refused as referent_other is.
    assert former.status_code == route.refused_by.get("referent_other", 404), (route.name, former.status_code)
    client.force_login(world.user("referent_other"))
    successor = getattr(client, route.method)(route.url(world), **body(route, world))
    if route.name in {"person_handover", "api:handover"}:
        # The successor is now the referent: handing over to themself is refused, with a message.
        assert successor.status_code in {400, 422}
    else:
        assert successor.status_code in {200, 201, 302}, (route.name, successor.content[:300])
