import pytest
from django.test import Client
from pytest_django.fixtures import DjangoAssertNumQueries

from alliances.households.models import Household, Housing, Member, MonthlyIncome
from alliances.persons.models import Person

from ..conftest import World


def test_housing_form_errors_are_french_and_nothing_changes(world: World, client: Client) -> None:
    client.force_login(world.user("referent_of"))
    response = client.post(
        f"/foyers/{world.household.pk}/logement/",
        {"status": "tenant", "rent": "-3", "commune_code": "35238"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Le loyer ne peut pas être négatif." in response.content.decode()
    assert Housing.objects.get(household=world.household).rent == 450


def test_htmx_member_add_returns_the_section(world: World, client: Client) -> None:
    client.force_login(world.user("referent_of"))
    response = client.post(
        f"/foyers/{world.household.pk}/membres/",
        {"first_name": "Léo", "last_name": "Martin", "birth_date": "2019-04-01", "role": "child"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="foyer-membres"')
    assert "Léo Martin" in html
    assert Member.objects.filter(household=world.household).count() == 2


def test_second_applicant_is_refused_in_the_form(world: World, client: Client) -> None:
    client.force_login(world.user("referent_of"))
    response = client.post(
        f"/foyers/{world.household.pk}/membres/",
        {"first_name": "Z", "last_name": "Z", "birth_date": "1970-01-01", "role": "applicant"},
    )
    assert response.status_code == 200
    assert "seul demandeur" in response.content.decode()
    assert Member.objects.filter(household=world.household).count() == 1


def test_income_form_rejects_a_bad_month(world: World, client: Client) -> None:
    client.force_login(world.user("officer"))
    member = world.household.members.get()
    response = client.post(
        f"/foyers/{world.household.pk}/ressources/",
        {"member": member.pk, "income_type": "pension", "month": "2026-13", "amount": "10"},
        HTTP_HX_REQUEST="true",
    )
    assert "Saisissez un mois" in response.content.decode()
    assert not MonthlyIncome.objects.exists()


def test_open_a_file_all_or_nothing(world: World, client: Client) -> None:
    client.force_login(world.user("referent_of"))
    counts = (Person.objects.count(), Household.objects.count())
    bad = client.post(
        "/foyers/nouveau/",
        {
            "last_name": "Durand",
            "first_names": "Sam",
            "birth_date": "2999-01-01",
            "status": "tenant",
            "rent": "400",
            "commune_code": "35238",
        },
    )
    assert "dans le futur" in bad.content.decode()
    assert (Person.objects.count(), Household.objects.count()) == counts
    good = client.post(
        "/foyers/nouveau/",
        {
            "last_name": "Durand",
            "first_names": "Sam",
            "birth_date": "1990-01-01",
            "status": "tenant",
            "rent": "400",
            "commune_code": "35238",
        },
    )
    assert good.status_code == 302
    person = Person.objects.get(last_name="Durand")
    assert person.allies.get().user == world.user("referent_of")


def test_caseload_search_and_filters(world: World, client: Client) -> None:
    client.force_login(world.user("officer"))
    html = client.get("/personnes/", {"q": "mart"}).content.decode()
    assert "Camille Martin" in html and "Dominique Robert" not in html
    html = client.get("/personnes/", {"portal": "no"}).content.decode()
    assert "Camille Martin" not in html
    html = client.get("/personnes/", {"commune": "35238", "housing": "tenant"}).content.decode()
    assert "Camille Martin" in html


def test_portal_sharing_withdrawal(world: World, client: Client) -> None:
    client.force_login(world.user("person_self"))
    ally = world.person.allies.get(user=world.user("mediator_shared"))
    response = client.post("/mon-espace/partages/", {"ally": ally.pk, "category": "household", "grant": "0"})
    assert response.status_code == 302
    assert not ally.sharings.filter(category="household").exists()
    client.force_login(world.user("mediator_shared"))
    assert client.get(f"/personnes/{world.person.pk}/foyer/").status_code == 404


def test_steering_shows_counts_not_names(world: World, client: Client) -> None:
    client.force_login(world.user("manager"))
    html = client.get("/pilotage/").content.decode()
    assert world.person.display_name not in html and world.other_person.display_name not in html
    assert "/personnes/" not in html  # no link to any file
    assert "personnes accompagnées" in html


def test_caseload_queries_do_not_grow_with_the_rows(
    world: World, client: Client, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    from ..factories import PersonFactory, ally, household_for

    referent = world.user("referent_of")
    for _ in range(20):
        person = PersonFactory.create()
        household_for(person)
        ally(person, referent)
    client.force_login(referent)
    with django_assert_max_num_queries(15):
        html = client.get("/personnes/").content.decode()
    import re

    assert len(re.findall(r'href="/personnes/\d+/"', html)) == 21 and "Locataire" in html and "35238" in html


@pytest.mark.parametrize("rate", ["150", "-5", "abc", "1e400"])
def test_a_disability_rate_out_of_range_is_a_french_message_not_a_server_error(
    world: World, client: Client, rate: str
) -> None:
    """Security review, finding 8: 150 % gave a 500 (the message went through %-formatting)."""
    client.force_login(world.user("referent_of"))
    response = client.post(
        f"/foyers/{world.household.pk}/membres/",
        {
            "first_name": "Léo",
            "last_name": "Martin",
            "birth_date": "2019-04-01",
            "role": "child",
            "disability_rate": rate,
        },
    )
    assert response.status_code in {200, 400}
    assert Member.objects.filter(household=world.household).count() == 1


def test_no_form_error_message_breaks_on_its_parameters() -> None:
    """Every error message of every form field survives Django's %-formatting with its parameters."""
    import importlib
    import pkgutil

    from django import forms

    import alliances.www

    for module in pkgutil.walk_packages(alliances.www.__path__, "alliances.www."):
        if module.name.endswith(".forms"):
            importlib.import_module(module.name)
    seen = 0

    def subclasses(cls: type) -> list[type]:
        return [cls, *[s for sub in cls.__subclasses__() for s in subclasses(sub)]]

    params = {"limit_value": 1, "show_value": 2, "max": 3, "value": "x", "num": 1, "max_digits": 5}
    params |= {"max_decimal_places": 2, "max_whole_digits": 3, "length": 1, "list": "x", "field_label": "x"}
    for form in subclasses(forms.BaseForm):
        if not form.__module__.startswith("alliances."):
            continue
        for name, field in getattr(form, "base_fields", {}).items():
            for code, message in field.error_messages.items():
                seen += 1
                try:
                    str(message) % params
                except (ValueError, TypeError) as error:
                    raise AssertionError(f"{form.__name__}.{name} [{code}]: {message!r}") from error
    assert seen > 50
