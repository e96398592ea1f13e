"""Security review, finding 11: the most sensitive fields are encrypted at rest, with key rotation."""

from datetime import date
from decimal import Decimal

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection
from django.db.models import Model
from django.test import override_settings

from alliances.assessments.models import Reading
from alliances.circles.models import Interaction, PrivateNote
from alliances.core.encryption import PREFIX, decrypt, encrypt
from alliances.households.models import Member
from alliances.income.models import Enrollment
from alliances.persons.models import Person

from ..conftest import World

OLD_KEY = "dGVzdC1vbmx5LWtleS1ub3Qtc2VjcmV0LTAwMDAwMDA="


def _stored(model: type[Model], pk: int, column: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {model._meta.db_table} WHERE id = %s", [pk])  # noqa: S608
        row = cursor.fetchone()
        assert row is not None
        return str(row[0])


@pytest.fixture
def sensitive(world: World) -> dict[str, object]:
    referent = world.user("referent_of")
    Person.objects.filter(pk=world.person.pk).update(accessibility_needs="Malentendante, lit sur les lèvres")
    world.person.refresh_from_db()
    world.person.accessibility_needs = "Malentendante, lit sur les lèvres"
    world.person.save()
    member = Member.objects.get(person=world.person)
    member.disability_rate = Decimal("80.00")
    member.save()
    enrollment = Enrollment.objects.create(
        household=world.household, since=date(2026, 1, 1), iban="FR7630006000011234567890189", account_holder="C M"
    )
    reading = Reading.objects.create(
        person=world.person,
        instrument="hidden_dimensions",
        version=1,
        side="person",
        taken_on=date(2026, 11, 2),
        values={},
        words={"suffering": "J'ai honte d'aller à la CAF"},
        comment="Je me sens seule",
        author=referent,
    )
    note = PrivateNote.objects.create(person=world.person, author=referent, text="Violence du conjoint évoquée")
    interaction = Interaction.objects.create(
        person=world.person,
        occurred_on=date(2026, 11, 2),
        kind="call",
        summary="Elle a parlé de ses dettes",
        link_types=[],
        bond="citizenship",
        author=referent,
    )
    return {
        "person": (Person, world.person.pk, "accessibility_needs", "Malentendante"),
        "member": (Member, member.pk, "disability_rate", "80"),
        "iban": (Enrollment, enrollment.pk, "iban", "FR76"),
        "words": (Reading, reading.pk, "words", "honte"),
        "comment": (Reading, reading.pk, "comment", "seule"),
        "note": (PrivateNote, note.pk, "text", "Violence"),
        "journal": (Interaction, interaction.pk, "summary", "dettes"),
    }


def test_the_clear_text_is_not_in_the_database_and_reads_back(sensitive: dict[str, tuple]) -> None:
    for name, (model, pk, column, clear) in sensitive.items():
        stored = _stored(model, pk, column)
        assert clear not in stored, name
        assert stored.startswith(PREFIX), name
        assert clear in str(getattr(model._base_manager.get(pk=pk), column)), name
    assert Member.objects.get(pk=sensitive["member"][1]).disability_rate == Decimal("80.00")
    assert Reading.objects.get(pk=sensitive["words"][1]).words == {"suffering": "J'ai honte d'aller à la CAF"}


def test_history_keeps_its_copies_encrypted_too(sensitive: dict[str, tuple]) -> None:
    history = Person.history.model
    row = history.objects.filter(id=sensitive["person"][1]).order_by("-history_id").first()
    assert row is not None and row.accessibility_needs.startswith("Malentendante")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT accessibility_needs FROM {history._meta.db_table}")  # noqa: S608
        assert all("Malentendante" not in (value or "") for (value,) in cursor.fetchall())


def test_rotation_re_encrypts_everything_with_the_new_key(sensitive: dict[str, tuple]) -> None:
    new_key = Fernet.generate_key().decode()
    with override_settings(ALLIANCES_ENCRYPTION_KEYS=[new_key, OLD_KEY]):
        call_command("encryption_rotate", verbosity=0)
    with override_settings(ALLIANCES_ENCRYPTION_KEYS=[new_key]):  # the old key is gone: all still reads
        for name, (model, pk, column, clear) in sensitive.items():
            assert clear in decrypt(_stored(model, pk, column)), name
            assert clear in str(getattr(model._base_manager.get(pk=pk), column)), name


def test_values_written_before_encryption_are_read_then_encrypted_by_the_rotation(world: World) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE persons_person SET accessibility_needs = %s WHERE id = %s", ["Fauteuil", world.person.pk]
        )
    assert Person.objects.get(pk=world.person.pk).accessibility_needs == "Fauteuil"
    call_command("encryption_rotate", verbosity=0)
    assert _stored(Person, world.person.pk, "accessibility_needs").startswith(PREFIX)
    assert Person.objects.get(pk=world.person.pk).accessibility_needs == "Fauteuil"


def test_a_missing_key_is_an_error_not_garbage(sensitive: dict[str, tuple]) -> None:
    from django.core.exceptions import ImproperlyConfigured

    other_key = [Fernet.generate_key().decode()]
    with override_settings(ALLIANCES_ENCRYPTION_KEYS=other_key), pytest.raises(ImproperlyConfigured, match="missing"):
        PrivateNote.objects.get(pk=sensitive["note"][1])


def test_values_of_the_first_format_fernet_still_read_and_the_rotation_rewrites_them(world: World) -> None:
    from django.conf import settings

    legacy = Fernet(settings.ALLIANCES_ENCRYPTION_KEYS[0].encode()).encrypt(b"Fauteuil").decode()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE persons_person SET accessibility_needs = %s WHERE id = %s", [legacy, world.person.pk])
    assert Person.objects.get(pk=world.person.pk).accessibility_needs == "Fauteuil"
    call_command("encryption_rotate", verbosity=0)
    assert _stored(Person, world.person.pk, "accessibility_needs").startswith(PREFIX)
    assert Person.objects.get(pk=world.person.pk).accessibility_needs == "Fauteuil"


def test_a_value_altered_in_the_database_is_refused_not_misread() -> None:
    from django.core.exceptions import ImproperlyConfigured

    stored = encrypt("FR7630006000011234567890189")
    altered = stored[:-6] + ("A" if stored[-6] != "A" else "B") + stored[-5:]
    with pytest.raises(ImproperlyConfigured):
        decrypt(altered)


def test_each_value_names_its_key_and_the_same_text_never_gives_the_same_value() -> None:
    from django.conf import settings

    new_key = Fernet.generate_key().decode()
    old = encrypt("80.00")
    assert old != encrypt("80.00")  # a fresh nonce every time: equal values cannot be spotted
    with override_settings(ALLIANCES_ENCRYPTION_KEYS=[new_key, *settings.ALLIANCES_ENCRYPTION_KEYS]):
        new = encrypt("80.00")
        assert decrypt(old) == decrypt(new) == "80.00"
    with pytest.raises(Exception, match="missing"):
        decrypt(new)  # the new key is not configured any more
