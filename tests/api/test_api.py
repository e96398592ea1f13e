import json
from typing import Any

import pytest
from django.test import Client

from alliances.accounts.services import api_token_create
from alliances.audit.models import AuditEvent
from alliances.households.models import Household, Member

from ..conftest import World
from ..factories import PersonFactory, ally


@pytest.fixture
def token(world: World) -> str:
    _, raw = api_token_create(user=world.user("referent_of"), name="tests")
    return raw


def _auth(token: str) -> dict[str, Any]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_openapi_is_published(client: Client, db: None) -> None:
    schema = client.get("/api/openapi.json").json()
    assert {"/api/persons", "/api/persons/{person_id}", "/api/households", "/api/households/{household_id}"} <= set(
        schema["paths"]
    )


def test_token_lists_only_visible_persons_and_audits(world: World, client: Client, token: str) -> None:
    response = client.get("/api/persons", **_auth(token))
    assert response.status_code == 200
    data = response.json()
    assert [item["id"] for item in data["items"]] == [world.person.pk]
    assert AuditEvent.objects.filter(person=world.person, detail__startswith="API").exists()


def test_bad_token_is_refused(world: World, client: Client) -> None:
    assert client.get("/api/persons", HTTP_AUTHORIZATION="Bearer nope").status_code == 401


def test_read_person_shows_only_shared_categories(world: World, client: Client) -> None:
    client.force_login(world.user("peer_ally"))
    data = client.get(f"/api/persons/{world.person.pk}").json()
    assert data["name"] == "Camille"
    assert data["last_name"] is None and data["birth_date"] is None
    assert data["shared_categories"] == ["plan"]


def test_malformed_json_is_a_readable_400(world: World, client: Client, token: str) -> None:
    response = client.post("/api/households", data="{not json", content_type="application/json", **_auth(token))
    assert response.status_code == 400
    assert response.json()["detail"] == "Le corps de la requête n'est pas du JSON valide."


def test_invalid_fields_get_french_messages_and_nothing_is_written(world: World, client: Client, token: str) -> None:
    before = (Household.objects.count(), Member.objects.count())
    payload = {
        "members": [{"first_name": "A", "last_name": "B", "birth_date": "2026-02-30", "role": "king"}],
        "housing": {"status": "tenant", "rent": -5, "commune_code": "3"},
    }
    response = client.post("/api/households", data=json.dumps(payload), content_type="application/json", **_auth(token))
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["members.0.birth_date"] == ["Cette date n'est pas valide (format attendu : AAAA-MM-JJ)."]
    assert errors["members.0.role"] == ["Cette valeur ne fait pas partie de la liste."]
    assert errors["housing.rent"] == ["Cette valeur ne peut pas être négative."]
    assert (Household.objects.count(), Member.objects.count()) == before


def test_service_rules_come_back_as_422(world: World, client: Client, token: str) -> None:
    payload = {"members": [{"first_name": "A", "last_name": "B", "birth_date": "2012-02-02", "role": "child"}]}
    response = client.post("/api/households", data=json.dumps(payload), content_type="application/json", **_auth(token))
    assert response.status_code == 422
    assert response.json()["errors"]["members"] == ["Le foyer doit compter un demandeur ou une demandeuse."]


def test_create_then_patch_household(world: World, client: Client, token: str) -> None:
    person = PersonFactory.create(first_names="Sam", last_name="Durand")
    ally(person, world.user("referent_of"))
    payload = {
        "members": [
            {
                "first_name": "Sam",
                "last_name": "Durand",
                "birth_date": "1990-01-01",
                "role": "applicant",
                "person_id": person.pk,
            }
        ],
        "housing": {"status": "hosted", "rent": 0, "commune_code": "35238"},
    }
    created = client.post("/api/households", data=json.dumps(payload), content_type="application/json", **_auth(token))
    assert created.status_code == 201, created.content
    household_id = created.json()["id"]
    member_id = created.json()["members"][0]["id"]
    patch = {
        "housing": {"status": "tenant", "rent": 390, "commune_code": "35238"},
        "incomes": [{"member_id": member_id, "income_type": "salary_net", "month": "2026-10", "amount": 640.5}],
    }
    updated = client.patch(
        f"/api/households/{household_id}", data=json.dumps(patch), content_type="application/json", **_auth(token)
    )
    assert updated.status_code == 200, updated.content
    body = updated.json()
    assert body["housing"]["rent"] == "390.00"
    assert body["members"][0]["incomes"] == {"salary_net": {"2026-10": "640.50"}}


def test_patch_is_all_or_nothing(world: World, client: Client, token: str) -> None:
    patch = {
        "housing": {"status": "owner", "rent": 0, "commune_code": "35238"},
        "add_members": [{"first_name": "X", "last_name": "Y", "birth_date": "1980-01-01", "role": "applicant"}],
    }
    response = client.patch(
        f"/api/households/{world.household.pk}", data=json.dumps(patch), content_type="application/json", **_auth(token)
    )
    assert response.status_code == 422
    world.household.housing.refresh_from_db()
    assert world.household.housing.status == "tenant"


def test_linking_a_person_one_may_not_see_answers_exactly_like_a_missing_one(
    world: World, client: Client, token: str
) -> None:
    """Security review, finding 1: PATCH add_members checked only that the person existed."""
    answers = []
    for person_id in (world.other_person.pk, PersonFactory.create().pk, 999999):
        patch = {
            "add_members": [
                {
                    "first_name": "X",
                    "last_name": "Y",
                    "birth_date": "1980-01-01",
                    "role": "other",
                    "person_id": person_id,
                }
            ]
        }
        response = client.patch(
            f"/api/households/{world.household.pk}",
            data=json.dumps(patch),
            content_type="application/json",
            **_auth(token),
        )
        answers.append((response.status_code, response.content))
    assert len(set(answers)) == 1, answers  # byte for byte the same answer
    assert answers[0][0] == 422
    assert not Member.objects.filter(household=world.household, role="other").exists()
    # The other person's referent does not gain the household of world.person.
    assert Member.objects.filter(person=world.other_person).count() == 1


def test_unknown_and_forbidden_households_are_404(world: World, client: Client, token: str) -> None:
    other = Member.objects.get(person=world.other_person).household_id
    assert client.get(f"/api/households/{other}", **_auth(token)).status_code == 404
    assert client.get("/api/households/999999", **_auth(token)).status_code == 404


def test_token_command_prints_a_working_token(world: World, client: Client, capsys) -> None:  # type: ignore[no-untyped-def]
    from django.core.management import call_command

    call_command("api_token_create", world.user("officer").email)
    raw = capsys.readouterr().out.strip()
    assert client.get("/api/persons", **_auth(raw)).status_code == 200


def test_a_name_only_read_is_recorded(world: World, client: Client) -> None:
    peer = world.user("peer_ally")
    client.force_login(peer)
    client.get(f"/api/persons/{world.person.pk}")
    assert AuditEvent.objects.filter(person=world.person, actor=peer, detail="nom seulement").exists()
