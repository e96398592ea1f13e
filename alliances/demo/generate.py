"""A fictional CCAS, generated deterministically (same seed, same data): ~300 persons in ~200 households."""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from dsfr.models import DsfrConfig
from faker import Faker

from alliances.access.categories import Category
from alliances.accounts.enums import Role
from alliances.accounts.models import User
from alliances.alliance.enums import AllyRole
from alliances.alliance.models import Ally
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record_many
from alliances.consent.models import Sharing, SharingChange
from alliances.demo.alliance import demo_person_alliance, link_types_for_all
from alliances.demo.meetings import demo_meetings
from alliances.households.enums import HousingStatus, IncomeType, MemberRole
from alliances.households.models import Household, Housing, Member, MonthlyIncome
from alliances.persons.enums import ContactChannel
from alliances.persons.models import Person

from .accounts import DEMO_PASSWORD, MEDIATORS, OTHERS, PEER_LOGIN, PERSON_LOGIN, REFERENTS

COMMUNES = ["35238"] * 8 + ["35047", "35051", "35281", "35206"]  # Rennes mostly; Bruz, Cesson, St-Jacques, Pacé
LANGUAGES = ["français"] * 12 + [
    "français, arabe",
    "français, anglais",
    "français, portugais",
    "arabe",
    "tamoul",
    "français, wolof",
    "russe",
    "français, breton",
]


@dataclass
class DemoResult:
    created: bool
    persons: int
    households: int


def _months_back(today: date, count: int) -> list[date]:
    month = today.replace(day=1)
    months = []
    for _ in range(count):
        months.append(month)
        month = (month - timedelta(days=1)).replace(day=1)
    return months


def _birth(rng: random.Random, today: date, min_age: int, max_age: int) -> date:
    age_days = rng.randint(min_age * 365 + 1, max_age * 365 + 300)
    return today - timedelta(days=age_days)


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


@transaction.atomic
def generate(*, seed: int = 2026, households: int = 200, today: date | None = None) -> DemoResult:
    if User.objects.filter(email=REFERENTS[0].email).exists():
        return DemoResult(created=False, persons=Person.objects.count(), households=Household.objects.count())
    today = today or timezone.localdate()
    rng = random.Random(seed)
    fake = Faker("fr_FR")
    fake.seed_instance(seed)
    password_hash = make_password(DEMO_PASSWORD)

    DsfrConfig.objects.update_or_create(
        pk=1,
        defaults={
            "header_brand": "République française",
            "header_brand_html": "République<br>française",
            "footer_brand": "République française",
            "footer_brand_html": "République<br>française",
            "site_title": "Alliances",
            "site_tagline": "CCAS — Revenu minimum garanti et accompagnement",
            "footer_description": "Alliances",
            "mourning": False,
            "accessibility_status": "PART",
        },
    )
    referents = [_user(a.role, a.email, a.first_name, a.last_name, password_hash) for a in REFERENTS]
    mediators = [_user(a.role, a.email, a.first_name, a.last_name, password_hash) for a in MEDIATORS]
    others: dict[str, User] = {}  # role → the first account of that role
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
        others.setdefault(account.role, user)

    months = _months_back(today, 12)
    persons: list[Person] = []
    members: list[Member] = []
    housing_rows: list[Housing] = []
    incomes: list[tuple[Member, str, date, Decimal]] = []
    household_rows = Household.objects.bulk_create(
        [Household(reference=f"F{index + 1:06d}") for index in range(households)]
    )
    for household in household_rows:
        shape = rng.choices(
            ["single", "lone_parent", "couple", "couple_children", "with_adult_child"], weights=[34, 22, 12, 22, 10]
        )[0]
        last_name = fake.last_name()
        adults: list[tuple[str, Person]] = []
        applicant_female = rng.random() < 0.6 if shape != "lone_parent" else rng.random() < 0.85
        applicant = Person(
            last_name=last_name,
            first_names=fake.first_name_female() if applicant_female else fake.first_name_male(),
            birth_date=_birth(rng, today, 19, 70),
            phone=f"+336{rng.randint(10000000, 99999999)}" if rng.random() < 0.85 else "",
            email=fake.free_email() if rng.random() < 0.5 else "",
            address=fake.street_address(),
            languages=rng.choice(LANGUAGES),
            preferred_channel=rng.choice(
                [
                    ContactChannel.PHONE,
                    ContactChannel.SMS,
                    ContactChannel.SMS,
                    ContactChannel.EMAIL,
                    ContactChannel.IN_PERSON,
                ]
            ),
            accessibility_needs=rng.choice(
                [""] * 8
                + [
                    "Malvoyance : documents en gros caractères",
                    "Rendez-vous au rez-de-chaussée",
                    "Lecture difficile : à l'oral",
                ]
            ),
        )
        adults.append((MemberRole.APPLICANT, applicant))
        if shape in {"couple", "couple_children"}:
            partner = Person(
                last_name=last_name if rng.random() < 0.6 else fake.last_name(),
                first_names=fake.first_name_male() if applicant_female else fake.first_name_female(),
                birth_date=_birth(rng, today, 19, 70),
                phone=f"+337{rng.randint(10000000, 99999999)}" if rng.random() < 0.6 else "",
                languages=applicant.languages,
            )
            adults.append((MemberRole.PARTNER, partner))
        if shape == "with_adult_child":
            adults.append(
                (
                    MemberRole.OTHER,
                    Person(
                        last_name=last_name,
                        first_names=fake.first_name(),
                        birth_date=_birth(rng, today, 18, 24),
                        languages="français",
                    ),
                )
            )
        children = 0
        if shape in {"lone_parent", "couple_children"}:
            children = rng.choices([1, 2, 3, 4], weights=[40, 35, 18, 7])[0]
        persons.extend(person for _, person in adults)
        household._demo = (shape, adults, children, last_name)  # type: ignore[attr-defined]
    Person.objects.bulk_create(persons)

    for household in household_rows:
        shape, adults, children, last_name = household._demo  # type: ignore[attr-defined]
        for role, person in adults:
            members.append(
                Member(
                    household=household,
                    person=person,
                    role=role,
                    first_name=person.first_name,
                    last_name=person.last_name,
                    birth_date=person.birth_date,
                    disability_rate=Decimal(rng.choice([0] * 14 + [50, 80])),
                )
            )
        for _ in range(children):
            members.append(
                Member(
                    household=household,
                    role=MemberRole.CHILD,
                    first_name=fake.first_name(),
                    last_name=last_name,
                    birth_date=_birth(rng, today, 0, 17),
                )
            )
        status = rng.choices(list(HousingStatus), weights=[68, 3, 16, 8, 5])[0]
        rent = Decimal(rng.randint(280, 720)) if status == HousingStatus.TENANT else Decimal(0)
        housing_rows.append(Housing(household=household, status=status, rent=rent, commune_code=rng.choice(COMMUNES)))
    Member.objects.bulk_create(members)
    Housing.objects.bulk_create(housing_rows)

    by_household: dict[int, list[Member]] = {}
    for member in members:
        by_household.setdefault(member.household_id, []).append(member)
    for household, housing in zip(household_rows, housing_rows, strict=True):
        family = by_household[household.pk]
        child_count = sum(1 for m in family if m.role == MemberRole.CHILD)
        for member in family:
            if member.role == MemberRole.CHILD:
                continue
            age = member.person.age_on(today) if member.person else 30
            situation = rng.choices(
                ["work", "unemployed", "pension", "none"], weights=[30, 25, 15 if age >= 62 else 2, 30]
            )[0]
            base = {"work": (350, 1450), "unemployed": (550, 1150), "pension": (650, 1150), "none": (0, 0)}[situation]
            amount = Decimal(rng.randint(*base)) if base[1] else Decimal(0)
            kind = {
                "work": IncomeType.SALARY_NET,
                "unemployment": IncomeType.UNEMPLOYMENT,
                "unemployed": IncomeType.UNEMPLOYMENT,
                "pension": IncomeType.PENSION,
            }.get(situation)
            for month in months:
                if kind and amount:
                    wobble = Decimal(rng.randint(-40, 40)) if kind == IncomeType.SALARY_NET else Decimal(0)
                    incomes.append((member, kind, month, max(Decimal(0), amount + wobble)))
            if member.role == MemberRole.APPLICANT:
                receives_rsa = situation in {"none", "work"} and rng.random() < 0.6
                for month in months:
                    if receives_rsa:
                        incomes.append((member, IncomeType.RSA, month, Decimal(rng.choice([350, 420, 573, 612]))))
                    if housing.status == HousingStatus.TENANT and rng.random() < 0.85:
                        incomes.append((member, IncomeType.HOUSING_BENEFIT, month, Decimal(rng.randint(150, 340))))
                    if child_count >= 2:
                        incomes.append(
                            (member, IncomeType.AF, month, Decimal("148.52") if child_count == 2 else Decimal("338.83"))
                        )
    MonthlyIncome.objects.bulk_create(
        [MonthlyIncome(member=m, income_type=t, month=mo, amount=a) for m, t, mo, a in incomes]
    )

    # Circles: one single referent each, a mediator for some, the partner association for a few.
    allies: list[Ally] = []
    for index, household in enumerate(household_rows):
        referent = referents[index % len(referents)]
        for _, person in household._demo[1]:  # type: ignore[attr-defined]
            allies.append(
                Ally(
                    person=person,
                    user=referent,
                    role=AllyRole.REFERENT,
                    started_on=today - timedelta(days=rng.randint(20, 900)),
                )
            )
            if rng.random() < 0.35:
                allies.append(
                    Ally(
                        person=person,
                        user=rng.choice(mediators),
                        role=AllyRole.MEDIATOR,
                        started_on=today - timedelta(days=rng.randint(5, 400)),
                    )
                )
            elif rng.random() < 0.08:
                allies.append(
                    Ally(
                        person=person,
                        user=others[Role.PARTNER],
                        role=AllyRole.PARTNER,
                        started_on=today - timedelta(days=rng.randint(5, 400)),
                    )
                )
    Ally.objects.bulk_create(allies)
    now = timezone.now()
    sharings = []
    for ally in allies:
        if ally.role == AllyRole.MEDIATOR:
            sharings += [
                Sharing(ally=ally, category=Category.IDENTITY, granted_at=now),
                Sharing(ally=ally, category=Category.PROCEDURES, granted_at=now),
            ]
        elif ally.role == AllyRole.PARTNER:
            sharings.append(Sharing(ally=ally, category=Category.PLAN, granted_at=now))
    Sharing.objects.bulk_create(sharings)

    # Portal accounts: the demo person, a peer (who also has a file), and a few more.
    applicants = [m.person for m in members if m.role == MemberRole.APPLICANT and m.person is not None]
    demo_person = applicants[0]
    demo_person.account = User.objects.create(
        username=PERSON_LOGIN,
        email=PERSON_LOGIN,
        phone="+33600000001",
        first_name=demo_person.first_name,
        last_name=demo_person.last_name,
        role=Role.PERSON,
        password=password_hash,
    )
    demo_person.save(update_fields=["account"])
    peer_person = applicants[1]
    peer_person.account = User.objects.create(
        username=PEER_LOGIN,
        email=PEER_LOGIN,
        first_name=peer_person.first_name,
        last_name=peer_person.last_name,
        role=Role.PEER,
        password=password_hash,
    )
    peer_person.save(update_fields=["account"])
    for person in applicants[2:12]:
        person.account = User.objects.create(
            username=f"personne{person.pk}@alliances.test",
            email=f"personne{person.pk}@alliances.test",
            first_name=person.first_name,
            last_name=person.last_name,
            role=Role.PERSON,
            password=password_hash,
        )
        person.save(update_fields=["account"])
    # The demo person has a mediator and a peer in their circle, and shares a little with each.
    mediator_ally, _ = Ally.objects.get_or_create(
        person=demo_person, user=mediators[0], ended_on=None, defaults={"role": AllyRole.MEDIATOR, "started_on": today}
    )
    peer_ally = Ally.objects.create(
        person=demo_person, user=peer_person.account, role=AllyRole.PEER, started_on=today - timedelta(days=30)
    )
    for ally, category in [
        (mediator_ally, Category.IDENTITY),
        (mediator_ally, Category.PROCEDURES),
        (mediator_ally, Category.HOUSEHOLD),
        (peer_ally, Category.PLAN),
    ]:
        _, created = Sharing.objects.get_or_create(ally=ally, category=category, defaults={"granted_at": now})
        if created:
            SharingChange.objects.create(
                person=demo_person, ally=ally, category=category, granted=True, changed_by=demo_person.account
            )
    for person in applicants[2:7]:
        Ally.objects.create(person=person, user=peer_person.account, role=AllyRole.PEER, started_on=today)

    link_types_for_all(rng)
    demo_person_alliance(demo_person, today)
    demo_meetings(demo_person, referents, mediators, today)

    audit_record_many(
        actor=None,
        person_ids=[p.pk for p in persons],
        category=Category.IDENTITY,
        action=AuditAction.WRITE,
        detail="données de démonstration",
    )
    _income_demo(household_rows, housing_rows, rng, today, others)
    return DemoResult(created=True, persons=len(persons), households=len(household_rows))


def _income_demo(
    households: list[Household], housings: list[Housing], rng: random.Random, today: date, officers: dict[str, User]
) -> None:
    """Enrols the Rennes households (with IBANs) and pays last month's cycle, with two officers."""
    from schwifty import IBAN

    from alliances.income.models import Enrollment
    from alliances.income.services import cycle_approve, cycle_compute, cycle_open, cycle_pay

    enrollments = []
    # The demo person's household (the first one) lives in Rennes, is enrolled and has no earned income
    # (only the RSA and housing aid it receives), so the portal shows a top-up and its payment.
    Housing.objects.filter(pk=housings[0].pk).update(commune_code="35238")
    housings[0].commune_code = "35238"
    MonthlyIncome.objects.filter(
        member__household=households[0],
        income_type__in=[IncomeType.SALARY_NET, IncomeType.UNEMPLOYMENT, IncomeType.PENSION],
    ).delete()
    for index, (household, housing) in enumerate(zip(households, housings, strict=True)):
        if housing.commune_code == "35238" and (index == 0 or rng.random() < 0.85):
            iban = IBAN.generate("FR", bank_code="30006", account_code=f"{index + 1:011d}")
            members = household._demo[1]  # type: ignore[attr-defined]
            enrollments.append(
                Enrollment(
                    household=household,
                    enrolled=True,
                    since=today.replace(day=1, month=1),
                    iban=str(iban.compact),
                    bic="AGRIFRPP",
                    account_holder=members[0][1].display_name[:70],
                )
            )
    Enrollment.objects.bulk_create(enrollments)
    first = officers[Role.INSTRUCTOR]
    second = User.objects.get(email="instructrice2@alliances.test")
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    cycle = cycle_open(actor=first, month=last_month)
    cycle_compute(actor=first, cycle=cycle)
    cycle_approve(actor=second, cycle=cycle)
    cycle_pay(actor=first, cycle=cycle, execution_date=last_month.replace(day=5))
