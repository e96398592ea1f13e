"""Security review, finding 3: the login throttle is keyed on the account, and on the real client address."""

import logging
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.core.cache import cache
from django.test import Client, override_settings

from alliances.audit.models import AuditEvent
from alliances.core.client_ip import client_ip

from ..conftest import World
from ..factories import PASSWORD

SPELLINGS = [
    "camille@alliances.test",
    "CAMILLE@alliances.test",
    "Camille@Alliances.Test",
    " camille@alliances.test ",
    "06 00 00 00 01",
    "+33600000001",
    "06.00.00.00.01",
    "0033600000001",
]


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def _fail(client: Client, identifier: str, **extra: Any) -> int:
    return client.post("/compte/connexion/", {"username": identifier, "password": "nope"}, **extra).status_code


def test_spellings_of_one_account_share_one_counter(world: World, client: Client) -> None:
    for spelling in SPELLINGS[:5]:
        _fail(client, spelling, REMOTE_ADDR=f"10.0.0.{len(spelling)}")
    # Five failures in five spellings, from five addresses: the account is locked, whatever is typed next.
    for spelling in SPELLINGS:
        response = client.post("/compte/connexion/", {"username": spelling, "password": PASSWORD})
        assert response.status_code == 429, spelling


def test_no_login_in_clear_in_the_attempts_nor_the_logs(world: World, client: Client, caplog) -> None:  # type: ignore[no-untyped-def]
    with caplog.at_level(logging.INFO):
        _fail(client, "camille@alliances.test")
        _fail(client, "nobody@alliances.test")
        _fail(client, "06 99 99 99 99")
    stored = " ".join(f"{a.username} {a.post_data} {a.get_data}" for a in AccessAttempt.objects.all())
    for secret in ("camille", "nobody", "0699", "+33699"):
        assert secret not in stored
        assert secret not in caplog.text


@override_settings(AXES_ADDRESS_FAILURE_LIMIT=8)
def test_one_address_trying_many_accounts_is_blocked(world: World, client: Client) -> None:
    for n in range(8):
        _fail(client, f"guess{n}@alliances.test", REMOTE_ADDR="203.0.113.9")
    blocked = client.post(
        "/compte/connexion/", {"username": "camille@alliances.test", "password": PASSWORD}, REMOTE_ADDR="203.0.113.9"
    )
    assert blocked.status_code == 429
    elsewhere = client.post(
        "/compte/connexion/", {"username": "camille@alliances.test", "password": PASSWORD}, REMOTE_ADDR="198.51.100.4"
    )
    assert elsewhere.status_code == 302


@override_settings(ALLIANCES_PROXY_IP_HEADER="X-Forwarded-For", ALLIANCES_PROXY_COUNT=1, AXES_ADDRESS_FAILURE_LIMIT=8)
def test_behind_the_proxy_the_client_address_comes_from_its_header(world: World, client: Client) -> None:
    proxy = "10.1.1.1"
    for n in range(8):
        # The attacker writes its own header value first; the proxy appends the real address last.
        _fail(
            client,
            f"guess{n}@alliances.test",
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.9",
        )
    attacker = client.post(
        "/compte/connexion/",
        {"username": "camille@alliances.test", "password": PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert attacker.status_code == 429
    colleague = client.post(
        "/compte/connexion/",
        {"username": "camille@alliances.test", "password": PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="192.0.2.77",
    )
    assert colleague.status_code == 302
    # The audit keeps the same address.
    client.get("/mon-espace/", REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="192.0.2.77")
    assert AuditEvent.objects.filter(ip_address="192.0.2.77").exists()


def test_without_configuration_no_header_is_trusted(rf) -> None:  # type: ignore[no-untyped-def]
    request = rf.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert client_ip(request) == "192.0.2.1"
    with override_settings(ALLIANCES_PROXY_IP_HEADER="X-Forwarded-For", ALLIANCES_PROXY_COUNT=2):
        hops = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5, 10.0.0.2")
        assert client_ip(hops) == "203.0.113.5"
        garbage = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="not-an-ip, <script>")
        assert client_ip(garbage) == "10.0.0.1"


@override_settings(RESET_REQUESTS_PER_IDENTIFIER=3)
def test_password_reset_requests_are_throttled(world: World, client: Client) -> None:
    for spelling in ("camille@alliances.test", "CAMILLE@alliances.test", "Camille@alliances.test"):
        assert client.post("/compte/mot-de-passe/", {"email": spelling}).status_code == 302
    refused = client.post("/compte/mot-de-passe/", {"email": "camille@alliances.test"})
    assert refused.status_code == 429
    assert "Trop de demandes" in refused.content.decode()
    assert len(mail.outbox) == 3


@override_settings(RESET_REQUESTS_PER_ADDRESS=4)
def test_password_reset_requests_are_throttled_per_address(world: World, client: Client) -> None:
    for n in range(4):
        assert client.post("/compte/mot-de-passe/", {"email": f"x{n}@alliances.test"}).status_code == 302
    assert client.post("/compte/mot-de-passe/", {"email": "camille@alliances.test"}).status_code == 429
