"""A consumer killed in the middle of a cycle: the task it held is lost, the step stalls, and the
watchdog queues it again; the cycle then ends with the same amounts as a run never interrupted."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal
from typing import Any
from unittest import mock

import pytest
from django.db.models import Sum
from django.test import Client, TestCase
from django.utils import timezone
from pytest_django.fixtures import Settings

from alliances.accounts.models import User
from alliances.households.models import Household, MonthlyIncome
from alliances.income import tasks
from alliances.income.models import Cycle, Entitlement, Payment, SepaFile
from alliances.income.services import cycle_approve, cycle_compute, cycle_open, cycle_pay
from alliances.income.transitions import cycle_compute_start, cycle_pay_start, stalled_steps_claim

from ..conftest import World
from ..factories import UserFactory
from .households import enrolled_households

M = date(2026, 11, 1)


@pytest.fixture
def officers(world: World) -> tuple[User, User]:
    return world.user("officer"), UserFactory.create(officer=True)


@pytest.fixture(autouse=True)
def small_steps(settings: Settings) -> None:
    settings.RMG_CYCLE_CHUNK = 2
    settings.RMG_SEPA_MAX_TRANSFERS = 2


@contextmanager
def _killed(task_name: str, lost: int = 1) -> Iterator[list[int]]:
    """The first `lost` calls of a queue task vanish, as with a consumer killed holding them. What a
    step queues once its transaction commits is queued within (the test queue runs tasks at once)."""
    real = getattr(tasks, task_name)
    dropped: list[int] = []

    def queue(item_id: int, *args: object) -> object:
        if len(dropped) < lost:
            dropped.append(item_id)
            return None
        return real(item_id, *args)

    with mock.patch.object(tasks, task_name, side_effect=queue), TestCase.captureOnCommitCallbacks(execute=True):
        yield dropped


def _later(cycle: Cycle, seconds: int) -> None:
    """As if the step's last sign of life were `seconds` ago."""
    Cycle.objects.filter(pk=cycle.pk).update(active_at=timezone.now() - timedelta(seconds=seconds))


def _figures(cycle: Cycle) -> tuple[list[Any], list[Any], list[Any]]:
    payments = Payment.objects.filter(entitlement__cycle=cycle)
    return (
        sorted(Entitlement.objects.filter(cycle=cycle).values_list("household__reference", "amount")),
        sorted(payments.values_list("entitlement__household__reference", "amount")),
        sorted(SepaFile.objects.filter(cycle=cycle).values_list("sequence", "count", "control_sum")),
    )


def _households() -> None:
    enrolled_households(5, income="100")
    # Different amounts, so a household paid twice or missing would change the sums.
    for index, household in enumerate(Household.objects.filter(reference__startswith="T").order_by("pk")):
        MonthlyIncome.objects.filter(member__household=household, month=M).update(amount=Decimal(100 * index))


def _uninterrupted(officers: tuple[User, User]) -> tuple[list[Any], list[Any], list[Any]]:
    first, second = officers
    cycle = cycle_open(actor=first, month=M)
    cycle_compute(actor=first, cycle=cycle)
    cycle_approve(actor=second, cycle=Cycle.objects.get(pk=cycle.pk))
    cycle_pay(actor=first, cycle=cycle, execution_date=M.replace(day=5))
    figures = _figures(cycle)
    # Start again from the same data, for the interrupted run.
    Payment.objects.all().delete()
    SepaFile.objects.all().delete()
    cycle.corrections.all().delete()
    Entitlement.objects.all().delete()
    cycle.snapshots.all().delete()
    cycle.delete()
    return figures


def test_a_computation_whose_chunk_was_lost_is_queued_again_and_ends_as_if_never_interrupted(
    world: World, officers: tuple[User, User], settings: Settings
) -> None:
    _households()
    expected = _uninterrupted(officers)
    first, second = officers
    cycle = cycle_open(actor=first, month=M)
    with _killed("cycle_compute_chunk_task") as lost:
        cycle_compute_start(actor=first, cycle=cycle)
    cycle.refresh_from_db()
    assert len(lost) == 1
    assert (cycle.status, cycle.running, cycle.progress, cycle.total_households) == ("draft", "compute", 3, 5)
    assert stalled_steps_claim() == []  # not stalled yet: its last sign of life is recent
    _later(cycle, settings.RMG_STALL_SECONDS + 1)
    assert tasks.cycles_resume_stalled.call_local() == 1
    cycle.refresh_from_db()
    assert (cycle.status, cycle.running, cycle.progress) == ("computed", "", 5)
    assert tasks.cycles_resume_stalled.call_local() == 0  # done: nothing left to resume

    cycle_approve(actor=second, cycle=cycle)
    with _killed("cycle_pay_file_task") as lost:
        cycle_pay_start(actor=first, cycle=Cycle.objects.get(pk=cycle.pk))
    cycle.refresh_from_db()
    assert (len(lost), cycle.status, cycle.running) == (1, "approved", "pay")
    _later(cycle, settings.RMG_STALL_SECONDS + 1)
    assert tasks.cycles_resume_stalled.call_local() == 1
    cycle.refresh_from_db()
    assert (cycle.status, cycle.running) == ("paid", "")
    # The same entitlements, payments and SEPA files (count and control sum) as the uninterrupted run.
    interrupted = _figures(cycle)
    assert interrupted[0] == expected[0]
    assert interrupted[1] == expected[1]
    assert [(n, s) for _, n, s in interrupted[2]] == [(n, s) for _, n, s in expected[2]]
    assert Payment.objects.aggregate(total=Sum("amount"))["total"] == sum(a for _, a in expected[1])


def test_a_computation_whose_plan_was_lost_is_queued_again(world: World, officers: tuple[User, User]) -> None:
    enrolled_households(3)
    first, _ = officers
    cycle = cycle_open(actor=first, month=M)
    with _killed("cycle_compute_task"):
        cycle_compute_start(actor=first, cycle=cycle)
    cycle.refresh_from_db()
    assert (cycle.running, cycle.total_households) == ("compute", 0)
    _later(cycle, 10_000)
    tasks.cycles_resume_stalled.call_local()
    cycle.refresh_from_db()
    assert (cycle.status, cycle.progress, cycle.computed_by) == ("computed", 3, first)


def test_a_step_that_failed_is_not_queued_again_the_officer_starts_it(
    world: World, officers: tuple[User, User]
) -> None:
    enrolled_households(2)
    first, _ = officers
    cycle = cycle_open(actor=first, month=M)
    failing = mock.patch("alliances.income.services.cycle_compute_plan", side_effect=RuntimeError("boom"))
    with failing, TestCase.captureOnCommitCallbacks(execute=True):  # the queue logs the error
        cycle_compute_start(actor=first, cycle=cycle)
    cycle.refresh_from_db()
    assert cycle.failure and cycle.running == ""
    _later(cycle, 10_000)
    assert tasks.cycles_resume_stalled.call_local() == 0


def test_a_chunk_failing_before_its_last_retry_is_not_shown_as_a_failure(
    world: World, officers: tuple[User, User]
) -> None:
    """A database restarted under a chunk: the queue tries it again; only the last failure is shown."""
    enrolled_households(2)
    first, _ = officers
    cycle = cycle_open(actor=first, month=M)
    with _killed("cycle_compute_chunk_task", lost=1):
        cycle_compute_start(actor=first, cycle=cycle)
    chunk_id = cycle.chunks.get().pk
    retried = mock.Mock(retries=1)
    failing = mock.patch("alliances.income.services.cycle_compute_chunk", side_effect=OSError("server closed"))
    with failing, pytest.raises(OSError):
        tasks.cycle_compute_chunk_task.call_local(chunk_id, task=retried)
    cycle.refresh_from_db()
    assert (cycle.failure, cycle.running) == ("", "compute")
    with failing, pytest.raises(OSError):
        tasks.cycle_compute_chunk_task.call_local(chunk_id, task=mock.Mock(retries=0))
    cycle.refresh_from_db()
    assert cycle.failure.startswith("Calcul : une erreur inattendue") and cycle.running == ""


def test_the_cycle_page_says_when_a_step_stalled_and_that_it_will_resume(
    world: World, officers: tuple[User, User], client: Client, settings: Settings
) -> None:
    enrolled_households(3)
    first, _ = officers
    cycle = cycle_open(actor=first, month=M)
    with _killed("cycle_compute_chunk_task"):
        cycle_compute_start(actor=first, cycle=cycle)
    client.force_login(first)
    page = client.get(f"/revenu-garanti/cycles/{cycle.pk}/progression/").content.decode()
    assert "Calcul en cours." in page and "aucune activité" not in page
    assert 'hx-trigger="every 2s"' in page
    _later(cycle, settings.RMG_STALL_SECONDS + 60)
    page = client.get(f"/revenu-garanti/cycles/{cycle.pk}/progression/").content.decode()
    assert "Calcul : aucune activité depuis le" in page
    assert "reprendre toute seule" in page
