"""The persons on a worker's list, filtered and annotated with their household's housing. Persons do not
know households (households build on persons): what joins the two lives here."""

from django.db.models import OuterRef, Q, QuerySet, Subquery

from alliances.access.categories import Category
from alliances.access.policy import filter_on_category, order_by_visible_name, persons_visible_to, search_persons
from alliances.accounts.models import User
from alliances.households.models import Housing, Member
from alliances.persons.models import Person


def caseload_for(
    *, actor: User, text: str = "", commune: str = "", housing: str = "", portal: str = ""
) -> QuerySet[Person]:
    """The persons on the actor's list: referred, shared with them, or all for an RMG officer."""
    queryset = search_persons(actor, persons_visible_to(actor), text)
    # Filters read household and identity data: they only match persons whose data the actor may view.
    # Subqueries, not joins: no duplicate rows, so no DISTINCT (which PostgreSQL cannot sort by expressions).
    if commune:
        households = Member.objects.filter(household__housing__commune_code=commune).values("person_id")
        queryset = filter_on_category(actor, queryset, Category.HOUSEHOLD, Q(pk__in=households))
    if housing:
        households = Member.objects.filter(household__housing__status=housing).values("person_id")
        queryset = filter_on_category(actor, queryset, Category.HOUSEHOLD, Q(pk__in=households))
    if portal in ("yes", "no"):
        queryset = filter_on_category(actor, queryset, Category.IDENTITY, Q(account__isnull=portal == "no"))
    dwelling = Housing.objects.filter(
        household__members__person=OuterRef("pk"), household__members__left_on__isnull=True
    )
    queryset = queryset.annotate(
        housing_status=Subquery(dwelling.values("status")[:1]),
        housing_commune=Subquery(dwelling.values("commune_code")[:1]),
    )
    return order_by_visible_name(actor, queryset)
