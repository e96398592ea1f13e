"""Every page that concerns the person is reachable from her menu (issue 20: her incomes and birth date
were only at a staff address no page linked to, and "Mes échanges" was linked from nowhere)."""

from datetime import date
from decimal import Decimal

from django.test import Client
from django.urls import reverse

from alliances.households.models import Member, MonthlyIncome

from ..conftest import World

PERSON_PAGES = [
    "portal:home",
    "portal:household",
    "portal:meetings",
    "portal:circle",
    "portal:peers",
    "portal:bonds",
    "portal:plan",
    "portal:interactions",
    "portal:rights",
    "portal:procedures",
    "portal:mandates",
    "portal:messages",
    "portal:income",
    "portal:access_log",
    "portal:requests",
    "portal:data",
]


def test_her_menu_reaches_every_page_of_her_space(world: World, client: Client) -> None:
    client.force_login(world.user("person_self"))
    page = client.get(reverse("portal:home")).content.decode()
    menu = page.split('id="navigation-principale"')[1].split("</nav>")[0]
    for name in PERSON_PAGES:
        assert f'href="{reverse(name)}"' in menu, name


def test_her_household_incomes_and_birth_date_are_in_her_space(world: World, client: Client) -> None:
    member = Member.objects.get(person=world.person)
    MonthlyIncome.objects.create(member=member, income_type="salary_net", month=date(2026, 10, 1), amount=Decimal(350))
    client.force_login(world.user("person_self"))
    page = client.get(reverse("portal:household")).content.decode()
    assert world.person.birth_date.strftime("%d/%m/%Y") in page
    assert "350" in page
    assert "Cette personne" not in page


def test_person_pages_have_no_api_link(world: World, client: Client) -> None:
    """Issue 20: the footer's "API" link opened a blank page for her."""
    client.force_login(world.user("person_self"))
    assert 'href="/api/docs"' not in client.get(reverse("portal:home")).content.decode()
    client.force_login(world.user("referent_of"))
    assert 'href="/api/docs"' in client.get(reverse("caseload")).content.decode()


def test_a_relative_without_a_file_is_not_offered_pages_she_has_not(world: World, client: Client) -> None:
    from ..factories import UserFactory

    client.force_login(UserFactory.create(person=True))
    page = client.get(reverse("portal:home")).content.decode()
    menu = page.split('id="navigation-principale"')[1].split("</nav>")[0]
    assert f'href="{reverse("portal:home")}"' in menu
    assert f'href="{reverse("portal:household")}"' not in menu
