"""Free slots of a worker: their opening slots, cut into meetings, minus absences and agreed meetings."""

from datetime import date, datetime, timedelta

from django.utils import timezone

from alliances.accounts.models import User

from .enums import MeetingStatus
from .models import Absence, Availability, Meeting

Slot = tuple[datetime, datetime]


def _overlaps(slot: Slot, busy: list[Slot]) -> bool:
    return any(slot[0] < end and start < slot[1] for start, end in busy)


def free_slots(worker: User, start: date, days: int = 14, minutes: int = 60, limit: int = 12) -> list[Slot]:
    """The next free slots of `minutes` from `start`, within `days`; three queries whatever the range."""
    end = start + timedelta(days=days)
    zone = timezone.get_current_timezone()
    range_start = datetime.combine(start, datetime.min.time(), tzinfo=zone)
    range_end = datetime.combine(end, datetime.min.time(), tzinfo=zone)
    windows = list(Availability.objects.filter(worker=worker).exclude(on__lt=start).exclude(on__gte=end))
    busy: list[Slot] = [
        (a.starts_at, a.ends_at)
        for a in Absence.objects.filter(worker=worker, starts_at__lt=range_end, ends_at__gt=range_start)
    ]
    busy += [
        (m.starts_at, m.ends_at)
        for m in Meeting.objects.filter(
            worker=worker, status=MeetingStatus.AGREED, starts_at__lt=range_end, ends_at__gt=range_start
        )
        if m.starts_at is not None and m.ends_at is not None
    ]
    now = timezone.now()
    length = timedelta(minutes=minutes)
    found: list[Slot] = []
    for offset in range(days):
        day = start + timedelta(days=offset)
        day_windows = sorted(
            (w for w in windows if w.on == day or (w.on is None and w.weekday == day.weekday())),
            key=lambda w: w.starts,
        )
        for window in day_windows:
            cursor = datetime.combine(day, window.starts, tzinfo=zone)
            closes = datetime.combine(day, window.ends, tzinfo=zone)
            while cursor + length <= closes:
                slot = (cursor, cursor + length)
                if cursor > now and not _overlaps(slot, busy):
                    found.append(slot)
                    if len(found) >= limit:
                        return found
                cursor += length
    return found
