from django.db.models import OuterRef, Q, QuerySet, Subquery

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import AccessDenied, can, persons_visible_to
from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record
from alliances.households.models import Housing

from .models import Person


def person_get(*, actor: User, person_id: int, category: Category) -> Person:
    """Fetches a person through the policy and records the read. Forbidden or missing: 404."""
    person = persons_visible_to(actor).filter(pk=person_id).first()
    if person is None or not can(actor, Action.VIEW, person, category):
        raise AccessDenied("Introuvable.")
    audit_record(actor=actor, person_id=person.pk, category=category, action=AuditAction.READ)
    return person


def person_search(*, queryset: QuerySet[Person], text: str = "") -> QuerySet[Person]:
    """Narrows a (policy-filtered) queryset by name, accent- and case-insensitively where possible."""
    for word in text.split():
        queryset = queryset.filter(
            Q(last_name__icontains=word) | Q(first_names__icontains=word) | Q(preferred_name__icontains=word)
        )
    return queryset


def caseload_for(
    *, actor: User, text: str = "", commune: str = "", housing: str = "", portal: str = ""
) -> QuerySet[Person]:
    """The persons on the actor's list: referred, shared with them, or all for an RMG officer."""
    queryset = person_search(queryset=persons_visible_to(actor), text=text)
    if commune:
        queryset = queryset.filter(memberships__household__housing__commune_code=commune)
    if housing:
        queryset = queryset.filter(memberships__household__housing__status=housing)
    if portal == "yes":
        queryset = queryset.filter(account__isnull=False)
    elif portal == "no":
        queryset = queryset.filter(account__isnull=True)
    dwelling = Housing.objects.filter(household__members__person=OuterRef("pk"))
    return (
        queryset.distinct()
        .annotate(
            housing_status=Subquery(dwelling.values("status")[:1]),
            housing_commune=Subquery(dwelling.values("commune_code")[:1]),
        )
        .order_by("last_name", "first_names", "id")
    )
