"""Issue 15, item 7: the second officer sees what they approve. The change from last month by group
(explaining the whole change), the households with nothing declared, the corrections, a random sample,
and every entitlement, filterable and paged, with its breakdown. Approving records what was reviewed.
The pages run the same number of queries whatever the cycle's size."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from alliances.audit.models import AuditEvent
from alliances.households.models import Household, Housing, Member, MonthlyIncome
from alliances.income.models import Cycle, Enrollment, Entitlement
from alliances.income.services import cycle_approve, cycle_compute, cycle_open

from ..conftest import World
from ..factories import UserFactory

OCTOBER, NOVEMBER = date(2026, 10, 1), date(2026, 11, 1)


def _household(reference: str, incomes: dict[date, Decimal | None], *, enrolled: bool = True) -> Household:
    household = Household.objects.create(reference=reference)
    Housing.objects.create(household=household, status="tenant", rent=Decimal(400), commune_code="35238")
    member = Member.objects.create(
        household=household,
        first_name=f"Prénom {reference}",
        last_name="Test",
        birth_date=date(1980, 1, 1),
        role="applicant",
    )
    for month, amount in incomes.items():
        if amount is not None:
            MonthlyIncome.objects.create(member=member, income_type="salary_net", month=month, amount=amount)
    Enrollment.objects.create(
        household=household, enrolled=enrolled, since=date(2026, 1, 1), iban="", account_holder=""
    )
    return household


def _computed(month: date, officer: object) -> Cycle:
    cycle = cycle_open(actor=officer, month=month)  # type: ignore[arg-type]
    return cycle_compute(actor=officer, cycle=cycle)  # type: ignore[arg-type]


@pytest.fixture
def two_months(world: World) -> tuple[Cycle, Cycle]:
    """October then November. A: nothing declared in October, 100 € in November (−100 €: down); B: 300 €
    both months (stable); C: 900 € then 0 € declared (new); D: paid in October, left in November;
    E: joins in November, nothing declared (new, undeclared)."""
    officer = world.user("officer")
    Enrollment.objects.create(household=world.household, enrolled=True, since=date(2026, 1, 1))
    _household("A", {NOVEMBER: Decimal(100)})
    _household("B", {OCTOBER: Decimal(300), NOVEMBER: Decimal(300)})
    _household("C", {OCTOBER: Decimal(900), NOVEMBER: Decimal(0)})
    d = _household("D", {OCTOBER: Decimal(0), NOVEMBER: Decimal(0)})
    october = _computed(OCTOBER, officer)
    Enrollment.objects.filter(household=d).update(enrolled=False)
    _household("E", {})
    return october, _computed(NOVEMBER, officer)


def test_the_change_from_last_month_is_explained_by_groups(two_months: tuple[Cycle, Cycle]) -> None:
    from alliances.income.review import review_summary

    _, november = two_months
    summary = review_summary(november)
    groups = {row["key"]: (row["count"], row["change"]) for row in summary["groups"]}
    assert groups["baisse"] == (1, Decimal("-100.00"))  # A
    assert groups["stable"] == (2, Decimal("0.00"))  # B, and world's household (nothing declared either month)
    assert groups["nouveau"] == (2, Decimal("1734.00"))  # C and E, 867 € each
    assert summary["gone"]["count"] == 1 and summary["gone"]["total"] == Decimal("867.00")  # D
    october_total = Entitlement.objects.filter(month=OCTOBER).aggregate(t=__import__("django").db.models.Sum("amount"))[
        "t"
    ]
    assert summary["last_month_total"] == october_total
    assert summary["total_change"] == summary["explained"] == summary["total"] - october_total
    assert summary["undeclared"] == 2  # E and world's (A declared 100 €, C declared 0 €)
    assert summary["sample_size"] == Entitlement.objects.filter(cycle=november).count()  # fewer than 20: all


def test_nothing_declared_is_flagged_and_said_in_the_breakdown(two_months: tuple[Cycle, Cycle]) -> None:
    _, november = two_months
    e = Entitlement.objects.get(cycle=november, household__reference="E")
    c = Entitlement.objects.get(cycle=november, household__reference="C")
    assert not e.resources_declared and c.resources_declared  # 0 € declared is declared
    assert any("Aucune ressource n'est déclarée" in line for line in e.breakdown)
    assert not any("Aucune ressource" in line for line in c.breakdown)


def test_the_list_filters_pages_and_records_the_read(
    world: World, client: Client, two_months: tuple[Cycle, Cycle], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, november = two_months
    client.force_login(UserFactory.create(officer=True))
    url = f"/revenu-garanti/cycles/{november.pk}/droits/"
    down = client.get(url, {"groupe": "baisse"}).content.decode()
    assert ">A<" in down and ">B<" not in down and "Prénom A Test" in down and "−100,00" in down
    undeclared = client.get(url, {"filtre": "non-declare"}).content.decode()
    assert ">E<" in undeclared and ">A<" not in undeclared and "ressources non déclarées" in undeclared
    assert ">C<" in client.get(url, {"foyer": "c"}).content.decode()
    from alliances.income import review

    monkeypatch.setattr(review, "PAGE_SIZE", 2)
    first = client.get(url).content.decode()
    assert "1 / 3" in first and "Page suivante" in first
    before = AuditEvent.objects.filter(person=world.person).count()
    client.get(url, {"foyer": world.household.reference})
    assert AuditEvent.objects.filter(person=world.person).count() == before + 1


def test_the_detail_shows_the_breakdown_and_last_month_and_is_checked_by_another_officer(
    world: World, client: Client, two_months: tuple[Cycle, Cycle]
) -> None:
    _, november = two_months
    a = Entitlement.objects.get(cycle=november, household__reference="A")
    url = f"/revenu-garanti/cycles/{november.pk}/droits/{a.pk}/"
    client.force_login(world.user("officer"))  # computed it
    page = client.get(url).content.decode().replace("\u202f", " ")
    assert "767,00 €" in page and "867,00 €" in page and "−100,00 €" in page
    assert "salaire net de 2026-11, 100,00 €" in page and "la vérification revient à une autre personne" in page
    e = Entitlement.objects.get(cycle=november, household__reference="E")
    assert (
        "Aucune ressource ni prestation déclarée"
        in client.get(f"{url[: url.rindex('/', 0, -1)]}/{e.pk}/").content.decode()
    )
    second = UserFactory.create(officer=True)
    client.force_login(second)
    back = f"/revenu-garanti/cycles/{november.pk}/droits/?groupe=baisse"
    response = client.post(f"/revenu-garanti/cycles/{november.pk}/montants/{a.pk}/revoir/", {"retour": back})
    assert response["Location"] == back
    a.refresh_from_db()
    assert a.reviewed_by == second
    outside = client.post(
        f"/revenu-garanti/cycles/{november.pk}/montants/{a.pk}/revoir/", {"retour": "https://ailleurs.example/"}
    )
    assert outside["Location"] == f"/revenu-garanti/cycles/{november.pk}/"


def test_approving_records_what_was_reviewed(world: World, client: Client, two_months: tuple[Cycle, Cycle]) -> None:
    from alliances.income.services import entitlement_review

    _, november = two_months
    second = UserFactory.create(officer=True)
    assert november.sample is not None
    for pk in november.sample[:2]:
        entitlement_review(actor=second, entitlement=Entitlement.objects.get(pk=pk))
    cycle_approve(actor=second, cycle=november)
    november.refresh_from_db()
    record = november.approval_record
    assert record is not None
    assert record["sample"] == {"size": len(november.sample), "reviewed": 2}
    assert record["reviewed_by_approver"] == 2 and record["undeclared"] == 2
    assert record["groups"]["baisse"] == {"count": 1, "change": "-100.00"}
    client.force_login(world.user("officer"))
    page = client.get(f"/revenu-garanti/cycles/{november.pk}/").content.decode()
    assert "Ce que la revue a couvert" in page and "2 montants vérifiés" in page


def test_the_sample_is_drawn_from_the_cycle_when_it_is_computed(world: World) -> None:
    officer = world.user("officer")
    for index in range(25):
        _household(f"S{index:02d}", {OCTOBER: Decimal(index * 10)})
    cycle = _computed(OCTOBER, officer)
    ids = set(Entitlement.objects.filter(cycle=cycle).values_list("pk", flat=True))
    assert cycle.sample is not None
    assert len(cycle.sample) == 20 and set(cycle.sample) <= ids


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_review_pages_run_the_same_queries_at_two_sizes(world: World, client: Client) -> None:
    officer = world.user("officer")
    for index in range(3):
        _household(f"P{index}", {OCTOBER: Decimal(100), NOVEMBER: Decimal(index * 200)})
    _computed(OCTOBER, officer)
    small = _computed(NOVEMBER, officer)
    client.force_login(UserFactory.create(officer=True))
    detail = Entitlement.objects.filter(cycle=small).first()
    assert detail is not None
    urls = [
        f"/revenu-garanti/cycles/{small.pk}/",
        f"/revenu-garanti/cycles/{small.pk}/droits/",
        f"/revenu-garanti/cycles/{small.pk}/droits/?groupe=hausse&filtre=a-verifier",
        f"/revenu-garanti/cycles/{small.pk}/droits/{detail.pk}/",
    ]
    before = [_queries(client, url) for url in urls]
    # Ten times as many households: a fresh pair of months.
    Cycle.objects.all().update()
    for index in range(30):
        _household(f"Q{index:02d}", {OCTOBER: Decimal(100), NOVEMBER: Decimal(index * 20)})
    from alliances.income.models import CycleChunk, InputSnapshot

    Entitlement.objects.all().delete()
    InputSnapshot.objects.all().delete()
    CycleChunk.objects.all().delete()
    Cycle.objects.all().delete()
    _computed(OCTOBER, officer)
    large = _computed(NOVEMBER, officer)
    detail = Entitlement.objects.filter(cycle=large).first()
    assert detail is not None and Entitlement.objects.filter(cycle=large).count() >= 30
    after = [_queries(client, url.replace(f"/{small.pk}/", f"/{large.pk}/")) for url in urls[:3]]
    after.append(_queries(client, f"/revenu-garanti/cycles/{large.pk}/droits/{detail.pk}/"))
    assert before == after
