"""The person's access log in plain words (issue 20): one line per visit, grouped by day, who in their
relation to her, and what they did — never four identical rows for one page, never an officer's
computation shown as a "modification"."""

from django.test import Client
from django.urls import reverse

from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record
from alliances.audit.visits import access_days

from ..conftest import World


def test_one_page_view_is_one_line(world: World) -> None:
    client = Client()
    client.force_login(world.user("referent_of"))
    client.get(reverse("person_circle", args=[world.person.pk]))  # reads circle, sharing…
    [day] = access_days(person_id=world.person.pk)
    [visit] = day.visits
    referent = world.user("referent_of")
    assert visit.sentence.startswith(f"{referent.get_full_name()}, référent·e, a regardé ")


def test_a_computation_is_said_as_such_and_a_peer_by_first_name(world: World) -> None:
    audit_record(
        actor=world.user("officer"), person_id=world.person.pk, category="household", action=AuditAction.COMPUTE
    )
    peer = world.user("peer_ally")
    audit_record(actor=peer, person_id=world.person.pk, category="plan", action=AuditAction.READ)
    sentences = [v.sentence for day in access_days(person_id=world.person.pk) for v in day.visits]
    assert any("a calculé votre revenu garanti" in s and "modifié" not in s for s in sentences)
    assert f"{peer.first_name}, pair, a regardé vos objectifs." in sentences
    assert not any(peer.last_name in s for s in sentences)


def test_private_notes_are_not_shown_as_shared_notes(world: World) -> None:
    audit_record(
        actor=world.user("mediator_shared"),
        person_id=world.person.pk,
        category="notes",
        action=AuditAction.READ,
        detail="notes privées",
    )
    [visit] = access_days(person_id=world.person.pk)[0].visits
    assert "ses propres notes de travail" in visit.sentence and "journal" not in visit.sentence


def test_her_access_log_page_reads_on_a_phone(world: World, client: Client) -> None:
    audit_record(
        actor=world.user("referent_of"), person_id=world.person.pk, category="meetings", action=AuditAction.WRITE
    )
    client.force_login(world.user("person_self"))
    page = client.get(reverse("portal:access_log")).content.decode()
    assert "a modifié vos rendez-vous." in page
    assert "<table" not in page.split("<main")[1]  # lines, not a table cut off on a phone


def test_a_relative_she_added_is_said_to_be_of_her_circle_not_a_peer(world: World) -> None:
    from ..factories import UserFactory

    sister = UserFactory.create(person=True, first_name="Samira")
    audit_record(actor=sister, person_id=world.person.pk, category="meetings", action=AuditAction.READ)
    sentences = [v.sentence for day in access_days(person_id=world.person.pk) for v in day.visits]
    assert "Samira, de votre cercle, a regardé vos rendez-vous." in sentences
