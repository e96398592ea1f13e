"""Calendars (RFC 5545, with the icalendar library): one .ics per meeting, a private feed per worker."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count
from django.utils import timezone
from icalendar import Calendar, Event

from alliances.accounts.models import User

from .enums import MeetingStatus
from .models import Meeting

PRODID = "-//Alliances//Rendez-vous//FR"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _event(meeting: Meeting, summary: str, sequence: int) -> Event:
    assert meeting.starts_at is not None and meeting.ends_at is not None
    event = Event()
    host = getattr(settings, "ALLIANCES_CALENDAR_DOMAIN", "alliances.local")
    event.add("uid", f"meeting-{meeting.pk}@{host}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", summary)
    event.add("location", meeting.place_label)
    event.add("status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED")
    event.add("sequence", sequence)
    return event


def meeting_ics(meeting: Meeting) -> bytes:
    """The .ics sent to the person: with whom and where, nothing else about the file."""
    calendar = _calendar("Rendez-vous")
    calendar.add("method", "PUBLISH")
    worker = meeting.worker
    calendar.add_component(_event(meeting, f"Rendez-vous avec {worker.get_full_name()}", meeting.events.count()))
    return bytes(calendar.to_ical())


def worker_feed_meetings(worker: User, days_back: int = 30) -> list[Meeting]:
    """The worker's agreed and held meetings from `days_back` days ago, in one query."""
    since = timezone.now() - timedelta(days=days_back)
    return list(
        Meeting.objects.filter(
            worker=worker, status__in=[MeetingStatus.AGREED, MeetingStatus.HELD], starts_at__gte=since
        )
        .select_related("person", "office")
        .annotate(changes=Count("events"))
    )


def worker_feed(worker: User, meetings: list[Meeting] | None = None) -> bytes:
    """A worker's private feed: their agreed meetings. The summary holds the first name only."""
    calendar = _calendar(f"Rendez-vous — {worker.get_full_name()}")
    for meeting in worker_feed_meetings(worker) if meetings is None else meetings:
        changes = getattr(meeting, "changes", 0)
        calendar.add_component(_event(meeting, f"Rendez-vous — {meeting.person.first_name}", changes))
    return bytes(calendar.to_ical())
