"""Group sessions (workshops): a worker organises one with a capacity, persons sign up and may leave."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import (
    can_organise_workshops,
    can_propose_workshops,
    can_validate_workshops,
    may_manage_workshop,
    require,
)
from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record
from alliances.mediation.catalogue import catalogue
from alliances.notifications.enums import NotificationKind
from alliances.notifications.services import notify
from alliances.persons.models import Person

from .models import Office, Workshop, WorkshopSignup

FULL = "Cet atelier est complet. Demandez à l'équipe s'il y aura une autre date."


@transaction.atomic
def workshop_create(
    *,
    actor: User,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    capacity: int,
    description: str = "",
    office: Office | None = None,
    place_text: str = "",
    theme: str = "",
    procedure_code: str = "",
) -> Workshop:
    """A workshop organised by the team, or proposed by a mediator or a peer (who offered to help).

    A referent's or a manager's is published at once; a mediator's or a peer's waits for one of them to
    validate it (`workshop_validate`).
    """
    if not (can_organise_workshops(actor) or can_propose_workshops(actor)):
        raise ValidationError({"title": "Seule l'équipe du CCAS et les pairs organisent des ateliers."})
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "Donnez un titre à l'atelier."
    if starts_at <= timezone.now():
        errors["starts_at"] = "Cet atelier est dans le passé."
    elif ends_at <= starts_at:
        errors["ends_at"] = "La fin doit suivre le début."
    if capacity < 1:
        errors["capacity"] = "Il faut au moins une place."
    if office is None and not place_text.strip():
        errors["place_text"] = "Dites où a lieu l'atelier : un accueil du CCAS ou un autre lieu."
    known = catalogue()
    if theme and known.theme(theme) is None:
        errors["theme"] = "Choisissez un thème dans la liste."
    if procedure_code and known.procedure(procedure_code) is None:
        errors["procedure_code"] = "Choisissez une démarche dans le catalogue."
    if errors:
        raise ValidationError(errors)
    published = can_validate_workshops(actor)
    return Workshop.objects.create(
        title=title.strip(),
        description=description.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        office=office,
        place_text="" if office is not None else place_text.strip(),
        organiser=actor,
        theme=theme,
        procedure_code=procedure_code,
        validated_at=timezone.now() if published else None,
        validated_by=actor if published else None,
    )


@transaction.atomic
def workshop_validate(*, actor: User, workshop: Workshop, publish: bool = True) -> Workshop:
    """A referent or a manager publishes a proposed workshop, or declines it (it is then cancelled)."""
    if not can_validate_workshops(actor):
        raise ValidationError({"workshop": "Un·e référent·e ou un·e cadre valide les ateliers proposés."})
    locked = Workshop.objects.select_for_update(of=("self",)).select_related("organiser").get(pk=workshop.pk)
    if locked.validated_at is not None or locked.cancelled_at is not None:
        raise ValidationError({"workshop": "Cette proposition a déjà reçu une réponse."})
    if publish:
        locked.validated_at, locked.validated_by = timezone.now(), actor
        locked.save(update_fields=["validated_at", "validated_by"])
    else:
        locked.cancelled_at = timezone.now()
        locked.save(update_fields=["cancelled_at"])
    proposer = Person.objects.filter(account=locked.organiser).first()
    if proposer is not None:  # a peer: told in their space, by their channel
        notify(
            person=proposer,
            kind=NotificationKind.WORKSHOP_ANSWERED,
            text=f"Votre atelier « {locked.title[:80]} » est publié. Merci !"
            if publish
            else f"Votre atelier « {locked.title[:80]} » n'a pas pu être retenu. Parlez-en avec votre référent·e.",
            link="portal:workshops",
        )
    return locked


@transaction.atomic
def workshop_cancel(*, actor: User, workshop: Workshop) -> Workshop:
    locked = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if not may_manage_workshop(actor, locked.organiser_id):
        raise ValidationError({"workshop": "Seul·e l'organisateur·rice annule l'atelier."})
    if locked.cancelled_at is None:
        locked.cancelled_at = timezone.now()
        locked.save(update_fields=["cancelled_at"])
    return locked


@transaction.atomic
def workshop_signup(*, actor: User, workshop: Workshop, person: Person) -> WorkshopSignup:
    """The person signs up (or their referent, for them). The last place goes to one person only."""
    require(actor, Action.CHANGE, person, Category.MEETINGS)
    locked = Workshop.objects.select_for_update().get(pk=workshop.pk)  # one sign-up at a time per workshop
    if locked.cancelled_at is not None:
        raise ValidationError({"workshop": "Cet atelier est annulé."})
    if locked.validated_at is None:
        raise ValidationError({"workshop": "Cet atelier n'est pas encore publié."})
    if locked.starts_at <= timezone.now():
        raise ValidationError({"workshop": "Cet atelier a déjà commencé."})
    active = WorkshopSignup.objects.filter(workshop=locked, left_at__isnull=True)
    if active.filter(person=person).exists():
        raise ValidationError({"workshop": "Vous êtes déjà inscrit·e à cet atelier."})
    if active.count() >= locked.capacity:
        raise ValidationError({"workshop": FULL})
    try:
        with transaction.atomic():
            signup = WorkshopSignup.objects.create(workshop=locked, person=person, signed_by=actor)
    except IntegrityError as error:
        raise ValidationError({"workshop": "Vous êtes déjà inscrit·e à cet atelier."}) from error
    audit_record(
        actor=actor, person_id=person.pk, category=Category.MEETINGS, action=AuditAction.WRITE, detail="atelier"
    )
    return signup


@transaction.atomic
def workshop_leave(*, actor: User, workshop: Workshop, person: Person) -> bool:
    """The person frees their place; the row stays, dated. Leaving a workshop one is not in changes nothing."""
    require(actor, Action.CHANGE, person, Category.MEETINGS)
    active = WorkshopSignup.objects.select_for_update().filter(workshop=workshop, left_at__isnull=True)
    signup = active.filter(person=person).first()
    if signup is None:
        return False
    signup.left_at = timezone.now()
    signup.save(update_fields=["left_at"])
    audit_record(
        actor=actor,
        person_id=person.pk,
        category=Category.MEETINGS,
        action=AuditAction.WRITE,
        detail="désinscription d'un atelier",
    )
    return True
