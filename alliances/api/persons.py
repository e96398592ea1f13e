from typing import Any

from ninja import Router, Status
from ninja.pagination import paginate

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import (
    AccessDenied,
    can,
    name_visible_to,
    persons_visible_to,
    preload,
    visible_categories,
)
from alliances.accounts.models import User
from alliances.accounts.requests import AuthenticatedRequest
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record_many
from alliances.households.selectors import household_id_of_person
from alliances.persons.models import Person
from alliances.persons.selectors import person_get, person_search
from alliances.persons.services import IDENTITY_FIELDS

from .params import BoundedPageNumberPagination, Id
from .schemas import PersonOut, PersonSummaryOut

router = Router(tags=["Personnes"])


class AuditedPagination(BoundedPageNumberPagination):
    """Page-number pagination that records one identity read per person returned."""

    def paginate_queryset(self, queryset, pagination, request, **params):  # type: ignore[no-untyped-def]
        result = super().paginate_queryset(queryset, pagination, request, **params)
        actor: User = request.user
        persons = list(result["items"])
        preload(actor, [p.pk for p in persons])  # what the policy needs for the page, in one query
        items = [{"id": p.pk, "name": name_visible_to(actor, p)} for p in persons]
        audit_record_many(
            actor=actor,
            person_ids=[item["id"] for item in items],
            category=Category.IDENTITY,
            action=AuditAction.READ,
            detail="API : liste des personnes",
        )
        return {**result, "items": items}


@router.get("/persons", response=list[PersonSummaryOut], summary="Personnes visibles")
@paginate(AuditedPagination)
def list_persons(request: AuthenticatedRequest, q: str = "") -> Any:
    """The persons whose file the caller may open (name only when identity is not shared)."""
    return person_search(actor=request.user, text=q)


@router.get("/persons/{person_id}", response=PersonOut, summary="Lire une personne")
def read_person(request: AuthenticatedRequest, person_id: Id) -> Status[Any]:
    actor = request.user
    person: Person | None = persons_visible_to(actor).filter(pk=person_id).first()
    if person is None:
        raise AccessDenied
    categories = [c.value for c in visible_categories(actor, person)]
    data: dict[str, object] = {"id": person.pk, "name": name_visible_to(actor, person), "shared_categories": categories}
    if can(actor, Action.VIEW, person, Category.IDENTITY):
        person = person_get(actor=actor, person_id=person_id, category=Category.IDENTITY)
        for field in IDENTITY_FIELDS:
            data[field] = getattr(person, field)
    else:  # only the name the actor may see (a first name): still a recorded read
        audit_record_many(
            actor=actor,
            person_ids=[person.pk],
            category=Category.IDENTITY,
            action=AuditAction.READ,
            detail="nom seulement",
        )
    if can(actor, Action.VIEW, person, Category.HOUSEHOLD):
        data["household_id"] = household_id_of_person(person=person)
    return Status(200, data)
