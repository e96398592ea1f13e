"""Meeting reminders: scheduled at configurable delays before the start, never sent once it has begun."""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, override

from alliances.notifications.sms import send_sms
from alliances.persons.enums import ContactChannel
from alliances.persons.models import Person

from .enums import MeetingStatus, ReminderChannel, ReminderState
from .models import Meeting, Reminder, ReminderPreference

logger = logging.getLogger(__name__)


def delays() -> list[timedelta]:
    return [timedelta(hours=h) for h in getattr(settings, "MEETINGS_REMINDER_DELAYS_HOURS", [48, 2])]


def channel_for(meeting: Meeting) -> str:
    return channel_for_person(meeting.person)


def channel_for_person(person: Person) -> str:
    """The person's choice; otherwise their preferred contact channel when it can carry a reminder."""
    preference = ReminderPreference.objects.filter(person=person).first()
    return channel_chosen(person, preference.channel if preference is not None else None)


def channel_chosen(person: Person, preference: str | None) -> str:
    """`channel_for_person` with the person's reminder preference already read (for batches)."""
    if preference is not None:
        return preference
    if person.preferred_channel == ContactChannel.SMS and person.phone:
        return ReminderChannel.SMS
    if person.email:
        return ReminderChannel.EMAIL
    if person.phone:
        return ReminderChannel.SMS
    return ReminderChannel.NONE


def reminders_schedule(*, meeting: Meeting, now: datetime | None = None) -> list[Reminder]:
    """Creates the pending reminders of an agreed meeting (idempotent: one per channel and time)."""
    now = now or timezone.now()
    channel = channel_for(meeting)
    if channel == ReminderChannel.NONE or meeting.starts_at is None:
        return []
    created = []
    for delay in delays():
        due = meeting.starts_at - delay
        if due <= now:
            continue  # too late for this one; a later one may still come
        reminder, _ = Reminder.objects.get_or_create(meeting=meeting, channel=channel, due_at=due)
        if reminder.state == ReminderState.SKIPPED:  # the person came back to this channel
            reminder.state = ReminderState.PENDING
            reminder.save(update_fields=["state"])
        created.append(reminder)
    return created


def _text(meeting: Meeting) -> str:
    assert meeting.starts_at is not None
    when = timezone.localtime(meeting.starts_at)
    return gettext(
        "Rappel : rendez-vous le %(day)s à %(time)s (%(place)s). "
        "Si vous ne pouvez pas venir, vous pouvez le déplacer depuis votre espace."
    ) % {"day": f"{when:%d/%m/%Y}", "time": f"{when:%H:%M}", "place": meeting.place_label}


def _send(reminder: Reminder) -> bool:
    from alliances.notifications.said import language_of

    meeting = reminder.meeting
    person = meeting.person
    with override(language_of(person)):  # in the language she chose
        return _send_in_language(reminder, meeting, person)


def _send_in_language(reminder: Reminder, meeting: Meeting, person: Person) -> bool:
    if reminder.channel == ReminderChannel.EMAIL and person.email:
        from .ics import meeting_ics

        message = EmailMessage(subject=gettext("Rappel de rendez-vous"), body=_text(meeting), to=[person.email])
        message.attach("rendez-vous.ics", meeting_ics(meeting), "text/calendar")
        return message.send() == 1
    if reminder.channel == ReminderChannel.SMS and person.phone:
        return send_sms(to=person.phone, body=_text(meeting))
    return False


def reminders_send_due(*, now: datetime | None = None) -> dict[str, int]:
    """Sends every reminder that is due, unless the meeting has started or is no longer agreed."""
    now = now or timezone.now()
    counts = {"sent": 0, "skipped": 0}
    due_ids = list(Reminder.objects.filter(state=ReminderState.PENDING, due_at__lte=now).values_list("id", flat=True))
    for reminder_id in due_ids:
        with transaction.atomic():
            reminder = (
                Reminder.objects.select_for_update(of=("self",))
                .select_related("meeting__person", "meeting__office")
                .filter(pk=reminder_id, state=ReminderState.PENDING)
                .first()
            )
            if reminder is None:
                continue  # another worker took it
            meeting = reminder.meeting
            started = meeting.starts_at is None or meeting.starts_at <= now
            if meeting.status != MeetingStatus.AGREED or started or not _send(reminder):
                reminder.state = ReminderState.SKIPPED
                counts["skipped"] += 1
            else:
                reminder.state, reminder.sent_at = ReminderState.SENT, now
                counts["sent"] += 1
            reminder.save(update_fields=["state", "sent_at"])
    logger.info("meeting reminders: %(sent)s sent, %(skipped)s skipped", counts)
    return counts


def reminders_reschedule(*, person: Person) -> None:
    """After the person changes their choice: pending reminders follow it, for every meeting to come."""
    upcoming = Meeting.objects.filter(person=person, status=MeetingStatus.AGREED, starts_at__gt=timezone.now())
    Reminder.objects.filter(meeting__in=upcoming, state=ReminderState.PENDING).update(state=ReminderState.SKIPPED)
    for meeting in upcoming.select_related("person"):
        reminders_schedule(meeting=meeting)
