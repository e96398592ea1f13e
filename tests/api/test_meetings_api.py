"""The meetings API: the same flow as the portal, the same policy and audit, French 422 errors."""

import json

import time_machine
from django.test import Client
from django.urls import reverse

from alliances.audit.models import AuditEvent
from alliances.meetings.models import Meeting, WorkshopSignup
from alliances.meetings.workshops import workshop_create, workshop_validate

from ..conftest import World, at


def _post(client: Client, url: str, data: dict[str, object] | None = None):  # type: ignore[no-untyped-def]
    return client.post(url, data=json.dumps(data or {}), content_type="application/json")


def _option(day: int, hour: int, **extra: object) -> dict[str, object]:
    return {"starts_at": f"2026-11-{day}T{hour:02}:00", "ends_at": f"2026-11-{day}T{hour + 1:02}:00", **extra}


def test_the_person_reads_slots_proposes_and_the_referent_accepts(
    world: World, open_week: None, client: Client
) -> None:
    referent = world.user("referent_of")
    client.force_login(world.user("person_self"))
    slots = client.get(reverse("api:slots", args=[referent.pk]) + "?start=2026-11-24&days=1").json()
    assert slots[0]["starts_at"].startswith("2026-11-24T09:00:00+01:00") and len(slots) == 6
    created = _post(
        client,
        reverse("api:propose", args=[world.person.pk]),
        {
            "worker_id": referent.pk,
            "options": [
                _option(24, 10, place_kind="chosen", place_text="Le café des Lices"),
                _option(25, 14, place_kind="phone"),
            ],
        },
    )
    assert created.status_code == 201, created.json()
    meeting_id = created.json()["id"]
    assert created.json()["options"][0]["place_text"] == "Le café des Lices"
    mine = _post(client, reverse("api:accept", args=[meeting_id]), {"option_id": created.json()["options"][0]["id"]})
    assert mine.status_code == 404  # one's own proposal is not answered by oneself
    client.force_login(referent)
    agreed = _post(client, reverse("api:accept", args=[meeting_id]), {"option_id": created.json()["options"][1]["id"]})
    assert agreed.status_code == 200 and agreed.json()["status"] == "agreed"
    listed = client.get(reverse("api:list_meetings", args=[world.person.pk])).json()
    assert [m["id"] for m in listed["upcoming"]] == [meeting_id]
    assert [h["what"][:7] for h in listed["upcoming"][0]["history"]] == ["propose", "accepte"]
    assert AuditEvent.objects.filter(category="meetings", action="read", actor=referent).exists()


def test_bad_proposals_are_french_422_and_save_nothing(world: World, open_week: None, client: Client) -> None:
    client.force_login(world.user("person_self"))
    url = reverse("api:propose", args=[world.person.pk])
    referent = world.user("referent_of").pk
    cases = [
        ({"worker_id": referent, "options": [_option(20, 10, place_kind="phone")]}, "dans le passé"),
        ({"worker_id": referent, "options": [_option(24, 10, place_kind="moon")]}, "Lieu inconnu"),
        ({"worker_id": referent, "options": [_option(28, 10, place_kind="phone")]}, "en dehors des disponibilités"),
        ({"worker_id": referent, "options": []}, "au moins un créneau"),
        (
            {"worker_id": referent, "options": [{"starts_at": "demain", "ends_at": "x", "place_kind": "phone"}]},
            "format",
        ),
        ({"worker_id": world.user("manager").pk, "options": [_option(24, 10, place_kind="phone")]}, "du cercle"),
    ]
    for payload, message in cases:
        response = _post(client, url, payload)
        assert response.status_code == 422, payload
        assert message in json.dumps(response.json(), ensure_ascii=False), (payload, response.json())
    assert not Meeting.objects.exists()


def test_move_cancel_close_and_workshops_through_the_api(
    world: World, open_week: None, client: Client, clock: time_machine.Traveller
) -> None:
    referent = world.user("referent_of")
    client.force_login(referent)
    offer = _post(
        client,
        reverse("api:propose", args=[world.person.pk]),
        {"worker_id": referent.pk, "options": [_option(24, 10, place_kind="video")]},
    ).json()
    client.force_login(world.user("person_self"))
    _post(client, reverse("api:accept", args=[offer["id"]]), {"option_id": offer["options"][0]["id"]})
    moved = _post(
        client,
        reverse("api:move", args=[offer["id"]]),
        {"options": [_option(26, 15, place_kind="phone")], "reason": "Un rendez-vous médical"},
    )
    assert moved.status_code == 201 and moved.json()["previous_id"] == offer["id"]
    cancelled = _post(client, reverse("api:cancel", args=[moved.json()["id"]]), {"reason": ""})
    assert cancelled.json()["status"] == "cancelled"
    assert _post(client, reverse("api:close", args=[offer["id"]]), {"outcome": "held"}).status_code == 404

    workshop = workshop_create(
        actor=world.user("mediator_shared"),
        title="Cuisine",
        starts_at=at(26, 14),
        ends_at=at(26, 16),
        capacity=1,
        place_text="Maison de quartier",
    )
    workshop = workshop_validate(actor=world.user("referent_of"), workshop=workshop)
    assert _post(client, reverse("api:signup", args=[workshop.pk])).status_code == 201
    assert client.get(reverse("api:list_workshops")).json()[0]["signed_up"] is True
    client.force_login(world.user("person_other"))
    full = _post(client, reverse("api:signup", args=[workshop.pk]))
    assert full.status_code == 422 and "complet" in json.dumps(full.json(), ensure_ascii=False)
    assert WorkshopSignup.objects.count() == 1


def test_free_slots_are_for_the_worker_their_colleagues_and_their_persons(
    world: World, open_week: None, client: Client
) -> None:
    url = reverse("api:slots", args=[world.user("referent_of").pk])
    for name, status in [
        ("person_self", 200),
        ("referent_other", 200),
        ("person_other", 404),
        ("officer", 404),
        ("manager", 404),
    ]:
        client.force_login(world.user(name))
        assert client.get(url).status_code == status, name
