"""Co-decided meetings: availability, proposals, acceptance, moves, cancellations, outcomes.

Either side proposes one or more options (slot and place); the other side accepts one or proposes
others. A missed meeting creates a caring follow-up for the referent and nothing else.
"""

import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import (
    AccessDenied,
    can_keep_agenda,
    is_current_referent,
    may_answer_proposal,
    may_close_meeting,
    own_person_id,
    require,
)
from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record
from alliances.circles.enums import AllyRole
from alliances.circles.models import Ally
from alliances.notifications.enums import NotificationKind
from alliances.notifications.services import notify_person_of
from alliances.persons.models import Person

from .availability import fits_availability
from .enums import MeetingStatus, PlaceKind, ReminderChannel, Rhythm
from .models import (
    Absence,
    Availability,
    CalendarFeed,
    FollowUp,
    Meeting,
    MeetingEvent,
    MeetingOption,
    MeetingRhythm,
    Office,
    ReminderPreference,
    feed_digest,
)
from .reminders import reminders_reschedule, reminders_schedule

OPEN = (MeetingStatus.PROPOSED, MeetingStatus.AGREED)
OUTSIDE = "Ce créneau est en dehors des disponibilités. Il faut l'accord explicite des deux côtés."
TOO_LATE = "Le rendez-vous est dans moins de {hours} heures : appelez votre référent·e pour le changer."


@dataclass(frozen=True)
class OptionIn:
    starts_at: datetime
    ends_at: datetime
    place_kind: str
    office_id: int | None = None
    place_text: str = ""
    outside_availability: bool = False


def change_delay() -> timedelta:
    return timedelta(hours=getattr(settings, "MEETINGS_CHANGE_DELAY_HOURS", 24))


def _record(actor: User, person_id: int, detail: str) -> None:
    audit_record(actor=actor, person_id=person_id, category=Category.MEETINGS, action=AuditAction.WRITE, detail=detail)


# --- Availability ---------------------------------------------------------------------------------------


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


# --- Proposals ------------------------------------------------------------------------------------------


def _worker_of(person: Person, worker: User) -> Ally:
    ally = (
        Ally.objects.active()
        .filter(person=person, user=worker, role__in=[AllyRole.REFERENT, AllyRole.MEDIATOR])
        .first()
    )
    if ally is None:
        raise ValidationError({"worker": "Choisissez le ou la référent·e ou un·e médiateur·rice du cercle."})
    return ally


def _clean_option(worker: User, option: OptionIn, index: int) -> MeetingOption:
    prefix = f"options.{index}."
    now = timezone.now()
    if option.place_kind not in PlaceKind.values:
        raise ValidationError({f"{prefix}place_kind": "Lieu inconnu : choisissez un lieu dans la liste."})
    if option.starts_at <= now:
        raise ValidationError({f"{prefix}starts_at": "Ce créneau est dans le passé."})
    if option.ends_at <= option.starts_at:
        raise ValidationError({f"{prefix}ends_at": "La fin doit suivre le début."})
    office = None
    if option.place_kind == PlaceKind.OFFICE:
        office = Office.objects.filter(pk=option.office_id, active=True).first() if option.office_id else None
        if office is None:
            raise ValidationError({f"{prefix}office_id": "Lieu inconnu : choisissez un accueil du CCAS."})
    text = option.place_text.strip()
    if option.place_kind == PlaceKind.CHOSEN and not text:
        raise ValidationError({f"{prefix}place_text": "Dites quel lieu vous choisissez (un café, un parc…)."})
    if not option.outside_availability and not fits_availability(worker, option.starts_at, option.ends_at):
        raise ValidationError({f"{prefix}starts_at": OUTSIDE})
    return MeetingOption(
        starts_at=option.starts_at,
        ends_at=option.ends_at,
        place_kind=option.place_kind,
        office=office,
        place_text=text if option.place_kind == PlaceKind.CHOSEN else "",
        outside_availability=option.outside_availability,
    )


def _create_proposal(
    actor: User, person: Person, worker: User, options: list[OptionIn], previous: Meeting | None
) -> Meeting:
    if not options:
        raise ValidationError({"options": "Proposez au moins un créneau."})
    cleaned = [_clean_option(worker, option, i) for i, option in enumerate(options)]
    meeting = Meeting.objects.create(person=person, worker=worker, proposed_by=actor, previous=previous)
    for option in cleaned:
        option.meeting = meeting
    MeetingOption.objects.bulk_create(cleaned)
    lines = "; ".join(
        f"{timezone.localtime(o.starts_at):%d/%m/%Y %H:%M} ({o.get_place_kind_display()})" for o in cleaned
    )
    MeetingEvent.objects.create(meeting=meeting, actor=actor, what=f"propose : {lines}")
    return meeting


@transaction.atomic
def meeting_propose(*, actor: User, person: Person, worker: User, options: list[OptionIn]) -> Meeting:
    """The person or the worker proposes one or more slots and places."""
    require(actor, Action.CHANGE, person, Category.MEETINGS)
    _worker_of(person, worker)
    if own_person_id(actor) != person.pk and actor.pk != worker.pk:
        raise ValidationError({"worker": "On propose un rendez-vous avec soi-même, ou c'est la personne qui propose."})
    meeting = _create_proposal(actor, person, worker, options, previous=None)
    _record(actor, person.pk, "rendez-vous proposé")
    return meeting


def _other_side(actor: User, meeting: Meeting) -> bool:
    return may_answer_proposal(actor, meeting.person_id, meeting.proposed_by, meeting.worker_id)


@transaction.atomic
def meeting_accept(*, actor: User, meeting: Meeting, option_id: int, confirm_outside: bool = False) -> Meeting:
    """The other side accepts one option. Two acceptances of the same slot at once: one wins, one is told."""
    require(actor, Action.CHANGE, meeting.person_id, Category.MEETINGS)
    User.objects.select_for_update().filter(pk=meeting.worker_id).first()  # serialise per worker
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.status != MeetingStatus.PROPOSED:
        raise ValidationError({"meeting": "Cette proposition n'est plus ouverte."})
    if not _other_side(actor, locked):
        raise ValidationError({"meeting": "C'est à l'autre côté d'accepter cette proposition."})
    option = locked.options.filter(pk=option_id).first()
    if option is None:
        raise ValidationError({"option": "Choisissez un des créneaux proposés."})
    if option.starts_at <= timezone.now():
        raise ValidationError({"option": "Ce créneau est passé."})
    if option.outside_availability and not confirm_outside:
        raise ValidationError(
            {"option": "Ce créneau est en dehors des disponibilités : confirmez que vous l'acceptez."}
        )
    taken = Meeting.objects.filter(
        worker_id=locked.worker_id,
        status=MeetingStatus.AGREED,
        starts_at__lt=option.ends_at,
        ends_at__gt=option.starts_at,
    ).exists()
    if taken:
        raise ValidationError(
            {"option": "Ce créneau vient d'être pris. Choisissez-en un autre ou proposez une autre date."}
        )
    locked.status = MeetingStatus.AGREED
    locked.starts_at, locked.ends_at = option.starts_at, option.ends_at
    locked.place_kind, locked.office, locked.place_text = option.place_kind, option.office, option.place_text
    locked.agreed_by, locked.agreed_at = actor, timezone.now()
    try:
        with transaction.atomic():
            locked.save()
    except IntegrityError as error:
        raise ValidationError(
            {"option": "Ce créneau vient d'être pris. Choisissez-en un autre ou proposez une autre date."}
        ) from error
    MeetingEvent.objects.create(
        meeting=locked, actor=actor, what=f"accepte : {timezone.localtime(option.starts_at):%d/%m/%Y %H:%M}"
    )
    _record(actor, locked.person_id, "rendez-vous convenu")
    if locked.starts_at is not None:
        when = timezone.localtime(locked.starts_at)
        notify_person_of(
            actor=actor,
            person=locked.person,
            kind=NotificationKind.MEETING_ANSWERED,
            text=f"Votre rendez-vous du {when:%d/%m} à {when:%H:%M} est convenu.",
            link="portal:meetings",
        )
    reminders_schedule(meeting=locked)
    return locked


@transaction.atomic
def meeting_counter(*, actor: User, meeting: Meeting, options: list[OptionIn]) -> Meeting:
    """The other side proposes other options: the proposal is replaced, its history kept."""
    require(actor, Action.CHANGE, meeting.person_id, Category.MEETINGS)
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.status != MeetingStatus.PROPOSED:
        raise ValidationError({"meeting": "Cette proposition n'est plus ouverte."})
    if not _other_side(actor, locked):
        raise ValidationError({"meeting": "Vous pouvez modifier votre proposition en l'annulant."})
    locked.status = MeetingStatus.MOVED
    locked.save(update_fields=["status"])
    MeetingEvent.objects.create(meeting=locked, actor=actor, what="propose une autre date")
    worker = User.objects.get(pk=locked.worker_id)
    new = _create_proposal(actor, locked.person, worker, options, previous=locked)
    _record(actor, locked.person_id, "contre-proposition de rendez-vous")
    notify_person_of(
        actor=actor,
        person=locked.person,
        kind=NotificationKind.MEETING_COUNTERED,
        text="Une autre date vous est proposée pour votre rendez-vous. Vous pouvez choisir.",
        link="portal:meetings",
    )
    return new


def _check_person_delay(actor: User, meeting: Meeting) -> None:
    is_person = own_person_id(actor) == meeting.person_id
    if is_person and meeting.starts_at is not None and meeting.starts_at - timezone.now() < change_delay():
        hours = int(change_delay().total_seconds() // 3600)
        raise ValidationError({"meeting": TOO_LATE.format(hours=hours)})


@transaction.atomic
def meeting_move(*, actor: User, meeting: Meeting, options: list[OptionIn], reason: str = "") -> Meeting:
    """Either side moves an agreed meeting; the person up to the configured delay before it."""
    require(actor, Action.CHANGE, meeting.person_id, Category.MEETINGS)
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.status != MeetingStatus.AGREED:
        raise ValidationError({"meeting": "Seul un rendez-vous convenu peut être déplacé."})
    _check_person_delay(actor, locked)
    locked.status, locked.reason = MeetingStatus.MOVED, reason.strip()
    locked.save(update_fields=["status", "reason"])
    locked.reminders.filter(state="pending").update(state="skipped")
    MeetingEvent.objects.create(
        meeting=locked, actor=actor, what="déplace le rendez-vous" + (f" : {reason.strip()}" if reason.strip() else "")
    )
    worker = User.objects.get(pk=locked.worker_id)
    new = _create_proposal(actor, locked.person, worker, options, previous=locked)
    _record(actor, locked.person_id, "rendez-vous déplacé")
    notify_person_of(
        actor=actor,
        person=locked.person,
        kind=NotificationKind.MEETING_MOVED,
        text="Votre rendez-vous est déplacé. De nouvelles dates vous sont proposées.",
        link="portal:meetings",
    )
    return new


@transaction.atomic
def meeting_cancel(*, actor: User, meeting: Meeting, reason: str = "") -> Meeting:
    require(actor, Action.CHANGE, meeting.person_id, Category.MEETINGS)
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.status not in OPEN:
        raise ValidationError({"meeting": "Ce rendez-vous n'est plus ouvert."})
    _check_person_delay(actor, locked)
    locked.status, locked.reason = MeetingStatus.CANCELLED, reason.strip()
    locked.save(update_fields=["status", "reason"])
    locked.reminders.filter(state="pending").update(state="skipped")
    MeetingEvent.objects.create(
        meeting=locked, actor=actor, what="annule" + (f" : {reason.strip()}" if reason.strip() else "")
    )
    _record(actor, locked.person_id, "rendez-vous annulé")
    notify_person_of(
        actor=actor,
        person=locked.person,
        kind=NotificationKind.MEETING_CANCELLED,
        text="Un rendez-vous prévu avec vous est annulé. Vous pouvez en proposer un autre.",
        link="portal:meetings",
    )
    return locked


@transaction.atomic
def meeting_close(*, actor: User, meeting: Meeting, outcome: str) -> Meeting:
    """After its start, the worker records how it ended: held or missed. Missed brings care, not a sanction."""
    require(actor, Action.CHANGE, meeting.person_id, Category.MEETINGS)
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not may_close_meeting(actor, locked.worker_id):
        raise ValidationError({"meeting": "C'est l'intervenant·e du rendez-vous qui le clôt."})
    if locked.status != MeetingStatus.AGREED or locked.starts_at is None:
        raise ValidationError({"meeting": "Seul un rendez-vous convenu peut être clos."})
    if locked.starts_at > timezone.now():
        raise ValidationError({"meeting": "Le rendez-vous n'a pas encore commencé."})
    if outcome not in {MeetingStatus.HELD, MeetingStatus.MISSED}:
        raise ValidationError({"outcome": "Choisissez : tenu ou manqué."})
    locked.status = outcome
    locked.save(update_fields=["status"])
    MeetingEvent.objects.create(meeting=locked, actor=actor, what=f"clos : {locked.get_status_display().lower()}")
    if outcome == MeetingStatus.MISSED:
        referent = Ally.objects.active().filter(person_id=locked.person_id, role=AllyRole.REFERENT).first()
        FollowUp.objects.get_or_create(
            meeting=locked, defaults={"referent_id": referent.user_id if referent else locked.worker_id}
        )
    _record(actor, locked.person_id, f"rendez-vous {outcome}")
    return locked


@transaction.atomic
def reminder_preference_set(
    *, actor: User, person: Person, channel: str, email: str = "", phone: str = ""
) -> ReminderPreference:
    """The person chooses how to be reminded, or opts out. A channel needs a contact for it: when the
    address or number is missing, it can be given with the choice (saved to the file at the same time)."""
    from alliances.persons.services import person_update

    require(actor, Action.CHANGE, person, Category.MEETINGS)
    if channel not in ReminderChannel.values:
        raise ValidationError({"channel": "Choisissez un moyen de rappel dans la liste."})
    if channel == ReminderChannel.EMAIL and not person.email:
        if not email.strip():
            raise ValidationError(
                {"email": "Aucune adresse électronique n'est connue. Écrivez-la ici, ou choisissez le SMS."}
            )
        person = person_update(actor=actor, person=person, email=email.strip())
    if channel == ReminderChannel.SMS and not person.phone:
        if not phone.strip():
            raise ValidationError(
                {"phone": "Aucun numéro de téléphone n'est connu. Écrivez-le ici, ou choisissez le courriel."}
            )
        person = person_update(actor=actor, person=person, phone=phone.strip())
    preference, _ = ReminderPreference.objects.update_or_create(person=person, defaults={"channel": channel})
    reminders_reschedule(person=person)
    _record(actor, person.pk, f"rappels : {channel}")
    return preference


@transaction.atomic
def follow_up_done(*, actor: User, follow_up: FollowUp) -> FollowUp:
    """The referent took news of the person after a missed meeting."""
    locked = FollowUp.objects.select_for_update().select_related("meeting").get(pk=follow_up.pk)
    require(actor, Action.CHANGE, locked.meeting.person_id, Category.MEETINGS)
    if not is_current_referent(actor, locked.meeting.person_id):  # the referent's task: nobody else's
        raise AccessDenied("Introuvable.")
    if locked.done_at is None:
        locked.done_at = timezone.now()
        locked.save(update_fields=["done_at"])
        _record(actor, locked.meeting.person_id, "nouvelles prises après un rendez-vous manqué")
    return locked


@transaction.atomic
def rhythm_set(*, actor: User, person: Person, rhythm: str) -> MeetingRhythm:
    """The rhythm agreed with the person; either side records it."""
    require(actor, Action.CHANGE, person, Category.MEETINGS)
    if rhythm not in Rhythm.values:
        raise ValidationError({"rhythm": "Choisissez un rythme dans la liste."})
    agreed, _ = MeetingRhythm.objects.update_or_create(
        person=person, defaults={"rhythm": rhythm, "agreed_on": timezone.localdate(), "recorded_by": actor}
    )
    _record(actor, person.pk, f"rythme : {rhythm}")
    return agreed


@transaction.atomic
def calendar_feed_renew(*, actor: User) -> str:
    """A new private feed secret for the worker; the former address stops working. Returns the secret,
    which is not stored (only its digest is) and so can be shown once."""
    if not can_keep_agenda(actor):
        raise ValidationError({"feed": "Seuls les référent·es et les médiateur·rices ont un agenda."})
    secret = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(worker=actor, defaults={"digest": feed_digest(secret)})
    return secret


@transaction.atomic
def calendar_feed_revoke(*, actor: User) -> None:
    CalendarFeed.objects.filter(worker=actor).delete()
