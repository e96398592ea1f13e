"""Security review, finding 9: production refuses the settings that would expose persons' data."""

import os
import subprocess
import sys

import pytest
from django.test import Client

from ..conftest import World

GOOD = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "k3y-" + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOP",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "SMS_BACKEND": "alliances.notifications.sms.HttpSmsBackend",
    "ALLIANCES_ENCRYPTION_KEYS": "cHJvZHVjdGlvbi10ZXN0LWtleS0wMDAwMDAwMDAwMDA=",
}
PROBE = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.DEBUG, s.ALLIANCES_REQUIRE_STAFF_OTP)"
)


def _start(**changes: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "EMAIL_", "SMS_"))}
    env.update(GOOD)
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120)


def test_production_starts_with_good_settings_and_always_asks_staff_a_second_factor() -> None:
    started = _start(DJANGO_DEBUG="true", ALLIANCES_REQUIRE_STAFF_OTP="false")
    assert started.returncode == 0, started.stderr
    assert started.stdout.split() == ["False", "True"]


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"EMAIL_BACKEND": None}, "EMAIL_BACKEND"),  # the default is the console
        ({"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}, "EMAIL_BACKEND"),
        ({"SMS_BACKEND": None}, "SMS_BACKEND"),
        ({"DJANGO_SECRET_KEY": "short-secret"}, "too weak"),
        ({"DJANGO_SECRET_KEY": "a" * 60}, "too weak"),
        ({"DJANGO_SECRET_KEY": None}, "DJANGO_SECRET_KEY must be set"),
        ({"ALLIANCES_ENCRYPTION_KEYS": None}, "ALLIANCES_ENCRYPTION_KEYS must be set"),
    ],
)
def test_production_refuses_to_start(changes: dict[str, str | None], says: str) -> None:
    started = _start(**changes)
    assert started.returncode != 0
    assert says in started.stderr


def test_deploy_checks_are_clean() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "EMAIL_", "SMS_"))}
    env.update(GOOD)
    checked = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "W005" not in checked.stderr and "W021" not in checked.stderr


@pytest.mark.parametrize("path", ["/mon-espace/", "/mon-espace/coordonnees/", "/mon-espace/journal/", "/api/persons"])
def test_pages_with_personal_data_are_never_stored(world: World, client: Client, path: str) -> None:
    client.force_login(world.user("person_self"))
    response = client.get(path)
    assert "no-store" in response["Cache-Control"], path


def test_api_answers_are_never_stored_even_refusals(client: Client, db: None) -> None:
    assert "no-store" in client.get("/api/persons")["Cache-Control"]


def test_a_client_request_id_is_kept_only_when_well_formed(world: World, client: Client) -> None:
    from alliances.audit.models import AuditEvent

    client.force_login(world.user("person_self"))
    for bad in ("<script>alert(1)</script>", "x" * 65, "short", "a b c d e f g h"):
        response = client.get("/mon-espace/", HTTP_X_REQUEST_ID=bad)
        assert response["X-Request-ID"] != bad
    good = "0f8fad5b-d9cb-469f-a165-70867728950e"
    client.get("/mon-espace/", HTTP_X_REQUEST_ID=good)
    assert AuditEvent.objects.filter(request_id=good).exists()
    assert not AuditEvent.objects.filter(request_id__contains="<").exists()
