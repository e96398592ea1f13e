"""The alliance API: same policy, same audit, French errors."""

import json

from django.test import Client
from django.urls import reverse

from alliances.assessments.models import Reading
from alliances.audit.models import AuditEvent
from alliances.goals.models import Goal

from ..conftest import World


def _post(client: Client, url: str, data: dict[str, object]):  # type: ignore[no-untyped-def]
    return client.post(url, data=json.dumps(data), content_type="application/json")


def test_readings_both_sides_and_gaps(world: World, client: Client) -> None:
    url = reverse("api:create_reading", args=[world.person.pk])
    client.force_login(world.user("person_self"))
    assert _post(client, url, {"instrument": "social_bonds", "values": {"activity": 4}}).json()["side"] == "person"
    client.force_login(world.user("referent_of"))
    assert _post(client, url, {"instrument": "social_bonds", "values": {"activity": 2}}).json()["side"] == "worker"
    body = client.get(reverse("api:list_readings", args=[world.person.pk])).json()
    organic = next(g for g in body["gaps"] if g["bond"] == "organic")
    assert (organic["person"], organic["worker"], organic["gap"]) == (4.0, 2.0, 2.0)
    assert AuditEvent.objects.filter(category="bonds", action="read", person_id=world.person.pk).exists()


def test_a_reading_out_of_scale_is_a_french_422_and_saves_nothing(world: World, client: Client) -> None:
    client.force_login(world.user("person_self"))
    response = _post(
        client,
        reverse("api:create_reading", args=[world.person.pk]),
        {"instrument": "social_bonds", "values": {"activity": 9}},
    )
    assert response.status_code == 422
    assert "choisissez une valeur de 0 à 4" in response.json()["errors"]["activity"][0]
    unknown = _post(
        client,
        reverse("api:create_reading", args=[world.person.pk]),
        {"instrument": "social_bonds", "values": {"x": 1}},
    )
    assert unknown.status_code == 422 and "Élément inconnu" in unknown.json()["errors"]["values"][0]
    assert not Reading.objects.exists()


def test_goals_and_actions(world: World, client: Client) -> None:
    client.force_login(world.user("person_self"))
    goal = _post(
        client,
        reverse("api:create_goal", args=[world.person.pk]),
        {"text": "Chanter dans une chorale", "bond": "peers"},
    ).json()
    assert goal["proposed_by"] == "person"
    empty = _post(client, reverse("api:create_goal", args=[world.person.pk]), {"text": " ", "bond": "peers"})
    assert empty.status_code == 422 and Goal.objects.count() == 1
    action = _post(
        client,
        reverse("api:create_action", args=[goal["id"]]),
        {"text": "Trouver une chorale", "doer": "person", "link_type": "consideration"},
    ).json()
    patched = client.patch(
        reverse("api:update_action", args=[action["id"]]),
        data=json.dumps({"status": "done"}),
        content_type="application/json",
    )
    assert patched.json()["status"] == "done"


def test_a_second_referent_through_the_api_is_refused(world: World, client: Client) -> None:
    client.force_login(world.user("referent_of"))
    response = _post(
        client,
        reverse("api:add_ally", args=[world.person.pk]),
        {"user_id": world.user("referent_other").pk, "role": "referent"},
    )
    assert response.status_code == 422
    assert "passage de relais" in response.json()["errors"]["role"][0]
