"""Every page of the access matrix costs the same number of queries whatever the data (issue 19): each
GET route is read, as one actor allowed to open it, before and after the world grows (more persons on
every worker's list, more journal entries, goals, readings, notifications and incomes); the counts must
be equal. A page whose count grows with the rows has an N+1 query: fix it at its selector."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alliances.access.categories import SHAREABLE
from alliances.circles.enums import AllyRole, InteractionKind, LinkType
from alliances.circles.services import interaction_record
from alliances.consent.models import Sharing
from alliances.goals.services import goal_create
from alliances.households.enums import IncomeType
from alliances.households.models import Member, MonthlyIncome
from alliances.notifications.enums import NotificationKind
from alliances.notifications.services import notify

from ..conftest import World
from ..factories import PersonFactory, ally, household_for
from ..routes import ROUTES, Route

#: The actor each page is read as: the first of these it allows.
PREFERRED = [
    "referent_of",
    "person_self",
    "officer",
    "manager",
    "mediator_shared",
    "peer_ally",
    "partner_ally",
    "admin",
    "person_other",
    "referent_other",
    "mediator_unshared",
]


def _pages() -> list[tuple[Route, str]]:
    pages = []
    for route in ROUTES:
        if route.method != "get" or not route.allowed:
            continue
        actor = next((name for name in PREFERRED if name in route.allowed), None)
        if actor is not None:
            pages.append((route, actor))
    return pages


def _count(client: Client, world: World, route: Route, actor: str) -> int:
    client.force_login(world.user(actor))
    url = route.url(world)
    client.get(url)  # warm: per-process caches (translations, site settings, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)  # the API accepts the session too
    assert response.status_code < 400, (route.name, actor, response.status_code)
    return len(queries)


def _grow(world: World, count: int) -> None:
    """More of everything the pages list: persons on each worker's list, with a household and incomes, and
    more entries in the person's own journal, plan and messages."""
    referent, mediator = world.user("referent_of"), world.user("mediator_shared")
    partner, peer = world.user("partner_ally"), world.user("peer_ally")
    for index in range(count):
        person = PersonFactory.create()
        household_for(person)
        member = Member.objects.get(person=person)
        for month in (date(2026, 9, 1), date(2026, 10, 1)):
            MonthlyIncome.objects.create(
                member=member, income_type=IncomeType.SALARY_NET, month=month, amount=Decimal(500 + index)
            )
        ally(person, referent)
        for user, role in ((mediator, AllyRole.MEDIATOR), (partner, AllyRole.PARTNER), (peer, AllyRole.PEER)):
            shared = ally(person, user, role)
            Sharing.objects.bulk_create(Sharing(ally=shared, category=c, granted_at=timezone.now()) for c in SHAREABLE)
        interaction_record(
            actor=referent,
            person=world.person,
            occurred_on=date(2026, 11, 1) - timedelta(days=index),
            kind=InteractionKind.CALL,
            summary=f"Appel {index}",
            link_types=[LinkType.CONSIDERATION],
            bond="workers",
        )
        goal_create(actor=world.user("person_self"), person=world.person, text=f"Objectif {index}", bond="work")
        notify(person=world.person, kind=NotificationKind.SESSION_TO_CONFIRM, text=f"Message {index}.")


@pytest.mark.django_db
def test_no_page_costs_more_queries_when_the_data_grows(world: World, client: Client) -> None:
    pages = _pages()
    assert len(pages) > 80
    for route, _ in pages:  # the objects the routes act on exist before any page is counted
        route.url(world)
    _grow(world, 2)  # every list has rows: a prefetch is not skipped for want of rows at one size only
    before = {(route.name, actor): _count(client, world, route, actor) for route, actor in pages}
    _grow(world, 5)
    after = {(route.name, actor): _count(client, world, route, actor) for route, actor in pages}
    grown = {page: (before[page], after[page]) for page in before if after[page] != before[page]}
    assert not grown, f"Pages whose query count changes with the data (before, after): {grown}"
