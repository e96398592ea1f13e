"""The city-scale data set, small: the same seed gives the same city, every month has its history and its
paid cycle, the audit chain holds, and running it again adds nothing."""

import hashlib
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, Sum

from alliances.accounts.enums import Role
from alliances.accounts.models import User
from alliances.assessments.models import Reading
from alliances.audit.chain import verify
from alliances.circles.enums import AllyRole
from alliances.circles.models import Ally, Interaction
from alliances.demo.city import generate_city
from alliances.income.models import Cycle, Payment
from alliances.mediation.models import MediationSession
from alliances.meetings.models import Meeting
from alliances.persons.models import Person

TODAY = date(2026, 12, 2)


class _Rollback(Exception):
    def __init__(self, digest: str) -> None:
        self.digest = digest


def _digest() -> str:
    """What the city is made of, without the moments it was written at."""
    parts = [
        list(Person.objects.order_by("pk").values_list("last_name", "first_names", "birth_date")),
        list(Interaction.objects.order_by("pk").values_list("person__last_name", "occurred_on", "kind", "bond")),
        list(Meeting.objects.order_by("pk").values_list("person__last_name", "starts_at", "status", "place_kind")),
        list(Reading.objects.order_by("pk").values_list("person__last_name", "taken_on", "side", "values")),
        list(Payment.objects.order_by("pk").values_list("entitlement__household__reference", "amount")),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _city_digest(seed: int) -> str:
    try:
        with transaction.atomic():
            generate_city(seed=seed, persons=300, years=1, today=TODAY, report=lambda _: None)
            raise _Rollback(_digest())
    except _Rollback as made:
        return made.digest


def test_the_same_seed_gives_the_same_city(db: None) -> None:
    assert _city_digest(7) == _city_digest(7)
    assert _city_digest(7) != _city_digest(8)


def test_a_small_city_has_its_history_its_cycles_and_a_sound_audit_chain(db: None) -> None:
    lines: list[str] = []
    result = generate_city(seed=3, persons=300, years=1, today=TODAY, report=lines.append)
    assert result.created and 270 <= result.persons <= 330
    assert Ally.objects.active().filter(role=AllyRole.REFERENT).count() == result.persons
    assert User.objects.filter(role=Role.REFERENT).count() == 6  # at least the demo's; one per 150 persons
    # Twelve monthly cycles, each paid, one per month before this one.
    months = list(Cycle.objects.order_by("month").values_list("month", "status"))
    assert [m for m, _ in months] == [date(2025 + (11 + k) // 12, (11 + k) % 12 + 1, 1) for k in range(12)]
    assert {status for _, status in months} == {"paid"}
    assert Payment.objects.aggregate(total=Sum("amount"))["total"] > 0
    # Every month has journal entries, meetings and sessions; readings on both sides.
    for model, field in ((Interaction, "occurred_on"), (MediationSession, "occurred_on"), (Meeting, "starts_at")):
        per_month = model.objects.values_list(f"{field}__year", f"{field}__month").annotate(n=Count("id"))
        assert len(per_month) >= 12, model
    assert set(Reading.objects.values_list("side", flat=True)) == {"person", "worker"}
    assert set(Meeting.objects.values_list("status", flat=True)) >= {"held", "missed", "moved", "cancelled"}
    report = verify()
    assert report.first_break is None and report.checked > 1000, report
    assert any("cycle 11/2026 paid" in line for line in lines)
    # Run again: nothing added.
    counts = (Person.objects.count(), Interaction.objects.count(), Payment.objects.count())
    again = generate_city(seed=3, persons=300, years=1, today=TODAY, report=lambda _: None)
    assert not again.created
    assert (Person.objects.count(), Interaction.objects.count(), Payment.objects.count()) == counts


def test_bad_sizes_are_refused_in_french(db: None) -> None:
    with pytest.raises(CommandError, match="--persons doit être positif"):
        call_command("demo_seed", "--persons", "-5")
    with pytest.raises(CommandError, match="--years compris entre 1 et 10"):
        call_command("demo_seed", "--persons", "100", "--years", "50")
    assert not Person.objects.exists()
