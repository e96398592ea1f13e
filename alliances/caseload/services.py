"""Opening a file: the person, her household with her as its applicant, and, when the one who opens it
refers persons, herself as the single referent. One transaction: nothing half-opened."""

from django.db import transaction

from alliances.access.policy import refers_whom_they_open
from alliances.accounts.models import User
from alliances.circles.enums import AllyRole
from alliances.circles.services import ally_add
from alliances.households.enums import MemberRole
from alliances.households.models import Household
from alliances.households.services import HouseholdData, HousingData, MemberData, household_create
from alliances.persons.models import Person
from alliances.persons.services import PersonData, person_create


@transaction.atomic
def file_open(*, actor: User, person: PersonData, housing: HousingData) -> tuple[Person, Household]:
    opened = person_create(actor=actor, data=person)
    if refers_whom_they_open(actor):
        ally_add(actor=None, person=opened, user=actor, role=AllyRole.REFERENT)
    household = household_create(
        actor=actor,
        data=HouseholdData(
            members=[
                MemberData(
                    first_name=opened.first_name,
                    last_name=opened.last_name,
                    birth_date=opened.birth_date,
                    role=MemberRole.APPLICANT,
                    person_id=opened.pk,
                )
            ],
            housing=housing,
        ),
    )
    return opened, household
