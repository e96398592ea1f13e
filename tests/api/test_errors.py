"""Every API error is `{"detail": "<French>"}` (plus `errors` for a 422), whoever produced it."""

import json

import pytest
from django.test import Client, override_settings

from alliances.accounts.services import api_token_create

from ..conftest import World

CSRF = "Jeton CSRF manquant ou invalide : utilisez un jeton d'API ou rechargez la page."


@pytest.fixture
def bearer(world: World) -> dict[str, str]:
    _, raw = api_token_create(user=world.user("referent_of"), name="tests")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def _only_detail(response, detail: str) -> None:  # type: ignore[no-untyped-def]
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    assert response.json() == {"detail": detail}


@pytest.mark.parametrize("debug", [False, True])
def test_missing_objects_read_introuvable_even_in_debug(world: World, client: Client, bearer, debug: bool) -> None:  # type: ignore[no-untyped-def]
    with override_settings(DEBUG=debug):
        for url in ("/api/persons/999999", "/api/households/999999", "/api/procedures/999999"):
            response = client.get(url, **bearer)
            assert response.status_code == 404, url
            _only_detail(response, "Introuvable.")
        other = world.other_person.pk
        forbidden = client.get(f"/api/persons/{other}", **bearer)
        missing = client.get("/api/persons/999999", **bearer)
        assert forbidden.status_code == 404 and forbidden.content == missing.content


def test_unknown_api_addresses_and_methods_answer_json(world: World, client: Client, bearer) -> None:  # type: ignore[no-untyped-def]
    for url in ("/api/nothing-here", "/api/"):
        response = client.get(url, **bearer)
        assert response.status_code == 404
        _only_detail(response, "Introuvable.")
    not_allowed = client.delete("/api/persons", **bearer)
    assert not_allowed.status_code == 405 and "GET" in not_allowed["Allow"]
    _only_detail(not_allowed, "Méthode non autorisée.")


def test_a_session_without_its_csrf_token_gets_a_clear_403(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.user("referent_of"))
    response = client.post("/api/households", data="{}", content_type="application/json")
    assert response.status_code == 403
    _only_detail(response, CSRF)
    # With the token of the page, the same request goes through to validation.
    client.get("/")
    token = client.cookies["csrftoken"].value
    response = client.post("/api/households", data="{}", content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 422


@pytest.mark.parametrize("header", ["Bearer nope", "Bearer ", "Basic dXNlcjpwYXNz", "Token abc"])
def test_wrong_credentials_are_401_on_every_method(world: World, header: str) -> None:
    client = Client(enforce_csrf_checks=True)
    for method, url in (("get", "/api/persons"), ("post", "/api/households"), ("patch", "/api/goals/1")):
        body = {} if method == "get" else {"data": "{}", "content_type": "application/json"}
        response = getattr(client, method)(url, HTTP_AUTHORIZATION=header, **body)
        assert response.status_code == 401, (method, header, response.content)
        _only_detail(response, "Authentification requise.")


def test_a_wrong_token_is_not_saved_by_the_session_behind_it(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.user("referent_of"))
    response = client.get("/api/persons", HTTP_AUTHORIZATION="Bearer nope")
    assert response.status_code == 401


def test_anonymous_without_credentials_is_401(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/api/households", data="{}", content_type="application/json")
    assert response.status_code == 401
    _only_detail(response, "Authentification requise.")


def test_malformed_json_is_400_and_invalid_fields_422(world: World, client: Client, bearer) -> None:  # type: ignore[no-untyped-def]
    bad = client.post("/api/households", data="{nope", content_type="application/json", **bearer)
    assert bad.status_code == 400
    _only_detail(bad, "Le corps de la requête n'est pas du JSON valide.")
    payload = json.dumps({"members": "x"})
    invalid = client.post("/api/households", data=payload, content_type="application/json", **bearer)
    assert invalid.status_code == 422
    assert invalid.json() == {"detail": "Données invalides.", "errors": {"members": ["Une liste est attendue."]}}


def test_a_server_error_is_french_json(world: World, bearer, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def boom(**kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("alliances.api.persons.person_search", boom)
    client = Client(raise_request_exception=False)
    response = client.get("/api/persons", **bearer)
    assert response.status_code == 500
    _only_detail(response, "Erreur interne : rien n'a été enregistré. Réessayez dans un moment.")
