"""Her data, hers to take: a ZIP with a documented JSON and a PDF, built on the queue, downloaded once
audited, by her or by her referent at the desk; nobody else; and every field of it is named."""

import io
import json
import zipfile

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import DjangoCaptureOnCommitCallbacks

from alliances.access.policy import AccessDenied
from alliances.audit.models import AuditEvent
from alliances.circles.services import own_words_write
from alliances.core.validation import today
from alliances.exports.models import DataExport
from alliances.exports.sections import documentation, sections
from alliances.exports.services import data_export_download, data_export_request, data_exports_purge

from ..conftest import World


def _zip(content: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(content))


def test_her_zip_holds_her_words_a_pdf_and_their_documentation(
    world: World, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    me = world.user("person_self")
    own_words_write(actor=me, person=world.person, occurred_on=today(), text="J'ai revu ma sœur Samira.")
    with django_capture_on_commit_callbacks(execute=True):
        export = data_export_request(actor=me, person=world.person)
    export.refresh_from_db()
    assert (export.status, export.progress) == ("ready", 100)
    archive = _zip(data_export_download(actor=me, export=export))
    assert sorted(archive.namelist()) == ["LISEZ-MOI.txt", "donnees.json", "donnees.pdf"]
    data = json.loads(archive.read("donnees.json"))
    assert data["identite"][0]["last_name"] == "Martin"
    assert data["journal"][0]["summary"] == "J'ai revu ma sœur Samira."
    assert archive.read("donnees.pdf").startswith(b"%PDF")
    readme = archive.read("LISEZ-MOI.txt").decode()
    for section, fields in documentation():
        assert section.key in data and f"{section.key} — {section.title}" in readme
        assert all(f"- {name} :" in readme for name, _ in fields)
    assert AuditEvent.objects.filter(
        person_id=world.person.pk, actor=me, detail="téléchargement de ses données"
    ).exists()


def test_every_exported_field_exists_and_bank_details_leave_masked() -> None:
    for section in sections():
        names = {f.name for f in section.model._meta.get_fields()}
        assert set(section.fields) <= names, section.key
    payments = next(s for s in sections() if s.key == "versements")
    assert "iban" in payments.masked


def test_nobody_else_gathers_or_downloads_her_data(world: World, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    for name in ("person_other", "mediator_shared", "manager", "officer", "peer_ally"):
        with pytest.raises(AccessDenied):
            data_export_request(actor=world.user(name), person=world.person)
    with django_capture_on_commit_callbacks(execute=True):
        export = data_export_request(actor=world.user("referent_of"), person=world.person)  # at the desk
    export.refresh_from_db()
    for name in ("person_self", "mediator_shared", "referent_other"):  # only who asked downloads it
        with pytest.raises(AccessDenied):
            data_export_download(actor=world.user(name), export=export)
    assert data_export_download(actor=world.user("referent_of"), export=export)


def test_asking_twice_while_it_runs_gives_the_same_one(world: World) -> None:
    me = world.user("person_self")
    first = data_export_request(actor=me, person=world.person)  # not committed: still queued
    assert data_export_request(actor=me, person=world.person) == first
    assert DataExport.objects.count() == 1


def test_an_expired_zip_is_deleted(world: World, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from django.utils import timezone

    me = world.user("person_self")
    with django_capture_on_commit_callbacks(execute=True):
        export = data_export_request(actor=me, person=world.person)
    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert data_exports_purge() == 1
    export.refresh_from_db()
    assert export.content == "" and export.size == 0
    with pytest.raises(AccessDenied):
        data_export_download(actor=me, export=export)


def test_her_page_explains_her_rights_and_shows_progress(world: World, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(world.user("person_self"))
    page = client.get(reverse("portal:data")).content.decode()
    for words in ("droit d'accès", "droit de rectification", "droit à l'effacement", "droit d'opposition", "CNIL"):
        assert words in page
    with django_capture_on_commit_callbacks() as queued:
        client.post(reverse("data_export_new", args=[world.person.pk]))
    export = DataExport.objects.get()
    url = reverse("data_export_status", args=[export.pk])
    assert "Préparation en cours" in client.get(url).content.decode()
    for task in queued:
        task()
    assert "Télécharger" in client.get(url).content.decode()
    response = client.get(reverse("data_export_file", args=[export.pk]))
    assert response["Content-Type"] == "application/zip" and "no-store" in response["Cache-Control"]


def test_her_referent_finds_the_tab_at_the_desk_and_no_one_else(world: World) -> None:
    url = reverse("person_identity", args=[world.person.pk])
    for name, shown in (("referent_of", True), ("mediator_shared", False), ("officer", False)):
        client = Client()
        client.force_login(world.user(name))
        assert ("Données de la personne" in client.get(url).content.decode()) is shown, name
