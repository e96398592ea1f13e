"""One notification mechanism: kept in the person's space, sent once by the channel they chose."""

from typing import Any

import pytest
from django.core import mail
from django.urls import NoReverseMatch

from alliances.notifications.enums import Channel, NotificationKind
from alliances.notifications.models import Notification
from alliances.notifications.services import notify
from alliances.notifications.sms import LocmemSmsBackend
from alliances.notifications.tasks import notification_send

from ..conftest import World


def test_a_message_by_email_is_sent_once(world: World, django_capture_on_commit_callbacks: Any) -> None:
    world.person.email, world.person.preferred_channel = "camille@example.org", "email"
    world.person.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        item = notify(
            person=world.person, kind=NotificationKind.MATCH_AGREED, text="C'est d'accord.", link="portal:peers"
        )
    assert item.channel == Channel.EMAIL
    assert [m.to for m in mail.outbox] == [["camille@example.org"]]
    assert not notification_send.call_local(item.pk)  # already sent: a retry sends nothing
    assert len(mail.outbox) == 1


def test_a_message_by_sms(world: World, settings: Any, django_capture_on_commit_callbacks: Any) -> None:
    settings.SMS_BACKEND = "alliances.notifications.sms.LocmemSmsBackend"
    LocmemSmsBackend.outbox.clear()
    world.person.email, world.person.phone, world.person.preferred_channel = "", "+33611223344", "sms"
    world.person.save()
    with django_capture_on_commit_callbacks(execute=True):
        item = notify(person=world.person, kind=NotificationKind.MANDATE_USED, text="Un acte a été fait.")
    assert item.channel == Channel.SMS
    assert LocmemSmsBackend.outbox == [{"to": "+33611223344", "body": "Un acte a été fait."}]


def test_without_address_or_number_it_waits_in_the_space(world: World) -> None:
    world.person.email, world.person.phone = "", ""
    world.person.save()
    item = notify(person=world.person, kind=NotificationKind.MATCH_PROPOSED, text="Quelqu'un aimerait vous aider.")
    assert item.channel == Channel.SPACE and item.sent_at is None


@pytest.mark.parametrize(
    ("text", "link", "error"),
    [
        ("Attention : sanction possible.", "", ValueError),
        ("x" * 301, "", ValueError),
        ("Bonjour.", "portal:nowhere", NoReverseMatch),
    ],
)
def test_what_a_message_may_not_be(world: World, text: str, link: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        notify(person=world.person, kind=NotificationKind.MATCH_PROPOSED, text=text, link=link)
    assert not Notification.objects.exists()
