"""A web request's reads are written together when it ends: one append to the chain per page, however
many parts of the file it read; writes stay in the transaction of what they record."""

from unittest import mock

import pytest
from django.test import Client

from alliances.audit import chain, services
from alliances.audit.chain import verify
from alliances.audit.enums import AuditAction
from alliances.audit.models import AuditEvent

from ..conftest import World


def test_a_page_writes_its_reads_in_one_append(world: World, client: Client) -> None:
    client.force_login(world.user("person_self"))
    client.get("/mon-espace/")  # first visit: whatever a first visit writes
    before = AuditEvent.objects.count()
    with mock.patch.object(services, "append", wraps=chain.append) as appended:
        assert client.get("/mon-espace/").status_code == 200
    reads = AuditEvent.objects.filter(pk__gt=0).order_by("-pk")[: AuditEvent.objects.count() - before]
    assert appended.call_count == 1
    assert len(reads) >= 3 and {event.action for event in reads} == {AuditAction.READ}
    assert len({event.request_id for event in reads}) == 1
    assert verify().first_break is None


def test_the_reads_of_a_page_that_fails_are_kept(world: World, client: Client) -> None:
    from alliances.www.portal import views

    client.force_login(world.user("person_self"))
    client.raise_request_exception = True
    before = AuditEvent.objects.count()
    failing = mock.patch.object(views, "access_days", side_effect=RuntimeError("after the reads"))
    with failing, pytest.raises(RuntimeError):
        client.get("/mon-espace/")
    assert AuditEvent.objects.filter(action=AuditAction.READ).count() > 0
    assert AuditEvent.objects.count() > before


def test_outside_a_web_request_a_read_is_written_at_once(world: World) -> None:
    from alliances.audit.services import audit_record

    before = AuditEvent.objects.count()
    audit_record(
        actor=world.user("referent_of"), person_id=world.person.pk, category="identity", action=AuditAction.READ
    )
    assert AuditEvent.objects.count() == before + 1
