from django.test import Client
from pytest_django.fixtures import DjangoCaptureOnCommitCallbacks

from alliances.accounts.enums import Role
from alliances.accounts.models import User

from ..conftest import World


def test_only_the_admin_role_enters_the_admin(world: World, client: Client) -> None:
    for name in ("referent_of", "manager", "officer", "person_self"):
        client.force_login(world.actor(name))  # type: ignore[arg-type]
        assert client.get("/admin/").status_code == 302
    client.force_login(world.user("admin"))
    assert client.get("/admin/").status_code == 200


def test_admin_lists_staff_accounts_but_no_person(world: World, client: Client) -> None:
    client.force_login(world.user("admin"))
    html = client.get("/admin/accounts/user/").content.decode()
    assert str(world.user("referent_of").email) in html
    assert "camille@alliances.test" not in html
    assert client.get("/admin/persons/person/").status_code == 404


# --- Security review, finding 6: the administrator cannot reach personal data ------------------------------


def _admin_adds_an_officer(client: Client) -> User:
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "email": "nouvel.officier@alliances.test",
            "username": "nouvel-officier",
            "role": Role.OFFICER,
            "password1": "Un-mot-de-passe-2026!",
            "password2": "Un-mot-de-passe-2026!",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    return User.objects.get(email="nouvel.officier@alliances.test")


def test_a_file_reading_role_made_by_one_admin_opens_nothing_until_a_second_approves(
    world: World, client: Client
) -> None:
    from alliances.access.policy import persons_visible_to
    from alliances.audit.models import AuditEvent
    from tests.factories import UserFactory

    first = world.user("admin")
    client.force_login(first)
    officer = _admin_adds_an_officer(client)
    assert officer.role == Role.OFFICER and not officer.role_approved
    assert not persons_visible_to(officer).exists()  # the officer the admin made reads no file
    client.force_login(officer)
    assert client.get(f"/personnes/{world.person.pk}/identite/").status_code == 404
    assert client.get("/personnes/").status_code == 404

    # The same admin cannot approve it.
    client.force_login(first)
    client.post("/admin/accounts/user/", {"action": "approve_roles", "_selected_action": [officer.pk]})
    officer.refresh_from_db()
    assert not officer.role_approved

    second = UserFactory.create(admin=True)
    client.force_login(second)
    client.post("/admin/accounts/user/", {"action": "approve_roles", "_selected_action": [officer.pk]})
    officer.refresh_from_db()
    assert officer.role_approved
    assert persons_visible_to(officer).filter(pk=world.person.pk).exists()
    details = list(AuditEvent.objects.filter(actor__in=[first, second]).values_list("detail", flat=True))
    assert any("en attente d'approbation" in d for d in details)
    assert any("approuvé" in d for d in details)


def test_changing_a_role_in_the_admin_waits_for_approval_too(world: World, client: Client) -> None:
    referent = world.user("referent_other")
    client.force_login(world.user("admin"))
    page = client.get(f"/admin/accounts/user/{referent.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields if name not in {"password", "last_login"}}
    data.update({"role": Role.OFFICER, "is_active": "on"})
    for flag in ("is_staff", "is_superuser"):
        data.pop(flag, None)
    response = client.post(f"/admin/accounts/user/{referent.pk}/change/", data)
    assert response.status_code == 302, response.content[:3000]
    referent.refresh_from_db()
    assert referent.role == Role.OFFICER and not referent.role_approved


def test_a_password_set_by_an_admin_removes_the_second_factor(
    world: World, client: Client, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    from django.core import mail
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from alliances.accounts.services import api_token_create

    referent = world.user("referent_of")
    TOTPDevice.objects.create(user=referent, name="téléphone", confirmed=True)
    api_token_create(user=referent, name="outil")
    client.force_login(world.user("admin"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/accounts/user/{referent.pk}/password/",
            {"password1": "Nouveau-mot-2026!", "password2": "Nouveau-mot-2026!", "usable_password": "true"},
        )
    assert response.status_code == 302, response.content[:2000]
    assert not TOTPDevice.objects.filter(user=referent).exists()
    assert not referent.api_tokens.filter(revoked_at__isnull=True).exists()
    assert any("mot de passe a été changé" in m.subject for m in mail.outbox)


def test_login_attempts_are_not_listed_in_the_admin(world: World, client: Client) -> None:
    client.post("/compte/connexion/", {"username": "camille@alliances.test", "password": "nope"})
    client.force_login(world.user("admin"))
    assert client.get("/admin/axes/accessattempt/").status_code == 404
    assert client.get("/admin/axes/accessfailurelog/").status_code == 404
    assert "axes" not in client.get("/admin/").content.decode()


def test_an_admin_cannot_make_a_second_admin_alone(world: World, client: Client) -> None:
    """Else one administrator would make a sock puppet and approve their own requests through it."""
    from alliances.access.policy import can_use_admin

    client.force_login(world.user("admin"))
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "email": "second.admin@alliances.test",
            "username": "second-admin",
            "role": "admin",
            "password1": "Un-mot-de-passe-2026!",
            "password2": "Un-mot-de-passe-2026!",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    puppet = User.objects.get(email="second.admin@alliances.test")
    User.objects.filter(pk=puppet.pk).update(is_superuser=True, is_staff=True)
    puppet.refresh_from_db()
    assert not puppet.role_approved and not can_use_admin(puppet)
