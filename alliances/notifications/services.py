"""The platform's one way to tell a person something (DESIGN.md: the person's chosen channel).

`notify` keeps the message in the person's space and queues its sending by email or SMS, after the
transaction that caused it commits. Messages are short and plain; callers never mention a sanction
(`notify` refuses a text that does).
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from alliances.accounts.models import User
from alliances.persons.models import Person

from .enums import Channel, NotificationKind
from .models import Notification

MAX_LENGTH = 300
FORBIDDEN_WORDS = ("sanction", "suspension", "radiation", "pénalité")


def channel_for(person: Person) -> str:
    """The channel the person chose for reminders, else the one their contact details allow."""
    from alliances.meetings.enums import ReminderChannel
    from alliances.meetings.reminders import channel_for_person

    channel = channel_for_person(person)
    if channel == ReminderChannel.EMAIL and person.email:
        return Channel.EMAIL
    if channel == ReminderChannel.SMS and person.phone:
        return Channel.SMS
    return Channel.SPACE


def notify(*, person: Person, kind: NotificationKind, text: str, link: str = "") -> Notification:
    if link:
        reverse(link)  # a link is the name of a page of the person's space: a wrong one fails here, not later
    text = " ".join(text.split())
    if len(text) > MAX_LENGTH:
        raise ValueError("a notification is a short message")
    if any(word in text.lower() for word in FORBIDDEN_WORDS):
        raise ValueError("a notification never mentions a sanction")
    notification = Notification.objects.create(
        person=person, kind=kind, text=text, link=link, channel=channel_for(person)
    )
    if notification.channel != Channel.SPACE:
        from .tasks import notification_send

        transaction.on_commit(lambda: notification_send(notification.pk))
    return notification


def notifications_mark_read(*, person: Person) -> int:
    return Notification.objects.filter(person=person, read_at__isnull=True).update(read_at=timezone.now())


def notify_person_of(
    *, actor: User | None, person: Person, kind: NotificationKind, text: str, link: str = ""
) -> Notification | None:
    """Tells the person of something another did in her file (nothing when she did it herself)."""
    if actor is not None and person.account_id == actor.pk:
        return None
    return notify(person=person, kind=kind, text=text, link=link)
