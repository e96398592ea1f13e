"""On a phone-sized screen, a person proposes from the portal a place they like and a slot; the referent
accepts it from their agenda. axe-core finds nothing on any page of the way."""

import re
from datetime import time

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from alliances.meetings.models import Meeting
from alliances.meetings.services import availability_add

from ..conftest import World
from ..factories import PASSWORD
from .a11y import assert_accessible, login


def test_a_person_proposes_a_place_and_a_slot_on_a_phone_and_the_referent_accepts(
    page: Page,
    live_server: LiveServer,
    transactional_db: None,
    world: World,
) -> None:
    referent = world.user("referent_of")
    for weekday in range(7):  # open every day, so the test does not depend on today's date
        availability_add(actor=referent, weekday=weekday, starts=time(8), ends=time(20))

    page.set_viewport_size({"width": 375, "height": 812})
    login(page, live_server.url, "06 00 00 00 01", PASSWORD)
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Mes rendez-vous").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes rendez-vous")
    assert_accessible(page)
    page.get_by_role("link", name=f"Proposer un rendez-vous à {referent.get_full_name()}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Proposer un rendez-vous")
    assert_accessible(page)

    slots = page.get_by_role("group", name="Créneaux libres", exact=False)
    first_slot = slots.locator(".fr-collapse--expanded .fr-checkbox-group label").first
    hours = re.search(r"de \d\d:\d\d à \d\d:\d\d", first_slot.inner_text())
    assert hours is not None
    first_slot.click()
    page.get_by_role("group", name="Où ?").locator(
        "label", has_text="Un autre lieu, au choix (café, association…)"
    ).click()
    page.get_by_label("Quel lieu ?").fill("Le jardin du Thabor, près du kiosque")
    page.get_by_role("button", name="Envoyer la proposition").click()
    expect(page.get_by_text("Votre proposition est envoyée.")).to_be_visible()
    expect(page.get_by_text("En attente de réponse.")).to_be_visible()
    assert_accessible(page)
    proposal = Meeting.objects.get(status="proposed")
    assert proposal.options.get().place_text == "Le jardin du Thabor, près du kiosque"

    page.context.clear_cookies()
    login(page, live_server.url, referent.email, PASSWORD)
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Mon agenda").first.click()
    assert_accessible(page)
    page.get_by_role("link", name="Camille Martin").first.click()
    expect(page.get_by_text("Le jardin du Thabor, près du kiosque")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("group", name="Le créneau qui vous convient").locator("label").first.click()
    page.get_by_role("button", name="Accepter ce créneau").click()
    expect(page.get_by_text("Le rendez-vous est convenu.")).to_be_visible()
    upcoming = page.locator("section.fr-card", has=page.get_by_role("heading", name=hours.group(0), exact=False))
    expect(upcoming).to_contain_text(f"Avec {referent.get_full_name()} — Le jardin du Thabor, près du kiosque")
    assert_accessible(page)
    agreed = Meeting.objects.get(status="agreed")
    assert agreed.proposed_by == world.user("person_self") and agreed.agreed_by == referent

    # The person sees it agreed, with its history, still on the phone.
    page.context.clear_cookies()
    login(page, live_server.url, "06 00 00 00 01", PASSWORD)
    page.goto(f"{live_server.url}/mon-espace/rendez-vous/")
    expect(page.get_by_text("Avec " + referent.get_full_name(), exact=False)).to_be_visible()
    page.get_by_text("Historique : qui a proposé quoi").first.click()
    expect(page.get_by_text("accepte :", exact=False)).to_be_visible()
    assert_accessible(page)
