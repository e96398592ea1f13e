"""Issue 17, part 3: the pseudonymised research export. Only persons who agreed; keyed hashes that two
exports never share; months, birth years and age bands, never a date; no name, contact or free text; every
field of every model read is on the allowlist or named as never exported."""

import base64
import csv
import io
import zipfile
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import ForeignObjectRel
from django.test import Client
from django.utils import timezone
from pytest_django.fixtures import DjangoCaptureOnCommitCallbacks

from alliances.access.policy import AccessDenied
from alliances.assessments.models import Reading
from alliances.audit.models import AuditEvent
from alliances.circles.models import Interaction
from alliances.consent.models import ResearchConsentChange
from alliances.consent.research import research_consent_given, research_consent_set
from alliances.exports.models import ExportStatus, ResearchExport
from alliances.exports.research import research_export_build, research_export_download, research_export_request
from alliances.exports.research_fields import TABLES
from alliances.goals.models import Goal
from alliances.households.models import Housing
from alliances.meetings.models import Meeting
from alliances.persons.models import Person

from ..conftest import World

SECRETS = [
    "Camille",
    "Martin",
    "camille@alliances.test",
    "600000001",
    "Rue-des-Secrets-17",
    "Un-texte-du-journal-tres-prive",
    "Mon-objectif-a-moi",
    "Mes-mots-sur-ma-vie",
    "Un-commentaire-sur-la-lecture",
    "Une-raison-donnee",
    "1985-05-17",
]


def _zip(export: ResearchExport) -> dict[str, list[dict[str, str]]]:
    archive = zipfile.ZipFile(io.BytesIO(base64.b64decode(export.content)))
    tables = {}
    for name in archive.namelist():
        if name.endswith(".csv"):
            tables[name[:-4]] = list(csv.DictReader(io.StringIO(archive.read(name).decode()), delimiter=";"))
    tables["_raw"] = [{"text": b"".join(archive.read(n) for n in archive.namelist()).decode()}]
    return tables


def _a_year_of_life(world: World) -> None:
    person = world.person
    Person.objects.filter(pk=person.pk).update(address="Rue-des-Secrets-17")
    Housing.objects.filter(household=world.household).update(commune_code="35238", status="tenant", rent=Decimal(420))
    referent = world.user("referent_of")
    Interaction.objects.create(
        person=person,
        occurred_on=date(2026, 3, 14),
        kind="call",
        summary="Un-texte-du-journal-tres-prive",
        link_types=["consideration"],
        bond="workers",
        author=referent,
    )
    Goal.objects.create(
        person=person, text="Mon-objectif-a-moi", bond="work", proposed_by="person", created_by=referent
    )
    Reading.objects.create(
        person=person,
        instrument="participation_ladder",
        version=1,
        side="person",
        taken_on=date(2026, 4, 2),
        values={"level": 6},
        words={"level": "Mes-mots-sur-ma-vie"},
        comment="Un-commentaire-sur-la-lecture",
        author=referent,
    )
    Meeting.objects.create(
        person=person,
        worker=referent,
        status="moved",
        proposed_by=referent,
        starts_at=datetime(2026, 5, 6, 10, 0, tzinfo=timezone.get_current_timezone()),
        reason="Une-raison-donnee",
    )


def _built(world: World, year: int = 2026) -> ResearchExport:
    manager = world.user("manager")
    export = research_export_request(actor=manager, year=year)
    return research_export_build(export_id=export.pk)


def test_every_field_of_every_model_read_is_exported_or_named_never(db: None) -> None:
    """A field added to one of these models fails here until someone puts it on one side or the other."""
    for table in TABLES:
        model = apps.get_model(table.model)
        decided = set(table.fields) | set(table.never)
        assert not set(table.fields) & set(table.never), table.name
        prefixes = {name.split("__")[0] for name in decided if "__" in name}
        for field in model._meta.concrete_fields:
            assert field.name in decided, f"{table.name}: {model.__name__}.{field.name} is neither exported nor never"
        for prefix in prefixes:
            relation = model._meta.get_field(prefix)
            related = relation.related_model
            assert related is not None, prefix
            for field in related._meta.concrete_fields:
                name = f"{prefix}__{field.name}"
                assert name in decided, f"{table.name}: {related.__name__}.{field.name} is neither exported nor never"
            assert isinstance(relation, ForeignObjectRel) or relation.is_relation


def test_only_persons_who_agreed_and_nothing_that_names_them(world: World) -> None:
    _a_year_of_life(world)
    nobody = _zip(_built(world))
    assert nobody["personnes"] == [] and nobody["echanges"] == []

    research_consent_set(actor=world.user("person_self"), person=world.person, granted=True)
    export = _built(world)
    assert (export.status, export.persons) == (ExportStatus.READY, 1)
    tables = _zip(export)
    raw = tables.pop("_raw")[0]["text"]
    for secret in SECRETS:
        assert secret not in raw, secret
    (person,) = tables["personnes"]
    assert person["annee_naissance"] == "1985" and person["tranche_age"] == "35-44"
    assert len(person["id"]) == 20
    (entry,) = tables["echanges"]
    assert entry["occurred_on"] == "2026-03" and entry["person"] == person["id"] and entry["bond"] == "workers"
    assert tables["rendez_vous"][0]["starts_at"] == "2026-05"
    assert tables["lectures"][0]["values"] == "level=6"
    (household,) = tables["foyers"]
    assert household["housing_commune_code"] == "35238" and household["adultes"] == "1"
    assert "Dominique" not in raw  # the other person did not agree
    # The download is recorded; each person read for it too.
    manager = world.user("manager")
    research_export_download(actor=manager, export=export)
    assert AuditEvent.objects.filter(detail__startswith="export recherche 2026").count() == 1
    assert AuditEvent.objects.filter(person=world.person, detail__contains="pour la recherche").exists()


def test_two_exports_cannot_be_linked(world: World) -> None:
    research_consent_set(actor=world.user("person_self"), person=world.person, granted=True)
    first, second = _zip(_built(world)), _zip(_built(world))
    assert first["personnes"][0]["id"] != second["personnes"][0]["id"]
    assert first["foyers"][0]["id"] != second["foyers"][0]["id"]


def test_a_withdrawn_agreement_leaves_the_next_export(world: World) -> None:
    me = world.user("person_self")
    assert not research_consent_given(person=world.person)  # off by default
    research_consent_set(actor=me, person=world.person, granted=True)
    assert _built(world).persons == 1
    assert research_consent_set(actor=me, person=world.person, granted=False)
    assert _built(world).persons == 0
    history = list(ResearchConsentChange.objects.filter(person=world.person).values_list("granted", flat=True))
    assert history == [False, True]


def test_only_a_manager_asks_and_a_bad_year_writes_nothing(world: World) -> None:
    for name in ("referent_of", "officer", "person_self", "mediator_shared"):
        with pytest.raises(AccessDenied):
            research_export_request(actor=world.user(name), year=2026)
    with pytest.raises(ValidationError, match="Choisissez une année entre 2000 et"):
        research_export_request(actor=world.user("manager"), year=1999)
    with pytest.raises(AccessDenied):  # a stranger cannot change her agreement
        research_consent_set(actor=world.user("referent_other"), person=world.person, granted=True)
    assert ResearchExport.objects.count() == 0 and not research_consent_given(person=world.person)


def test_she_says_yes_then_no_from_her_space(world: World, client: Client) -> None:
    client.force_login(world.user("person_self"))
    page = client.get("/mon-espace/partages/").content.decode()
    assert "Aider la recherche" in page and "Dire non ne change rien" in page and "Vous n'avez pas dit oui" in page
    page = client.post("/mon-espace/partages/recherche/", {"research": "yes"}, follow=True).content.decode()
    assert research_consent_given(person=world.person) and "sans votre nom" in page and "Vous avez dit oui" in page
    client.post("/mon-espace/partages/recherche/", {"research": "no"})
    assert not research_consent_given(person=world.person)


def test_the_manager_asks_follows_and_downloads(
    world: World, client: Client, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    research_consent_set(actor=world.user("person_self"), person=world.person, granted=True)
    client.force_login(world.user("manager"))
    assert "Export pseudonymisé" in client.get("/pilotage/").content.decode()
    bad = client.post("/pilotage/recherche/", {"year": "1850"})
    assert bad.status_code == 400 and "Choisissez une année" in bad.content.decode()
    assert ResearchExport.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):  # the test queue builds it at once
        client.post("/pilotage/recherche/", {"year": "2026"})
    page = client.get("/pilotage/recherche/").content.decode()
    export = ResearchExport.objects.get()
    assert export.status == "ready" and "Télécharger l'export de 2026" in page
    response = client.get(f"/pilotage/recherche/{export.pk}/telecharger/")
    assert response["Content-Type"] == "application/zip"
    assert "personnes.csv" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    client.force_login(world.user("referent_of"))
    assert client.get(f"/pilotage/recherche/{export.pk}/telecharger/").status_code == 404


def test_a_research_zip_is_deleted_once_past_its_date(world: World) -> None:
    from datetime import timedelta

    from alliances.exports.services import data_exports_purge

    export = _built(world)
    ResearchExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert data_exports_purge() == 1
    export.refresh_from_db()
    assert (export.content, export.size, export.year) == ("", 0, 2026)
