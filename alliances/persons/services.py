from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import require
from alliances.accounts.models import User
from alliances.accounts.phone import normalize_phone
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record
from alliances.core.validation import check_birth_date

from .enums import ContactChannel
from .models import Person

#: Fields a person's identity and contact are made of (what `person_update` may change).
IDENTITY_FIELDS = (
    "last_name",
    "first_names",
    "preferred_name",
    "birth_date",
    "email",
    "phone",
    "address",
    "languages",
    "accessibility_needs",
    "preferred_channel",
)


@dataclass(frozen=True)
class PersonData:
    last_name: str
    first_names: str
    birth_date: date
    preferred_name: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    languages: str = ""
    accessibility_needs: str = ""
    preferred_channel: str = ContactChannel.PHONE


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    for field in ("last_name", "first_names"):
        if field in values:
            values[field] = (values[field] or "").strip()
            if not values[field]:
                errors[field] = "Ce champ est obligatoire."
    if "birth_date" in values:
        try:
            check_birth_date(values["birth_date"])
        except ValidationError as error:
            errors.update({key: msgs[0] for key, msgs in error.message_dict.items()})
    if values.get("phone"):
        phone = normalize_phone(values["phone"])
        if phone is None:
            errors["phone"] = "Ce numéro de téléphone n'est pas valide (exemple : 06 12 34 56 78)."
        else:
            values["phone"] = phone
    if "preferred_channel" in values and values["preferred_channel"] not in ContactChannel.values:
        errors["preferred_channel"] = "Choisissez un moyen de contact dans la liste."
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def person_create(*, actor: User | None, data: PersonData, account: User | None = None) -> Person:
    """Creates a person's file. The actor must be allowed to create households (referent, officer)."""
    from alliances.access.policy import can_create_household

    if actor is not None and not can_create_household(actor):
        raise ValidationError("Vous ne pouvez pas créer de dossier.")
    values = _clean(dict(data.__dict__))
    person = Person(**values, account=account)
    person.full_clean()
    person.save()
    audit_record(
        actor=actor,
        person_id=person.pk,
        category=Category.IDENTITY,
        action=AuditAction.WRITE,
        detail="création du dossier",
    )
    return person


@transaction.atomic
def person_update(*, actor: User, person: Person, **changes: Any) -> Person:
    require(actor, Action.CHANGE, person, Category.IDENTITY)
    unknown = set(changes) - set(IDENTITY_FIELDS)
    if unknown:
        raise ValidationError({field: "Ce champ n'existe pas." for field in sorted(unknown)})
    values = _clean(dict(changes))
    locked = Person.objects.select_for_update().get(pk=person.pk)
    for field, value in values.items():
        setattr(locked, field, value)
    locked.full_clean()
    locked.save()
    audit_record(
        actor=actor,
        person_id=locked.pk,
        category=Category.IDENTITY,
        action=AuditAction.WRITE,
        detail="modification : " + ", ".join(sorted(values)),
    )
    return locked
