"""Mediation sessions: what was worked on with whom, and the level each person reached on each procedure."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import (
    AccessDenied,
    can,
    can_record_sessions,
    own_person_id,
)
from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record
from alliances.circles.enums import LinkType
from alliances.core.validation import today
from alliances.notifications.enums import NotificationKind
from alliances.notifications.services import notify
from alliances.persons.models import Person

from ..catalogue import Catalogue, catalogue
from ..models import MediationSession, ProgressStep

SESSION_LINK_TYPES = (LinkType.CAPACITATION, LinkType.FACILITATION)

MAX_SESSION_MINUTES = 600


@dataclass(frozen=True)
class Worked:
    """One procedure one person worked on in a session, and the level they reached."""

    person: Person
    procedure_code: str
    level: str


def audit_procedures(actor: User | None, person_id: int, detail: str, action: AuditAction = AuditAction.WRITE) -> None:
    audit_record(actor=actor, person_id=person_id, category=Category.PROCEDURES, action=action, detail=detail)


def _session_errors(occurred_on: date, duration_minutes: int, place: str, chosen: list[str]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not isinstance(occurred_on, date) or occurred_on > today():
        errors["occurred_on"] = "La date de la séance ne peut pas être dans le futur."
    if not isinstance(duration_minutes, int) or not 1 <= duration_minutes <= MAX_SESSION_MINUTES:
        errors["duration_minutes"] = f"Indiquez une durée entre 1 et {MAX_SESSION_MINUTES} minutes."
    if not place:
        errors["place"] = "Indiquez le lieu de la séance."
    elif len(place) > 200:
        errors["place"] = "Le lieu tient en 200 caractères au plus."
    if not chosen or any(code not in SESSION_LINK_TYPES for code in chosen):
        errors["link_types"] = "Choisissez capacitation, facilitation ou les deux."
    return errors


def _worked_errors(known: Catalogue, worked: list[Worked]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not worked:
        errors["procedures"] = "Indiquez au moins une démarche travaillée."
    if any(known.procedure(w.procedure_code) is None for w in worked):
        errors["procedures"] = "Choisissez des démarches dans le catalogue."
    if any(known.level(w.level) is None for w in worked):
        errors["level"] = "Choisissez un niveau parmi : fait pour moi, fait avec moi, fait seul·e."
    if len({(w.person.pk, w.procedure_code) for w in worked}) != len(worked):
        errors["procedures"] = "Chaque démarche n'est notée qu'une fois par personne et par séance."
    return errors


@transaction.atomic
def session_record(
    *,
    actor: User,
    occurred_on: date,
    duration_minutes: int,
    place: str,
    worked: list[Worked],
    link_types: list[str],
    collective: bool = False,
    workshop_id: int | None = None,
    note: str = "",
) -> MediationSession:
    """Records a mediation session and, for each person, the level reached on each procedure."""
    if not can_record_sessions(actor):
        raise AccessDenied("Introuvable.")
    for person_id in {w.person.pk for w in worked}:
        if not can(actor, Action.CHANGE, person_id, Category.PROCEDURES):
            raise AccessDenied("Introuvable.")
    known = catalogue()
    place, chosen = place.strip(), list(dict.fromkeys(link_types))
    errors = {**_session_errors(occurred_on, duration_minutes, place, chosen), **_worked_errors(known, worked)}
    if errors:
        raise ValidationError(errors)
    session = MediationSession.objects.create(
        worker=actor,
        occurred_on=occurred_on,
        duration_minutes=duration_minutes,
        place=place,
        collective=collective or workshop_id is not None or len({w.person.pk for w in worked}) > 1,
        workshop_id=workshop_id,
        link_types=[code for code in SESSION_LINK_TYPES if code in chosen],
        note=note.strip(),
        catalogue_version=known.version,
    )
    ProgressStep.objects.bulk_create(
        [ProgressStep(session=session, person=w.person, procedure_code=w.procedure_code, level=w.level) for w in worked]
    )
    for person in {w.person.pk: w.person for w in worked}.values():
        audit_procedures(actor, person.pk, "séance de médiation")
        notify(
            person=person,
            kind=NotificationKind.SESSION_TO_CONFIRM,
            text="Une séance sur vos démarches a été notée. Vous pouvez dire si c'est juste.",
            link="portal:procedures",
        )
    return session


@transaction.atomic
def progress_confirm(*, actor: User, step: ProgressStep, level: str) -> ProgressStep:
    """The person confirms or corrects the level noted for them; the worker's reading is kept beside it."""
    if own_person_id(actor) != step.person_id:
        raise AccessDenied("Introuvable.")
    if catalogue().level(level) is None:
        raise ValidationError({"level": "Choisissez un niveau parmi : fait pour moi, fait avec moi, fait seul·e."})
    locked = ProgressStep.objects.select_for_update().get(pk=step.pk)
    locked.person_level, locked.person_answered_at = level, timezone.now()
    locked.save(update_fields=["person_level", "person_answered_at"])
    audit_procedures(actor, locked.person_id, "niveau confirmé")
    return locked
