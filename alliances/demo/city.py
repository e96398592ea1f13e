"""The city-scale data set (`manage.py demo_seed --persons 20000 --years 3`): the demo CCAS grown to a city,
with years of history and every monthly cycle paid. For load tests, steering figures and benchmarks.

About 14,000 households for 20,000 persons, a referent for about 150 persons and a mediator for about
600, their incomes month by month, years of support (history.py) and one paid guaranteed-income cycle per
month. Written in batches with bulk inserts, on SQLite or PostgreSQL; the same seed gives the same city.
Run again, it reuses what exists and finishes the cycles left unpaid."""

import time
from collections import Counter
from collections.abc import Callable
from datetime import date

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone
from dsfr.models import DsfrConfig

from alliances.accounts.enums import Role
from alliances.accounts.models import User
from alliances.core.months import add_months
from alliances.households.models import Household
from alliances.persons.models import Person

from .accounts import DEMO_PASSWORD, REFERENTS
from .alliance import demo_person_alliance, link_types_for_all
from .circles import Staff, circles, demo_person_circle, portal_accounts
from .generate import SITE, DemoResult, _staff, enrol_rennes, pay_cycle
from .history import history
from .meetings import demo_meetings
from .population import Draw, Family, families, incomes

#: Households per batch: each is written, with its history, before the next is drawn.
BATCH = 500
#: Persons per household in the demo's shapes (measured: 20,000 persons ≈ 14,000 households).
PERSONS_PER_HOUSEHOLD = 1.43
PERSONS_PER_REFERENT = 150
PERSONS_PER_MEDIATOR = 600


def generate_city(
    *, seed: int, persons: int, years: int, today: date | None = None, report: Callable[[str], None] = print
) -> DemoResult:
    today = today or timezone.localdate()
    months = [add_months(today.replace(day=1), -k) for k in range(12 * years, 0, -1)]  # oldest first
    created = not User.objects.filter(email=REFERENTS[0].email).exists()
    if created:
        _city(Draw.seeded(seed, today), persons, months, report)
    officers = {Role.OFFICER: User.objects.filter(role=Role.OFFICER).order_by("pk").first()}
    began = time.perf_counter()
    for index, month in enumerate(months):
        pay_cycle(officers, month)  # type: ignore[arg-type]  # the demo's officers exist
        report(f"  cycle {month:%m/%Y} paid ({index + 1}/{len(months)}, {time.perf_counter() - began:.0f} s)")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # the planner's statistics for millions of new rows, as after any bulk load
    return DemoResult(created=created, persons=Person.objects.count(), households=Household.objects.count())


@transaction.atomic
def _city(draw: Draw, persons: int, months: list[date], report: Callable[[str], None]) -> None:
    households = max(1, round(persons / PERSONS_PER_HOUSEHOLD))
    password_hash = make_password(DEMO_PASSWORD)
    DsfrConfig.objects.update_or_create(pk=1, defaults=SITE)
    staff = _staff(password_hash)
    _more_staff(staff, persons, password_hash)
    # Incomes from three months before the first cycle: the resources a cycle reads.
    income_months = [add_months(months[0], -k) for k in range(1, 4)] + months
    made: list[Family] = []
    counts: Counter[str] = Counter()
    began = time.perf_counter()
    for start in range(0, households, BATCH):
        batch = families(draw, min(BATCH, households - start), start)
        incomes(draw, batch, income_months)
        circles(draw, batch, staff)
        if start == 0:
            _demo_persons(draw, batch, staff, password_hash)
        users = {user.pk: user for user in User.objects.exclude(role=Role.PERSON)}
        adults = [person for family in batch for _, person in family.adults]
        counts += history(draw.rng, adults, months, users)
        made += batch
        report(
            f"  {start + len(batch):,}/{households:,} households, {sum(counts.values()):,} events "
            f"({time.perf_counter() - began:.0f} s)"
        )
    link_types_for_all(draw.rng)
    enrol_rennes(draw, made, since=months[0])
    report("  written: " + ", ".join(f"{count:,} {name}" for name, count in sorted(counts.items())))


def _more_staff(staff: Staff, persons: int, password_hash: str) -> None:
    """Referents and mediators for a city's caseload, after the demo's own accounts."""
    wanted = {
        Role.REFERENT: (max(0, persons // PERSONS_PER_REFERENT - len(staff.referents)), staff.referents),
        Role.MEDIATOR: (max(0, persons // PERSONS_PER_MEDIATOR - len(staff.mediators)), staff.mediators),
    }
    for role, (count, into) in wanted.items():
        made = User.objects.bulk_create(
            User(
                username=f"{role}{n}@ville.test",
                email=f"{role}{n}@ville.test",
                first_name=f"Intervenant·e {n}",
                last_name=str(role).capitalize(),
                role=role,
                password=password_hash,
            )
            for n in range(1, count + 1)
        )
        into.extend(made)


def _demo_persons(draw: Draw, first: list[Family], staff: Staff, password_hash: str) -> None:
    """The demo's persons with an account, their circle and their story, as in the small demo."""
    applicants = portal_accounts(first, password_hash)
    demo_person_circle(draw, applicants, staff)
    link_types_for_all(draw.rng)
    demo_person_alliance(applicants[0], draw.today)
    demo_meetings(applicants[0], staff.referents[:6], staff.mediators[:2], draw.today)
