from datetime import date
from typing import Any

import pytest
from django.db import IntegrityError, connection

from alliances.core.bulk import insert_new
from alliances.income.models import Cycle

FIELDS = ("month", "status", "rules", "total_households", "progress")

pytestmark = pytest.mark.django_db


def test_rows_are_inserted_with_their_json_and_their_keys_returned() -> None:
    rules = {"niveau": {"value": "867", "source": "Délibération « RMG »"}}
    inserted = insert_new(
        Cycle, FIELDS, [(date(2026, 10, 1), "draft", rules, 3, 0), (date(2026, 11, 1), "draft", {}, 0, 0)], key="month"
    )
    assert inserted == {date(2026, 10, 1), date(2026, 11, 1)}
    assert Cycle.objects.get(month=date(2026, 10, 1)).rules == rules  # JSON, accents and quotes intact


def test_rows_that_conflict_are_skipped_and_existing_ones_never_rewritten() -> None:
    insert_new(Cycle, FIELDS, [(date(2026, 10, 1), "draft", {"v": 1}, 3, 0)], key="month")
    inserted = insert_new(
        Cycle,
        FIELDS,
        [(date(2026, 10, 1), "paid", {"v": 2}, 9, 9), (date(2026, 12, 1), "draft", {}, 0, 0)],
        key="month",
    )
    assert inserted == {date(2026, 12, 1)}
    kept = Cycle.objects.get(month=date(2026, 10, 1))
    assert (kept.status, kept.rules, kept.total_households) == ("draft", {"v": 1}, 3)


def test_nothing_to_insert_runs_no_query(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    with django_assert_num_queries(0):
        assert insert_new(Cycle, FIELDS, [], key="month") == set()


def test_a_bad_row_inserts_nothing_at_all() -> None:
    rows: list[tuple[Any, ...]] = [
        (date(2026, 10, 1), "draft", {}, 0, 0),
        (date(2026, 11, 1), "draft", {}, None, 0),
    ]  # NOT NULL
    with pytest.raises(IntegrityError):
        insert_new(Cycle, FIELDS, rows, key="month")
    assert not Cycle.objects.exists(), connection.vendor


def test_statistics_are_refreshed_after_a_bulk_load_on_postgresql() -> None:
    from django.test.utils import CaptureQueriesContext

    from alliances.core.bulk import refresh_statistics
    from alliances.income.models import Entitlement

    with CaptureQueriesContext(connection) as queries:
        refresh_statistics(Cycle, Entitlement)
    analysed = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("ANALYZE")]
    if connection.vendor == "postgresql":
        assert analysed == ['ANALYZE "income_cycle", "income_entitlement"']
    else:
        assert analysed == []  # SQLite plans without them


def test_a_computed_cycle_refreshes_the_statistics_of_what_it_wrote(world, settings) -> None:  # type: ignore[no-untyped-def]
    from django.test.utils import CaptureQueriesContext

    from alliances.income.services import cycle_compute, cycle_open
    from tests.income.households import enrolled_households

    enrolled_households(2)
    officer = world.user("officer")
    with CaptureQueriesContext(connection) as queries:
        cycle_compute(actor=officer, cycle=cycle_open(actor=officer, month=date(2026, 11, 1)))
    analysed = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("ANALYZE")]
    expected = ['ANALYZE "income_entitlement", "income_inputsnapshot", "income_correction"']
    assert analysed == (expected if connection.vendor == "postgresql" else [])
