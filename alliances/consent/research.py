"""Research use of one's data: a consent of its own ("recherche"), off by default, given and withdrawn by
the person (or her referent, at her request), each change kept with its date."""

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import require
from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record
from alliances.persons.models import Person

from .models import ResearchConsent, ResearchConsentChange


@transaction.atomic
def research_consent_set(*, actor: User, person: Person, granted: bool) -> bool:
    """Gives or withdraws the agreement; returns whether anything changed."""
    require(actor, Action.CHANGE, person.pk, Category.CONSENT)
    Person.objects.select_for_update().filter(pk=person.pk).first()
    if granted:
        _, changed = ResearchConsent.objects.get_or_create(person=person, defaults={"granted_at": timezone.now()})
    else:
        changed = ResearchConsent.objects.filter(person=person).delete()[0] > 0
    if changed:
        ResearchConsentChange.objects.create(person=person, granted=granted, changed_by=actor)
        audit_record(
            actor=actor,
            person_id=person.pk,
            category=Category.CONSENT,
            action=AuditAction.WRITE,
            detail="recherche : accord donné" if granted else "recherche : accord retiré",
        )
    return changed


def research_consent_given(*, person: Person) -> bool:
    return ResearchConsent.objects.filter(person=person).exists()


def research_consenting() -> QuerySet[Person]:
    """The persons who agree today (an export only ever reads these)."""
    return Person.objects.filter(research_consent__isnull=False)
