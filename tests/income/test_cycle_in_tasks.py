"""The cycle's long steps as queue tasks: one per chunk of households, one per SEPA file."""

from datetime import date
from decimal import Decimal

import pytest
import xmlschema
from django.test import Client
from pytest_django.fixtures import Settings

from alliances.accounts.models import User
from alliances.households.models import MonthlyIncome
from alliances.income.models import (
    Correction,
    Cycle,
    CycleChunk,
    Entitlement,
    Payment,
    SchemeRule,
    SepaFile,
)
from alliances.income.sepa import SepaValidationError
from alliances.income.services import (
    cycle_approve,
    cycle_compute,
    cycle_compute_chunk,
    cycle_compute_plan,
    cycle_open,
    cycle_pay,
    cycle_pay_file,
    cycle_pay_plan,
)
from alliances.income.tasks import cycle_compute_task, cycle_pay_task

from ..conftest import World
from ..factories import UserFactory
from .households import enrolled_households
from .test_cycle import XSD

M = date(2026, 11, 1)


@pytest.fixture
def officers(world: World) -> tuple[User, User]:
    return world.user("officer"), UserFactory.create(officer=True)


def test_the_queue_computes_one_chunk_per_task_and_counts_progress(world: World, officers, settings) -> None:  # type: ignore[no-untyped-def]
    settings.RMG_CYCLE_CHUNK = 2
    households = enrolled_households(5)
    first, _ = officers
    cycle = cycle_open(actor=first, month=M)
    cycle_compute_task(cycle.pk, first.pk)  # the test queue runs tasks at once
    cycle.refresh_from_db()
    assert (cycle.status, cycle.progress, cycle.total_households, cycle.computed_by) == ("computed", 5, 5, first)
    chunks = list(CycleChunk.objects.filter(cycle=cycle).values_list("first_household_id", "last_household_id"))
    ids = [h.pk for h in households]
    assert chunks == [(ids[0], ids[1]), (ids[2], ids[3]), (ids[4], ids[4])]
    assert Entitlement.objects.filter(cycle=cycle).count() == 5


def test_the_cycle_stays_a_draft_until_its_last_chunk_is_done(world: World, officers, settings) -> None:  # type: ignore[no-untyped-def]
    settings.RMG_CYCLE_CHUNK = 2
    enrolled_households(3)
    first, _ = officers
    cycle = cycle_open(actor=first, month=M)
    pending = cycle_compute_plan(actor=first, cycle=cycle)
    assert len(pending) == 2
    cycle_compute_chunk(chunk_id=pending[1])
    cycle_compute_chunk(chunk_id=pending[1])  # a retried task counts once
    cycle.refresh_from_db()
    assert (cycle.status, cycle.progress) == ("draft", 1)
    assert cycle_compute_plan(actor=first, cycle=cycle) == [pending[0]]  # a resumed run does what is left
    cycle_compute_chunk(chunk_id=pending[0])
    cycle.refresh_from_db()
    assert (cycle.status, cycle.progress) == ("computed", 3)


def test_every_chunk_applies_the_rules_frozen_when_the_computation_started(world: World, officers) -> None:  # type: ignore[no-untyped-def]
    enrolled_households(1)
    first, _ = officers
    cycle = cycle_open(actor=first, month=M)
    (chunk,) = cycle_compute_plan(actor=first, cycle=cycle)
    SchemeRule.objects.create(name="guaranteed_level", valid_from=M, value="900", source="Nouvelle délibération")
    cycle_compute_chunk(chunk_id=chunk)
    entitlement = Entitlement.objects.get(cycle=cycle)
    assert entitlement.amount == Decimal("867.00") and entitlement.rules["guaranteed_level"] == ["867.00", "2020-01-01"]


def test_a_chunk_makes_the_same_number_of_queries_for_2_or_6_households(world: World, officers, settings) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.RMG_CYCLE_CHUNK = 6
    first, _ = officers
    counts = []
    for month, (count, start) in ((M, (2, 0)), (date(2026, 12, 1), (4, 2))):
        enrolled_households(count, income="400", start=start)  # 2 households in November, 6 in December
        cycle = cycle_open(actor=first, month=month)
        (chunk,) = cycle_compute_plan(actor=first, cycle=cycle)
        with CaptureQueriesContext(connection) as queries:
            cycle_compute_chunk(chunk_id=chunk)
        counts.append(len(queries))
    assert Entitlement.objects.filter(month=date(2026, 12, 1)).count() == 6
    assert counts[0] == counts[1]


def test_the_queue_produces_one_sepa_file_per_task(world: World, officers, settings) -> None:  # type: ignore[no-untyped-def]
    settings.RMG_SEPA_MAX_TRANSFERS = 2
    enrolled_households(5)
    first, second = officers
    cycle = cycle_compute(actor=first, cycle=cycle_open(actor=first, month=M))
    cycle_approve(actor=second, cycle=cycle)
    cycle_pay_task(cycle.pk, first.pk)
    cycle.refresh_from_db()
    assert cycle.status == "paid" and cycle.paid_by == first
    files = list(SepaFile.objects.filter(cycle=cycle).order_by("sequence"))
    assert [(f.count, f.control_sum) for f in files] == [
        (2, Decimal("1734.00")),
        (2, Decimal("1734.00")),
        (1, Decimal("867.00")),
    ]
    schema = xmlschema.XMLSchema(str(XSD))
    for sepa in files:
        schema.validate(sepa.xml)


def test_the_cycle_is_paid_once_its_last_file_is_produced_and_the_page_shows_it(
    world: World, officers: tuple[User, User], settings: Settings, client: Client
) -> None:
    settings.RMG_SEPA_MAX_TRANSFERS = 2
    enrolled_households(3)
    first, second = officers
    cycle = cycle_compute(actor=first, cycle=cycle_open(actor=first, month=M))
    cycle_approve(actor=second, cycle=cycle)
    files = cycle_pay_plan(actor=first, cycle=cycle, execution_date=date(2026, 11, 5))
    assert len(files) == 2 and Payment.objects.filter(sepa_file__isnull=False).count() == 3
    cycle_pay_file(file_id=files[0])
    cycle.refresh_from_db()
    assert cycle.status == "approved"
    client.force_login(first)
    page = client.get(f"/revenu-garanti/cycles/{cycle.pk}/").content.decode()
    assert "Fichiers SEPA produits : 1 sur 2" in page and "every 2s" in page
    assert cycle_pay_plan(actor=first, cycle=cycle) == [files[1]]  # resumed: only the file left, no new payment
    assert Payment.objects.count() == 3
    cycle_pay_file(file_id=files[1])
    cycle.refresh_from_db()
    assert cycle.status == "paid"
    assert "<ReqdExctnDt>2026-11-05</ReqdExctnDt>" in SepaFile.objects.get(pk=files[1]).xml
    assert cycle_pay_plan(actor=first, cycle=cycle) == []


def test_a_file_produced_twice_keeps_the_first(world: World, officers) -> None:  # type: ignore[no-untyped-def]
    enrolled_households(1)
    first, second = officers
    cycle = cycle_compute(actor=first, cycle=cycle_open(actor=first, month=M))
    cycle_approve(actor=second, cycle=cycle)
    (file_id,) = cycle_pay_plan(actor=first, cycle=cycle)
    cycle_pay_file(file_id=file_id)
    produced = SepaFile.objects.get(pk=file_id).xml
    SepaFile.objects.filter(pk=file_id).update(control_sum=0)  # would now fail if it were produced again
    cycle_pay_file(file_id=file_id)
    assert SepaFile.objects.get(pk=file_id).xml == produced


def test_a_file_that_does_not_match_its_planned_totals_is_not_produced(world: World, officers) -> None:  # type: ignore[no-untyped-def]
    enrolled_households(2)
    first, second = officers
    cycle = cycle_compute(actor=first, cycle=cycle_open(actor=first, month=M))
    cycle_approve(actor=second, cycle=cycle)
    (file_id,) = cycle_pay_plan(actor=first, cycle=cycle)
    Payment.objects.filter(pk=Payment.objects.order_by("pk").values("pk")[:1]).update(amount=Decimal("1.00"))
    with pytest.raises(SepaValidationError, match="ne correspond pas"):
        cycle_pay_file(file_id=file_id)
    assert SepaFile.objects.get(pk=file_id).xml == "" and Cycle.objects.get().status == "approved"


def test_rules_changed_afterwards_for_a_paid_month_yield_corrections(world: World, officers) -> None:  # type: ignore[no-untyped-def]
    enrolled_households(2, income="400")
    first, second = officers
    for month in (M, date(2026, 12, 1)):
        if month.month == 12:
            # The level of November is raised afterwards (a new dated value, in force from November).
            SchemeRule.objects.create(name="guaranteed_level", valid_from=M, value="900", source="Délibération")
        cycle = cycle_compute(actor=first, cycle=cycle_open(actor=first, month=month))
        cycle_approve(actor=second, cycle=cycle)
        cycle_pay(actor=first, cycle=cycle)
    corrections = Correction.objects.filter(month_concerned=M)
    assert [(c.kind, c.amount) for c in corrections] == [("arrears", Decimal("33.00"))] * 2


def test_unchanged_households_get_no_correction(world: World, officers) -> None:  # type: ignore[no-untyped-def]
    households = enrolled_households(3, income="400")
    first, second = officers
    for month in (M, date(2026, 12, 1)):
        if month.month == 12:
            income = MonthlyIncome.objects.get(member__household=households[1], month=M)
            MonthlyIncome.objects.filter(pk=income.pk).update(amount=Decimal("450"))
        cycle = cycle_compute(actor=first, cycle=cycle_open(actor=first, month=month))
        cycle_approve(actor=second, cycle=cycle)
        cycle_pay(actor=first, cycle=cycle)
    correction = Correction.objects.get()
    assert (correction.household_id, correction.difference) == (households[1].pk, Decimal("-50.00"))


def test_computing_and_paying_leave_one_audit_event_per_person_of_the_households(world: World, officers) -> None:  # type: ignore[no-untyped-def]
    from alliances.audit.models import AuditEvent

    enrolled_households(3, first_person=world.person)
    first, second = officers
    cycle = cycle_compute(actor=first, cycle=cycle_open(actor=first, month=M))
    cycle_approve(actor=second, cycle=cycle)
    cycle_pay(actor=first, cycle=cycle)
    events = AuditEvent.objects.filter(detail__contains="du revenu garanti")
    assert sorted(events.values_list("person_id", "actor_id", "action", "detail")) == [
        (world.person.pk, first.pk, "compute", "Calcul du revenu garanti de novembre 2026"),
        (world.person.pk, first.pk, "pay", "Versement du revenu garanti de novembre 2026"),
    ]
