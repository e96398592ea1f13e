"""Enrolled households for cycle tests: one applicant each, hosted in Rennes, with an IBAN."""

from datetime import date
from decimal import Decimal

from alliances.households.models import Household, Housing, Member, MonthlyIncome
from alliances.income.models import Enrollment
from alliances.persons.models import Person


def enrolled_households(
    count: int, *, income: str = "", month: date = date(2026, 11, 1), start: int = 0, first_person: Person | None = None
) -> list[Household]:
    """Households T<start>…; `income` is the applicant's net salary for `month`; the first household's
    applicant can be a person (to see the portal)."""
    households = []
    if first_person is not None:  # a person lives in one household: they move to the first one
        Member.objects.filter(person=first_person).update(left_on=date(2026, 1, 1))
    for index in range(start, start + count):
        household = Household.objects.create(reference=f"T{index}")
        member = Member.objects.create(
            household=household,
            role="applicant",
            first_name="A",
            last_name=f"N{index}",
            birth_date=date(1980, 1, 1),
            person=first_person if index == start else None,
        )
        if income:
            MonthlyIncome.objects.create(member=member, income_type="salary_net", month=month, amount=Decimal(income))
        Housing.objects.create(household=household, status="hosted", rent=0, commune_code="35238")
        Enrollment.objects.create(
            household=household,
            enrolled=True,
            since=date(2026, 1, 1),
            iban="FR7630006000011234567890189",
            account_holder=f"N{index}",
        )
        households.append(household)
    return households
