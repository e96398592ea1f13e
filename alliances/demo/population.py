"""The demo's households: who lives in each, their housing and twelve months of incomes."""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from faker import Faker

from alliances.households.enums import HousingStatus, IncomeType, MemberRole
from alliances.households.models import Household, Housing, Member, MonthlyIncome
from alliances.persons.enums import ContactChannel
from alliances.persons.models import Person

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
SHAPES = ["single", "lone_parent", "couple", "couple_children", "with_adult_child"]
CHANNELS = [
    ContactChannel.PHONE,
    ContactChannel.SMS,
    ContactChannel.SMS,
    ContactChannel.EMAIL,
    ContactChannel.IN_PERSON,
]
NEEDS = [""] * 8 + [
    "Malvoyance : documents en gros caractères",
    "Rendez-vous au rez-de-chaussée",
    "Lecture difficile : à l'oral",
]
# Earned or replacement income by situation: its range, and the income type it is recorded as.
SITUATIONS = {
    "work": ((350, 1450), IncomeType.SALARY_NET),
    "unemployed": ((550, 1150), IncomeType.UNEMPLOYMENT),
    "pension": ((650, 1150), IncomeType.PENSION),
    "none": ((0, 0), None),
}


@dataclass
class Draw:
    """The seeded sources of the demo: the same seed gives the same city."""

    rng: random.Random
    fake: Faker
    today: date

    @classmethod
    def seeded(cls, seed: int, today: date) -> "Draw":
        fake = Faker("fr_FR")
        fake.seed_instance(seed)
        return cls(random.Random(seed), fake, today)

    def birth(self, min_age: int, max_age: int) -> date:
        age_days = self.rng.randint(min_age * 365 + 1, max_age * 365 + 300)
        return self.today - timedelta(days=age_days)


@dataclass
class Family:
    """One generated household: its adults (with their role), its children's count and its name."""

    household: Household
    shape: str
    adults: list[tuple[str, Person]]
    children: int
    last_name: str
    members: list[Member] = field(default_factory=list)
    housing: Housing | None = None


def months_back(today: date, count: int) -> list[date]:
    month = today.replace(day=1)
    months = []
    for _ in range(count):
        months.append(month)
        month = (month - timedelta(days=1)).replace(day=1)
    return months


def families(draw: Draw, count: int, start: int = 0) -> list[Family]:
    """Creates the households F<start + 1>… with their adults' files, then their members and housing."""
    households = Household.objects.bulk_create(
        [Household(reference=f"F{index + 1:06d}") for index in range(start, start + count)]
    )
    made = [_family(draw, household) for household in households]
    Person.objects.bulk_create([person for family in made for _, person in family.adults])
    for family in made:
        _members_and_housing(draw, family)
    Member.objects.bulk_create([member for family in made for member in family.members])
    Housing.objects.bulk_create([family.housing for family in made if family.housing is not None])
    return made


def _family(draw: Draw, household: Household) -> Family:
    rng, fake = draw.rng, draw.fake
    shape = rng.choices(SHAPES, weights=[34, 22, 12, 22, 10])[0]
    last_name = fake.last_name()
    applicant_female = rng.random() < 0.6 if shape != "lone_parent" else rng.random() < 0.85
    applicant = Person(
        last_name=last_name,
        first_names=fake.first_name_female() if applicant_female else fake.first_name_male(),
        birth_date=draw.birth(19, 70),
        phone=f"+336{rng.randint(10000000, 99999999)}" if rng.random() < 0.85 else "",
        email=fake.free_email() if rng.random() < 0.5 else "",
        address=fake.street_address(),
        languages=rng.choice(LANGUAGES),
        preferred_channel=rng.choice(CHANNELS),
        accessibility_needs=rng.choice(NEEDS),
    )
    adults: list[tuple[str, Person]] = [(MemberRole.APPLICANT, applicant)]
    if shape in {"couple", "couple_children"}:
        partner = Person(
            last_name=last_name if rng.random() < 0.6 else fake.last_name(),
            first_names=fake.first_name_male() if applicant_female else fake.first_name_female(),
            birth_date=draw.birth(19, 70),
            phone=f"+337{rng.randint(10000000, 99999999)}" if rng.random() < 0.6 else "",
            languages=applicant.languages,
        )
        adults.append((MemberRole.PARTNER, partner))
    if shape == "with_adult_child":
        grown = Person(last_name=last_name, first_names=fake.first_name(), birth_date=draw.birth(18, 24))
        grown.languages = "français"
        adults.append((MemberRole.OTHER, grown))
    children = 0
    if shape in {"lone_parent", "couple_children"}:
        children = rng.choices([1, 2, 3, 4], weights=[40, 35, 18, 7])[0]
    return Family(household, shape, adults, children, last_name)


def _members_and_housing(draw: Draw, family: Family) -> None:
    rng = draw.rng
    for role, person in family.adults:
        family.members.append(
            Member(
                household=family.household,
                person=person,
                role=role,
                first_name=person.first_name,
                last_name=person.last_name,
                birth_date=person.birth_date,
                disability_rate=Decimal(rng.choice([0] * 14 + [50, 80])),
            )
        )
    for _ in range(family.children):
        family.members.append(
            Member(
                household=family.household,
                role=MemberRole.CHILD,
                first_name=draw.fake.first_name(),
                last_name=family.last_name,
                birth_date=draw.birth(0, 17),
            )
        )
    status = rng.choices(list(HousingStatus), weights=[68, 3, 16, 8, 5])[0]
    rent = Decimal(rng.randint(280, 720)) if status == HousingStatus.TENANT else Decimal(0)
    family.housing = Housing(household=family.household, status=status, rent=rent, commune_code=rng.choice(COMMUNES))


def incomes(draw: Draw, made: list[Family], months: list[date]) -> None:
    """Each adult's income over the months, and the applicant's benefits (RSA, housing aid, family)."""
    rows: list[MonthlyIncome] = []
    for family in made:
        child_count = sum(1 for m in family.members if m.role == MemberRole.CHILD)
        tenant = family.housing is not None and family.housing.status == HousingStatus.TENANT
        for member in family.members:
            if member.role != MemberRole.CHILD:
                rows.extend(_adult_incomes(draw, member, months, tenant, child_count))
    MonthlyIncome.objects.bulk_create(rows, batch_size=5000)


def _adult_incomes(
    draw: Draw, member: Member, months: list[date], tenant: bool, child_count: int
) -> list[MonthlyIncome]:
    rng = draw.rng
    age = member.person.age_on(draw.today) if member.person else 30
    situation = rng.choices(list(SITUATIONS), weights=[30, 25, 15 if age >= 62 else 2, 30])[0]
    (low, high), kind = SITUATIONS[situation]
    amount = Decimal(rng.randint(low, high)) if high else Decimal(0)
    rows = []
    for month in months:
        if kind and amount:
            wobble = Decimal(rng.randint(-40, 40)) if kind == IncomeType.SALARY_NET else Decimal(0)
            rows.append(_income(member, kind, month, max(Decimal(0), amount + wobble)))
    if member.role == MemberRole.APPLICANT:
        receives_rsa = situation in {"none", "work"} and rng.random() < 0.6
        family_allowance = Decimal("148.52") if child_count == 2 else Decimal("338.83")
        for month in months:
            if receives_rsa:
                rows.append(_income(member, IncomeType.RSA, month, Decimal(rng.choice([350, 420, 573, 612]))))
            if tenant and rng.random() < 0.85:
                rows.append(_income(member, IncomeType.HOUSING_BENEFIT, month, Decimal(rng.randint(150, 340))))
            if child_count >= 2:
                rows.append(_income(member, IncomeType.AF, month, family_allowance))
    return rows


def _income(member: Member, kind: str, month: date, amount: Decimal) -> MonthlyIncome:
    return MonthlyIncome(member=member, income_type=kind, month=month, amount=amount)
