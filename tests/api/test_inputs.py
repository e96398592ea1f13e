"""A NUL character in any text of any operation is a French 422 (PostgreSQL would refuse it with a 500)."""

import json

import pytest
from django.test import Client

from alliances.accounts.services import api_token_create

from ..conftest import World

NUL = "Ce texte contient un caractère nul, qui n'est pas accepté."


@pytest.fixture
def api(world: World) -> Client:
    _, raw = api_token_create(user=world.user("referent_of"), name="tests")
    return Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_in_a_query_parameter(api: Client) -> None:
    response = api.get("/api/persons?q=a%00b")
    assert response.status_code == 422
    assert response.json() == {"detail": "Données invalides.", "errors": {"q": [NUL]}}


def test_in_a_body_nested_or_as_a_key(api: Client, world: World) -> None:
    goal = {"text": "Trouver\x00un logement", "bond": "work"}
    response = api.post(f"/api/persons/{world.person.pk}/goals", data=json.dumps(goal), content_type="application/json")
    assert response.status_code == 422 and response.json()["errors"] == {"text": [NUL]}
    reading = {"instrument": "participation_ladder", "values": {"le\x00vel": 3}}
    response = api.post(
        f"/api/persons/{world.person.pk}/readings", data=json.dumps(reading), content_type="application/json"
    )
    assert response.status_code == 422 and response.json()["errors"] == {"values.le\x00vel": [NUL]}
    member = {"first_name": "A\x00", "last_name": "B", "birth_date": "2010-01-01", "role": "child"}
    response = api.patch(
        f"/api/households/{world.household.pk}",
        data=json.dumps({"add_members": [member]}),
        content_type="application/json",
    )
    assert response.status_code == 422 and response.json()["errors"] == {"add_members.0.first_name": [NUL]}
