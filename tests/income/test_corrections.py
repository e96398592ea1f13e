"""Correction lines, found by each chunk and, when they count benefits due and are few, computed together
at the end of the computation."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from alliances.accounts.models import User
from alliances.households.models import Household, MonthlyIncome
from alliances.income import corrections
from alliances.income.engine.rules import Rules, default_values, rules_for
from alliances.income.models import Correction, Cycle, CycleChunk, Entitlement, SchemeRule
from alliances.income.services import compute as services
from alliances.income.services import cycle_approve, cycle_compute, cycle_open, cycle_pay
from alliances.income.tasks import cycle_compute_task

from ..conftest import World
from ..factories import UserFactory
from .households import enrolled_households
from .test_top_up import adult, household

M = date(2026, 11, 1)
DECEMBER = date(2026, 12, 1)


@pytest.fixture
def officers(world: World) -> tuple[User, User]:
    return world.user("officer"), UserFactory.create(officer=True)


def _counting_benefits_due() -> None:
    SchemeRule.objects.create(name="resources_mode", valid_from=date(2026, 1, 1), value="entitled", source="Variante")


def _pay_november_then_declare(officers, households: list[Household], amount: str) -> None:  # type: ignore[no-untyped-def]
    """November is computed and paid; then these households declare a salary for November."""
    first, second = officers
    cycle = cycle_compute(actor=first, cycle=cycle_open(actor=first, month=M))
    cycle_approve(actor=second, cycle=cycle)
    cycle_pay(actor=first, cycle=cycle)
    for changed in households:
        applicant = changed.members.get()
        MonthlyIncome.objects.create(member=applicant, income_type="salary_net", month=M, amount=Decimal(amount))


def _lines() -> list[tuple[str, str, Decimal, Decimal]]:
    return sorted(
        (c.household.reference, c.kind, c.difference, c.amount) for c in Correction.objects.select_related("household")
    )


def test_when_benefits_due_are_counted_a_correction_counts_them_too(world: World, officers) -> None:  # type: ignore[no-untyped-def]
    from alliances.income.engine.top_up import compute_top_up
    from alliances.income.inputs import entitled_benefits
    from alliances.income.selectors import rules_in_force
    from alliances.rights.stored import to_input

    _counting_benefits_due()
    (household,) = enrolled_households(1)
    first, _ = officers
    _pay_november_then_declare(officers, [household], "100")
    cycle_compute(actor=first, cycle=cycle_open(actor=first, month=DECEMBER))
    november = Entitlement.objects.get(cycle__month=M)
    paid = november.amount
    assert "RSA dû (estimé) 573,49 €" in november.breakdown[1]
    rules = rules_in_force(month=M)
    now = replace(to_input(household, "2026-11"), enrolled=True)
    (benefits,) = entitled_benefits([now], M, [rules])
    due = compute_top_up(now, M, rules, benefits).top_up
    assert benefits and benefits["rsa"] > 0
    correction = Correction.objects.get()
    assert (correction.month_concerned, correction.difference) == (M, due - paid)
    assert due - paid != compute_top_up(now, M, rules).top_up - paid  # benefits received (none) would differ


@pytest.mark.parametrize("defer_at_most", [0, 500])
def test_changes_gathered_at_the_end_give_the_lines_a_chunk_would_have_written(  # type: ignore[no-untyped-def]
    world: World, officers, settings, monkeypatch, defer_at_most: int
) -> None:
    monkeypatch.setattr(corrections, "DEFER_AT_MOST", defer_at_most)
    settings.RMG_CYCLE_CHUNK = 1
    _counting_benefits_due()
    households = enrolled_households(3)
    _pay_november_then_declare(officers, [households[0], households[2]], "100")
    first, _ = officers
    cycle = cycle_compute(actor=first, cycle=cycle_open(actor=first, month=DECEMBER))
    assert cycle.status == "computed"
    # 100 € overpaid each; at most 50 € recovered a month (the default cap).
    assert _lines() == [(reference, "recovery", Decimal("-100.00"), Decimal("-50.00")) for reference in ("T0", "T2")]
    chunks = CycleChunk.objects.filter(cycle=cycle).order_by("first_household_id")
    deferred = list(chunks.values_list("deferred", flat=True))
    if defer_at_most:
        assert [bool(changes) for changes in deferred] == [True, False, True]
        assert list(deferred[0] or {}) == ["2026-11-01"]
    else:
        assert deferred == [None, None, None]


def test_changes_counting_benefits_received_are_written_by_their_chunk(world: World, officers, settings) -> None:  # type: ignore[no-untyped-def]
    settings.RMG_CYCLE_CHUNK = 1
    households = enrolled_households(2)
    _pay_november_then_declare(officers, households[:1], "100")
    first, _ = officers
    cycle = cycle_compute(actor=first, cycle=cycle_open(actor=first, month=DECEMBER))
    assert _lines() == [("T0", "recovery", Decimal("-100.00"), Decimal("-50.00"))]
    assert list(CycleChunk.objects.filter(cycle=cycle).values_list("deferred", flat=True)) == [None, None]


@pytest.mark.parametrize("resume", ["in this process", "through the queue"])
def test_a_computation_interrupted_after_its_last_chunk_finishes_when_resumed(  # type: ignore[no-untyped-def]
    world: World, officers, settings, monkeypatch, resume: str
) -> None:
    settings.RMG_CYCLE_CHUNK = 1
    _counting_benefits_due()
    households = enrolled_households(2)
    _pay_november_then_declare(officers, households[:1], "100")
    first, _ = officers
    original = services.from_deferred

    def killed(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise SystemExit("killed")

    monkeypatch.setattr(services, "from_deferred", killed)
    cycle = cycle_open(actor=first, month=DECEMBER)
    with pytest.raises(SystemExit):
        cycle_compute(actor=first, cycle=cycle)
    assert Cycle.objects.get(pk=cycle.pk).status == "draft" and not Correction.objects.exists()
    assert not CycleChunk.objects.filter(cycle=cycle, done_at__isnull=True).exists()
    monkeypatch.setattr(services, "from_deferred", original)
    if resume == "through the queue":
        cycle_compute_task(cycle.pk, first.pk)  # the test queue runs tasks at once
    else:
        cycle_compute(actor=first, cycle=cycle)
    assert Cycle.objects.get(pk=cycle.pk).status == "computed"
    assert _lines() == [("T0", "recovery", Decimal("-100.00"), Decimal("-50.00"))]
    services.cycle_compute_finish(cycle_id=cycle.pk)  # once more: nothing changes
    assert Correction.objects.count() == 1


def test_only_a_few_changes_counting_benefits_due_are_worth_gathering() -> None:
    declared = rules_for(default_values(), M)
    due = declared.with_changes(resources_mode="entitled")

    def change(rules: Rules, count: int) -> corrections.MonthChanges:
        households = {pk: replace(household([adult()]), id=str(pk)) for pk in range(count)}
        return corrections.MonthChanges(M, rules, households, {pk: Decimal(0) for pk in households})

    assert corrections.worth_deferring([change(due, 3)])
    assert corrections.worth_deferring([change(declared, 2), change(due, 1)])
    assert not corrections.worth_deferring([change(declared, 3)])
    assert not corrections.worth_deferring([change(due, corrections.DEFER_AT_MOST + 1)])
    assert not corrections.worth_deferring([])


def _pay(officers, month: date = M) -> Cycle:  # type: ignore[no-untyped-def]
    first, second = officers
    cycle = cycle_compute(actor=first, cycle=cycle_open(actor=first, month=month))
    cycle_approve(actor=second, cycle=cycle)
    return cycle_pay(actor=first, cycle=cycle)


def _pay_november(officers) -> None:  # type: ignore[no-untyped-def]
    _pay(officers)


def _households_read(monkeypatch) -> list[list[int] | None]:  # type: ignore[no-untyped-def]
    """What `find_changes` reads again, call by call (None: the whole chunk)."""
    calls: list[list[int] | None] = []
    read = corrections.inputs_in_range

    def recorded(*args, only=None, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(None if only is None else sorted(only))
        return read(*args, only=only, **kwargs)

    monkeypatch.setattr(corrections, "inputs_in_range", recorded)
    return calls


def test_a_snapshot_keeps_the_inputs_version_read_before_the_inputs(world: World, officers) -> None:  # type: ignore[no-untyped-def]
    from alliances.income.models import InputSnapshot

    households = enrolled_households(2, income="300")
    _pay_november(officers)
    kept = dict(InputSnapshot.objects.values_list("household_id", "settled_version"))
    assert kept == {h.pk: Household.objects.get(pk=h.pk).inputs_version for h in households}


def test_unchanged_households_are_not_read_again_for_corrections(world: World, officers, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    households = enrolled_households(3, income="300")
    _pay_november(officers)
    calls = _households_read(monkeypatch)
    first, _ = officers
    cycle = cycle_compute(actor=first, cycle=cycle_open(actor=first, month=DECEMBER))
    assert calls == []
    assert not Correction.objects.filter(cycle=cycle).exists()
    assert {e.household_id for e in Entitlement.objects.filter(cycle=cycle)} == {h.pk for h in households}


def test_a_change_written_by_any_means_is_found_and_only_that_household_is_read(  # type: ignore[no-untyped-def]
    world: World, officers, monkeypatch
) -> None:
    from django.db.models import F

    households = enrolled_households(3, income="300")
    _pay_november(officers)
    # A bulk update, as a script or an import would do it: no service, no model save.
    MonthlyIncome.objects.filter(member__household=households[1], month=M).update(amount=F("amount") + 100)
    calls = _households_read(monkeypatch)
    first, _ = officers
    cycle_compute(actor=first, cycle=cycle_open(actor=first, month=DECEMBER))
    assert calls == [[households[1].pk]]
    assert _lines() == [("T1", "recovery", Decimal("-100.00"), Decimal("-50.00"))]  # at most 50 € a month


def test_snapshots_kept_without_a_version_are_compared_in_full(world: World, officers, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from alliances.income.models import InputSnapshot

    households = enrolled_households(2, income="300")
    _pay_november(officers)
    InputSnapshot.objects.update(settled_version=None)  # taken before versions existed
    calls = _households_read(monkeypatch)
    first, _ = officers
    cycle = cycle_compute(actor=first, cycle=cycle_open(actor=first, month=DECEMBER))
    assert calls == [sorted(h.pk for h in households)]
    assert not Correction.objects.filter(cycle=cycle).exists()  # read again, found unchanged


def test_a_change_of_the_month_rules_reads_every_household_again(world: World, officers, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    enrolled_households(2, income="300")
    _pay_november(officers)
    SchemeRule.objects.create(name="guaranteed_level", valid_from=M, value="900", source="Délibération")
    calls = _households_read(monkeypatch)
    first, _ = officers
    cycle = cycle_compute(actor=first, cycle=cycle_open(actor=first, month=DECEMBER))
    assert calls == [None]
    assert sorted(c.difference for c in Correction.objects.filter(cycle=cycle)) == [Decimal("33.00")] * 2


JANUARY = date(2027, 1, 1)
FEBRUARY = date(2027, 2, 1)


def _corrections_of(cycle: Cycle) -> list[tuple[str, date, Decimal]]:
    return sorted(
        (c.household.reference, c.month_concerned, c.amount)
        for c in Correction.objects.filter(cycle=cycle).select_related("household")
    )


@pytest.mark.parametrize("defer_at_most", [0, 500])
def test_a_corrected_month_is_not_computed_again_until_the_household_changes_again(  # type: ignore[no-untyped-def]
    world: World, officers, monkeypatch, defer_at_most: int
) -> None:
    monkeypatch.setattr(corrections, "DEFER_AT_MOST", defer_at_most)
    _counting_benefits_due()  # the costly case: each household computed again is a rights simulation
    households = enrolled_households(2)
    _pay(officers)
    applicant = households[0].members.get()
    # 40 € earned in November: 40 € paid too much, recovered at once (within the 50 € monthly cap).
    MonthlyIncome.objects.create(member=applicant, income_type="salary_net", month=M, amount=Decimal("40"))
    december = _pay(officers, DECEMBER)
    assert [(ref, month) for ref, month, _ in _corrections_of(december)] == [("T0", M)]
    calls = _households_read(monkeypatch)
    january = _pay(officers, JANUARY)
    assert calls == []  # November settled by December's recovery; nothing changed since
    assert _corrections_of(january) == []
    MonthlyIncome.objects.filter(member=applicant, month=M).delete()
    february = _pay(officers, FEBRUARY)
    # Its version moved: each paid month (November, December, January) is read again, once.
    assert calls == [[households[0].pk]] * 3
    # Back to the inputs November was paid on: December's recovery is given back.
    ((_, _, taken),) = _corrections_of(december)
    assert taken < 0 and ("T0", M, -taken) in _corrections_of(february)


def test_a_recovery_held_back_by_the_cap_goes_on_the_next_months(world: World, officers, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from alliances.income.models import InputSnapshot

    (household,) = enrolled_households(1, income="300")
    _pay(officers)
    MonthlyIncome.objects.filter(member__household=household, month=M).update(amount=Decimal("420"))  # 120 € too much
    recovered = [a for _, _, a in _corrections_of(_pay(officers, DECEMBER))]
    recovered += [a for _, _, a in _corrections_of(_pay(officers, JANUARY))]
    calls = _households_read(monkeypatch)
    recovered += [a for _, _, a in _corrections_of(_pay(officers, FEBRUARY))]
    assert recovered == [Decimal("-50.00"), Decimal("-50.00"), Decimal("-20.00")]
    assert calls == []  # the recovery goes on from the due November was settled on, without reading it again
    assert _corrections_of(_pay(officers, date(2027, 3, 1))) == []
    assert calls == []
    november = InputSnapshot.objects.get(cycle__month=M)
    assert (november.settled_due, november.recovery_pending) == (Decimal("447.00"), False)  # 867 − 420 €


def test_a_month_settled_by_a_correction_is_not_computed_again_for_a_change_of_another_month(  # type: ignore[no-untyped-def]
    world: World, officers, monkeypatch
) -> None:
    (household,) = enrolled_households(1, income="300")
    applicant = household.members.get()
    _pay(officers)
    MonthlyIncome.objects.filter(member=applicant, month=M).update(amount=Decimal("280"))
    _pay(officers, DECEMBER)  # arrears of 20 € for November, settled on the inputs with 280 €
    MonthlyIncome.objects.create(member=applicant, income_type="salary_net", month=DECEMBER, amount=Decimal("290"))
    computed: list[date] = []
    compute = corrections.entitled

    def recorded(inputs, month, rules):  # type: ignore[no-untyped-def]
        computed.append(month)
        return compute(inputs, month, rules)

    monkeypatch.setattr(corrections, "entitled", recorded)
    january = _pay(officers, JANUARY)
    assert computed == [DECEMBER]  # November was read again (the version moved) but is settled on these inputs
    # December was paid with no income: 290 € too much, recovered at 50 € a month.
    assert _corrections_of(january) == [("T0", DECEMBER, Decimal("-50.00"))]


def test_a_new_change_during_a_pending_recovery_is_computed_from_the_new_inputs(world: World, officers) -> None:  # type: ignore[no-untyped-def]
    (household,) = enrolled_households(1, income="300")
    income = MonthlyIncome.objects.filter(member__household=household, month=M)
    _pay(officers)
    income.update(amount=Decimal("420"))  # 120 € paid too much
    december = _corrections_of(_pay(officers, DECEMBER))
    income.update(amount=Decimal("330"))  # finally 30 € too much: 50 € already taken back, 20 € to give back
    january = _corrections_of(_pay(officers, JANUARY))
    assert (december, january) == ([("T0", M, Decimal("-50.00"))], [("T0", M, Decimal("20.00"))])
    assert _corrections_of(_pay(officers, FEBRUARY)) == []


def test_a_pending_recovery_goes_on_first_when_another_month_changes(world: World, officers) -> None:  # type: ignore[no-untyped-def]
    (household,) = enrolled_households(1, income="300")
    applicant = household.members.get()
    _pay(officers)
    MonthlyIncome.objects.filter(member=applicant, month=M).update(amount=Decimal("420"))  # 120 € too much
    december = _corrections_of(_pay(officers, DECEMBER))
    # Then a December income: its version moves, November is read again, found settled, still owed.
    MonthlyIncome.objects.create(member=applicant, income_type="salary_net", month=DECEMBER, amount=Decimal("40"))
    january = _corrections_of(_pay(officers, JANUARY))
    assert december == [("T0", M, Decimal("-50.00"))]
    assert january == [("T0", M, Decimal("-50.00"))]  # the older month first; December waits (cap reached)
    february = _corrections_of(_pay(officers, FEBRUARY))
    assert february == [("T0", M, Decimal("-20.00")), ("T0", DECEMBER, Decimal("-30.00"))]


@pytest.mark.django_db
def test_changes_left_to_the_end_come_back_whole_from_their_json() -> None:
    from alliances.income.selectors import rules_in_force

    changed = household([adult(salary=300.0)])
    change = corrections.MonthChanges(
        month=M,
        rules=rules_in_force(month=M),
        households={1: changed},
        paid={1: Decimal("567.00"), 2: Decimal("867.00"), 3: Decimal("100.00")},
        checked={1: (11, 7), 2: (12, 9)},  # 2 read again, unchanged, with a recovery still pending
        pending={2: (12, Decimal("817.00")), 3: (13, Decimal("90.00"))},
    )
    (back,) = corrections.from_deferred([corrections.deferred_json([change])])
    assert (back.month, back.paid, back.checked, back.pending) == (M, change.paid, change.checked, change.pending)
    assert back.households == {1: changed}
