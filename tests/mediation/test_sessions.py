"""Mediation sessions and co-learning: the worker's reading, the person's, and the progress timeline."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from alliances.access.categories import Category
from alliances.access.policy import AccessDenied
from alliances.audit.models import AuditEvent
from alliances.circles.enums import LinkType
from alliances.consent.models import Sharing
from alliances.mediation.catalogue import catalogue
from alliances.mediation.models import MediationSession, ProgressStep
from alliances.mediation.selectors import mediation_counts, mediator_desk, progress_for, steps_to_confirm
from alliances.mediation.services import Worked, progress_confirm, session_record
from alliances.notifications.models import Notification

from ..conftest import World

CAF = "caf_quarterly_declaration"


@pytest.fixture
def shared(world: World) -> World:
    """The mediator was shared the person's procedures."""
    from django.utils import timezone

    ally = world.person.allies.get(user=world.user("mediator_shared"))
    Sharing.objects.create(ally=ally, category=Category.PROCEDURES, granted_at=timezone.now())
    from alliances.access.policy import forget

    forget(world.user("mediator_shared"))
    return world


def record(world: World, level: str = "with_me", days_ago: int = 0, **overrides: object) -> MediationSession:
    values: dict[str, object] = {
        "occurred_on": timezone.localdate() - timedelta(days=days_ago),
        "duration_minutes": 45,
        "place": "Espace numérique du Blosne",
        "worked": [Worked(person=world.person, procedure_code=CAF, level=level)],
        "link_types": [LinkType.CAPACITATION],
    }
    values.update(overrides)
    return session_record(actor=world.user("mediator_shared"), **values)  # type: ignore[arg-type]


def test_the_mediator_records_a_session_and_the_person_is_told(shared: World) -> None:
    session = record(shared)
    step = session.steps.get()
    assert step.level == "with_me" and step.person_level == ""
    assert Notification.objects.filter(person=shared.person, kind="session_to_confirm").exists()
    assert AuditEvent.objects.filter(person_id=shared.person.pk, detail="séance de médiation").exists()
    assert steps_to_confirm(person=shared.person) == [step]


def test_a_mediator_not_shared_procedures_cannot_record(world: World) -> None:
    for name in ("mediator_unshared", "mediator_shared", "peer_ally", "manager", "referent_other"):
        with pytest.raises(AccessDenied):
            session_record(
                actor=world.user(name),
                occurred_on=timezone.localdate(),
                duration_minutes=30,
                place="CCAS",
                worked=[Worked(person=world.person, procedure_code=CAF, level="alone")],
                link_types=[LinkType.FACILITATION],
            )
    assert not MediationSession.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"level": "done_by_magic"}, "level"),
        ({"code": "not_in_catalogue"}, "procedures"),
        ({"duration_minutes": 0}, "duration_minutes"),
        ({"duration_minutes": 2000}, "duration_minutes"),
        ({"place": "  "}, "place"),
        ({"link_types": [LinkType.CONSIDERATION]}, "link_types"),
        ({"link_types": []}, "link_types"),
        ({"days_ago": -2}, "occurred_on"),
        ({"worked": []}, "procedures"),
    ],
)
def test_a_bad_session_is_refused_in_french_and_writes_nothing(
    shared: World, overrides: dict[str, Any], field: str
) -> None:
    level = str(overrides.pop("level", "with_me"))
    code = str(overrides.pop("code", CAF))
    days_ago = int(overrides.pop("days_ago", 0))
    overrides.setdefault("worked", [Worked(person=shared.person, procedure_code=code, level=level)])
    with pytest.raises(ValidationError) as error:
        record(shared, days_ago=days_ago, **overrides)
    assert field in error.value.message_dict
    assert not MediationSession.objects.exists() and not ProgressStep.objects.exists()
    assert not Notification.objects.exists()


def test_the_person_confirms_or_corrects_and_both_readings_are_kept(shared: World) -> None:
    step = record(shared, level="with_me").steps.get()
    step = progress_confirm(actor=shared.user("person_self"), step=step, level="alone")
    assert (step.level, step.person_level) == ("with_me", "alone")
    with pytest.raises(ValidationError):
        progress_confirm(actor=shared.user("person_self"), step=step, level="expert")
    for name in ("mediator_shared", "referent_of", "peer_ally"):
        with pytest.raises(AccessDenied):
            progress_confirm(actor=shared.user(name), step=step, level="for_me")


def test_the_timeline_says_how_the_person_does_it_now(shared: World) -> None:
    record(shared, level="for_me", days_ago=90)
    for days_ago in (60, 30, 1):
        record(shared, level="alone", days_ago=days_ago)
    [progress] = progress_for(actor=shared.user("person_self"), person=shared.person)
    assert progress.procedure.code == CAF
    assert progress.summary == "Fait seul·e les 3 dernières fois"
    assert progress.moved_up
    assert [e.effective for e in progress.entries] == ["for_me", "alone", "alone", "alone"]


def test_the_persons_reading_counts_in_the_timeline(shared: World) -> None:
    step = record(shared, level="alone").steps.get()
    progress_confirm(actor=shared.user("person_self"), step=step, level="with_me")
    [progress] = progress_for(actor=shared.user("person_self"), person=shared.person)
    assert progress.summary == "La dernière fois : fait avec moi"


def test_who_sees_the_progress(shared: World) -> None:
    record(shared)
    for name in ("person_self", "referent_of", "mediator_shared"):
        assert progress_for(actor=shared.user(name), person=shared.person)
    for name in ("mediator_unshared", "peer_ally", "manager", "person_other", "officer"):
        with pytest.raises(AccessDenied):
            progress_for(actor=shared.user(name), person=shared.person)


def test_the_mediator_desk_and_the_managers_counts(shared: World) -> None:
    record(shared, level="for_me", days_ago=40)
    record(shared, level="alone", days_ago=2, duration_minutes=30)
    desk = mediator_desk(actor=shared.user("mediator_shared"))
    assert [a.person_id for a in desk.persons] == [shared.person.pk]
    assert len(desk.sessions) == 2 and desk.minutes_last_30_days == 30
    counts = mediation_counts()
    assert counts == {
        "sessions": 2,
        "minutes": 75,
        "persons": 1,
        "pairs": 1,
        "pairs_moved_up": 1,
        "active_mandates": 0,
    }
    with pytest.raises(AccessDenied):
        mediator_desk(actor=shared.user("manager"))


def test_every_benefit_of_the_rights_engine_links_to_the_catalogue(db: None) -> None:
    from alliances.rights.enums import Benefit

    for benefit in Benefit.values:
        assert catalogue().for_benefit(benefit) is not None, benefit


def test_the_catalogue_holds_what_the_issue_names_with_sources(db: None) -> None:
    known = catalogue()
    for code in (
        "caf_quarterly_declaration",
        "caf_change_of_situation",
        "caf_housing_aid_claim",
        "france_travail_registration",
        "france_travail_monthly_update",
        "ameli_account",
        "ameli_css_claim",
        "impots_income_tax_return",
        "ants_identity_card",
        "ants_driving_licence",
        "anef_residence_permit_renewal",
        "mdph_claim",
        "cheque_energie",
        "bank_account_right",
    ):
        procedure = known.procedure(code)
        assert procedure is not None, code
        assert procedure.steps and procedure.documents and procedure.duration_minutes > 0
        assert procedure.source.startswith("https://") and procedure.service
    assert [t.code for t in known.themes] == [
        "papiers", "famille", "social", "travail", "logement", "transports", "argent", "justice", "etranger", "loisirs",
    ]  # fmt: skip
    assert [lv.code for lv in known.levels] == ["for_me", "with_me", "alone"]


def test_staff_read_the_progress_in_their_own_words(shared: World) -> None:
    from django.test import Client
    from django.urls import reverse

    record(shared, level="with_me", days_ago=3)
    record(shared, level="with_me", days_ago=1)
    [progress] = progress_for(actor=shared.user("referent_of"), person=shared.person)
    assert progress.staff_summary == "Faite avec la personne les 2 dernières fois"
    client = Client()
    client.force_login(shared.user("referent_of"))
    page = client.get(reverse("person_procedures", args=[shared.person.pk])).content.decode()
    assert "Faite avec la personne les 2 dernières fois" in page and "moi" not in page.split("<main")[1]
