"""On a phone, the person acts from her own space (issue 20): she adds her sister to her circle and shares
her meetings with her, writes in her journal, reports a wrong birth date and follows the answer, reads that
a proposal was answered, downloads her data and finds her words in it, and has a page read aloud. Her sister
then sees the shared meetings; she switches her pages to Arabic. axe-core finds nothing on any page of the
way, in French and in Arabic."""

import io
import json
import zipfile
from datetime import time, timedelta

from django.utils import timezone
from playwright.sync_api import Page, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer

from alliances.meetings.services import OptionIn, availability_add, meeting_accept, meeting_propose
from alliances.persons.file_requests import file_request_answer
from alliances.persons.models import FileRequest

from ..conftest import World
from ..factories import PASSWORD, UserFactory
from .a11y import assert_accessible, login

PHONE: ViewportSize = {"width": 375, "height": 812}
#: Records what the page asks the browser to say, instead of speaking (headless Chromium has no voice).
SPEECH_STUB = """
window.__spoken = [];
window.speechSynthesis.speak = (utterance) => { window.__spoken.push(utterance.text); };
window.speechSynthesis.cancel = () => {};
"""


def _menu(page: Page, name: str) -> None:
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name=name, exact=True).click()
    page.wait_for_load_state("load")


def test_she_acts_from_her_space_on_a_phone(
    page: Page,
    live_server: LiveServer,
    transactional_db: None,
    world: World,
) -> None:
    sister = UserFactory.create(person=True, first_name="Samira", last_name="Kerbrat", findable=True)
    page.add_init_script(SPEECH_STUB)
    page.set_viewport_size(PHONE)
    login(page, live_server.url, "06 00 00 00 01", PASSWORD)

    # 1. She adds her sister and shares her meetings with her.
    _menu(page, "Mon cercle")
    page.get_by_role("link", name="Ajouter quelqu'un à mon cercle").click()
    assert_accessible(page)
    page.get_by_label("Son nom ou son prénom").fill("Kerbrat")
    page.get_by_role("button", name="Chercher").click()
    page.get_by_label("Qui est-ce pour vous ?").first.fill("ma sœur")
    assert_accessible(page)
    page.get_by_role("button", name="Ajouter à mon cercle").click()
    expect(page.get_by_text("Samira fait partie de votre cercle.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Partager « Rendez-vous » avec Samira Kerbrat").click()
    expect(page.get_by_role("button", name="Ne plus partager « Rendez-vous » avec Samira Kerbrat")).to_be_visible()

    # 2. She writes in her journal.
    _menu(page, "Mes échanges")
    page.get_by_label("Ce que vous voulez écrire").fill("Samira est venue avec moi à la CAF. Ça m'a aidée.")
    page.get_by_role("button", name="Écrire dans mon journal").click()
    expect(page.get_by_text("C'est écrit dans votre journal.")).to_be_visible()
    expect(page.get_by_text("Samira est venue avec moi à la CAF. Ça m'a aidée.")).to_be_visible()
    assert_accessible(page)

    # 3. She reports a wrong birth date; her referent answers; she reads the answer.
    _menu(page, "Mes demandes")
    page.get_by_label("Où est l'erreur ?").select_option(label="Ma date de naissance")
    page.get_by_label("Ce qui est faux, et ce qui est juste").fill("Je suis née le 12/03/1985, pas le 21/03/1985.")
    page.get_by_role("button", name="Envoyer à mon référent·e").click()
    expect(page.get_by_text("Votre demande est envoyée")).to_be_visible()
    expect(page.get_by_text("Envoyée", exact=True)).to_be_visible()
    assert_accessible(page)
    file_request_answer(
        actor=world.user("referent_of"), request=FileRequest.objects.get(), status="done", answer="C'est corrigé."
    )
    page.reload()
    expect(page.get_by_text("Faite", exact=True)).to_be_visible()
    expect(page.get_by_text("C'est corrigé.", exact=False)).to_be_visible()

    # 4. Her referent answers a meeting she proposed: she is told.
    start = (timezone.now() + timedelta(days=3)).replace(hour=10, minute=0, second=0, microsecond=0)
    for weekday in range(7):
        availability_add(actor=world.user("referent_of"), weekday=weekday, starts=time(8), ends=time(20))
    option = OptionIn(start, start + timedelta(hours=1), place_kind="chosen", place_text="Au café du marché")
    meeting = meeting_propose(
        actor=world.user("person_self"), person=world.person, worker=world.user("referent_of"), options=[option]
    )
    meeting_accept(actor=world.user("referent_of"), meeting=meeting, option_id=meeting.options.get().pk)
    _menu(page, "Mes messages")
    expect(page.get_by_text("est convenu", exact=False).first).to_be_visible()
    assert_accessible(page)

    # 5. She downloads her data and finds her words in it.
    _menu(page, "Mes données")
    assert_accessible(page)
    page.get_by_role("button", name="Préparer mes données").click()
    link = page.get_by_role("link", name="Télécharger", exact=False)
    expect(link).to_be_visible(timeout=20000)
    assert_accessible(page)
    with page.expect_download() as download:
        link.click()
    with open(download.value.path(), "rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    data = json.loads(archive.read("donnees.json"))
    assert any("Samira est venue avec moi" in entry["summary"] for entry in data["journal"])
    assert any(ally["note"] == "ma sœur" for ally in data["cercle"])

    # The page is read aloud by the browser itself.
    page.get_by_role("button", name="Écouter cette page").click()
    expect(page.get_by_role("button", name="Arrêter la lecture")).to_be_visible()
    spoken = page.evaluate("() => window.__spoken")
    assert len(spoken) == 1 and "Télécharger mes données" in spoken[0] and "Écouter cette page" not in spoken[0]

    # 6. She switches to Arabic: her pages turn right to left, speak Arabic, and stay accessible.
    page.get_by_role("button", name="Menu").click()
    menu = page.locator("#menu-mobile")
    menu.locator(".fr-translate__btn").click()
    menu.get_by_role("button", name="AR - العربية").click()
    page.wait_for_load_state("load")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    assert_accessible(page)
    # Every page of her menu, and the pages of the story's way, in Arabic as in French.
    menu_paths = page.eval_on_selector_all("#navigation-principale a[href^='/']", "links => links.map(a => a.pathname)")
    story_paths = ["/mon-espace/cercle/ajouter/", "/mon-espace/coordonnees/"]
    paths = list(dict.fromkeys([*menu_paths, *story_paths]))
    assert len(paths) >= 10, paths
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        assert page.title(), path
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert_accessible(page)
    # Her menu speaks Arabic too.
    expect(page.locator("#navigation-principale a", has_text="دائرتي")).to_have_count(1)

    # Her sister sees the meetings shared with her, and nothing else.
    page.context.clear_cookies()
    sister_page = page
    login(sister_page, live_server.url, sister.email, PASSWORD)
    expect(sister_page.get_by_role("link", name="Le cercle de Camille")).to_be_visible()
    assert_accessible(sister_page)
    sister_page.get_by_role("link", name="Le cercle de Camille").click()
    expect(sister_page.get_by_role("link", name="Rendez-vous")).to_be_visible()
    expect(sister_page.get_by_role("link", name="Foyer et ressources")).to_have_count(0)
    assert_accessible(sister_page)
