"""Issue 16, "done when": the whole story in the browser, axe-core on every page.

A peer offers to help; the person asks for a peer, reads the reasons and chooses; the peer accepts; the
mediator records a session "fait avec moi" on the CAF quarterly declaration; the person confirms it and
reads her progress; she consents to a one-month mandate on the social theme, then ends it; the
mediator's next act under it is refused. Person pages on a phone-sized screen.
"""

import re
from typing import Any

from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from alliances.access.categories import Category
from alliances.consent.models import Sharing
from alliances.mediation.models import Mandate, MandateAct, ProgressStep
from alliances.peers.models import PeerMatch

from ..conftest import World
from ..factories import PASSWORD, PersonFactory, UserFactory
from .a11y import assert_accessible, login

PHONE = {"viewport": {"width": 375, "height": 800}}


def test_peers_mediation_and_a_mandate_the_person_controls(
    browser: Browser,
    browser_context_args: dict[str, Any],
    live_server: LiveServer,
    transactional_db: None,
    world: World,
) -> None:
    opened: list[Any] = []

    def as_(email: str | None, **extra: Any) -> Page:
        context = browser.new_context(**{**browser_context_args, **extra})
        opened.append(context)
        page = context.new_page()
        login(page, live_server.url, email, PASSWORD)
        return page

    base = live_server.url
    peer_account = UserFactory.create(peer=True, email="pair@alliances.test")
    PersonFactory.create(first_names="Samia", last_name="Haddad", account=peer_account)
    mediator = world.user("mediator_shared")
    mediator_ally = world.person.allies.get(user=mediator)
    Sharing.objects.create(ally=mediator_ally, category=Category.PROCEDURES, granted_at=timezone.now())

    # 1. The peer offers to help.
    peer = as_(peer_account.email, **PHONE)
    peer.goto(f"{base}/mon-espace/entraide/")
    assert_accessible(peer)
    peer.get_by_role("link", name="Proposer mon aide").click()
    assert_accessible(peer)
    peer.get_by_label("Élever seul·e ses enfants").check()
    peer.get_by_label("Les démarches avec la CAF").check()
    peer.get_by_role("button", name="Proposer mon aide").click()
    expect(peer.get_by_text("Merci. Votre proposition d'aide est visible")).to_be_visible()

    # 2. The person asks for a peer, reads the reasons, and chooses.
    person = as_("camille@alliances.test", **PHONE)
    person.goto(f"{base}/mon-espace/entraide/")
    person.get_by_label("Élever seul·e ses enfants").check()
    person.get_by_role("button", name="Voir les personnes qui pourraient m'aider").click()
    expect(person.get_by_role("heading", name="Samia")).to_be_visible()
    expect(person.get_by_text("A aussi élevé ses enfants seul·e")).to_be_visible()
    expect(person.get_by_text("Haddad")).to_have_count(0)  # first names only
    assert_accessible(person)
    person.get_by_role("button", name="Choisir Samia").click()
    expect(person.get_by_text("Attend la réponse de Samia")).to_be_visible()
    assert_accessible(person)

    # 3. The peer accepts.
    peer.goto(f"{base}/mon-espace/entraide/")
    expect(peer.get_by_text("Camille aimerait être en lien avec vous")).to_be_visible()
    expect(peer.get_by_text("Camille Martin")).to_have_count(0)
    assert_accessible(peer)
    peer.get_by_role("button", name="Oui, d'accord pour Camille").click()
    expect(peer.get_by_text("C'est d'accord des deux côtés")).to_be_visible()
    assert PeerMatch.objects.get().ally is not None

    # 4. The mediator records a session "fait avec moi" on the CAF quarterly declaration.
    desk = as_(mediator.email)
    desk.get_by_role("link", name="Ma médiation").click()
    assert_accessible(desk)
    desk.get_by_role("link", name="Noter une séance").click()
    desk.get_by_label("Camille Martin").check()
    desk.get_by_label("Durée en minutes").fill("45")
    desk.get_by_label("Lieu").fill("Espace numérique du centre social")
    desk.get_by_label(re.compile("Capacitation :")).check()
    desk.get_by_label("Démarche 1", exact=True).select_option("caf_quarterly_declaration")
    desk.get_by_label("Niveau atteint (démarche 1)").select_option("with_me")
    assert_accessible(desk)
    desk.get_by_role("button", name="Enregistrer la séance").click()
    expect(desk.get_by_text("La séance est notée.")).to_be_visible()

    # 5. The person confirms it, then reads her progress.
    person.goto(f"{base}/mon-espace/demarches/")
    expect(
        person.get_by_text("Karim a noté", exact=False).or_(person.get_by_text("a noté : « Fait avec moi »"))
    ).to_be_visible()
    assert_accessible(person)
    person.get_by_label(re.compile("Fait avec moi —")).check()
    person.get_by_role("button", name="Enregistrer ma réponse").click()
    expect(person.get_by_text("Merci, c'est noté.")).to_be_visible()
    expect(person.get_by_text("La dernière fois : fait avec moi")).to_be_visible()
    assert ProgressStep.objects.get().person_level == "with_me"
    assert_accessible(person)

    # 6. The mediator proposes a one-month mandate on the social theme; she consents, then ends it.
    desk.goto(f"{base}/personnes/{world.person.pk}/mandats/")
    desk.get_by_label("Social et santé").check()
    desk.get_by_label("1 mois").check()
    desk.get_by_role("button", name="Proposer ce mandat à la personne").click()
    expect(desk.get_by_text("Il ne vaudra qu'avec l'accord de la personne.")).to_be_visible()
    assert_accessible(desk)
    person.goto(f"{base}/mon-espace/mandats/")
    expect(person.get_by_text("Attend votre accord")).to_be_visible()
    assert_accessible(person)
    person.get_by_role("button", name=re.compile("^Je donne mon accord")).click()
    expect(person.get_by_text("Le mandat est en place.")).to_be_visible()
    person.get_by_role("button", name=re.compile("^Mettre fin à ce mandat")).click()
    expect(person.get_by_text("Le mandat est terminé.")).to_be_visible()
    assert_accessible(person)
    assert Mandate.objects.get().revoked_at is not None

    # 7. The mediator's next act under it is refused, in French.
    desk.reload()
    desk.get_by_label("Démarche", exact=True).select_option("caf_quarterly_declaration")
    desk.get_by_label("Ce que vous avez fait pour la personne").fill("Déclaration envoyée")
    desk.get_by_role("button", name="Noter cet acte").click()
    expect(desk.get_by_text("La personne a mis fin à votre mandat")).to_be_visible()
    assert_accessible(desk)
    assert not MandateAct.objects.exists()
    for context in opened:
        context.close()
