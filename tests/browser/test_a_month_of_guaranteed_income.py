"""Issue 15, "done when": one month end to end in the browser. An officer computes; a second officer
reviews the change from last month and one household's breakdown, marks it checked and approves; the
first pays; the person reads on a phone the amount paid, its date and why. axe-core on every page."""

from datetime import date
from decimal import Decimal
from typing import Any

from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from alliances.households.models import Member, MonthlyIncome
from alliances.income.models import Cycle
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

_OPEN: list[Any] = []


def _as(browser: Browser, args: dict[str, Any], base: str, email: str | None, **extra: Any) -> Page:
    context = browser.new_context(**{**args, **extra})
    _OPEN.append(context)  # closed before the live server stops (else its request threads outlive it)
    page = context.new_page()
    login(page, base, email, PASSWORD)
    return page


def test_a_month_computed_reviewed_approved_paid_and_read(
    browser: Browser,
    browser_context_args: dict[str, Any],
    live_server: LiveServer,
    transactional_db: None,
    world: World,
) -> None:
    rules_load_defaults()
    first, second = world.user("officer"), UserFactory.create(officer=True, first_name="Inès", last_name="Roux")
    enrollment_set(
        actor=first,
        household=world.household,
        enrolled=True,
        iban="FR7630006000011234567890189",
        account_holder="Camille Martin",
        since=date(2026, 1, 1),
    )
    october = cycle_open(actor=first, month=date(2026, 10, 1))
    cycle_compute(actor=first, cycle=october)
    cycle_approve(actor=second, cycle=october)
    cycle_pay(actor=first, cycle=october)
    member = Member.objects.get(person=world.person)
    MonthlyIncome.objects.create(member=member, income_type="salary_net", month=date(2026, 11, 1), amount=Decimal(200))

    officer = _as(browser, browser_context_args, live_server.url, first.email)
    officer.get_by_role("link", name="Revenu garanti").first.click()
    assert_accessible(officer)
    officer.get_by_label("Mois (AAAA-MM)").fill("2026-11")
    officer.get_by_role("button", name="Ouvrir le cycle").click()
    officer.get_by_role("button", name="Calculer").click()
    expect(officer.get_by_text("Calculé", exact=True)).to_be_visible()
    assert_accessible(officer)

    reviewer = _as(browser, browser_context_args, live_server.url, second.email)
    november = Cycle.objects.get(month=date(2026, 11, 1))
    reviewer.goto(f"{live_server.url}/revenu-garanti/cycles/")
    reviewer.get_by_role("link", name="Novembre 2026").click()
    expect(reviewer.get_by_role("heading", name="Revue avant approbation")).to_be_visible()
    assert_accessible(reviewer)
    reviewer.get_by_role("link", name="En baisse de plus de 50 €").click()
    expect(reviewer.get_by_text("1 foyer, du plus grand montant au plus petit.")).to_be_visible()
    assert_accessible(reviewer)
    reviewer.get_by_role("link", name=world.household.reference).click()
    expect(reviewer.get_by_text("Le complément est de 667,00 €.")).to_be_visible()
    expect(reviewer.get_by_text("(écart : −200,00 €)")).to_be_visible()
    assert_accessible(reviewer)
    reviewer.get_by_role("button", name="Marquer ce montant comme vérifié").click()
    expect(reviewer.get_by_text("Montant vérifié.")).to_be_visible()
    reviewer.get_by_role("link", name="Cycle novembre 2026").click()
    reviewer.get_by_role("button", name="Approuver (autre personne que le calcul)").click()
    expect(reviewer.get_by_text("Le cycle est approuvé.")).to_be_visible()
    expect(reviewer.get_by_text("Ce que la revue a couvert à l'approbation")).to_be_visible()
    assert_accessible(reviewer)
    november.refresh_from_db()
    assert november.approval_record is not None
    assert november.approval_record["reviewed_by_approver"] == 1

    officer.reload()
    officer.get_by_role("button", name="Payer et produire le fichier SEPA").click()
    expect(officer.get_by_role("link", name="Fichier SEPA n° 1 (1 virements, 667,00 €)")).to_be_visible()

    person = _as(
        browser, browser_context_args, live_server.url, "camille@alliances.test", viewport={"width": 375, "height": 800}
    )
    person.goto(f"{live_server.url}/mon-espace/revenu/")
    expect(person.get_by_role("heading", name="Novembre 2026 : 667,00 €")).to_be_visible()
    expect(person.get_by_text("Versé : 667,00 €", exact=False)).to_be_visible()
    expect(person.get_by_text("Vos ressources du mois sont de 200,00 € : salaire net 200,00 €.")).to_be_visible()
    assert_accessible(person)
    while _OPEN:
        _OPEN.pop().close()
