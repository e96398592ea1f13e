"""Mediation: each person's progress per procedure, a worker's sessions and time, mandates, counts."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import (
    AccessDenied,
    can,
    can_record_sessions,
    may_open_mandates_of,
    may_see_mandate,
    name_visible_to,
    preload,
    require,
)
from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record, audit_record_many
from alliances.circles.enums import AllyRole
from alliances.circles.models import Ally
from alliances.core.collation import FrenchOrder
from alliances.core.validation import today
from alliances.goals.models import Delegation
from alliances.persons.models import Person

from .catalogue import OnlineProcedure, catalogue
from .enums import MandateStatus
from .models import Mandate, MandateAct, MediationSession, ProgressStep
from .services import mandate_status, mandate_text


@dataclass
class ProgressEntry:
    step: ProgressStep
    on: date
    level_label: str
    person_level_label: str
    worker_name: str

    @property
    def effective(self) -> str:
        """The person's reading when they gave one, else the worker's."""
        return self.step.person_level or self.step.level


@dataclass
class ProcedureProgress:
    procedure: OnlineProcedure
    entries: list[ProgressEntry] = field(default_factory=list)

    @property
    def latest(self) -> ProgressEntry:
        return self.entries[-1]

    def _streak(self) -> tuple[str, int]:
        last = self.latest.effective
        streak = 0
        for entry in reversed(self.entries):
            if entry.effective != last:
                break
            streak += 1
        return last, streak

    @property
    def summary(self) -> str:
        """ "Fait seul·e les 3 dernières fois", from the person's side."""
        code, streak = self._streak()
        level = catalogue().level(code)
        label = level.label if level else code
        if streak == 1:
            return gettext("La dernière fois : %(label)s") % {"label": label.lower()}
        return gettext("%(label)s les %(count)s dernières fois") % {"label": label, "count": streak}

    @property
    def staff_summary(self) -> str:
        """The same, as staff pages say it ("Faite avec la personne les 2 dernières fois")."""
        code, streak = self._streak()
        level = catalogue().level(code)
        label = level.staff_label if level else code
        if streak == 1:
            return gettext("La dernière fois : %(label)s") % {"label": label.lower()}
        return gettext("%(label)s les %(count)s dernières fois") % {"label": label, "count": streak}

    @property
    def moved_up(self) -> bool:
        ranks = {lv.code: lv.rank for lv in catalogue().levels}
        first, last = ranks.get(self.entries[0].effective, 0), ranks.get(self.latest.effective, 0)
        return last > first


def progress_for(*, actor: User, person: Person) -> list[ProcedureProgress]:
    """Per procedure, the dated levels reached: the person, their referent, allies shared *procedures*."""
    require(actor, Action.VIEW, person, Category.PROCEDURES)
    known = catalogue()
    steps = (
        ProgressStep.objects.filter(person=person)
        .select_related("session__worker")
        .order_by("session__occurred_on", "id")
    )
    by_code: dict[str, ProcedureProgress] = {}
    for step in steps:
        procedure = known.procedure(step.procedure_code)
        if procedure is None:
            continue
        level = known.level(step.level)
        person_level = known.level(step.person_level) if step.person_level else None
        worker = step.session.worker
        by_code.setdefault(step.procedure_code, ProcedureProgress(procedure=procedure)).entries.append(
            ProgressEntry(
                step=step,
                on=step.session.occurred_on,
                level_label=level.label if level else step.level,
                person_level_label=person_level.label if person_level else "",
                worker_name=worker.first_name,
            )
        )
    audit_record(
        actor=actor, person_id=person.pk, category=Category.PROCEDURES, action=AuditAction.READ, detail="progression"
    )
    return sorted(by_code.values(), key=lambda p: p.latest.on, reverse=True)


def steps_to_confirm(*, person: Person) -> list[ProgressStep]:
    """Levels noted for the person that they have not confirmed or corrected yet (their own space)."""
    return list(
        ProgressStep.objects.filter(person=person, person_answered_at__isnull=True)
        .select_related("session__worker")
        .order_by("-session__occurred_on", "id")[:50]
    )


def step_for(*, actor: User, step_id: int) -> ProgressStep:
    step = ProgressStep.objects.select_related("session").filter(pk=step_id).first()
    if step is None or not can(actor, Action.VIEW, step.person_id, Category.PROCEDURES):
        raise AccessDenied("Introuvable.")
    return step


@dataclass
class MediatorDesk:
    """A mediator's own page: the persons they help, their sessions, their time, the mandates they hold."""

    persons: list[Ally]
    sessions: list[MediationSession]
    minutes_this_month: int
    minutes_last_30_days: int
    mandates: list[Mandate]
    delegations: list[Delegation]


def mediator_desk(*, actor: User) -> MediatorDesk:
    if not can_record_sessions(actor):
        raise AccessDenied("Introuvable.")
    allies = list(
        Ally.objects.active()
        .filter(user=actor, role__in=[AllyRole.MEDIATOR, AllyRole.REFERENT])
        .select_related("person")
        .prefetch_related("sharings")
        # By the first name, which the mediator always sees (the last name only where identity is shared),
        # in French order.
        .order_by(FrenchOrder("person__first_names"), "person_id")
    )
    sessions = list(
        MediationSession.objects.filter(worker=actor)
        .prefetch_related("steps__person")
        .order_by("-occurred_on", "-id")[:20]
    )
    now = today()
    mine = MediationSession.objects.filter(worker=actor)
    month = mine.filter(occurred_on__gte=now.replace(day=1)).aggregate(m=Sum("duration_minutes"))["m"] or 0
    recent = mine.filter(occurred_on__gt=now - timedelta(days=30)).aggregate(m=Sum("duration_minutes"))["m"] or 0
    mandates = list(
        Mandate.objects.filter(holder=actor, refused_at__isnull=True, revoked_at__isnull=True)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=now))
        .select_related("person")
        .order_by("ends_on")
    )
    delegations = list(
        Delegation.objects.filter(ally__user=actor, ally__ended_on__isnull=True, revoked_on__isnull=True)
        .select_related("person")
        .order_by("-started_on")
    )
    preload(actor, [a.person_id for a in allies])
    for ally in allies:  # the name this worker may see: full where identity is shared, else first name
        ally.shown_name = name_visible_to(actor, ally.person)  # type: ignore[attr-defined]
    allies.sort(key=lambda a: a.shown_name.lower())  # type: ignore[attr-defined]
    audit_record_many(
        actor=actor,
        person_ids=sorted({a.person_id for a in allies}),
        category=Category.PROCEDURES,
        action=AuditAction.READ,
        detail="médiation",
    )
    return MediatorDesk(
        persons=allies,
        sessions=sessions,
        minutes_this_month=month,
        minutes_last_30_days=recent,
        mandates=mandates,
        delegations=delegations,
    )


@dataclass
class MandateView:
    mandate: Mandate
    status: MandateStatus
    theme_labels: list[str]
    acts: list[MandateAct]
    text: str


def _view(mandate: Mandate) -> MandateView:
    themes = catalogue()
    return MandateView(
        mandate=mandate,
        status=mandate_status(mandate),
        theme_labels=[t.label for code in mandate.themes if (t := themes.theme(code))],
        acts=list(mandate.acts.all()),
        text=mandate_text(mandate),
    )


def mandates_for(*, actor: User, person: Person) -> list[MandateView]:
    """The person's mandates, each with every act done under it: for the person and their referent all
    of them, for a holder the ones they hold."""
    mandates = [
        m
        for m in Mandate.objects.filter(person=person).select_related("holder").prefetch_related("acts")
        if may_see_mandate(actor, m.person_id, m.holder_id)
    ]
    if not mandates and not may_open_mandates_of(actor, person.pk):
        raise AccessDenied("Introuvable.")
    audit_record(
        actor=actor, person_id=person.pk, category=Category.PROCEDURES, action=AuditAction.READ, detail="mandats"
    )
    return [_view(m) for m in mandates]


def mandate_for(*, actor: User, mandate_id: int) -> Mandate:
    mandate = Mandate.objects.select_related("person", "holder").filter(pk=mandate_id).first()
    if mandate is None or not may_see_mandate(actor, mandate.person_id, mandate.holder_id):
        raise AccessDenied("Introuvable.")
    audit_record(
        actor=actor,
        person_id=mandate.person_id,
        category=Category.PROCEDURES,
        action=AuditAction.READ,
        detail=f"mandat {mandate.reference}",
    )
    return mandate


def mediation_counts(*, since: date | None = None) -> dict[str, int]:
    """Counts only (for managers): sessions, minutes, persons helped, persons who moved up, mandates."""
    since = since or today() - timedelta(days=183)
    sessions = MediationSession.objects.filter(occurred_on__gte=since)
    totals = sessions.aggregate(n=Count("id"), minutes=Sum("duration_minutes"))
    steps = ProgressStep.objects.filter(session__occurred_on__gte=since)
    pairs: dict[tuple[int, str], list[str]] = {}
    ranks = {lv.code: lv.rank for lv in catalogue().levels}
    for person_id, code, level, person_level in steps.order_by("session__occurred_on", "id").values_list(
        "person_id", "procedure_code", "level", "person_level"
    ):
        pairs.setdefault((person_id, code), []).append(person_level or level)
    moved = sum(1 for levels in pairs.values() if ranks.get(levels[-1], 0) > ranks.get(levels[0], 0))
    now = today()
    active_mandates = Mandate.objects.filter(
        consented_at__isnull=False, revoked_at__isnull=True, ends_on__gte=now
    ).count()
    return {
        "sessions": totals["n"] or 0,
        "minutes": totals["minutes"] or 0,
        "persons": len({person_id for person_id, _ in pairs}),
        "pairs": len(pairs),
        "pairs_moved_up": moved,
        "active_mandates": active_mandates,
    }


def session_persons(*, actor: User) -> list[tuple[int, str]]:
    """Whom a worker may record a session with: the persons of their circles who let them change their
    procedures, by the name the worker may see (the list is a read of each one's identity)."""
    allies = list(Ally.objects.active().filter(user=actor).select_related("person"))
    preload(actor, [a.person_id for a in allies])
    rows = sorted(
        (
            (ally.person_id, name_visible_to(actor, ally.person))
            for ally in allies
            if can(actor, Action.CHANGE, ally.person_id, Category.PROCEDURES)
        ),
        key=lambda row: row[1].lower(),
    )
    audit_record_many(
        actor=actor,
        person_ids=[pk for pk, _ in rows],
        category=Category.IDENTITY,
        action=AuditAction.READ,
        detail="séance : personnes",
    )
    return rows
