"""A referent and a person each fill in a bonds reading; both see the radar with the two readings."""

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from alliances.assessments.models import Reading

from ..conftest import World
from ..factories import PASSWORD
from .a11y import assert_accessible, login


def _answer(page: Page, answers: dict[str, str]) -> None:
    for question, value in answers.items():
        page.get_by_role("group", name=question).locator("label", has_text=value).click()


def test_referent_and_person_each_read_the_bonds_and_both_see_the_radar(
    page: Page,
    live_server: LiveServer,
    transactional_db: None,
    world: World,
) -> None:
    referent = world.user("referent_of")
    login(page, live_server.url, referent.email, PASSWORD)
    page.goto(f"{live_server.url}/personnes/{world.person.pk}/liens/")
    expect(page.get_by_role("heading", level=2, name="Liens et évaluations")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Faire une lecture des liens").click()
    assert_accessible(page)
    _answer(
        page,
        {
            "Il y a quelqu'un dans ma famille que je peux appeler si ça va mal": "1 — Un peu",
            "J'ai une activité ou un contrat qui me convient": "0 — Pas du tout",
            "Mes papiers (identité, titre de séjour) sont à jour": "2 — Moyennement",
        },
    )
    page.get_by_role("button", name="Enregistrer la lecture").click()
    expect(page.get_by_text("La lecture est enregistrée.")).to_be_visible()
    assert_accessible(page)
    page.context.clear_cookies()

    login(page, live_server.url, "06 00 00 00 01", PASSWORD)
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Mes liens").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes liens")
    page.get_by_role("link", name="Faire ma lecture des liens").click()
    assert_accessible(page)
    _answer(
        page,
        {
            "Il y a quelqu'un dans ma famille que je peux appeler si ça va mal": "4 — Tout à fait",
            "J'ai une activité ou un contrat qui me convient": "1 — Un peu",
            "Mes papiers (identité, titre de séjour) sont à jour": "4 — Tout à fait",
        },
    )
    page.get_by_role("button", name="Enregistrer la lecture").click()
    expect(page.get_by_text("La lecture est enregistrée.")).to_be_visible()
    radar = page.get_by_role("img", name="Les dernières lectures des liens", exact=False)
    expect(radar).to_be_visible()
    assert radar.locator("polygon[stroke='#000091']").count() == 1  # the person's reading
    assert radar.locator("polygon[stroke='#b34000']").count() == 1  # the referent's reading
    table = page.get_by_role("table", name="Dernières lectures, par lien (de 0 à 4)")
    expect(table.get_by_role("row", name="Votre famille 4 1 3")).to_be_visible()  # her words on her page
    assert_accessible(page)
    assert sorted(Reading.objects.values_list("side", flat=True)) == ["person", "worker"]

    # The referent sees the same two readings.
    page.context.clear_cookies()
    login(page, live_server.url, referent.email, PASSWORD)
    page.goto(f"{live_server.url}/personnes/{world.person.pk}/liens/")
    radar = page.get_by_role("img", name="Les dernières lectures des liens", exact=False)
    assert radar.locator("polygon[stroke='#000091']").count() == 1
    assert radar.locator("polygon[stroke='#b34000']").count() == 1
    table = page.get_by_role("table", name="Dernières lectures, par lien (de 0 à 4)")
    expect(table.get_by_role("row", name="Lien de filiation (famille) 4 1 3")).to_be_visible()
    assert_accessible(page)
