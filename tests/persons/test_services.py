from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from alliances.persons.models import Person
from alliances.persons.services import PersonData, person_create, person_update

from ..conftest import World


def test_create_normalises_the_phone(world: World) -> None:
    person = person_create(
        actor=world.user("referent_of"),
        data=PersonData(last_name=" Durand ", first_names="Sam", birth_date=date(1990, 1, 1), phone="06 12 34 56 78"),
    )
    assert (person.last_name, person.phone) == ("Durand", "+33612345678")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"birth_date": timezone.localdate() + timedelta(days=1)}, "birth_date", "dans le futur"),
        ({"phone": "12"}, "phone", "n'est pas valide"),
        ({"last_name": "  "}, "last_name", "obligatoire"),
        ({"preferred_channel": "pigeon"}, "preferred_channel", "dans la liste"),
        ({"salary": 1}, "salary", "n'existe pas"),
    ],
)
def test_bad_identity_changes_nothing(world: World, changes: dict, field: str, message: str) -> None:
    before = Person.objects.get(pk=world.person.pk)
    with pytest.raises(ValidationError) as error:
        person_update(actor=world.user("referent_of"), person=world.person, **changes)
    assert message in error.value.message_dict[field][0]
    after = Person.objects.get(pk=world.person.pk)
    assert (after.birth_date, after.phone, after.last_name) == (before.birth_date, before.phone, before.last_name)


def test_person_cannot_create_files(world: World) -> None:
    with pytest.raises(ValidationError):
        person_create(
            actor=world.user("person_self"),
            data=PersonData(last_name="X", first_names="Y", birth_date=date(1990, 1, 1)),
        )
