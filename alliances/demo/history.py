"""Years of support for the city-scale data set: for each person and month, what a CCAS would have
recorded (journal entries, meetings held, missed or moved, readings of both sides, mediation sessions,
goals) and the audit events of those writes. Bulk inserts, one batch of households at a time; the same
seed gives the same history."""

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TypeVar

from django.db.models import Model
from django.utils import timezone

from alliances.access.categories import Category
from alliances.accounts.models import User
from alliances.assessments.models import Reading
from alliances.audit.chain import append
from alliances.audit.enums import AuditAction
from alliances.audit.models import AuditEvent
from alliances.circles.enums import AllyRole, InteractionKind, LinkType, WovenBond
from alliances.circles.models import Ally, Interaction
from alliances.goals.models import Goal, GoalAction
from alliances.mediation.catalogue import catalogue
from alliances.mediation.models import MediationSession, ProgressStep
from alliances.meetings.enums import MeetingStatus, PlaceKind
from alliances.meetings.models import FollowUp, Meeting, Office
from alliances.persons.models import Person

BATCH = 5000
_M = TypeVar("_M", bound=Model)

_SUMMARIES = [
    "Point sur la situation et sur ce que la personne souhaite pour les prochains mois.",
    "Appel pour préparer le rendez-vous à la CAF.",
    "Atelier cuisine au centre social, avec d'autres personnes du quartier.",
    "Dossier de complémentaire santé solidaire déposé ensemble.",
    "Échange avec une personne du groupe d'entraide.",
    "Recherche d'une activité bénévole près de chez elle.",
    "Point sur le budget du mois et les factures en retard.",
]
_GOALS = [
    ("Retrouver un travail, même à temps partiel", WovenBond.WORK),
    ("Revoir ma famille plus souvent", WovenBond.FAMILY_FRIENDS),
    ("Faire valoir mes droits à la CAF", WovenBond.CITIZENSHIP),
    ("Rejoindre un groupe d'entraide", WovenBond.PEERS),
    ("Être mieux écouté·e par les services", WovenBond.WORKERS),
]
_BONDS_ITEMS = [
    "family_crisis_call",
    "family_contact",
    "friends_count_on",
    "confidant",
    "loneliness",
    "activity",
    "feels_useful",
    "papers_valid",
    "rights_open",
    "humiliated",
]
_KINDS = [InteractionKind.MEETING, InteractionKind.CALL, InteractionKind.WORKSHOP, InteractionKind.PROCEDURE_STEP]
_PLACES = [PlaceKind.OFFICE, PlaceKind.HOME, PlaceKind.PHONE, PlaceKind.VIDEO, PlaceKind.CHOSEN]
_OUTCOMES = [MeetingStatus.HELD, MeetingStatus.MISSED, MeetingStatus.MOVED, MeetingStatus.CANCELLED]


@dataclass
class _Rows:
    """What a batch writes, in insertion order (a meeting's follow-up after its meeting, a step after its
    session), and the audit events of those writes."""

    tables: dict[type[Model], list[Model]] = field(default_factory=dict)
    audit: list[AuditEvent] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)

    def add(self, row: _M) -> _M:
        self.tables.setdefault(type(row), []).append(row)
        self.counts[type(row).__name__] += 1
        return row

    def audit_write(self, actor: User, person_id: int, category: Category, on: datetime, detail: str) -> None:
        self.audit.append(
            AuditEvent(
                actor=actor,
                actor_role=actor.role,
                person_id=person_id,
                category=category,
                action=AuditAction.WRITE,
                detail=detail,
                request_id="historique-genere",
                occurred_at=on,
            )
        )
        self.counts["AuditEvent"] += 1


@dataclass
class _Person:
    pk: int
    account: User | None
    referent: User
    mediator: User | None
    readings: dict[str, int]


def history(rng: random.Random, persons: list[Person], months: list[date], users: dict[int, User]) -> Counter[str]:
    """Writes the history of these persons over `months` (oldest first); returns the rows written by kind."""
    circle = _circles([p.pk for p in persons], users)
    offices = list(Office.objects.filter(active=True).order_by("pk"))
    procedures = [p.code for p in catalogue().procedures]
    rows = _Rows()
    for position, person in enumerate(persons):
        referent, mediator = circle.get(person.pk, (None, None))
        if referent is None:
            continue
        who = _Person(person.pk, person.account, referent, mediator, {c: rng.randint(0, 3) for c in _BONDS_ITEMS})
        who.readings["level"] = rng.randint(2, 6)
        goal_month = rng.randrange(len(months))
        for index, month in enumerate(months):
            _month(rng, rows, who, month, offices, procedures)
            # Each person read every six months, from a month of her own (her place in the batch, never her
            # id: ids differ from one database to another, and the same seed must give the same city).
            if index % 6 == position % 6 and rng.random() < 0.5:
                _readings(rng, rows, who, month)
            if index == goal_month and rng.random() < 0.6:
                _goal(rng, rows, who, month)
    _write(rows)
    return rows.counts


def _circles(person_ids: list[int], users: dict[int, User]) -> dict[int, tuple[User | None, User | None]]:
    found: dict[int, tuple[User | None, User | None]] = {}
    for person_id, user_id, role in (
        Ally.objects.active().filter(person_id__in=person_ids).values_list("person_id", "user_id", "role")
    ):
        referent, mediator = found.get(person_id, (None, None))
        if role == AllyRole.REFERENT:
            referent = users[user_id]
        elif role == AllyRole.MEDIATOR:
            mediator = users[user_id]
        found[person_id] = (referent, mediator)
    return found


def _moment(rng: random.Random, month: date) -> datetime:
    day = month.replace(day=rng.randint(1, 28))
    return timezone.make_aware(datetime.combine(day, time(rng.randint(9, 16), rng.choice([0, 15, 30, 45]))))


def _month(
    rng: random.Random, rows: _Rows, who: _Person, month: date, offices: list[Office], procedures: list[str]
) -> None:
    if rng.random() < 0.35:
        at = _moment(rng, month)
        author = who.mediator if who.mediator is not None and rng.random() < 0.3 else who.referent
        rows.add(
            Interaction(
                person_id=who.pk,
                occurred_on=at.date(),
                kind=rng.choice(_KINDS),
                summary=rng.choice(_SUMMARIES),
                link_types=sorted(rng.sample(LinkType.values, k=rng.randint(1, 2))),
                bond=rng.choice(WovenBond.values),
                author=author,
            )
        )
        rows.audit_write(author, who.pk, Category.NOTES, at, "échange")
    if rng.random() < 0.2:
        _meeting(rng, rows, who, _moment(rng, month), offices)
    if who.mediator is not None and rng.random() < 0.3:
        at = _moment(rng, month)
        session = rows.add(
            MediationSession(
                worker=who.mediator,
                occurred_on=at.date(),
                duration_minutes=rng.choice([30, 45, 60, 90]),
                place="Espace numérique du centre social",
                link_types=sorted(rng.sample([LinkType.CAPACITATION, LinkType.FACILITATION], k=rng.randint(1, 2))),
            )
        )
        rows.add(
            ProgressStep(
                session=session,
                person_id=who.pk,
                procedure_code=rng.choice(procedures),
                level=rng.choice(["for_me", "with_me", "alone"]),
            )
        )
        rows.audit_write(who.mediator, who.pk, Category.PROCEDURES, at, "séance de médiation")


def _meeting(rng: random.Random, rows: _Rows, who: _Person, at: datetime, offices: list[Office]) -> None:
    place = rng.choices(_PLACES, weights=[50, 15, 15, 5, 15])[0]
    status = rng.choices(_OUTCOMES, weights=[75, 11, 9, 5])[0]
    proposer = who.account if who.account is not None and rng.random() < 0.3 else who.referent
    meeting = rows.add(
        Meeting(
            person_id=who.pk,
            worker=who.referent,
            status=status,
            proposed_by=proposer,
            starts_at=at,
            ends_at=at + timedelta(minutes=45),
            place_kind=place,
            office=rng.choice(offices) if place == PlaceKind.OFFICE and offices else None,
            place_text="Café du marché" if place == PlaceKind.CHOSEN else "",
            agreed_by=who.referent if proposer != who.referent else who.account,
            agreed_at=at - timedelta(days=rng.randint(2, 20)),
        )
    )
    if status == MeetingStatus.MISSED:
        done = at + timedelta(days=rng.randint(1, 10)) if rng.random() < 0.8 else None
        rows.add(FollowUp(meeting=meeting, referent=who.referent, done_at=done))
    rows.audit_write(who.referent, who.pk, Category.MEETINGS, at, "rendez-vous")


def _readings(rng: random.Random, rows: _Rows, who: _Person, month: date) -> None:
    """Both sides read the social bonds and the ladder; the person's values drift, slowly, upwards."""
    at = _moment(rng, month)
    for code in _BONDS_ITEMS:
        who.readings[code] = max(0, min(4, who.readings[code] + rng.choice([-1, 0, 0, 1, 1])))
    who.readings["level"] = max(1, min(10, who.readings["level"] + rng.choice([-1, 0, 1, 1])))
    person_author = who.account or who.referent
    bonds = {code: who.readings[code] for code in _BONDS_ITEMS}
    worker_bonds = {code: max(0, min(4, value + rng.choice([-1, 0, 0, 1]))) for code, value in bonds.items()}
    level = who.readings["level"]
    for instrument, side, values in (
        ("social_bonds", "person", bonds),
        ("social_bonds", "worker", worker_bonds),
        ("participation_ladder", "person", {"level": level}),
        ("participation_ladder", "worker", {"level": max(1, level - rng.choice([0, 1, 1, 2]))}),
    ):
        rows.add(
            Reading(
                person_id=who.pk,
                instrument=instrument,
                version=1,
                side=side,
                together=side == "person" and who.account is None,
                taken_on=at.date(),
                values=values,
                author=person_author if side == "person" else who.referent,
            )
        )
    rows.audit_write(who.referent, who.pk, Category.BONDS, at, "lectures")


def _goal(rng: random.Random, rows: _Rows, who: _Person, month: date) -> None:
    text, bond = rng.choice(_GOALS)
    status = rng.choices(["open", "reached", "set_aside"], weights=[60, 30, 10])[0]
    goal = rows.add(
        Goal(
            person_id=who.pk,
            text=text,
            bond=bond,
            proposed_by=rng.choice(["person", "person", "together", "ally"]),
            status=status,
            created_by=who.account or who.referent,
            closed_on=month + timedelta(days=rng.randint(30, 120)) if status != "open" else None,
        )
    )
    rows.add(
        GoalAction(
            goal=goal,
            text="Prendre rendez-vous ensemble",
            doer=rng.choice(["person", "together"]),
            status=rng.choice(["todo", "doing", "done"]),
            link_type=rng.choice(LinkType.values),
            created_by=who.referent,
        )
    )
    rows.audit_write(who.referent, who.pk, Category.PLAN, _moment(rng, month), "objectif")


def _write(rows: _Rows) -> None:
    # Parents before children (a meeting before its follow-up): bulk_create then fills each child's id.
    for model, objects in rows.tables.items():
        model._default_manager.bulk_create(objects, batch_size=BATCH)
    rows.audit.sort(key=lambda event: event.occurred_at)
    for start in range(0, len(rows.audit), BATCH):
        append(rows.audit[start : start + BATCH], dated=True)
