import pytest
from django.core import mail
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from alliances.accounts.phone import normalize_phone

from ..conftest import World
from ..factories import PASSWORD


@pytest.mark.parametrize(
    "identifier", ["camille@alliances.test", "CAMILLE@alliances.test", "06 00 00 00 01", "+33600000001"]
)
def test_person_logs_in_with_email_or_phone(world: World, client: Client, identifier: str) -> None:
    response = client.post("/compte/connexion/", {"username": identifier, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").url == "/mon-espace/"  # type: ignore[attr-defined]


def test_wrong_password_gives_a_french_message(world: World, client: Client) -> None:
    response = client.post("/compte/connexion/", {"username": "camille@alliances.test", "password": "nope"})
    assert response.status_code == 200
    assert "Identifiant ou mot de passe incorrect" in response.content.decode()


def test_failed_logins_are_throttled(world: World, client: Client) -> None:
    for _ in range(5):
        client.post("/compte/connexion/", {"username": "camille@alliances.test", "password": "nope"})
    response = client.post("/compte/connexion/", {"username": "camille@alliances.test", "password": PASSWORD})
    assert response.status_code == 429
    assert "Connexion temporairement bloquée" in response.content.decode()


def test_password_reset_by_email(world: World, client: Client) -> None:
    response = client.post("/compte/mot-de-passe/", {"email": "camille@alliances.test"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/compte/mot-de-passe/" in line)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "Nouveau-mot-2026!", "new_password2": "Nouveau-mot-2026!"}
    )
    assert response.status_code == 302
    login = client.post("/compte/connexion/", {"username": "camille@alliances.test", "password": "Nouveau-mot-2026!"})
    assert login.status_code == 302


@override_settings(ALLIANCES_REQUIRE_STAFF_OTP=True, OTP_TOTP_THROTTLE_FACTOR=0)
def test_staff_need_a_totp_code_when_required(world: World, client: Client) -> None:
    referent = world.user("referent_of")
    response = client.post("/compte/connexion/", {"username": referent.email, "password": PASSWORD})
    assert response.status_code == 302
    blocked = client.get("/personnes/")
    assert blocked.status_code == 302 and "/compte/second-facteur/" in blocked.url  # type: ignore[attr-defined]
    assert client.get("/api/persons").status_code == 401
    setup = client.get("/compte/second-facteur/")
    assert "Première connexion" in setup.content.decode()
    device = TOTPDevice.objects.get(user=referent)
    wrong = client.post("/compte/second-facteur/", {"otp_token": "000000"})
    assert "est pas le bon" in wrong.content.decode()
    device.refresh_from_db()
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    assert client.post("/compte/second-facteur/", {"otp_token": code}).status_code == 302
    assert client.get("/personnes/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


@override_settings(ALLIANCES_REQUIRE_STAFF_OTP=True)
def test_persons_do_not_need_a_second_factor(world: World, client: Client) -> None:
    client.post("/compte/connexion/", {"username": "camille@alliances.test", "password": PASSWORD})
    assert client.get("/mon-espace/").status_code == 200


def test_phone_normalisation() -> None:
    assert normalize_phone("06.12.34.56.78") == "+33612345678"
    assert normalize_phone("0033 6 12 34 56 78") == "+33612345678"
    assert normalize_phone("hello") is None
    assert normalize_phone("00 12") is None
