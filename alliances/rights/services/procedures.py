"""Procedures to claim a right: started with the person, moved step by step, their documents ticked."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import (
    own_person_id,
    require,
)
from alliances.accounts.enums import Role
from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record
from alliances.circles.enums import AllyRole
from alliances.circles.models import Ally
from alliances.households.models import Household
from alliances.notifications.enums import NotificationKind
from alliances.notifications.services import notify_person_of
from alliances.persons.models import Person

from ..documents import DOCUMENTS
from ..enums import TRANSITIONS, Benefit, Helper, ProcedureState
from ..models import (
    Procedure,
    ProcedureDocument,
    ProcedureStep,
)


def _default_helper(actor: User, person: Person) -> str:
    """Who helps, when not said: the worker who opens the procedure, or the person alone."""
    if actor.role == Role.MEDIATOR:
        return Helper.MEDIATOR
    if own_person_id(actor) == person.pk:
        return Helper.ALONE
    return Helper.REFERENT


def _helper_user(actor: User, person: Person, helper: str) -> User | None:
    """The account of who helps: the actor when they are that helper, else the one in the person's circle."""
    if helper == Helper.ALONE:
        return None
    role = {Helper.MEDIATOR: (Role.MEDIATOR, AllyRole.MEDIATOR), Helper.REFERENT: (Role.REFERENT, AllyRole.REFERENT)}
    account_role, ally_role = role[Helper(helper)]
    if actor.role == account_role:
        return actor
    ally = Ally.objects.active().filter(person=person, role=ally_role).select_related("user").order_by("started_on")
    first = ally.first()
    if first is None:
        who = "médiateur·rice" if helper == Helper.MEDIATOR else "référent·e"
        raise ValidationError(
            {"helper": f"Il n'y a pas encore de {who} dans le cercle. Choisissez une autre personne, ou « seul·e »."}
        )
    return first.user


@transaction.atomic
def procedure_start(
    *,
    actor: User,
    person: Person,
    benefit: str,
    helper: str | None = None,
    estimated_amount: Decimal | float | None = None,
    household: Household | None = None,
    deadline: date | None = None,
) -> Procedure:
    require(actor, Action.CHANGE, person, Category.PROCEDURES)
    if benefit not in Benefit.values:
        raise ValidationError({"benefit": "Choisissez un droit dans la liste."})
    helper = helper or _default_helper(actor, person)
    if helper not in Helper.values:
        raise ValidationError({"helper": "Choisissez qui aide pour cette démarche."})
    helper_user = _helper_user(actor, person, helper)
    try:
        with transaction.atomic():
            procedure = Procedure.objects.create(
                person=person,
                household=household,
                benefit=benefit,
                helper=helper,
                created_by=actor,
                estimated_amount=None if estimated_amount is None else Decimal(str(estimated_amount)),
                deadline=deadline,
                reminder_on=deadline - timedelta(days=7) if deadline else None,
                helper_user=helper_user,
            )
    except IntegrityError as error:
        raise ValidationError({"benefit": "Une démarche est déjà en cours pour ce droit."}) from error
    ProcedureStep.objects.create(
        procedure=procedure,
        to_state=ProcedureState.TO_CHECK,
        occurred_on=timezone.localdate(),
        actor=actor,
        note="Démarche ouverte.",
    )
    ProcedureDocument.objects.bulk_create(
        [ProcedureDocument(procedure=procedure, label=label) for label in DOCUMENTS.get(benefit, [])]
    )
    audit_record(
        actor=actor,
        person_id=person.pk,
        category=Category.PROCEDURES,
        action=AuditAction.WRITE,
        detail=f"démarche ouverte : {benefit}",
    )
    return procedure


@transaction.atomic
def procedure_transition(
    *, actor: User, procedure: Procedure, to_state: str, occurred_on: date | None = None, note: str = ""
) -> ProcedureStep:
    require(actor, Action.CHANGE, procedure.person_id, Category.PROCEDURES)
    locked = Procedure.objects.select_for_update().get(pk=procedure.pk)
    if to_state not in TRANSITIONS.get(locked.state, frozenset()):
        raise ValidationError(
            {
                "to_state": (
                    f"Passer de « {locked.get_state_display()} » à « {ProcedureState(to_state).label} » "
                    "n'est pas possible."
                    if to_state in ProcedureState.values
                    else "Cet état n'existe pas."
                )
            }
        )
    day = occurred_on or timezone.localdate()
    if day > timezone.localdate():
        raise ValidationError({"occurred_on": "La date d'une étape ne peut pas être dans le futur."})
    step = ProcedureStep.objects.create(
        procedure=locked, from_state=locked.state, to_state=to_state, occurred_on=day, actor=actor, note=note.strip()
    )
    locked.state = to_state
    locked.save(update_fields=["state", "updated_at"])
    audit_record(
        actor=actor,
        person_id=locked.person_id,
        category=Category.PROCEDURES,
        action=AuditAction.WRITE,
        detail=f"démarche {locked.benefit} : {to_state}",
    )
    notify_person_of(
        actor=actor,
        person=locked.person,
        kind=NotificationKind.PROCEDURE_STEP,
        text=f"Votre démarche « {locked.get_benefit_display()} » avance : {ProcedureState(to_state).label.lower()}.",
        link="portal:procedures",
    )
    procedure.state = to_state
    return step


@transaction.atomic
def procedure_update(*, actor: User, procedure: Procedure, **changes: Any) -> Procedure:
    """Deadline, reminder date and helper."""
    require(actor, Action.CHANGE, procedure.person_id, Category.PROCEDURES)
    allowed = {"deadline", "reminder_on", "helper"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError({field: "Ce champ n'existe pas." for field in unknown})
    if "helper" in changes and changes["helper"] not in Helper.values:
        raise ValidationError({"helper": "Choisissez qui aide pour cette démarche."})
    deadline = changes.get("deadline", procedure.deadline)
    reminder = changes.get("reminder_on", procedure.reminder_on)
    if deadline and reminder and reminder > deadline:
        raise ValidationError({"reminder_on": "Le rappel doit précéder l'échéance."})
    for field, value in changes.items():
        setattr(procedure, field, value)
    if "reminder_on" in changes:
        procedure.reminder_sent_on = None
    procedure.save()
    audit_record(
        actor=actor,
        person_id=procedure.person_id,
        category=Category.PROCEDURES,
        action=AuditAction.WRITE,
        detail=f"démarche {procedure.benefit} : " + ", ".join(sorted(changes)),
    )
    return procedure


@transaction.atomic
def procedure_document_set(*, actor: User, procedure: Procedure, label: str, provided: bool) -> ProcedureDocument:
    require(actor, Action.CHANGE, procedure.person_id, Category.PROCEDURES)
    label = label.strip()
    if not label:
        raise ValidationError({"label": "Indiquez le nom de la pièce."})
    document, _ = ProcedureDocument.objects.get_or_create(procedure=procedure, label=label[:200])
    document.provided_on = timezone.localdate() if provided else None
    document.save(update_fields=["provided_on"])
    audit_record(
        actor=actor,
        person_id=procedure.person_id,
        category=Category.PROCEDURES,
        action=AuditAction.WRITE,
        detail=f"pièce : {label[:60]}",
    )
    return document
