"""Issue 19: the health endpoint answers for the database, the queue's storage and its consumer; the
favicon is served."""

import time

import pytest
from django.test import Client
from django.urls import reverse
from huey.contrib.djhuey import HUEY

from alliances.core.health import HEARTBEAT_KEY, HEARTBEAT_LATE_SECONDS, heartbeat_beat
from alliances.core.tasks import heartbeat


@pytest.fixture(autouse=True)
def _no_heartbeat() -> None:
    HUEY.get(HEARTBEAT_KEY)  # read once: removed


def test_healthy_when_a_consumer_ran_lately(db: None) -> None:
    heartbeat.call_local()
    response = Client().get(reverse("health"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "queue", "worker"}
    assert all(check["ok"] for check in body["checks"].values())


def test_a_late_or_absent_consumer_is_a_503_that_says_which_part(db: None) -> None:
    response = Client().get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == {
        "ok": False,
        "ms": pytest.approx(0, abs=50),
        "detail": "aucun passage du consommateur",
    }
    heartbeat_beat(time.time() - HEARTBEAT_LATE_SECONDS - 5)
    response = Client().get(reverse("health"))
    assert response.status_code == 503 and response.json()["checks"]["database"]["ok"]


def test_a_database_that_does_not_answer_is_said(db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from alliances.core import health

    def broken() -> tuple[bool, str]:
        raise ConnectionError("no route to host 10.0.0.5")

    monkeypatch.setattr(health, "_database", broken)
    heartbeat.call_local()
    body = Client().get(reverse("health")).json()
    assert body["status"] == "degraded"
    assert body["checks"]["database"]["detail"] == "ConnectionError"  # the kind, never the message


def test_the_favicon_is_the_dsfr_one(db: None) -> None:
    response = Client().get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.ico")


def test_alive_answers_without_the_database_or_redis(client) -> None:  # type: ignore[no-untyped-def]
    """Liveness: the process answers; nothing is read (no database access is allowed in this test)."""
    response = client.get("/sante/vivant/")
    assert (response.status_code, response.content) == (200, b"ok")
