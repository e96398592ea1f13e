"""Issue 20: messages follow the language she chose. Each message a caller writes (in French, as kept)
has a known shape; her messages page and the email or SMS sent say it in her language."""

import pytest
from django.core import mail
from django.utils import translation

from alliances.accounts.enums import Language
from alliances.core.sentences import shape
from alliances.notifications.said import MESSAGES, message_said, said_to

#: One message of each caller, as it writes it.
WRITTEN = [
    "Votre démarche « Demande de RSA ou de prime d'activité » avance : en cours.",
    "Samira a accepté votre invitation et fait partie de votre cercle.",
    "Samira fait maintenant partie de votre cercle (proche).",
    "Samira ne fait plus partie de votre cercle.",
    "Votre rendez-vous du 12/12 à 10:30 est convenu.",
    "Un rendez-vous prévu avec vous est annulé. Vous pouvez en proposer un autre.",
    "Karim vous propose un mandat pour faire des démarches pour vous. Rien ne se fera sans votre accord.",
    "Votre demande est faite.",
    "Votre revenu garanti de novembre 2026 est versé : 294,00 €, le 05/11/2026. "
    "L'argent arrive sur votre compte sous 1 à 3 jours.",
]


def test_each_message_has_a_known_shape() -> None:
    assert all(any(shape(t).pattern.fullmatch(text) for t in MESSAGES) for text in WRITTEN)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_each_message_is_said_in_her_language(language: str) -> None:
    with translation.override(language):
        said = [message_said(text) for text in WRITTEN]
    assert all(a != b for a, b in zip(said, WRITTEN, strict=True)), said
    assert not any("Votre" in text or "vous" in text for text in said)


def test_in_french_the_message_is_as_written() -> None:
    with translation.override("fr"):
        assert [message_said(text) for text in WRITTEN] == WRITTEN


def test_the_message_sent_is_in_her_language(world) -> None:  # type: ignore[no-untyped-def]
    from alliances.notifications.enums import NotificationKind
    from alliances.notifications.services import notify
    from alliances.notifications.tasks import _send_one

    person = world.person
    person.email = "elle@example.org"
    person.save()
    account = person.account
    account.language = Language.EN
    account.save()
    assert said_to(person, WRITTEN[3]) == "Samira is no longer part of your circle."
    notification = notify(person=person, kind=NotificationKind.CIRCLE_LEFT, text=WRITTEN[3], link="portal:circle")
    notification.channel = "email"
    notification.save()
    assert _send_one(notification.pk)
    assert mail.outbox[-1].body.startswith("Samira is no longer part of your circle.")
    assert "Votre" not in mail.outbox[-1].body
