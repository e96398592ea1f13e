from django.db.models import QuerySet

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import (
    AccessDenied,
    can,
    order_by_visible_name,
    own_person_id,
    persons_visible_to,
    require,
    search_persons,
)
from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record

from .models import FileRequest, Person


def person_get(*, actor: User, person_id: int, category: Category) -> Person:
    """Fetches a person through the policy and records the read. Forbidden or missing: 404."""
    person = persons_visible_to(actor).filter(pk=person_id).first()
    if person is None or not can(actor, Action.VIEW, person, category):
        raise AccessDenied("Introuvable.")
    audit_record(actor=actor, person_id=person.pk, category=category, action=AuditAction.READ)
    return person


def person_search(*, actor: User, text: str = "") -> QuerySet[Person]:
    """The persons the actor may open whose visible name matches `text`, sorted by the name they see."""
    queryset = search_persons(actor, persons_visible_to(actor), text)
    return order_by_visible_name(actor, queryset)


def file_requests_for(*, actor: User, person: Person) -> list[FileRequest]:
    """The person's requests, newest first: for her, and for whoever may change her identity."""
    if own_person_id(actor) != person.pk:
        require(actor, Action.CHANGE, person, Category.IDENTITY)
    audit_record(actor=actor, person_id=person.pk, category=Category.IDENTITY, action=AuditAction.READ)
    return list(FileRequest.objects.filter(person=person).select_related("answered_by"))
