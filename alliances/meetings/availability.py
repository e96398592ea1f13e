"""Worker availability: opening slots (weekly or one-off) and absences. Pure checks, no writes."""

from datetime import datetime

from django.utils import timezone

from alliances.accounts.models import User

from .models import Absence, Availability


def _local(value: datetime) -> datetime:
    return timezone.localtime(value)


def fits_availability(worker: User, starts_at: datetime, ends_at: datetime) -> bool:
    """Does [starts_at, ends_at] fall inside one opening slot of the worker, outside any absence?"""
    start, end = _local(starts_at), _local(ends_at)
    if start.date() != end.date():
        return False
    windows = Availability.objects.filter(worker=worker).filter(on=start.date()) | Availability.objects.filter(
        worker=worker, weekday=start.weekday(), on__isnull=True
    )
    inside = any(w.starts <= start.time() and end.time() <= w.ends for w in windows)
    absent = Absence.objects.filter(worker=worker, starts_at__lt=ends_at, ends_at__gt=starts_at).exists()
    return inside and not absent
