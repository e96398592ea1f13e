"""The platform's one way to tell a person something (DESIGN.md: the person's chosen channel).

`notify` keeps the message in the person's space and queues its sending by email or SMS, after the
transaction that caused it commits. Messages are short and plain; callers never mention a sanction
(`notify` refuses a text that does).
"""

import re

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from alliances.accounts.models import User
from alliances.persons.models import Person

from .enums import Channel, NotificationKind
from .models import Notification

MAX_LENGTH = 300
_SPACES = re.compile(r"[ \t\r\n]+")
FORBIDDEN_WORDS = ("sanction", "suspension", "radiation", "pénalité")


def channel_for(person: Person) -> str:
    """The channel the person chose for reminders, else the one their contact details allow."""
    from alliances.meetings.models import ReminderPreference

    preference = ReminderPreference.objects.filter(person=person).values_list("channel", flat=True).first()
    return _channel(person, preference)


def _checked(text: str, link: str) -> str:
    if link:
        reverse(link)  # a link is the name of a page of the person's space: a wrong one fails here, not later
    text = _SPACES.sub(" ", text).strip()  # keeps the no-break spaces of « 1 200,00 € »
    if len(text) > MAX_LENGTH:
        raise ValueError("a notification is a short message")
    if any(word in text.lower() for word in FORBIDDEN_WORDS):
        raise ValueError("a notification never mentions a sanction")
    return text


def _channel(person: Person, preference: str | None) -> str:
    from alliances.meetings.enums import ReminderChannel
    from alliances.meetings.reminders import channel_chosen

    channel = channel_chosen(person, preference)
    if channel == ReminderChannel.EMAIL and person.email:
        return Channel.EMAIL
    if channel == ReminderChannel.SMS and person.phone:
        return Channel.SMS
    return Channel.SPACE


def notify(*, person: Person, kind: NotificationKind, text: str, link: str = "") -> Notification:
    text = _checked(text, link)
    notification = Notification.objects.create(
        person=person, kind=kind, text=text, link=link, channel=channel_for(person)
    )
    if notification.channel != Channel.SPACE:
        from .tasks import notification_send

        transaction.on_commit(lambda: notification_send(notification.pk))
    return notification


SEND_BATCH = 500


def notify_many(*, kind: NotificationKind, messages: list[tuple[int, str, str]], link: str = "") -> int:
    """Tells many persons at once: `messages` holds (person id, text, key). A few queries per batch, not
    per person; one message per person and key however often it runs; sending is queued by batches.
    Returns how many messages were new."""
    from alliances.meetings.models import ReminderPreference

    checked = [(person_id, _checked(text, link), key) for person_id, text, key in messages]
    if any(not key for _, _, key in checked):
        raise ValueError("a batch message needs a key")
    ids = {person_id for person_id, _, _ in checked}
    persons = Person.objects.in_bulk(ids)
    preferences = dict(ReminderPreference.objects.filter(person_id__in=ids).values_list("person_id", "channel"))
    keys = {key for _, _, key in checked}
    before = Notification.objects.filter(person_id__in=ids, key__in=keys).count()
    Notification.objects.bulk_create(
        [
            Notification(
                person_id=person_id,
                kind=kind,
                text=text,
                link=link,
                key=key,
                channel=_channel(persons[person_id], preferences.get(person_id)),
            )
            for person_id, text, key in checked
            if person_id in persons
        ],
        ignore_conflicts=True,
        batch_size=1000,
    )
    to_send = list(
        Notification.objects.filter(person_id__in=ids, key__in=keys, sent_at__isnull=True)
        .exclude(channel=Channel.SPACE)
        .values_list("pk", flat=True)
    )
    if to_send:
        from .tasks import notifications_send

        for start in range(0, len(to_send), SEND_BATCH):
            batch = to_send[start : start + SEND_BATCH]
            transaction.on_commit(lambda batch=batch: notifications_send(batch))  # type: ignore[misc]
    return Notification.objects.filter(person_id__in=ids, key__in=keys).count() - before


def notifications_mark_read(*, person: Person) -> int:
    return Notification.objects.filter(person=person, read_at__isnull=True).update(read_at=timezone.now())


def notify_person_of(
    *, actor: User | None, person: Person, kind: NotificationKind, text: str, link: str = ""
) -> Notification | None:
    """Tells the person of something another did in her file (nothing when she did it herself)."""
    if actor is not None and person.account_id == actor.pk:
        return None
    return notify(person=person, kind=kind, text=text, link=link)
