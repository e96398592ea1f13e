"""Opening a file: one transaction; whoever refers persons becomes the single referent of the file opened."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from alliances.caseload.services import file_open
from alliances.circles.models import Ally
from alliances.households.services import HousingData
from alliances.persons.models import Person
from alliances.persons.services import PersonData

from ..conftest import World


def _person(last_name: str = "Lemoine") -> PersonData:
    return PersonData(last_name=last_name, first_names="Ana", birth_date=date(1979, 3, 2), phone="", email="")


def test_a_referent_who_opens_a_file_becomes_its_single_referent(world: World) -> None:
    referent = world.user("referent_other")
    person, household = file_open(actor=referent, person=_person(), housing=HousingData("tenant", "35238", 400))
    assert Ally.objects.active().get(person=person).user == referent
    assert household.members.get().person == person


def test_an_officer_who_opens_a_file_does_not(world: World) -> None:
    person, _ = file_open(actor=world.user("officer"), person=_person(), housing=HousingData("tenant", "35238", 400))
    assert not Ally.objects.filter(person=person).exists()


def test_a_household_refused_leaves_no_person_behind(world: World) -> None:
    before = Person.objects.count()
    with pytest.raises(ValidationError):
        file_open(
            actor=world.user("referent_other"), person=_person("Sansfoyer"), housing=HousingData("tenant", "00000", 400)
        )
    assert Person.objects.count() == before and not Person.objects.filter(last_name="Sansfoyer").exists()
