"""Each side makes its own reading; both are kept, side by side, with the gap."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from alliances.access.policy import AccessDenied
from alliances.assessments.models import Reading
from alliances.assessments.selectors import readings_for
from alliances.assessments.services import reading_record
from alliances.audit.models import AuditEvent
from alliances.core.validation import today

from ..conftest import World

PERSON_VIEW = {"family_crisis_call": 4, "friends_count_on": 3, "activity": 1, "papers_valid": 2}
WORKER_VIEW = {"family_crisis_call": 2, "friends_count_on": 1, "activity": 1, "papers_valid": 4}


def test_both_readings_are_kept_and_shown_side_by_side_with_the_gap(world: World) -> None:
    mine = reading_record(
        actor=world.user("person_self"), person=world.person, instrument_code="social_bonds", values=PERSON_VIEW
    )
    theirs = reading_record(
        actor=world.user("referent_of"), person=world.person, instrument_code="social_bonds", values=WORKER_VIEW
    )
    assert (mine.side, theirs.side) == ("person", "worker")
    assert Reading.objects.filter(person=world.person).count() == 2
    readings = readings_for(actor=world.user("referent_of"), person=world.person)
    gaps = {g.code: (g.person, g.worker, g.gap) for g in readings.gaps}
    assert gaps["filiation"] == (4.0, 2.0, 2.0)
    assert gaps["elective"] == (3.0, 1.0, 2.0)
    assert gaps["citizenship"] == (2.0, 4.0, -2.0)
    assert AuditEvent.objects.filter(person_id=world.person.pk, category="bonds", action="read").exists()


def test_a_later_reading_does_not_overwrite_the_former(world: World) -> None:
    for days, value in ((60, 1), (0, 3)):
        reading_record(
            actor=world.user("person_self"),
            person=world.person,
            instrument_code="social_bonds",
            values={"activity": value},
            taken_on=today() - timedelta(days=days),
        )
    history = readings_for(actor=world.user("person_self"), person=world.person).bonds_history["person"]
    assert [r.reading.values for r in history] == [{"activity": 1}, {"activity": 3}]


def test_a_worker_can_enter_the_persons_reading_together_on_screen(world: World) -> None:
    reading = reading_record(
        actor=world.user("referent_of"),
        person=world.person,
        instrument_code="participation_ladder",
        values={"level": "7"},
        together=True,
    )
    assert (reading.side, reading.together, reading.values) == ("person", True, {"level": 7})


def test_cumulative_rupture_flag_follows_the_latest_reading(world: World) -> None:
    low = {"activity": 0, "feels_useful": 0, "papers_valid": 1, "rights_open": 0}
    reading_record(actor=world.user("referent_of"), person=world.person, instrument_code="social_bonds", values=low)
    assert readings_for(actor=world.user("referent_of"), person=world.person).rupture


@pytest.mark.parametrize(
    ("instrument", "values", "words", "field"),
    [
        ("social_bonds", {"activity": 5}, {}, "activity"),
        ("social_bonds", {"activity": -1}, {}, "activity"),
        ("social_bonds", {"activity": "2.5"}, {}, "activity"),
        ("social_bonds", {"activity": True}, {}, "activity"),
        ("social_bonds", {"wealth": 2}, {}, "values"),
        ("social_bonds", {}, {}, "values"),
        ("participation_ladder", {"level": 11}, {}, "level"),
        ("participation_ladder", {"level": 0}, {}, "level"),
        ("participation_ladder", {}, {}, "level"),
        ("hidden_dimensions", {"suffering": 9}, {}, "suffering"),
        ("hidden_dimensions", {}, {"unknown": "x"}, "values"),
        ("astrology", {"level": 1}, {}, "instrument"),
    ],
)
def test_a_bad_reading_gets_a_french_message_and_saves_nothing(
    world: World, instrument: str, values: dict[str, object], words: dict[str, str], field: str
) -> None:
    with pytest.raises(ValidationError) as error:
        reading_record(
            actor=world.user("person_self"), person=world.person, instrument_code=instrument, values=values, words=words
        )
    assert field in error.value.message_dict
    assert not Reading.objects.exists()
    assert not AuditEvent.objects.filter(category="bonds", action="write").exists()


def test_hidden_dimensions_are_kept_in_the_persons_words(world: World) -> None:
    reading = reading_record(
        actor=world.user("person_self"),
        person=world.person,
        instrument_code="hidden_dimensions",
        values={"institutional_maltreatment": 3},
        words={"institutional_maltreatment": "À la préfecture on ne me regarde pas.", "time": "Depuis 2019"},
    )
    assert reading.words["time"] == "Depuis 2019"
    latest = readings_for(actor=world.user("referent_of"), person=world.person).dimensions_latest["person"]
    assert latest == reading


def test_readings_follow_the_policy(world: World) -> None:
    for name in ("mediator_shared", "peer_ally", "manager", "admin", "officer", "referent_other"):
        with pytest.raises(AccessDenied):
            reading_record(
                actor=world.user(name), person=world.person, instrument_code="social_bonds", values={"activity": 1}
            )
        with pytest.raises(AccessDenied):
            readings_for(actor=world.user(name), person=world.person)


def test_her_words_are_never_lost_by_a_new_reading(world: World) -> None:
    """Issue 20: a new hidden-dimensions reading hid the sentences she had written before, from her page
    and the referent's, and its form was not pre-filled."""
    from django.test import Client
    from django.urls import reverse

    from alliances.assessments.selectors import reading_prefill, readings_for
    from alliances.assessments.services import reading_record

    me = world.user("person_self")
    words = {
        "suffering": "Je dors mal depuis l'expulsion.",
        "struggle": "Je me lève chaque matin pour mes enfants.",
        "unrecognised_contributions": "J'aide ma voisine âgée.",
    }
    reading_record(actor=me, person=world.person, instrument_code="hidden_dimensions", values={}, words=words)
    assert reading_prefill(actor=me, person=world.person, instrument_code="hidden_dimensions") == {
        f"words_{code}": text for code, text in words.items()
    }
    reading_record(
        actor=me,
        person=world.person,
        instrument_code="hidden_dimensions",
        values={},
        words={"suffering": "Je dors un peu mieux."},
    )
    readings = readings_for(actor=me, person=world.person)
    assert readings.words_of("person", "struggle")[0][1] == words["struggle"]
    assert [text for _, text in readings.words_of("person", "suffering")] == [
        "Je dors un peu mieux.",
        words["suffering"],
    ]
    for name in ("person_self", "referent_of"):
        client = Client()
        client.force_login(world.user(name))
        url = reverse("portal:bonds") if name == "person_self" else reverse("person_bonds", args=[world.person.pk])
        page = client.get(url).content.decode()
        assert "Je me lève chaque matin pour mes enfants." in page, name
        assert "J&#x27;aide ma voisine âgée." in page, name
        assert "Je dors mal depuis l&#x27;expulsion." in page, name  # under "Mots d'avant"
    client = Client()
    client.force_login(me)
    form = client.get(reverse("reading_new", args=[world.person.pk, "hidden_dimensions"])).content.decode()
    assert "Je dors un peu mieux." in form and "Je me lève chaque matin pour mes enfants." in form
