from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import forget, require
from alliances.accounts.enums import PERSON_ROLES, Role
from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record
from alliances.core.validation import today
from alliances.persons.models import Person

from .enums import AllyRole
from .models import Ally

# Which account roles may hold which place in a circle.
_ROLE_ACCOUNTS: dict[str, frozenset[str]] = {
    AllyRole.REFERENT: frozenset({Role.REFERENT}),
    AllyRole.MEDIATOR: frozenset({Role.MEDIATOR}),
    AllyRole.PEER: PERSON_ROLES,
    AllyRole.PARTNER: frozenset({Role.PARTNER}),
    AllyRole.OTHER: frozenset({Role.PARTNER, *PERSON_ROLES}),
}


@transaction.atomic
def ally_add(
    *, actor: User | None, person: Person, user: User, role: str, started_on: date | None = None, note: str = ""
) -> Ally:
    """Adds someone to a person's circle. `actor` None means the platform itself (demo, import)."""
    if actor is not None:
        require(actor, Action.CHANGE, person, Category.CONSENT)
    if role not in AllyRole.values:
        raise ValidationError({"role": "Choisissez un rôle dans la liste."})
    if user.role not in _ROLE_ACCOUNTS[role]:
        raise ValidationError({"user": "Ce compte ne peut pas tenir ce rôle dans le cercle."})
    if getattr(user, "person", None) is not None and user.person.pk == person.pk:
        raise ValidationError({"user": "La personne ne peut pas être sa propre alliée."})
    Person.objects.select_for_update().filter(pk=person.pk).first()
    active = Ally.objects.active().filter(person=person)
    if active.filter(user=user).exists():
        raise ValidationError({"user": "Cette personne fait déjà partie du cercle."})
    if role == AllyRole.REFERENT and active.filter(role=AllyRole.REFERENT).exists():
        raise ValidationError({"role": "La personne a déjà un·e référent·e unique. Faites un passage de relais."})
    try:
        with transaction.atomic():
            ally = Ally.objects.create(
                person=person, user=user, role=role, started_on=started_on or today(), note=note.strip()
            )
    except IntegrityError as error:
        raise ValidationError({"user": "Cette personne fait déjà partie du cercle."}) from error
    audit_record(
        actor=actor,
        person_id=person.pk,
        category=Category.CONSENT,
        action=AuditAction.WRITE,
        detail=f"ajout au cercle ({role})",
    )
    forget(user)
    return ally
