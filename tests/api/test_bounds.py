"""Inputs that a database cannot hold (pages, ids) are French 4xx, never server errors;
and a server error, when one happens, is logged with its request id."""

import io
import json
import logging

import pytest
from django.test import Client

from alliances.accounts.services import api_token_create

from ..conftest import World

HUGE = "9223372036854775808"  # 2**63: one more than the largest id a database row can have


@pytest.fixture
def api(world: World) -> Client:
    _, raw = api_token_create(user=world.user("officer"), name="tests")
    return Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {raw}")


@pytest.mark.parametrize(
    "query",
    [
        "page=" + HUGE,
        "page=0",
        "page=-1",
        "page=abc",
        "page=1e3",
        "page=99999999999",
        "page_size=0",
        "page_size=" + HUGE,
    ],
)
def test_paging_outside_its_bounds_is_a_french_422(api: Client, query: str) -> None:
    response = api.get(f"/api/persons?{query}")
    assert response.status_code == 422, response.content[:300]
    body = response.json()
    assert body["detail"] == "Données invalides."
    assert set(body["errors"]) <= {"page", "page_size"} and all(body["errors"].values())


def test_paging_inside_its_bounds_answers(api: Client) -> None:
    assert api.get("/api/persons?page=1000000&page_size=100").json()["items"] == []
    assert api.get("/api/persons?page=1").status_code == 200


@pytest.mark.parametrize("value", [HUGE, "0", "-3", "99999999999999999999999999"])
def test_ids_outside_what_a_row_can_have_are_422(api: Client, world: World, value: str) -> None:
    for url in (f"/api/persons/{value}", f"/api/households/{value}", f"/api/procedures/{value}"):
        response = api.get(url)
        assert response.status_code == 422, (url, response.content[:300])
    payload = {
        "members": [],
        "incomes": [{"member_id": int(value), "income_type": "salary_net", "month": "2026-10", "amount": 1}],
    }
    response = api.patch(
        f"/api/households/{world.household.pk}", data=json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 422


def test_the_largest_id_is_simply_not_found(api: Client) -> None:
    assert api.get("/api/persons/9223372036854775807").status_code == 404


def test_a_server_error_is_logged_with_its_request_id(api: Client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Through the handler LOGGING configures for django.request (its filter adds the request id)."""

    def boom(**kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("alliances.api.persons.person_search", boom)
    handlers = [h for h in logging.getLogger("django.request").handlers if isinstance(h, logging.StreamHandler)]
    assert handlers, "LOGGING gives django.request a stream handler"
    stream = io.StringIO()
    previous = [h.setStream(stream) for h in handlers]
    try:
        response = api.get("/api/persons", HTTP_X_REQUEST_ID="req-500-abcdef12")
    finally:
        for handler, old in zip(handlers, previous, strict=True):
            handler.setStream(old)
    assert response.status_code == 500
    assert response["X-Request-ID"] == "req-500-abcdef12"
    lines = [line for line in stream.getvalue().splitlines() if "Internal Server Error: /api/persons" in line]
    assert len(lines) == 1, stream.getvalue()[:2000]
    assert "[req-500-abcdef12]" in lines[0]


@pytest.mark.parametrize("month", ["0000-01", "1899-12", "2100-01"])
def test_a_month_outside_the_calendar_is_a_422(api: Client, world: World, month: str) -> None:
    """Found by the fuzzing: a year 0000 passed the pattern and broke `date()` (a 500)."""
    member = world.household.members.get(role="applicant").pk
    payload = {"incomes": [{"member_id": member, "income_type": "af", "month": month, "amount": 1}]}
    response = api.patch(
        f"/api/households/{world.household.pk}", data=json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 422, response.content[:300]
    assert response.json()["errors"] == {"incomes.0.month": ["Ce format n'est pas valide."]}
    check = api.post(
        "/api/rights/check", data=json.dumps({"month": month, "households": [{}]}), content_type="application/json"
    )
    assert check.status_code == 422 and "month" in check.json()["errors"]


def test_dates_outside_1900_2099_are_a_422(api: Client, world: World) -> None:
    """Free slots from 9999-12-31 overflowed the date arithmetic (a 500)."""
    referent = world.user("referent_of").pk
    response = api.get(f"/api/workers/{referent}/slots?start=9999-12-31&days=62")
    assert response.status_code == 422
    assert response.json()["errors"] == {"start": ["Cette date n'est pas valide : elle doit être entre 1900 et 2099."]}
    step = {"benefit": "rsa", "deadline": "9999-12-31"}
    response = api.post(
        f"/api/persons/{world.person.pk}/procedures", data=json.dumps(step), content_type="application/json"
    )
    assert response.status_code == 422 and list(response.json()["errors"]) == ["deadline"]


def test_the_rights_check_refuses_months_before_its_rules(api: Client) -> None:
    """OpenFisca-France has no parameters before the RSA (June 2009): a simulation of 1990 was a 500."""
    household = {
        "id": "h",
        "commune": "35238",
        "members": [{"id": "p", "role": "applicant", "birth_date": "1990-01-01"}],
    }
    payload = {"month": "2009-05", "households": [household]}
    response = api.post("/api/rights/check", data=json.dumps(payload), content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"] == {"month": ["Les droits se calculent à partir de juin 2009."]}
