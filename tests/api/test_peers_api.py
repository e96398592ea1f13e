"""Peers, mediation and mandates through the API: the whole story, same rules as the site."""

import json
from typing import Any

from django.test import Client
from django.urls import reverse

from alliances.audit.models import AuditEvent

from ..conftest import World


def _send(client: Client, method: str, url: str, data: dict[str, Any] | None = None) -> Any:
    body = {"data": json.dumps(data), "content_type": "application/json"} if data is not None else {}
    return getattr(client, method)(url, **body)


def _session(world: World, level: str) -> dict[str, Any]:
    return {
        "occurred_on": "2026-11-02",
        "duration_minutes": 40,
        "place": "CCAS",
        "link_types": ["capacitation"],
        "worked": [{"person_id": world.person.pk, "procedure": "caf_quarterly_declaration", "level": level}],
    }


def test_the_story_through_the_api(world: World, client: Client) -> None:
    # The other person offers to help.
    client.force_login(world.user("person_other"))
    offer = {"experiences": ["lone_parent"], "languages": ["ar"], "procedures": ["caf_quarterly_declaration"]}
    assert _send(client, "put", reverse("api:put_own_profile"), {**offer, "capacity": 2}).status_code == 200
    # Camille asks, sees the reasons, chooses.
    client.force_login(world.user("person_self"))
    asked = _send(client, "post", reverse("api:create_peer_request", args=[world.person.pk]), {"languages": ["ar"]})
    assert asked.status_code == 201
    [candidate] = asked.json()["candidates"]
    assert candidate["first_name"] == "Dominique" and "parle arabe" in candidate["reasons"]
    assert "Robert" not in asked.content.decode()
    chosen = _send(
        client, "post", reverse("api:choose_peer", args=[asked.json()["id"]]), {"peer_id": candidate["peer_id"]}
    )
    assert chosen.status_code == 201 and chosen.json()["state"] == "proposed"
    # The peer accepts.
    client.force_login(world.user("person_other"))
    answered = _send(client, "post", reverse("api:answer_match", args=[chosen.json()["id"]]), {"accept": True})
    assert answered.json()["state"] == "agreed" and answered.json()["other_first_name"] == "Camille"
    # The referent records a session; Camille confirms; her progress reads it.
    client.force_login(world.user("referent_of"))
    recorded = _send(client, "post", reverse("api:create_session"), _session(world, "with_me"))
    assert recorded.status_code == 201
    step_id = recorded.json()["steps"][0]["id"]
    client.force_login(world.user("person_self"))
    assert (
        _send(client, "post", reverse("api:confirm_progress", args=[step_id]), {"level": "with_me"}).status_code == 200
    )
    [progress] = client.get(reverse("api:list_progress", args=[world.person.pk])).json()
    assert progress["summary"] == "La dernière fois : fait avec moi"
    # Camille gives her referent a one-month mandate on "social", then ends it; the next act is refused.
    mandate = _send(
        client,
        "post",
        reverse("api:create_mandate", args=[world.person.pk]),
        {"holder_id": world.user("referent_of").pk, "themes": ["social"], "duration": "month"},
    ).json()
    assert mandate["status"] == "active"
    client.force_login(world.user("referent_of"))
    act = {"procedure": "caf_quarterly_declaration", "what": "Déclaration envoyée"}
    assert _send(client, "post", reverse("api:create_mandate_act", args=[world.person.pk]), act).status_code == 201
    client.force_login(world.user("person_self"))
    assert _send(client, "post", reverse("api:revoke_mandate", args=[mandate["id"]])).json()["status"] == "revoked"
    client.force_login(world.user("referent_of"))
    refused = _send(client, "post", reverse("api:create_mandate_act", args=[world.person.pk]), act)
    assert refused.status_code == 422 and "mis fin" in refused.json()["errors"]["mandate"][0]
    assert AuditEvent.objects.filter(person_id=world.person.pk, detail__startswith="mandat").exists()


def test_bad_input_is_a_french_422_and_writes_nothing(world: World, client: Client) -> None:
    from alliances.mediation.models import Mandate, MediationSession

    client.force_login(world.user("person_self"))
    for themes, duration in ((["astrologie"], "month"), (["social"], "two_years"), ([], "month")):
        response = _send(
            client,
            "post",
            reverse("api:create_mandate", args=[world.person.pk]),
            {"holder_id": world.user("referent_of").pk, "themes": themes, "duration": duration},
        )
        assert response.status_code == 422, response.content
    assert not Mandate.objects.exists()
    client.force_login(world.user("referent_of"))
    response = _send(client, "post", reverse("api:create_session"), _session(world, "expert"))
    assert response.status_code == 422 and "level" in response.json()["errors"]
    assert not MediationSession.objects.exists()
