from django.db.models import Prefetch, QuerySet

from alliances.circles.models import Ally
from alliances.persons.models import Person

from .models import Sharing, SharingChange


def circle_with_sharings(*, person: Person) -> QuerySet[Ally]:
    """The active allies of a person, each with the categories currently shared with them."""
    return (
        Ally.objects.active()
        .filter(person=person)
        .select_related("user")
        .prefetch_related(Prefetch("sharings", queryset=Sharing.objects.order_by("category")))
        .order_by("role", "started_on", "id")
    )


def sharing_history(*, person: Person, limit: int = 100) -> QuerySet[SharingChange]:
    return SharingChange.objects.filter(person=person).select_related("ally__user", "changed_by")[:limit]
