"""A fictional CCAS, generated deterministically (same seed, same data): ~300 persons in ~200 households."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from dsfr.models import DsfrConfig

from alliances.access.categories import Category
from alliances.accounts.enums import Role
from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record_many
from alliances.demo.alliance import demo_person_alliance, link_types_for_all
from alliances.demo.meetings import demo_meetings
from alliances.households.enums import IncomeType
from alliances.households.models import Household, Housing, MonthlyIncome
from alliances.persons.models import Person

from .accounts import DEMO_PASSWORD, MEDIATORS, OTHERS, REFERENTS
from .circles import Staff, circles, demo_person_circle, portal_accounts
from .population import Draw, Family, families, incomes, months_back

SITE = {
    "header_brand": "République française",
    "header_brand_html": "République<br>française",
    "footer_brand": "République française",
    "footer_brand_html": "République<br>française",
    "site_title": "Alliances",
    "site_tagline": "CCAS — Revenu minimum garanti et accompagnement",
    "footer_description": "Alliances",
    "mourning": False,
    "accessibility_status": "PART",
}


@dataclass
class DemoResult:
    created: bool
    persons: int
    households: int


def _user(spec_role: str, email: str, first: str, last: str, password_hash: str, **extra: object) -> User:
    user, _ = User.objects.get_or_create(
        email=email,
        defaults={
            "username": email,
            "first_name": first,
            "last_name": last,
            "role": spec_role,
            "password": password_hash,
            **extra,
        },
    )
    return user


def _staff(password_hash: str) -> Staff:
    referents = [_user(a.role, a.email, a.first_name, a.last_name, password_hash) for a in REFERENTS]
    mediators = [_user(a.role, a.email, a.first_name, a.last_name, password_hash) for a in MEDIATORS]
    first_of_role: dict[str, User] = {}
    for account in OTHERS:
        user = _user(
            account.role,
            account.email,
            account.first_name,
            account.last_name,
            password_hash,
            is_staff=account.role == Role.ADMIN,
            is_superuser=account.role == Role.ADMIN,
            findable=account.role in {Role.PARTNER, Role.PERSON},
        )
        first_of_role.setdefault(account.role, user)
    return Staff(referents, mediators, first_of_role)


@transaction.atomic
def generate(*, seed: int = 2026, households: int = 200, today: date | None = None) -> DemoResult:
    if User.objects.filter(email=REFERENTS[0].email).exists():
        return DemoResult(created=False, persons=Person.objects.count(), households=Household.objects.count())
    draw = Draw.seeded(seed, today or timezone.localdate())
    password_hash = make_password(DEMO_PASSWORD)
    DsfrConfig.objects.update_or_create(pk=1, defaults=SITE)
    staff = _staff(password_hash)
    made = families(draw, households)
    incomes(draw, made, months_back(draw.today, 12))
    circles(draw, made, staff)
    applicants = portal_accounts(made, password_hash)
    demo_person_circle(draw, applicants, staff)
    link_types_for_all(draw.rng)
    demo_person_alliance(applicants[0], draw.today)
    demo_meetings(applicants[0], staff.referents, staff.mediators, draw.today)
    persons = [person for family in made for _, person in family.adults]
    audit_record_many(
        actor=None,
        person_ids=[p.pk for p in persons],
        category=Category.IDENTITY,
        action=AuditAction.WRITE,
        detail="données de démonstration",
    )
    _income_demo(draw, made, staff.first_of_role)
    return DemoResult(created=True, persons=len(persons), households=len(made))


def _income_demo(draw: Draw, made: list[Family], officers: dict[str, User]) -> None:
    """Enrols the Rennes households (with IBANs) and pays last month's cycle, with two officers."""
    enrol_rennes(draw, made, since=draw.today.replace(day=1, month=1))
    last_month = (draw.today.replace(day=1) - timedelta(days=1)).replace(day=1)
    pay_cycle(officers, last_month)


def enrol_rennes(draw: Draw, made: list[Family], since: date) -> None:
    """The demo person's household and most Rennes households are enrolled in the guaranteed income, with
    an IBAN, since `since`."""
    from schwifty import IBAN

    from alliances.income.models import Enrollment

    rng = draw.rng
    households = [family.household for family in made]
    housings = [family.housing for family in made if family.housing is not None]
    enrollments = []
    # The demo person's household (the first one) lives in Rennes, is enrolled and has no earned income
    # (only the RSA and housing aid it receives), so the portal shows a top-up and its payment.
    Housing.objects.filter(pk=housings[0].pk).update(commune_code="35238")
    housings[0].commune_code = "35238"
    MonthlyIncome.objects.filter(
        member__household=households[0],
        income_type__in=[IncomeType.SALARY_NET, IncomeType.UNEMPLOYMENT, IncomeType.PENSION],
    ).delete()
    for index, (family, housing) in enumerate(zip(made, housings, strict=True)):
        if housing.commune_code == "35238" and (index == 0 or rng.random() < 0.85):
            iban = IBAN.generate("FR", bank_code="30006", account_code=f"{index + 1:011d}")
            members = family.adults
            enrollments.append(
                Enrollment(
                    household=family.household,
                    enrolled=True,
                    since=since,
                    iban=str(iban.compact),
                    bic="AGRIFRPP",
                    account_holder=members[0][1].display_name[:70],
                )
            )
    Enrollment.objects.bulk_create(enrollments, batch_size=2000)


def pay_cycle(officers: dict[str, User], month: date) -> None:
    """The month's cycle computed, approved by a second officer and paid; resumes where it stopped."""
    from alliances.income.enums import CycleStatus
    from alliances.income.services import (
        above_ceiling,
        cycle_approve,
        cycle_compute,
        cycle_open,
        cycle_pay,
        entitlement_review,
    )

    first = officers[Role.OFFICER]
    second = User.objects.get(email="instructrice2@alliances.test")
    cycle = cycle_open(actor=first, month=month)
    if cycle.status == CycleStatus.DRAFT:
        cycle = cycle_compute(actor=first, cycle=cycle)
    if cycle.status == CycleStatus.COMPUTED:
        for entitlement in above_ceiling(cycle).filter(reviewed_at__isnull=True):
            entitlement_review(actor=second, entitlement=entitlement)  # checked one by one, as asked
        cycle = cycle_approve(actor=second, cycle=cycle)
    if cycle.status == CycleStatus.APPROVED:
        cycle_pay(actor=first, cycle=cycle, execution_date=month.replace(day=5))
