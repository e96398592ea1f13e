"""The journal follows what the person shares; private working notes are for their author alone."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from alliances.access.policy import AccessDenied, forget
from alliances.audit.models import AuditEvent
from alliances.circles.models import Ally, Interaction, PrivateNote
from alliances.circles.selectors import journal_for, private_notes_for
from alliances.circles.services import interaction_record, private_note_add
from alliances.consent.services import sharing_grant
from alliances.core.validation import today

from ..conftest import ALL_ACTORS, World

SECRET = "Note privee 7f3a : craintes sur son fils"


def _record(world: World, **overrides: object) -> Interaction:
    data: dict[str, object] = {
        "actor": world.user("referent_of"),
        "person": world.person,
        "occurred_on": today(),
        "kind": "call",
        "summary": "Appel pour préparer le rendez-vous CAF",
        "link_types": ["facilitation"],
        "bond": "citizenship",
    }
    return interaction_record(**{**data, **overrides})  # type: ignore[arg-type]


def test_an_interaction_records_participants_links_and_bond(world: World) -> None:
    mediator = Ally.objects.get(person=world.person, user=world.user("mediator_shared"))
    entry = _record(world, participant_ids=[mediator.pk], link_types=["facilitation", "capacitation"])
    assert list(entry.participants.all()) == [mediator]
    assert entry.link_types == ["capacitation", "facilitation"]
    assert entry.get_bond_display() == "Lien de citoyenneté"
    assert AuditEvent.objects.filter(person_id=world.person.pk, category="notes", action="write").exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"summary": "  "}, "summary"),
        ({"kind": "interrogatoire"}, "kind"),
        ({"bond": "argent"}, "bond"),
        ({"link_types": []}, "link_types"),
        ({"occurred_on": today() + timedelta(days=1)}, "occurred_on"),
        ({"participant_ids": [999999]}, "participants"),
    ],
)
def test_a_bad_interaction_changes_nothing(world: World, overrides: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as error:
        _record(world, **overrides)
    assert field in error.value.message_dict
    assert not Interaction.objects.exists()


def test_the_journal_is_visible_as_the_person_shares_it(world: World) -> None:
    _record(world)
    mediator = world.user("mediator_shared")
    with pytest.raises(AccessDenied):
        journal_for(actor=mediator, person=world.person)
    sharing_grant(
        actor=world.user("person_self"),
        ally=Ally.objects.get(person=world.person, user=mediator),
        category="notes",
    )
    forget(mediator)  # the policy remembers per request; a new request starts afresh
    assert len(journal_for(actor=mediator, person=world.person)) == 1
    assert len(journal_for(actor=world.user("person_self"), person=world.person)) == 1
    for name in ("manager", "admin", "officer", "referent_other", "peer_ally"):
        with pytest.raises(AccessDenied):
            journal_for(actor=world.user(name), person=world.person)


def test_private_notes_are_read_by_their_author_only(world: World) -> None:
    private_note_add(actor=world.user("referent_of"), person=world.person, text=SECRET)
    private_note_add(actor=world.user("mediator_shared"), person=world.person, text="Note du médiateur")
    assert [n.text for n in private_notes_for(actor=world.user("referent_of"), person=world.person)] == [SECRET]
    assert [n.text for n in private_notes_for(actor=world.user("mediator_shared"), person=world.person)] == [
        "Note du médiateur"
    ]
    for name in ("person_self", "manager", "admin", "officer", "referent_other", "peer_ally", "partner_ally"):
        assert private_notes_for(actor=world.user(name), person=world.person) == []


def test_people_outside_the_circle_cannot_write_private_notes(world: World) -> None:
    for name in ("person_self", "manager", "admin", "officer", "referent_other", "peer_ally"):
        with pytest.raises(AccessDenied):
            private_note_add(actor=world.user(name), person=world.person, text="x")
    assert not PrivateNote.objects.exists()


def test_a_private_note_appears_on_no_page_but_its_authors(world: World, client: Client) -> None:
    """Every actor opens every page of the matrix; only the note's author ever sees its text."""
    from ..routes import ROUTES

    private_note_add(actor=world.user("referent_of"), person=world.person, text=SECRET)
    pages = [route for route in ROUTES if route.method == "get"]
    for name in ALL_ACTORS:
        actor = world.actor(name)
        if actor is None:
            continue
        client.force_login(actor)
        for route in pages:
            response = client.get(route.url(world), follow=False)
            shown = SECRET.encode() in response.content
            assert shown == (name == "referent_of" and route.name == "person_journal"), (name, route.name)
        # The API, too.
        api = client.get(reverse("api:list_interactions", args=[world.person.pk]))
        assert SECRET.encode() not in api.content
        client.logout()


# --- Her own words ---------------------------------------------------------------------------------------


def test_the_person_writes_in_her_own_journal_and_her_referent_reads_it(world: World) -> None:
    from alliances.circles.services import own_words_write

    entry = own_words_write(
        actor=world.user("person_self"), person=world.person, occurred_on=today(), text="  J'ai revu ma sœur.  "
    )
    assert (entry.kind, entry.summary, entry.link_types, entry.bond) == ("own_words", "J'ai revu ma sœur.", [], "")
    assert entry in journal_for(actor=world.user("referent_of"), person=world.person)
    assert AuditEvent.objects.filter(person_id=world.person.pk, category="notes", action="write").exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"text": "   "}, "text"),
        ({"text": "x" * 4001}, "text"),
        ({"bond": "argent"}, "bond"),
        ({"occurred_on": today() + timedelta(days=1)}, "occurred_on"),
    ],
)
def test_bad_own_words_change_nothing(world: World, overrides: dict[str, object], field: str) -> None:
    from alliances.circles.services import own_words_write

    data: dict[str, object] = {"occurred_on": today(), "text": "Bien.", "bond": ""}
    with pytest.raises(ValidationError) as error:
        own_words_write(actor=world.user("person_self"), person=world.person, **{**data, **overrides})  # type: ignore[arg-type]
    assert field in error.value.message_dict
    assert not Interaction.objects.exists()


def test_only_the_person_writes_her_own_words_and_she_does_not_tag_the_circle_record(world: World) -> None:
    from alliances.circles.services import own_words_write

    with pytest.raises(AccessDenied):
        own_words_write(
            actor=world.user("referent_of"), person=world.person, occurred_on=today(), text="Écrit pour elle"
        )
    with pytest.raises(AccessDenied):
        _record(world, actor=world.user("person_self"))
    assert not Interaction.objects.exists()


def test_her_journal_page_offers_her_form_and_shows_her_words_in_her_language(world: World) -> None:
    client = Client()
    client.force_login(world.user("person_self"))
    url = reverse("portal:interactions")
    assert "Écrire dans mon journal" in client.get(url).content.decode()
    bad = client.post(url, {"occurred_on": today().isoformat(), "text": ""})
    assert bad.status_code == 400 and "Écrivez quelques mots." in bad.content.decode()
    assert not Interaction.objects.exists()
    response = client.post(
        url, {"occurred_on": today().isoformat(), "text": "Atelier cuisine.", "bond": "peers"}, follow=True
    )
    page = response.content.decode()
    assert "Atelier cuisine." in page and "Écrit par vous" in page
    assert "Des personnes qui vivent la même chose que vous" in page
    assert "Liens entre personnes concernées" not in page
