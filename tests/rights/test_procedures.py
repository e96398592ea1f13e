from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from alliances.access.policy import AccessDenied, forget
from alliances.circles.enums import LinkType
from alliances.rights.models import Procedure
from alliances.rights.services import (
    procedure_document_set,
    procedure_start,
    procedure_transition,
    procedure_update,
)
from alliances.rights.tasks import send_procedure_reminders

from ..conftest import World


@pytest.fixture
def procedure(world: World) -> Procedure:
    return procedure_start(
        actor=world.user("referent_of"),
        person=world.person,
        benefit="rsa",
        estimated_amount=573.49,
    )


def test_a_claim_followed_to_the_end(world: World, procedure: Procedure) -> None:
    referent = world.user("referent_of")
    for state, day in [
        ("to_claim", date(2026, 11, 2)),
        ("submitted", date(2026, 11, 5)),
        ("refused", date(2026, 11, 10)),
        ("appeal", date(2026, 11, 12)),
        ("granted", date(2026, 11, 20)),
        ("closed", date(2026, 11, 21)),
    ]:
        procedure_transition(actor=referent, procedure=procedure, to_state=state, occurred_on=day)
    steps = list(procedure.steps.order_by("id"))
    assert [s.to_state for s in steps] == [
        "to_check",
        "to_claim",
        "submitted",
        "refused",
        "appeal",
        "granted",
        "closed",
    ]
    assert all(step.link_type == LinkType.FACILITATION for step in steps)
    assert steps[2].occurred_on == date(2026, 11, 5)
    assert procedure.documents.filter(label__startswith="Ressources").exists()


def test_impossible_transitions_and_future_steps_are_refused(world: World, procedure: Procedure) -> None:
    referent = world.user("referent_of")
    with pytest.raises(ValidationError, match="n'est pas possible"):
        procedure_transition(actor=referent, procedure=procedure, to_state="granted")
    with pytest.raises(ValidationError, match="futur"):
        procedure_transition(
            actor=referent,
            procedure=procedure,
            to_state="to_claim",
            occurred_on=timezone.localdate() + timedelta(days=2),
        )
    with pytest.raises(ValidationError, match="n'existe pas"):
        procedure_transition(actor=referent, procedure=procedure, to_state="lost")
    procedure.refresh_from_db()
    assert procedure.state == "to_check" and procedure.steps.count() == 1


def test_one_open_procedure_per_right(world: World, procedure: Procedure) -> None:
    with pytest.raises(ValidationError, match="déjà en cours"):
        procedure_start(actor=world.user("person_self"), person=world.person, benefit="rsa")
    procedure_transition(actor=world.user("referent_of"), procedure=procedure, to_state="closed")
    again = procedure_start(actor=world.user("person_self"), person=world.person, benefit="rsa", helper="alone")
    assert again.helper == "alone" and again.helper_user is None


def test_only_the_person_and_their_referent_or_a_trusted_mediator_act(world: World, procedure: Procedure) -> None:
    for name in ("referent_other", "officer", "manager", "partner_ally", "mediator_shared"):
        with pytest.raises(AccessDenied):
            procedure_transition(actor=world.actor(name), procedure=procedure, to_state="to_claim")  # type: ignore[arg-type]
    from alliances.consent.services import sharing_grant

    mediator = world.user("mediator_shared")
    sharing_grant(
        actor=world.user("person_self"),
        ally=world.person.allies.get(user=mediator),
        category="procedures",
    )
    forget(mediator)  # a new request: the policy reads the new sharing
    procedure_transition(actor=mediator, procedure=procedure, to_state="to_claim")


def test_documents_deadline_and_reminders(world: World, procedure: Procedure) -> None:
    referent = world.user("referent_of")
    procedure_document_set(
        actor=referent,
        procedure=procedure,
        label="Relevé d'identité bancaire (RIB)",
        provided=True,
    )
    assert procedure.documents.get(label__startswith="Relevé").provided_on is not None
    with pytest.raises(ValidationError, match="précéder"):
        procedure_update(
            actor=referent,
            procedure=procedure,
            deadline=date(2026, 12, 1),
            reminder_on=date(2026, 12, 5),
        )
    procedure_update(actor=referent, procedure=procedure, deadline=date(2026, 12, 10), reminder_on=date(2026, 12, 3))
    with time_machine.travel(date(2026, 12, 2)):
        assert send_procedure_reminders() == 0
    with time_machine.travel(date(2026, 12, 3)):
        assert send_procedure_reminders() == 1
        assert send_procedure_reminders() == 0  # once
    assert mail.outbox[0].to == [referent.email]
    assert "avant le 10/12/2026" in mail.outbox[0].body
