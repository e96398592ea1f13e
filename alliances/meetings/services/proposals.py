"""Meetings decided together: proposed with options, accepted, countered, moved or cancelled by either side."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import (
    may_answer_proposal,
    own_person_id,
    require,
)
from alliances.accounts.models import User
from alliances.circles.enums import AllyRole
from alliances.circles.models import Ally
from alliances.notifications.enums import NotificationKind
from alliances.notifications.services import notify_person_of
from alliances.persons.models import Person

from ..availability import fits_availability
from ..enums import MeetingStatus, PlaceKind
from ..models import (
    Meeting,
    MeetingEvent,
    MeetingOption,
    Office,
)
from ..reminders import reminders_schedule
from .shared import OPEN, OUTSIDE, TOO_LATE, OptionIn, change_delay, record_change


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
    record_change(actor, person.pk, "rendez-vous proposé")
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
    record_change(actor, locked.person_id, "rendez-vous convenu")
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
    record_change(actor, locked.person_id, "contre-proposition de rendez-vous")
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
    record_change(actor, locked.person_id, "rendez-vous déplacé")
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
    record_change(actor, locked.person_id, "rendez-vous annulé")
    notify_person_of(
        actor=actor,
        person=locked.person,
        kind=NotificationKind.MEETING_CANCELLED,
        text="Un rendez-vous prévu avec vous est annulé. Vous pouvez en proposer un autre.",
        link="portal:meetings",
    )
    return locked
