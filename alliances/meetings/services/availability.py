"""A worker's availability (weekly slots) and absences."""

from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from alliances.access.policy import (
    can_keep_agenda,
)
from alliances.accounts.models import User

from ..models import (
    Absence,
    Availability,
)


def _overlaps(a_start: time, a_end: time, b_start: time, b_end: time) -> bool:
    return a_start < b_end and b_start < a_end


@transaction.atomic
def availability_add(
    *, actor: User, starts: time, ends: time, weekday: int | None = None, on: date | None = None
) -> Availability:
    """A referent or mediator publishes an opening slot: weekly (weekday 0–6) or one-off (a date)."""
    if not can_keep_agenda(actor):
        raise ValidationError({"worker": "Seuls les référent·es et les médiateur·rices publient des disponibilités."})
    if (weekday is None) == (on is None):
        raise ValidationError({"on": "Choisissez un jour de la semaine ou une date."})
    if weekday is not None and not 0 <= weekday <= 6:
        raise ValidationError({"weekday": "Choisissez un jour de la semaine."})
    if ends <= starts:
        raise ValidationError({"ends": "L'heure de fin doit suivre l'heure de début."})
    now = timezone.localtime()
    if on is not None and (on < now.date() or (on == now.date() and starts <= now.time())):
        raise ValidationError({"on": "Ce créneau est dans le passé."})
    User.objects.select_for_update().filter(pk=actor.pk).first()  # one writer per worker at a time
    same_day = Availability.objects.filter(worker=actor)
    if weekday is not None:
        candidates = list(same_day.filter(weekday=weekday)) + [
            a for a in same_day.filter(on__isnull=False) if a.on is not None and a.on.weekday() == weekday
        ]
    else:
        assert on is not None
        candidates = list(same_day.filter(on=on)) + list(same_day.filter(weekday=on.weekday()))
    if any(_overlaps(starts, ends, other.starts, other.ends) for other in candidates):
        raise ValidationError({"starts": "Ce créneau chevauche un autre de vos créneaux."})
    return Availability.objects.create(worker=actor, weekday=weekday, on=on, starts=starts, ends=ends)


@transaction.atomic
def availability_remove(*, actor: User, availability_id: int) -> None:
    """A worker withdraws one of their opening slots; agreed meetings stay as they are."""
    deleted, _ = Availability.objects.filter(pk=availability_id, worker=actor).delete()
    if not deleted:
        raise ValidationError({"availability": "Ce créneau n'existe pas ou n'est pas le vôtre."})


@transaction.atomic
def absence_add(*, actor: User, starts_at: datetime, ends_at: datetime, note: str = "") -> Absence:
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": "La fin de l'absence doit suivre son début."})
    return Absence.objects.create(worker=actor, starts_at=starts_at, ends_at=ends_at, note=note.strip())
