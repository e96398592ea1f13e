"""Mandates the person controls: consent first, scope and time, every act shown, revoked in one step."""

from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from alliances.access.policy import AccessDenied
from alliances.goals.models import Delegation
from alliances.mediation.enums import MandateDuration, MandateStatus, mandate_end
from alliances.mediation.models import Mandate, MandateAct
from alliances.mediation.selectors import mandates_for
from alliances.mediation.services import (
    mandate_act_record,
    mandate_consent,
    mandate_propose,
    mandate_refuse,
    mandate_renew,
    mandate_revoke,
    mandate_status,
    mandate_text,
    mandates_remind,
)
from alliances.notifications.models import Notification

from ..conftest import World

CAF = "caf_quarterly_declaration"  # theme "social"
ID_CARD = "ants_identity_card"  # theme "papiers"


def propose(world: World, themes: list[str] | None = None, duration: str = MandateDuration.MONTH) -> Mandate:
    mediator = world.user("mediator_shared")
    return mandate_propose(
        actor=mediator, person=world.person, holder=mediator, themes=themes or ["social"], duration=duration
    )


def act(world: World, code: str = CAF) -> MandateAct:
    return mandate_act_record(
        actor=world.user("mediator_shared"), person=world.person, procedure_code=code, what="Déclaration envoyée"
    )


def test_a_mandate_does_nothing_until_the_person_consents(world: World) -> None:
    mandate = propose(world)
    assert mandate_status(mandate) == MandateStatus.TO_CONFIRM
    assert Notification.objects.filter(person=world.person, kind="mandate_to_confirm").exists()
    with pytest.raises(ValidationError, match="pas de mandat"):
        act(world)
    assert not MandateAct.objects.exists()


def test_consent_in_the_space_then_acts_are_shown_to_the_person(world: World) -> None:
    mandate = mandate_consent(actor=world.user("person_self"), mandate=propose(world))
    assert mandate_status(mandate) == MandateStatus.ACTIVE
    assert mandate.ends_on == mandate_end(MandateDuration.MONTH, timezone.localdate())
    assert mandate.delegation_id is not None
    delegation = Delegation.objects.get(pk=mandate.delegation_id)
    assert delegation.chosen and delegation.ally.user == world.user("mediator_shared")  # ladder level 9
    recorded = act(world)
    assert recorded.mandate == mandate
    [view] = mandates_for(actor=world.user("person_self"), person=world.person)
    assert view.acts == [recorded] and view.theme_labels == ["Social et santé"]
    assert Notification.objects.filter(kind="mandate_used").exists()


def test_the_printed_mandate_carries_a_hash_of_its_text(world: World) -> None:
    mandate = propose(world)
    text = mandate_text(mandate)
    assert mandate.reference in text and "Social et santé" in text and "1 mois" in text
    import hashlib

    assert mandate.text_hash == hashlib.sha256(text.encode()).hexdigest()
    mandate = mandate_consent(actor=world.user("mediator_shared"), mandate=mandate, method="printed")
    assert mandate.consent_method == "printed"


def test_only_the_person_confirms_in_their_space(world: World) -> None:
    mandate = propose(world)
    for name in ("mediator_shared", "referent_of", "peer_ally", "person_other"):
        with pytest.raises(AccessDenied):
            mandate_consent(actor=world.user(name), mandate=mandate)
    for name in ("peer_ally", "person_other", "mediator_unshared"):
        with pytest.raises(AccessDenied):
            mandate_consent(actor=world.user(name), mandate=mandate, method="printed")


def test_revoked_in_one_step_then_the_next_act_is_refused(world: World) -> None:
    mandate = mandate_consent(actor=world.user("person_self"), mandate=propose(world))
    act(world)
    mandate_revoke(actor=world.user("person_self"), mandate=mandate)
    mandate.refresh_from_db()
    assert mandate_status(mandate) == MandateStatus.REVOKED
    assert Delegation.objects.filter(pk=mandate.delegation_id or 0).get().revoked_on == timezone.localdate()
    with pytest.raises(ValidationError, match="mis fin à votre mandat"):
        act(world)
    assert MandateAct.objects.count() == 1


def test_an_act_out_of_scope_or_after_the_end_is_refused(world: World) -> None:
    mandate_consent(actor=world.user("person_self"), mandate=propose(world, duration=MandateDuration.DAY))
    with pytest.raises(ValidationError, match="ne couvre pas le domaine « Papiers et citoyenneté »"):
        act(world, ID_CARD)
    with time_machine.travel(timezone.localdate() + timedelta(days=2)), pytest.raises(ValidationError, match="terminé"):
        act(world)
    assert not MandateAct.objects.exists()


@pytest.mark.parametrize(
    ("themes", "duration", "field"),
    [
        ([], MandateDuration.MONTH, "themes"),
        (["astrologie"], MandateDuration.MONTH, "themes"),
        (["social"], "two_years", "duration"),
        (["social"], "forever", "duration"),
    ],
)
def test_a_bad_mandate_is_refused_in_french_and_writes_nothing(
    world: World, themes: list[str], duration: str, field: str
) -> None:
    mediator = world.user("mediator_shared")
    with pytest.raises(ValidationError) as error:
        mandate_propose(actor=mediator, person=world.person, holder=mediator, themes=themes, duration=duration)
    assert field in error.value.message_dict
    assert not Mandate.objects.exists() and not Notification.objects.exists()


def test_only_a_mediator_or_the_referent_of_the_circle_holds_a_mandate(world: World) -> None:
    for name in ("mediator_unshared", "referent_of"):
        user = world.user(name)
        mandate_propose(actor=user, person=world.person, holder=user, themes=["social"], duration="month")
    for name in ("referent_other", "partner_ally", "peer_ally", "manager", "officer"):
        user = world.user(name)
        with pytest.raises(AccessDenied):
            mandate_propose(actor=user, person=world.person, holder=user, themes=["social"], duration="month")


def test_the_person_gives_a_mandate_from_their_space_and_it_is_their_consent(world: World) -> None:
    mandate = mandate_propose(
        actor=world.user("person_self"),
        person=world.person,
        holder=world.user("mediator_shared"),
        themes=["social"],
        duration=MandateDuration.MONTH,
    )
    assert mandate_status(mandate) == MandateStatus.ACTIVE and mandate.consent_method == "space"
    with pytest.raises(ValidationError, match="médiateur"):
        mandate_propose(
            actor=world.user("person_self"),
            person=world.person,
            holder=world.user("referent_other"),
            themes=["social"],
            duration=MandateDuration.MONTH,
        )


def test_the_person_may_refuse(world: World) -> None:
    mandate = mandate_refuse(actor=world.user("person_self"), mandate=propose(world))
    assert mandate_status(mandate) == MandateStatus.REFUSED
    with pytest.raises(ValidationError):
        mandate_consent(actor=world.user("person_self"), mandate=mandate)


def test_both_sides_are_reminded_30_days_before_a_long_mandate_ends_and_renewal_needs_consent(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    mandate = mandate_consent(actor=world.user("person_self"), mandate=propose(world, duration="six_months"))
    short = mandate_consent(actor=world.user("person_self"), mandate=propose(world, themes=["papiers"]))
    assert mandate.ends_on is not None and short.ends_on is not None
    assert mandates_remind(on=mandate.ends_on - timedelta(days=31)) == 0
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert mandates_remind(on=mandate.ends_on - timedelta(days=30)) == 1
    assert mandates_remind(on=mandate.ends_on - timedelta(days=29)) == 0  # once
    assert Notification.objects.filter(kind="mandate_ending", person=world.person).count() == 1
    assert [m.to for m in mail.outbox if m.subject == "Un mandat se termine bientôt"] == [
        [world.user("mediator_shared").email]
    ]
    renewal = mandate_renew(actor=world.user("mediator_shared"), mandate=mandate)
    assert mandate_status(renewal) == MandateStatus.TO_CONFIRM and renewal.renewal_of == mandate


def test_the_end_of_each_duration(db: None) -> None:
    start = date(2026, 1, 31)
    assert mandate_end("day", start) == start
    assert mandate_end("month", start) == date(2026, 2, 27)
    assert mandate_end("six_months", date(2026, 3, 15)) == date(2026, 9, 14)
    assert mandate_end("year", date(2026, 3, 15)) == date(2027, 3, 14)


def test_the_holder_sees_their_mandates_and_others_see_nothing(world: World) -> None:
    propose(world)
    assert len(mandates_for(actor=world.user("referent_of"), person=world.person)) == 1
    assert len(mandates_for(actor=world.user("mediator_shared"), person=world.person)) == 1
    assert mandates_for(actor=world.user("mediator_unshared"), person=world.person) == []  # not theirs
    for name in ("peer_ally", "manager", "person_other", "referent_other"):
        with pytest.raises(AccessDenied):
            mandates_for(actor=world.user(name), person=world.person)


def test_a_holder_who_left_the_circle_no_longer_sees_or_uses_the_mandate(world: World) -> None:
    from alliances.access.policy import forget
    from alliances.circles.models import Ally
    from alliances.mediation.selectors import mandate_for

    mandate = mandate_consent(actor=world.user("person_self"), mandate=propose(world))
    mediator = world.user("mediator_shared")
    assert mandate_for(actor=mediator, mandate_id=mandate.pk) == mandate
    Ally.objects.filter(person=world.person, user=mediator).update(ended_on=timezone.localdate())
    forget(mediator)
    with pytest.raises(AccessDenied):
        mandate_for(actor=mediator, mandate_id=mandate.pk)
    with pytest.raises(ValidationError, match="pas de mandat"):
        act(world)


def test_a_mediator_of_the_circle_opens_the_mandates_before_holding_any(world: World) -> None:
    assert mandates_for(actor=world.user("mediator_shared"), person=world.person) == []


def test_in_her_language_the_french_mandate_is_marked_french_and_explained(world: World) -> None:
    from django.test import Client
    from django.urls import reverse

    propose(world)
    person = world.user("person_self")
    person.language = "en"
    person.save(update_fields=["language"])
    client = Client()
    client.force_login(person)
    page = client.get(reverse("portal:mandates")).content.decode()
    assert "The mandate is written in French" in page
    assert '<p class="alliances-pre" lang="fr" dir="ltr">' in page  # screen readers read it in French
