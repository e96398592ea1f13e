"""Reads of meetings, agendas and workshops. Each asks the policy and leaves an audit event."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import (
    AccessDenied,
    can,
    can_keep_agenda,
    may_manage_workshop,
    name_visible_to,
    preload,
    referred_persons,
    require,
)
from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record, audit_record_many
from alliances.circles.enums import AllyRole
from alliances.circles.models import Ally
from alliances.persons.models import Person

from .enums import RHYTHM_DAYS, MeetingStatus, Rhythm
from .ics import worker_feed, worker_feed_meetings
from .models import (
    CalendarFeed,
    FollowUp,
    Meeting,
    MeetingEvent,
    MeetingRhythm,
    ReminderPreference,
    Workshop,
    WorkshopSignup,
    feed_digest,
)
from .reminders import channel_for_person
from .slots import Slot, free_slots

#: Shown as past meetings (a moved proposal lives on in the history of the one that replaced it).
ENDED = {MeetingStatus.AGREED, MeetingStatus.HELD, MeetingStatus.MISSED, MeetingStatus.CANCELLED}


@dataclass
class MeetingView:
    """A meeting with the whole history of its chain (proposals, counter-proposals, moves)."""

    meeting: Meeting
    history: list[MeetingEvent]


@dataclass
class Suggestion:
    on: date
    worker: User
    slots: list[Slot]


@dataclass
class PersonMeetings:
    proposals: list[MeetingView] = field(default_factory=list)
    upcoming: list[MeetingView] = field(default_factory=list)
    past: list[MeetingView] = field(default_factory=list)
    #: Listed apart: a cancelled meeting did not take place, it is not a "past" one.
    cancelled: list[MeetingView] = field(default_factory=list)
    workers: list[User] = field(default_factory=list)
    rhythm: MeetingRhythm | None = None
    reminder_channel: str = ""
    reminder_chosen: bool = False
    suggestion: Suggestion | None = None


def _chains(meetings: list[Meeting]) -> dict[int, list[MeetingEvent]]:
    """For each meeting, the events of every proposal it replaced, oldest first, then its own."""
    by_id = {m.pk: m for m in meetings}
    history: dict[int, list[MeetingEvent]] = {}
    for meeting in meetings:
        chain: list[MeetingEvent] = []
        cursor: Meeting | None = meeting
        while cursor is not None:
            chain = list(cursor.events.all()) + chain
            cursor = by_id.get(cursor.previous_id) if cursor.previous_id else None
        history[meeting.pk] = chain
    return history


def meeting_workers(person: Person) -> list[User]:
    """The referent and mediators of the person's circle: whom a meeting can be with."""
    allies = (
        Ally.objects.active()
        .filter(person=person, role__in=[AllyRole.REFERENT, AllyRole.MEDIATOR])
        .select_related("user")
        .order_by("role", "id")
    )
    roles = {AllyRole.REFERENT: 0, AllyRole.MEDIATOR: 1}
    return [a.user for a in sorted(allies, key=lambda a: roles.get(AllyRole(a.role), 2))]


def suggestion_for(person: Person, rhythm: MeetingRhythm | None, worker: User | None) -> Suggestion | None:
    """From the agreed rhythm and the last meeting, the date of the next one and free slots around it."""
    if rhythm is None or rhythm.rhythm == Rhythm.NONE or worker is None:
        return None
    last = (
        Meeting.objects.filter(person=person, status__in=[MeetingStatus.AGREED, MeetingStatus.HELD])
        .order_by("-starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    today = timezone.localdate()
    if last is not None and last > timezone.now():
        return None  # the next meeting is already agreed
    base = timezone.localtime(last).date() if last is not None else today
    on = max(base + timedelta(days=RHYTHM_DAYS[Rhythm(rhythm.rhythm)]), today + timedelta(days=1))
    return Suggestion(on=on, worker=worker, slots=free_slots(worker, on, days=14, limit=3))


def meetings_for(*, actor: User, person: Person) -> PersonMeetings:
    require(actor, Action.VIEW, person, Category.MEETINGS)
    meetings = list(
        Meeting.objects.filter(person=person)
        .select_related("worker", "office", "proposed_by", "agreed_by")
        .prefetch_related(
            "options__office",
            Prefetch("events", queryset=MeetingEvent.objects.select_related("actor")),
            "follow_up",
        )
        .order_by("created_at", "id")
    )
    audit_record(actor=actor, person_id=person.pk, category=Category.MEETINGS, action=AuditAction.READ)
    history = _chains(meetings)
    result = PersonMeetings()
    now = timezone.now()
    for meeting in meetings:
        view = MeetingView(meeting=meeting, history=history[meeting.pk])
        if meeting.status == MeetingStatus.PROPOSED:
            result.proposals.append(view)
        elif meeting.status == MeetingStatus.AGREED and meeting.ends_at is not None and meeting.ends_at > now:
            result.upcoming.append(view)
        elif meeting.status == MeetingStatus.CANCELLED:
            result.cancelled.append(view)
        elif meeting.status in ENDED:
            result.past.append(view)
    result.upcoming.sort(key=lambda v: v.meeting.starts_at or now)
    result.past.sort(key=lambda v: v.meeting.starts_at or v.meeting.created_at, reverse=True)
    result.cancelled.sort(key=lambda v: v.meeting.starts_at or v.meeting.created_at, reverse=True)
    result.workers = meeting_workers(person)
    result.rhythm = MeetingRhythm.objects.filter(person=person).first()
    result.reminder_chosen = ReminderPreference.objects.filter(person=person).exists()
    result.reminder_channel = channel_for_person(person)
    result.suggestion = suggestion_for(person, result.rhythm, result.workers[0] if result.workers else None)
    return result


@dataclass
class AgendaRow:
    meeting: Meeting
    name: str


@dataclass
class FollowUpRow:
    follow_up: FollowUp
    name: str


@dataclass
class Agenda:
    to_answer: list[AgendaRow]
    waiting: list[AgendaRow]
    upcoming: list[AgendaRow]
    to_close: list[AgendaRow]
    follow_ups: list[FollowUpRow]


def agenda_for(*, actor: User) -> Agenda:
    """A worker's meetings across the persons they meet; one audit event per person shown."""
    now = timezone.now()
    mine = Meeting.objects.filter(worker=actor).select_related("person", "office", "proposed_by")
    proposals = list(
        mine.filter(status=MeetingStatus.PROPOSED).annotate(option_count=Count("options")).order_by("created_at")
    )
    # A meeting that has begun is to close, not to come: never both (it was listed twice, two "Clore").
    upcoming = list(mine.filter(status=MeetingStatus.AGREED, starts_at__gt=now).order_by("starts_at"))
    to_close = list(mine.filter(status=MeetingStatus.AGREED, starts_at__lte=now).order_by("starts_at"))
    follow_ups = list(
        # The person's referent today: a follow-up moves with a handover.
        FollowUp.objects.filter(done_at__isnull=True, meeting__person__in=referred_persons(actor))
        .select_related("meeting__person")
        .order_by("created_at")
    )
    meetings = proposals + upcoming + to_close
    person_ids = [m.person_id for m in meetings] + [f.meeting.person_id for f in follow_ups]
    preload(actor, list(dict.fromkeys(person_ids)))
    visible = [m for m in meetings if _can_view(actor, m.person)]
    follow_ups = [f for f in follow_ups if _can_view(actor, f.meeting.person)]
    audit_record_many(
        actor=actor,
        person_ids=[m.person_id for m in visible] + [f.meeting.person_id for f in follow_ups],
        category=Category.MEETINGS,
        action=AuditAction.READ,
        detail="agenda",
    )

    def row(meeting: Meeting) -> AgendaRow:
        return AgendaRow(meeting=meeting, name=name_visible_to(actor, meeting.person))

    return Agenda(
        to_answer=[row(m) for m in visible if m.status == MeetingStatus.PROPOSED and m.proposed_by_id != actor.pk],
        waiting=[row(m) for m in visible if m.status == MeetingStatus.PROPOSED and m.proposed_by_id == actor.pk],
        upcoming=[row(m) for m in visible if m in upcoming],
        to_close=[row(m) for m in visible if m in to_close],
        follow_ups=[FollowUpRow(follow_up=f, name=name_visible_to(actor, f.meeting.person)) for f in follow_ups],
    )


def _can_view(actor: User, person: Person) -> bool:
    return can(actor, Action.VIEW, person, Category.MEETINGS)


def meeting_get(*, actor: User, meeting_id: int) -> Meeting:
    """One meeting, if the actor may see the person's meetings; else 404 like a missing one."""
    meeting = Meeting.objects.filter(pk=meeting_id).select_related("person", "worker", "office").first()
    if meeting is None:
        raise AccessDenied("Introuvable.")
    require(actor, Action.VIEW, meeting.person, Category.MEETINGS)
    audit_record(actor=actor, person_id=meeting.person_id, category=Category.MEETINGS, action=AuditAction.READ)
    return meeting


@dataclass
class WorkshopRow:
    workshop: Workshop
    taken: int
    signed: bool

    @property
    def left(self) -> int:
        return max(0, self.workshop.capacity - self.taken)


def workshops_open(*, actor: User | None = None, person: Person | None = None) -> list[WorkshopRow]:
    """Upcoming workshops with their places taken; for a person (read by `actor`, audited), whether
    they signed up."""
    active = Q(signups__left_at__isnull=True)
    workshops: QuerySet[Workshop] = (
        Workshop.objects.filter(cancelled_at__isnull=True, validated_at__isnull=False, starts_at__gt=timezone.now())
        .select_related("office", "organiser")
        .annotate(taken=Count("signups", filter=active))
        .order_by("starts_at")
    )
    mine: set[int] = set()
    if person is not None:
        require(actor, Action.VIEW, person, Category.MEETINGS)
        mine = set(
            WorkshopSignup.objects.filter(person=person, left_at__isnull=True).values_list("workshop_id", flat=True)
        )
        audit_record(
            actor=actor, person_id=person.pk, category=Category.MEETINGS, action=AuditAction.READ, detail="ateliers"
        )
    return [WorkshopRow(workshop=w, taken=w.taken, signed=w.pk in mine) for w in workshops]  # type: ignore[attr-defined]


def workshop_participants(*, actor: User, workshops: list[Workshop]) -> dict[int, list[str]]:
    """Who comes to each workshop the actor organises (the names they may see), in one query; each
    name shown is an audited read. Others see counts only."""
    mine = [w.pk for w in workshops if may_manage_workshop(actor, w.organiser_id)]
    if not mine:
        return {}
    signups = list(
        WorkshopSignup.objects.filter(workshop_id__in=mine, left_at__isnull=True)
        .select_related("person")
        .order_by("workshop_id", "created_at", "id")
    )
    preload(actor, [s.person_id for s in signups])
    audit_record_many(
        actor=actor,
        person_ids=[s.person_id for s in signups],
        category=Category.IDENTITY,
        action=AuditAction.READ,
        detail="inscrits à un atelier",
    )
    names: dict[int, list[str]] = {pk: [] for pk in mine}
    for signup in signups:
        names[signup.workshop_id].append(name_visible_to(actor, signup.person))
    return names


def calendar_feed_for(secret: str) -> bytes | None:
    """The feed behind a private address, or None. Each person in it is an audited read by the worker."""
    feed = CalendarFeed.objects.filter(digest=feed_digest(secret)).select_related("worker").first()
    if feed is None or not can_keep_agenda(feed.worker):
        return None
    meetings = worker_feed_meetings(feed.worker)
    audit_record_many(
        actor=feed.worker,
        person_ids=[m.person_id for m in meetings],
        category=Category.MEETINGS,
        action=AuditAction.READ,
        detail="flux d'agenda",
    )
    return worker_feed(feed.worker, meetings)


def workshops_proposed() -> list[Workshop]:
    """Workshops proposed by mediators or peers, waiting for a referent or a manager (no personal data)."""
    return list(
        Workshop.objects.filter(cancelled_at__isnull=True, validated_at__isnull=True, starts_at__gt=timezone.now())
        .select_related("office", "organiser")
        .order_by("starts_at")
    )
