from datetime import date

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from alliances.income.services import (
    cycle_approve,
    cycle_compute,
    cycle_open,
    cycle_pay,
    enrollment_set,
    rules_load_defaults,
)

from ..conftest import World
from ..factories import PASSWORD, UserFactory
from .a11y import assert_accessible, login


def test_person_reads_a_payment_and_its_breakdown(
    page: Page,
    live_server: LiveServer,
    transactional_db: None,
    world: World,
) -> None:
    rules_load_defaults()  # transactional tests start from flushed tables, without the data migration's rows
    first, second = world.user("officer"), UserFactory.create(officer=True)
    enrollment_set(
        actor=first,
        household=world.household,
        enrolled=True,
        iban="FR7630006000011234567890189",
        account_holder="Camille Martin",
        since=date(2026, 1, 1),
    )
    cycle = cycle_open(actor=first, month=date(2026, 10, 1))
    cycle_compute(actor=first, cycle=cycle)
    cycle_approve(actor=second, cycle=cycle)
    cycle_pay(actor=first, cycle=cycle)

    login(page, live_server.url, "camille@alliances.test", PASSWORD)
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Mon revenu garanti").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon revenu garanti")
    expect(page.get_by_role("heading", name="Octobre 2026 : 867,00 €")).to_be_visible()
    expect(page.get_by_text("Le complément est de 867,00 €.")).to_be_visible()
    expect(page.get_by_text("Versé : 867,00 €", exact=False)).to_be_visible()
    assert_accessible(page)
