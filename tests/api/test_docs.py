"""/api/docs: Swagger UI from our own static files (the site's CSP allows nothing else), staff only."""

import re

import pytest
from django.test import Client

from ..conftest import World

STAFF = ("referent_of", "mediator_shared", "partner_ally", "manager", "officer", "admin")


@pytest.mark.parametrize("actor", STAFF)
def test_staff_read_the_docs_from_local_files_only(world: World, client: Client, actor: str) -> None:
    client.force_login(world.user(actor))
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert not re.search(r"(?:src|href)=\"(?:https?:)?//", html), "an external host in the docs page"
    # No CDN host named anywhere (a word boundary: a random CSRF token may hold the letters "cdn").
    assert not re.search(r"\bcdn\b|cdn\.|jsdelivr|unpkg", html.lower())
    assets = re.findall(r"(?:src|href)=\"(/static/[^\"]+)\"", html)
    assert {a.rsplit("/", 1)[-1] for a in assets} >= {"swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-init.js"}
    for asset in assets:
        served = client.get(asset)
        assert served.status_code == 200, asset
        served.close()  # a file response: close it, as a server would
    # No inline script to allow: the only <script> without src is JSON data, which a browser does not run.
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline == [' type="application/json" id="swagger-settings"']
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "cdn" not in policy


@pytest.mark.parametrize("actor", ["person_self", "peer_ally"])
def test_persons_are_refused_the_docs(world: World, client: Client, actor: str) -> None:
    client.force_login(world.user(actor))
    response = client.get("/api/docs")
    assert response.status_code == 404
    assert response.json() == {"detail": "Introuvable."}


def test_anonymous_visitors_are_sent_to_login(client: Client, db: None) -> None:
    response = client.get("/api/docs")
    assert response.status_code == 302 and response["Location"].startswith("/compte/connexion/")


def test_the_schema_stays_public(client: Client, db: None) -> None:
    assert client.get("/api/openapi.json").status_code == 200
