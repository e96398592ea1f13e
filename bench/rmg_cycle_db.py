"""Benchmark of the guaranteed-income cycle through the database (snapshots, entitlements, payments, SEPA).

Rerun (PostgreSQL; it creates and drops its own database):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/rmg_cycle_db.py --size 100000

The synthetic households are inserted first (not timed); then compute, approve and pay are timed,
as the officers' pages run them (resources as declared, the default rules).
"""

import argparse
import os
import resource
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

MONTH = date(2026, 11, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=100000)
    options = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    setup_test_environment()
    config = setup_databases(verbosity=0, interactive=False)
    try:
        run(options.size, connection.vendor)
    finally:
        teardown_databases(config, verbosity=0)


def run(size: int, vendor: str) -> None:
    from alliances.accounts.enums import Role
    from alliances.accounts.models import User
    from alliances.households.models import Household, Housing, Member, MonthlyIncome
    from alliances.income.models import Enrollment, Entitlement, Payment, SepaFile
    from alliances.income.services import cycle_approve, cycle_compute, cycle_open, cycle_pay, rules_load_defaults
    from bench.synthetic import synthetic_households

    rules_load_defaults()
    first = User.objects.create(username="o1", email="o1@alliances.test", role=Role.INSTRUCTOR)
    second = User.objects.create(username="o2", email="o2@alliances.test", role=Role.INSTRUCTOR)
    started = time.perf_counter()
    for start in range(0, size, 5000):
        population = synthetic_households(min(5000, size - start), "2026-11", start=start)
        households = Household.objects.bulk_create([Household(reference=h.id) for h in population])
        members, housings, enrollments, incomes = [], [], [], []
        for household, data in zip(households, population, strict=True):
            housings.append(
                Housing(
                    household=household, status=data.housing_status, rent=Decimal(str(data.rent)), commune_code="35238"
                )
            )
            enrollments.append(
                Enrollment(
                    household=household,
                    enrolled=True,
                    since=date(2026, 1, 1),
                    iban="FR7630006000011234567890189",
                    account_holder=data.id,
                )
            )
            for member in data.members:
                members.append(
                    (
                        Member(
                            household=household,
                            role=member.role,
                            first_name="X",
                            last_name=data.id,
                            birth_date=member.birth_date,
                        ),
                        member,
                    )
                )
        Member.objects.bulk_create([m for m, _ in members])
        for member, data in members:
            for by_month in data.incomes.values():
                amount = by_month.get("2026-11")
                if amount:
                    incomes.append(
                        MonthlyIncome(member=member, income_type="salary_net", month=MONTH, amount=Decimal(str(amount)))
                    )
        Housing.objects.bulk_create(housings)
        Enrollment.objects.bulk_create(enrollments)
        MonthlyIncome.objects.bulk_create(incomes)
    print(
        f"guaranteed-income cycle through {vendor} — {size:,} households inserted in "
        f"{time.perf_counter() - started:.0f} s (not timed below)"
    )
    timings = {}
    cycle = cycle_open(actor=first, month=MONTH)

    def review_then_approve() -> None:
        # Amounts above the ceiling are reviewed one by one by a person; here they are marked at once.
        from alliances.income.services import above_ceiling

        above_ceiling(cycle).update(reviewed_by=second)
        from django.utils import timezone

        above_ceiling(cycle).update(reviewed_at=timezone.now())
        cycle_approve(actor=second, cycle=cycle)

    if os.environ.get("PROFILE"):
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.runcall(cycle_compute, actor=first, cycle=cycle)
        pstats.Stats(profile).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(25)
        return
    for name, step in (
        ("compute", lambda: cycle_compute(actor=first, cycle=cycle)),
        ("approve", review_then_approve),
        ("pay + SEPA", lambda: cycle_pay(actor=first, cycle=cycle)),
    ):
        began = time.perf_counter()
        step()
        timings[name] = time.perf_counter() - began
    total = sum(timings.values())
    print("  " + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()) + f" → {total:.1f} s")
    print(
        f"  {Entitlement.objects.count():,} entitlements, {Payment.objects.count():,} payments, "
        f"{SepaFile.objects.count()} SEPA files; peak memory "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )


if __name__ == "__main__":
    main()
