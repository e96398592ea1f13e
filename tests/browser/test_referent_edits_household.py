from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from alliances.households.models import Housing, Member

from ..conftest import World
from ..factories import PASSWORD
from .a11y import assert_accessible, login


def test_referent_finds_a_person_and_edits_the_household(
    page: Page,
    live_server: LiveServer,
    transactional_db: None,
    world: World,
) -> None:
    referent = world.user("referent_of")
    login(page, live_server.url, referent.email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes accompagnements")
    assert_accessible(page)

    page.get_by_label("Rechercher par nom ou prénom").fill("Martin")
    page.get_by_role("button", name="Filtrer").click()
    assert_accessible(page)
    page.get_by_role("link", name="Camille Martin").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Camille Martin")
    assert_accessible(page)

    page.get_by_role("link", name="Foyer et ressources").click()
    assert_accessible(page)
    page.get_by_label("Loyer mensuel (€)").fill("-5")
    page.get_by_role("button", name="Enregistrer le logement").click()
    expect(page.get_by_text("Le loyer ne peut pas être négatif.", exact=True)).to_be_visible()
    # The error summary comes first, has the focus, and its link leads to the field to correct.
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name="Loyer mensuel (€) : Le loyer ne peut pas être négatif.").click()
    expect(page.get_by_label("Loyer mensuel (€)")).to_be_focused()
    assert_accessible(page)
    page.get_by_label("Loyer mensuel (€)").fill("515")
    page.get_by_role("button", name="Enregistrer le logement").click()
    expect(page.get_by_text("Le logement a été enregistré.")).to_be_visible()

    members = page.locator("#foyer-membres")
    members.get_by_label("Prénom").fill("Léo")
    members.get_by_label("Nom", exact=True).fill("Martin")
    members.get_by_label("Date de naissance").fill("2019-04-01")
    members.get_by_label("Place dans le foyer").select_option("child")
    page.get_by_role("button", name="Ajouter au foyer").click()
    expect(page.get_by_role("cell", name="Léo Martin", exact=True)).to_be_visible()
    assert_accessible(page)

    assert str(Housing.objects.get(household=world.household).rent) == "515.00"
    assert Member.objects.filter(household=world.household, first_name="Léo").exists()
