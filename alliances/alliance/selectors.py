from typing import Any

from django.db.models import Count, Q

from alliances.accounts.enums import Role
from alliances.accounts.models import User
from alliances.households.models import Household
from alliances.persons.models import Person

from .enums import AllyRole
from .models import Ally


def caseload_aggregates() -> dict[str, Any]:
    """Counts only: persons per referent and per mediator, totals. No names of persons."""
    active = Q(alliances__ended_on__isnull=True)
    referents = (
        User.objects.filter(role=Role.REFERENT, is_active=True)
        .annotate(persons=Count("alliances", filter=active & Q(alliances__role=AllyRole.REFERENT)))
        .order_by("last_name", "first_name")
    )
    mediators = (
        User.objects.filter(role=Role.MEDIATOR, is_active=True)
        .annotate(persons=Count("alliances", filter=active & Q(alliances__role=AllyRole.MEDIATOR)))
        .order_by("last_name", "first_name")
    )
    persons = Person.objects.count()
    with_referent = Ally.objects.active().filter(role=AllyRole.REFERENT).values("person").distinct().count()
    referent_rows = list(referents)
    loads = [row.persons for row in referent_rows]
    return {
        "referents": referent_rows,
        "mediators": list(mediators),
        "total_persons": persons,
        "total_households": Household.objects.count(),
        "persons_without_referent": persons - with_referent,
        "persons_with_portal": Person.objects.filter(account__isnull=False).count(),
        "average_caseload": round(sum(loads) / len(loads), 1) if loads else 0,
    }
