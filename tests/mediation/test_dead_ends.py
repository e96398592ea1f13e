"""The mediator's dead ends found on the demo: each one, tried through the web as the mediator would."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alliances.access.categories import Category
from alliances.access.policy import forget
from alliances.consent.models import Sharing
from alliances.goals.models import Delegation
from alliances.rights.models import Procedure
from alliances.rights.services import procedure_start

from ..conftest import World


@pytest.fixture
def mediator(world: World) -> Client:
    ally = world.person.allies.get(user=world.user("mediator_shared"))
    Sharing.objects.create(ally=ally, category=Category.PROCEDURES, granted_at=timezone.now())
    forget(world.user("mediator_shared"))
    client = Client()
    client.force_login(world.user("mediator_shared"))
    return client


def test_a_mediator_shared_procedures_finds_them_and_the_way_back(world: World, mediator: Client) -> None:
    procedure = procedure_start(actor=world.user("referent_of"), person=world.person, benefit="css")
    page = mediator.get(reverse("person_procedures", args=[world.person.pk]))
    assert page.status_code == 200
    assert reverse("procedure_detail", args=[procedure.pk]) in page.content.decode()
    detail = mediator.get(reverse("procedure_detail", args=[procedure.pk])).content.decode()
    back = reverse("person_procedures", args=[world.person.pk])
    assert f'href="{back}"' in detail and "Retour aux démarches" in detail
    # The tab is in the file's tabs for the mediator.
    assert f'href="{back}"' in mediator.get(reverse("person_identity", args=[world.person.pk])).content.decode()


def test_a_procedure_started_by_the_mediator_names_the_mediator(world: World, mediator: Client) -> None:
    response = mediator.post(reverse("person_procedure_start", args=[world.person.pk]), {"benefit": "css"})
    assert response.status_code == 302
    procedure = Procedure.objects.get(person=world.person)
    assert procedure.helper == "mediator" and procedure.helper_user == world.user("mediator_shared")


@pytest.mark.parametrize(
    ("helper", "who"), [("alone", None), ("mediator", "mediator_shared"), ("referent", "referent_of")]
)
def test_the_person_chooses_who_helps(world: World, client: Client, helper: str, who: str | None) -> None:
    client.force_login(world.user("person_self"))
    client.post(reverse("portal:procedure_start"), {"benefit": "css", "helper": helper})
    procedure = Procedure.objects.get(person=world.person)
    assert procedure.helper == helper
    assert procedure.helper_user == (world.user(who) if who else None)


def test_the_person_is_offered_the_choice_of_helper(world: World, client: Client) -> None:
    from alliances.rights.models import RightsEstimate

    RightsEstimate.objects.create(
        household=world.household,
        month=timezone.localdate().replace(day=1),
        benefits={"css": 0},
        css="gratuite",
        explanations={},
    )
    client.force_login(world.user("person_self"))
    page = client.get(reverse("portal:rights")).content.decode()
    assert 'name="helper" value="alone"' in page and 'name="helper" value="mediator"' in page


def test_a_delegation_naming_the_mediator_shows_on_their_page(world: World, mediator: Client) -> None:
    Delegation.objects.create(
        person=world.person,
        ally=world.person.allies.get(user=world.user("mediator_shared")),
        task="Faire la mise à jour France Travail",
        decided_by="person",
        person_consented=True,
        started_on=date(2026, 11, 2),
        created_by=world.user("person_self"),
    )
    page = mediator.get(reverse("mediation_desk")).content.decode()
    assert "Faire la mise à jour France Travail" in page


def test_the_mediator_is_not_shown_an_iban_form_they_cannot_save(world: World, mediator: Client) -> None:
    page = mediator.get(reverse("person_income", args=[world.person.pk])).content.decode()
    assert reverse("household_enrollment", args=[world.household.pk]) not in page
    referent = Client()
    referent.force_login(world.user("referent_of"))
    page = referent.get(reverse("person_income", args=[world.person.pk])).content.decode()
    assert reverse("household_enrollment", args=[world.household.pk]) in page


def test_a_rights_procedure_links_to_its_online_procedure(world: World, mediator: Client) -> None:
    procedure = procedure_start(actor=world.user("referent_of"), person=world.person, benefit="css")
    page = mediator.get(reverse("procedure_detail", args=[procedure.pk])).content.decode()
    assert "Demande de complémentaire santé solidaire" in page and "https://www.ameli.fr/" in page
