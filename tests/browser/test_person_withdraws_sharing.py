from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record
from alliances.consent.models import Sharing, SharingChange

from ..conftest import World
from ..factories import PASSWORD
from .a11y import assert_accessible, login


def test_person_withdraws_a_sharing_from_the_portal(
    page: Page,
    live_server: LiveServer,
    transactional_db: None,
    world: World,
) -> None:
    referent = world.user("referent_of")
    audit_record(actor=referent, person_id=world.person.pk, category="identity", action=AuditAction.READ)
    login(page, live_server.url, "06 00 00 00 01", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Camille")
    assert_accessible(page)

    mediator = world.user("mediator_shared")
    name = mediator.get_full_name()
    page.get_by_role("button", name=f"Ne plus partager « Foyer et ressources » avec {name}").click()
    expect(page.get_by_text(f"Partage retiré à {mediator}")).to_be_visible()
    expect(page.get_by_role("button", name=f"Partager « Foyer et ressources » avec {name}")).to_be_visible()
    assert_accessible(page)

    assert not Sharing.objects.filter(ally__user=mediator, category="household").exists()
    assert SharingChange.objects.filter(
        ally__user=mediator, granted=False, changed_by=world.user("person_self")
    ).exists()

    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Qui a consulté mon dossier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Qui a consulté mon dossier")
    expect(page.get_by_text(f"{referent.get_full_name()}, référent·e, a regardé", exact=False).first).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/mon-espace/coordonnees/")
    assert_accessible(page)
