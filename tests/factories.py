from datetime import date
from decimal import Decimal

import factory

from alliances.accounts.enums import Role
from alliances.accounts.models import User
from alliances.circles.enums import AllyRole
from alliances.circles.models import Ally
from alliances.households.enums import HousingStatus, MemberRole
from alliances.households.models import Household, Housing, Member
from alliances.persons.models import Person

PASSWORD = "Un-mot-de-passe-solide-2026"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"user{n}@alliances.test")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    role = Role.REFERENT
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    class Params:
        referent = factory.Trait(role=Role.REFERENT)
        mediator = factory.Trait(role=Role.MEDIATOR)
        partner = factory.Trait(role=Role.PARTNER)
        manager = factory.Trait(role=Role.MANAGER)
        officer = factory.Trait(role=Role.OFFICER)
        admin = factory.Trait(role=Role.ADMIN, is_staff=True, is_superuser=True)
        person = factory.Trait(role=Role.PERSON)
        peer = factory.Trait(role=Role.PEER)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):  # type: ignore[no-untyped-def]
        if create:
            instance.save()


class PersonFactory(factory.django.DjangoModelFactory[Person]):
    class Meta:
        model = Person

    last_name = factory.Faker("last_name", locale="fr_FR")
    first_names = factory.Faker("first_name", locale="fr_FR")
    birth_date = date(1985, 5, 17)
    phone = "+33612345678"


class HouseholdFactory(factory.django.DjangoModelFactory[Household]):
    class Meta:
        model = Household

    reference = factory.Sequence(lambda n: f"T{n:06d}")


def household_for(person: Person, *, rent: Decimal = Decimal("450"), commune: str = "35238") -> Household:
    household = HouseholdFactory.create()
    Member.objects.create(
        household=household,
        person=person,
        role=MemberRole.APPLICANT,
        first_name=person.first_name,
        last_name=person.last_name,
        birth_date=person.birth_date,
    )
    Housing.objects.create(household=household, status=HousingStatus.TENANT, rent=rent, commune_code=commune)
    return household


def ally(person: Person, user: User, role: str = AllyRole.REFERENT) -> Ally:
    return Ally.objects.create(person=person, user=user, role=role, started_on=date(2026, 1, 5))
