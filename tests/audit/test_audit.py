import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client

from alliances.audit.enums import AuditAction
from alliances.audit.models import AppendOnlyError, AuditEvent
from alliances.audit.services import audit_record

from ..conftest import World


def test_reading_a_file_leaves_an_event(world: World, client: Client) -> None:
    referent = world.user("referent_of")
    client.force_login(referent)
    response = client.get(f"/personnes/{world.person.pk}/identite/", HTTP_X_REQUEST_ID="req-test-0001")
    assert response.status_code == 200
    event = AuditEvent.objects.filter(person=world.person, actor=referent).latest("id")
    assert (event.action, event.category) == (AuditAction.READ, "identity")
    assert event.request_id == "req-test-0001"
    assert response["X-Request-ID"] == "req-test-0001"


def test_writing_leaves_an_event(world: World, client: Client) -> None:
    client.force_login(world.user("referent_of"))
    before = AuditEvent.objects.filter(person=world.person, action=AuditAction.WRITE).count()
    response = client.post(
        f"/foyers/{world.household.pk}/logement/", {"status": "tenant", "rent": "520", "commune_code": "35238"}
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(person=world.person, action=AuditAction.WRITE).count() == before + 1


def test_refused_reads_leave_no_data_event(world: World, client: Client) -> None:
    client.force_login(world.user("referent_other"))
    client.get(f"/personnes/{world.person.pk}/identite/")
    assert not AuditEvent.objects.filter(person=world.person, actor=world.user("referent_other")).exists()


def test_events_cannot_be_changed_or_deleted_through_the_orm(world: World) -> None:
    event = audit_record(actor=None, person_id=world.person.pk, category="identity", action=AuditAction.READ)
    assert event is not None
    event.detail = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(detail="changed")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()


def test_events_cannot_be_changed_in_the_database_either(world: World) -> None:
    event = audit_record(actor=None, person_id=world.person.pk, category="identity", action=AuditAction.READ)
    assert event is not None
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET detail = 'x' WHERE id = %s", [event.pk])
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).detail == ""


def test_person_sees_who_viewed_their_file(world: World, client: Client) -> None:
    referent = world.user("referent_of")
    client.force_login(referent)
    client.get(f"/personnes/{world.person.pk}/identite/")
    client.force_login(world.user("person_self"))
    page = client.get("/mon-espace/journal/").content.decode()
    assert f"{referent.get_full_name()}, référent·e, a regardé votre identité et vos coordonnées." in page


def test_nothing_personal_in_logs(world: World, client: Client, caplog: pytest.LogCaptureFixture) -> None:
    client.force_login(world.user("referent_of"))
    with caplog.at_level("DEBUG"):
        client.get(f"/personnes/{world.person.pk}/identite/")
        client.post("/compte/mot-de-passe/", {"email": "camille@alliances.test"})
    text = caplog.text
    for secret in ("Martin", "Camille", "camille@alliances.test", "+33600000001"):
        assert secret not in text


def test_every_part_shown_on_mon_espace_is_recorded(world: World, client: Client) -> None:
    client.force_login(world.user("person_self"))
    client.get("/mon-espace/")
    categories = set(
        AuditEvent.objects.filter(person=world.person, action=AuditAction.READ).values_list("category", flat=True)
    )
    assert {"identity", "household", "consent", "audit"} <= categories


def test_the_name_only_page_is_a_recorded_read(world: World, client: Client) -> None:
    from ..factories import PersonFactory, UserFactory, ally

    partner = UserFactory.create(peer=True)  # a peer in the circle, nothing shared: only a first name to see
    PersonFactory.create(account=partner)
    ally(world.person, partner, "peer")
    client.force_login(partner)
    assert client.get(f"/personnes/{world.person.pk}/").status_code == 200
    assert AuditEvent.objects.filter(
        person=world.person, actor=partner, category="identity", detail="nom seulement"
    ).exists()


def test_one_page_view_leaves_one_row_per_part_read(world: World, client: Client) -> None:
    """A page that reads the same part twice (the procedures list of the API, say) leaves one row."""
    from collections import Counter

    from django.urls import reverse

    client.force_login(world.user("referent_of"))
    for url in (
        f"/personnes/{world.person.pk}/identite/",
        f"/personnes/{world.person.pk}/foyer/",
        f"/personnes/{world.person.pk}/cercle/",
        reverse("api:list_procedures", args=[world.person.pk]),
    ):
        last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        assert client.get(url).status_code == 200
        rows = Counter(AuditEvent.objects.filter(id__gt=last).values_list("person_id", "category", "action", "detail"))
        assert rows and max(rows.values()) == 1, (url, rows)
