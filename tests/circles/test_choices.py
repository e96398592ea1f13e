"""She chooses her allies: finds an account that agreed to be found, invites someone, ends an alliance."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alliances.access.policy import AccessDenied
from alliances.audit.models import AuditEvent
from alliances.circles.choices import (
    INVITATIONS_PER_DAY,
    ally_choose,
    findable_accounts,
    invitation_accept,
    invitation_cancel,
    invitation_send,
)
from alliances.circles.models import Ally, Invitation
from alliances.notifications.models import Notification
from alliances.notifications.sms import LocmemSmsBackend

from ..conftest import World
from ..factories import UserFactory

LINK = "https://alliances.test/invitation/"


def _invite(world: World, **overrides: str) -> tuple[Invitation, list[str]]:
    tokens: list[str] = []

    def url(token: str) -> str:
        tokens.append(token)
        return LINK + token + "/"

    data = {"name": "Samira", "email": "samira@example.org", "note": "ma sœur"}
    invitation = invitation_send(
        actor=world.user("person_self"), person=world.person, accept_url=url, **{**data, **overrides}
    )
    return invitation, tokens


def test_only_accounts_that_agreed_are_found(world: World) -> None:
    me = world.user("person_self")
    sister = UserFactory.create(person=True, first_name="Samira", last_name="Benali", findable=True)
    UserFactory.create(person=True, first_name="Samira", last_name="Bensaid", findable=False)
    UserFactory.create(referent=True, first_name="Samira", last_name="Benoit", findable=True)  # staff: never found
    assert findable_accounts(actor=me, person=world.person, query="samira ben") == [sister]
    assert findable_accounts(actor=me, person=world.person, query="sa") == []  # three letters at least
    with pytest.raises(AccessDenied):
        findable_accounts(actor=world.user("referent_other"), person=world.person, query="Samira")


@pytest.mark.django_db(transaction=True)
def test_she_adds_a_found_account_which_is_told(world: World) -> None:
    sister = UserFactory.create(person=True, first_name="Samira", email="samira@example.org", findable=True)
    ally = ally_choose(actor=world.user("person_self"), person=world.person, user=sister, note="ma sœur")
    assert (ally.role, ally.note) == ("other", "ma sœur")
    assert findable_accounts(actor=world.user("person_self"), person=world.person, query="Samira") == []
    told = [m for m in mail.outbox if m.to == ["samira@example.org"]]
    assert len(told) == 1 and "Camille vous a ajouté·e à son cercle" in told[0].body


def test_an_account_that_did_not_agree_cannot_be_added_this_way(world: World) -> None:
    hidden = UserFactory.create(person=True, findable=False)
    with pytest.raises(ValidationError):
        ally_choose(actor=world.user("person_self"), person=world.person, user=hidden)
    assert not Ally.objects.filter(user=hidden).exists()


@pytest.mark.django_db(transaction=True)
def test_an_invitation_by_email_keeps_only_the_digest_and_sends_the_link(world: World) -> None:
    invitation, tokens = _invite(world)
    assert len(tokens) == 1 and tokens[0] not in invitation.digest and len(invitation.digest) == 64
    sent = [m for m in mail.outbox if m.to == ["samira@example.org"]]
    assert len(sent) == 1 and LINK + tokens[0] in sent[0].body and "Camille vous invite" in sent[0].body
    assert AuditEvent.objects.filter(person_id=world.person.pk, detail="invitation").exists()


@pytest.mark.django_db(transaction=True)
def test_an_invitation_by_sms(world: World) -> None:
    LocmemSmsBackend.outbox.clear()
    invitation, tokens = _invite(world, email="", phone="06 12 34 56 78")
    assert invitation.phone == "+33612345678"
    assert [m["to"] for m in LocmemSmsBackend.outbox] == ["+33612345678"]
    assert tokens[0] in LocmemSmsBackend.outbox[0]["body"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": " "}, "name"),
        ({"email": "", "phone": ""}, "email"),
        ({"email": "samira@"}, "email"),
        ({"email": "", "phone": "12"}, "phone"),
    ],
)
def test_a_bad_invitation_changes_nothing(world: World, overrides: dict[str, str], field: str) -> None:
    with pytest.raises(ValidationError) as error:
        _invite(world, **overrides)
    assert field in error.value.message_dict
    assert not Invitation.objects.exists()


def test_invitations_are_throttled(world: World) -> None:
    for _ in range(INVITATIONS_PER_DAY):
        _invite(world)
    with pytest.raises(ValidationError):
        _invite(world)
    assert Invitation.objects.count() == INVITATIONS_PER_DAY


def test_accepting_makes_an_account_joins_the_circle_once_and_tells_her(world: World) -> None:
    _, tokens = _invite(world)
    with pytest.raises(ValidationError) as error:
        invitation_accept(token=tokens[0], first_name="Samira", last_name="Benali", password="court")
    assert "password" in error.value.message_dict
    _, user = invitation_accept(
        token=tokens[0], first_name="Samira", last_name="Benali", password="Une-phrase-facile-2026"
    )
    assert (user.role, user.email) == ("person", "samira@example.org")
    ally = Ally.objects.get(user=user, person=world.person)
    assert (ally.role, ally.note) == ("other", "ma sœur")
    assert Notification.objects.get(person=world.person, kind="circle_joined").text.startswith("Samira a accepté")
    with pytest.raises(ValidationError):  # once
        invitation_accept(token=tokens[0], user=user)
    assert user.check_password("Une-phrase-facile-2026")


def test_an_expired_or_cancelled_invitation_opens_nothing(world: World) -> None:
    invitation, tokens = _invite(world)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ValidationError):
        invitation_accept(token=tokens[0], user=UserFactory.create(person=True))
    second, tokens = _invite(world)
    invitation_cancel(actor=world.user("person_self"), invitation=second)
    with pytest.raises(ValidationError):
        invitation_accept(token=tokens[0], user=UserFactory.create(person=True))
    assert Ally.objects.filter(person=world.person, role="other").count() == 0


def test_the_invited_page_without_an_account(world: World) -> None:
    _, tokens = _invite(world)
    url = reverse("invitation_accept", args=[tokens[0]])
    client = Client()
    page = client.get(url).content.decode()
    assert "Rejoindre le cercle de Camille" in page and "Martin" not in page
    bad = client.post(url, {"first_name": "Samira", "last_name": "", "password": "Une-phrase-facile-2026"})
    assert bad.status_code == 400 and "Écrivez votre nom." in bad.content.decode()
    assert not Ally.objects.filter(person=world.person, role="other").exists()
    done = client.post(url, {"first_name": "Samira", "last_name": "Benali", "password": "Une-phrase-facile-2026"})
    assert done.status_code == 302
    home = client.get(reverse("portal:home")).content.decode()
    assert "Le cercle de Camille" in home
    assert client.get(url).status_code == 404


def test_she_ends_an_alliance_after_confirming_but_not_her_referent(world: World) -> None:
    client = Client()
    client.force_login(world.user("person_self"))
    partner = Ally.objects.get(person=world.person, user=world.user("partner_ally"))
    url = reverse("ally_end", args=[partner.pk])
    page = client.get(url).content.decode()
    assert "Mettre fin à l'alliance avec" in page and "ne verra plus rien de votre dossier" in page
    partner.refresh_from_db()
    assert partner.is_active
    client.post(url)
    partner.refresh_from_db()
    assert not partner.is_active
    referent = Ally.objects.get(person=world.person, role="referent")
    response = client.get(reverse("ally_end", args=[referent.pk]))
    assert response.status_code == 302 and response["Location"].endswith("#changer")
    client.post(reverse("ally_end", args=[referent.pk]))
    referent.refresh_from_db()
    assert referent.is_active


def test_the_find_page_finds_and_adds(world: World) -> None:
    sister = UserFactory.create(person=True, first_name="Samira", last_name="Benali", findable=True)
    client = Client()
    client.force_login(world.user("person_self"))
    page = client.get(reverse("portal:ally_find"), {"q": "Benali"}).content.decode()
    assert "Samira Benali" in page
    response = client.post(reverse("portal:ally_choose", args=[sister.pk]), {f"u{sister.pk}-note": "ma sœur"})
    assert response["Location"] == reverse("portal:sharing")
    assert Ally.objects.filter(person=world.person, user=sister, note="ma sœur").exists()
