"""The access matrix: every route, who may use it. A new route joins with one line.

Allowed actors get a success (2xx or a redirect); everyone else gets 404, exactly like a missing
object (anonymous visitors are sent to the login page on the web and get 401 on the API).
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from alliances.core.validation import today

from .conftest import World

REFERENT_AND_OFFICER = frozenset({"referent_of", "officer"})
LOGGED_IN = frozenset(
    {
        "person_self",
        "person_other",
        "peer_ally",
        "referent_of",
        "referent_other",
        "mediator_shared",
        "mediator_unshared",
        "partner_ally",
        "manager",
        "officer",
        "admin",
    }
)
CIRCLE_OF_P = frozenset(
    {"person_self", "peer_ally", "referent_of", "mediator_shared", "mediator_unshared", "partner_ally", "officer"}
)
PORTAL_USERS = frozenset({"person_self", "person_other", "peer_ally"})
HOUSEHOLD_VIEWERS = frozenset({"person_self", "referent_of", "mediator_shared", "officer"})
PROCEDURE_USERS = frozenset({"person_self", "referent_of"})
RIGHTS_CHECKERS = frozenset({"referent_of", "referent_other", "officer"})
OFFICERS = frozenset({"officer"})
#: The person and their single referent: the circle, the readings, the plan.
CIRCLE_KEEPERS = frozenset({"person_self", "referent_of"})
#: Workers of the circle keep private notes (each reads back only their own).
NOTE_KEEPERS = frozenset({"referent_of", "mediator_shared", "mediator_unshared", "partner_ally"})


@dataclass(frozen=True)
class Route:
    name: str
    url: Callable[[World], str]
    allowed: frozenset[str]
    method: str = "get"
    data: Callable[[World], dict[str, Any]] = field(default=lambda w: {})
    api: bool = False
    #: False for htmx fragments: not a whole page, so not swept by axe-core on its own.
    page: bool = True
    #: What a refused actor gets: 404 like a missing object, unless named here: a worker who may create
    #: households but not link this person gets 422, exactly the answer for an unknown person id.
    refused_by: dict[str, int] = field(default_factory=dict)


def _p(w: World) -> int:
    return w.person.pk


def _h(w: World) -> int:
    return w.household.pk


def _member(w: World) -> int:
    return w.household.members.get(role="applicant").pk


def _housing(w: World) -> dict[str, Any]:
    return {"status": "tenant", "rent": "500", "commune_code": "35238"}


def _child(w: World) -> dict[str, Any]:
    return {"first_name": "Léo", "last_name": "Martin", "birth_date": "2019-04-01", "role": "child"}


def _income(w: World) -> dict[str, Any]:
    return {"member": _member(w), "income_type": "salary_net", "month": "2026-10", "amount": "812.40"}


def _procedure(w: World) -> int:
    from alliances.rights.models import Procedure

    procedure = Procedure.objects.filter(person=w.person).first()
    if procedure is None:
        procedure = Procedure.objects.create(person=w.person, benefit="rsa", created_by=w.actor("referent_of"))
    return procedure.pk


def _run(w: World) -> int:
    from datetime import date

    from alliances.rights.models import RightsCheckRun

    return RightsCheckRun.objects.create(month=date(2026, 11, 1), requested_by=w.actor("referent_of")).pk


def _ally(w: World, name: str = "mediator_shared") -> int:
    from alliances.circles.models import Ally

    return Ally.objects.get(person=w.person, user=w.actor(name), ended_on__isnull=True).pk


def _goal(w: World) -> int:
    from alliances.goals.models import Goal

    goal = Goal.objects.filter(person=w.person).first()
    if goal is None:
        goal = Goal.objects.create(
            person=w.person,
            text="Revoir ma sœur",
            bond="family_friends",
            proposed_by="person",
            created_by=w.actor("referent_of"),
        )
    return goal.pk


def _goal_action(w: World) -> int:
    from alliances.goals.models import GoalAction

    return GoalAction.objects.create(
        goal_id=_goal(w), text="L'appeler", doer="person", link_type="capacitation", created_by=w.actor("referent_of")
    ).pk


def _file_request(w: World) -> int:
    from alliances.persons.models import FileRequest

    request, _ = FileRequest.objects.get_or_create(
        person=w.person, kind="correction", topic="birth_date", defaults={"text": "Je suis née le 12/03/1985."}
    )
    return request.pk


def _invitation(w: World) -> int:
    from datetime import timedelta

    from django.utils import timezone

    from alliances.circles.models import Invitation

    invitation, _ = Invitation.objects.get_or_create(
        person=w.person,
        digest="0" * 64,
        defaults={
            "invited_by": w.user("person_self"),
            "name": "Samira",
            "email": "samira@example.org",
            "expires_at": timezone.now() + timedelta(days=14),
        },
    )
    return invitation.pk


def _export(w: World) -> int:
    import base64

    from alliances.exports.models import DataExport

    export, _ = DataExport.objects.get_or_create(
        person=w.person,
        requested_by=w.user("person_self"),
        defaults={"status": "ready", "progress": 100, "content": base64.b64encode(b"PK").decode(), "size": 2},
    )
    return export.pk


def _delegation(w: World) -> int:
    from datetime import date

    from alliances.goals.models import Delegation

    return Delegation.objects.create(
        person=w.person,
        ally_id=_ally(w),
        task="Déclaration trimestrielle",
        decided_by="person",
        person_consented=True,
        started_on=date(2026, 11, 2),
        created_by=w.actor("referent_of"),
    ).pk


def _new_ally(w: World) -> dict[str, Any]:
    from tests.factories import UserFactory

    return {"user": UserFactory(partner=True).pk, "role": "partner", "link_types": ["consideration"]}


def _bonds_reading(w: World) -> dict[str, Any]:
    return {"family_crisis_call": "3", "friends_count_on": "1", "activity": "0", "papers_valid": "4"}


def _interaction(w: World) -> dict[str, Any]:
    return {
        "occurred_on": "2026-11-02",
        "kind": "call",
        "summary": "Appel pour préparer le rendez-vous à la CAF.",
        "link_types": ["facilitation"],
        "bond": "citizenship",
        "person_took_part": "on",
    }


def _peer_request(w: World) -> int:
    from alliances.peers.models import PeerRequest

    return PeerRequest.objects.create(person=w.person, asked_by=w.actor("person_self"), experiences=["debt"]).pk


def _peer_match(w: World) -> int:
    """A match proposed by P to the other person (who offered to help): its two sides are
    person_self and person_other."""
    from django.utils import timezone

    from alliances.peers.models import PeerMatch, PeerProfile, PeerRequest

    profile, _ = PeerProfile.objects.get_or_create(
        person=w.other_person, defaults={"capacity": 2, "offered_at": timezone.now(), "experiences": ["debt"]}
    )
    match = PeerMatch.objects.filter(person=w.person, peer=profile).first()
    if match is None:
        request = PeerRequest.objects.create(person=w.person, asked_by=w.actor("person_self"))
        match = PeerMatch.objects.create(
            request=request,
            person=w.person,
            peer=profile,
            chosen_by=w.actor("person_self"),
            person_yes_at=timezone.now(),
            state="agreed",
        )
    return match.pk


def _offer(w: World) -> dict[str, Any]:
    return {"experiences": ["debt"], "languages": ["fr"], "availability": ["weekend"], "capacity": "2"}


def _mandate(w: World) -> int:
    """A mandate proposed by P's referent, waiting for P's consent."""
    from alliances.mediation.models import Mandate

    mandate = Mandate.objects.filter(person=w.person).first()
    if mandate is None:
        mandate = Mandate.objects.create(
            person=w.person,
            holder=w.actor("referent_of"),
            themes=["social"],
            duration="month",
            reference=f"MDT-TEST{w.person.pk:04d}",
            text_hash="0" * 64,
            created_by=w.actor("referent_of"),
        )
    return mandate.pk


def _progress_step(w: World) -> int:
    from datetime import date

    from alliances.mediation.models import MediationSession, ProgressStep

    session = MediationSession.objects.create(
        worker=w.actor("referent_of"), occurred_on=date(2026, 11, 2), duration_minutes=30, place="CCAS"
    )
    return ProgressStep.objects.create(
        session=session, person=w.person, procedure_code="caf_quarterly_declaration", level="with_me"
    ).pk


def _own_profiles(w: World) -> None:
    """Each portal user of the world has offered to help (so each has a profile to read or withdraw)."""
    from django.utils import timezone

    from alliances.peers.models import PeerProfile
    from alliances.persons.models import Person

    for name in ("person_self", "person_other", "peer_ally"):
        person = Person.objects.get(account=w.actor(name))
        PeerProfile.objects.get_or_create(
            person=person, defaults={"capacity": 2, "offered_at": timezone.now(), "experiences": ["debt"]}
        )


def _other_profile(w: World) -> int:
    from django.utils import timezone

    from alliances.peers.models import PeerProfile

    profile, _ = PeerProfile.objects.get_or_create(
        person=w.other_person, defaults={"capacity": 2, "offered_at": timezone.now(), "experiences": ["debt"]}
    )
    return profile.pk


def _proposed_match(w: World) -> int:
    """A match P chose, waiting for the peer (the other person)'s answer."""
    from django.utils import timezone

    from alliances.peers.models import PeerMatch, PeerRequest

    request = PeerRequest.objects.create(person=w.person, asked_by=w.actor("person_self"))
    return PeerMatch.objects.create(
        request=request,
        person=w.person,
        peer_id=_other_profile(w),
        chosen_by=w.actor("person_self"),
        person_yes_at=timezone.now(),
    ).pk


def _active_mandate(w: World) -> int:
    """A mandate P gave their referent, in force, on the social theme."""
    from django.utils import timezone

    from alliances.mediation.models import Mandate

    mandate = Mandate.objects.get(pk=_mandate(w))
    today = timezone.localdate()
    Mandate.objects.filter(pk=mandate.pk).update(
        consented_at=timezone.now(), consent_method="space", starts_on=today, ends_on=today
    )
    return mandate.pk


def _proposed_workshop(w: World) -> int:
    from datetime import timedelta

    from django.utils import timezone

    from alliances.meetings.models import Workshop

    start = timezone.now() + timedelta(days=3)
    return Workshop.objects.create(
        title="Atelier proposé",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        capacity=5,
        place_text="Centre social",
        organiser=w.actor("mediator_shared"),
    ).pk


def _simulation(w: World) -> int:
    """An estimate P asked of the API (only its requester reads it)."""
    from alliances.rights.models import RightsSimulation

    return RightsSimulation.objects.create(
        requested_by=w.user("person_self"), month="2026-11", threshold=10, households=[]
    ).pk


SESSION_KEEPERS = frozenset({"referent_of", "referent_other", "mediator_shared", "mediator_unshared"})


def _cycle(w: World, paid: bool = False) -> int:
    from datetime import date
    from decimal import Decimal

    from alliances.income.models import Cycle, SepaFile

    cycle, _ = Cycle.objects.get_or_create(month=date(2026, 10, 1))
    if paid and not cycle.sepa_files.exists():
        SepaFile.objects.create(cycle=cycle, xml="<Document/>", count=0, control_sum=Decimal(0))
    return cycle.pk


def _entitlement(w: World) -> int:
    """An entitlement of world's household in the cycle (what "revoir" reviews)."""
    from decimal import Decimal

    from alliances.income.models import Entitlement

    cycle_id = _cycle(w)
    entitlement, _ = Entitlement.objects.get_or_create(
        cycle_id=cycle_id,
        household=w.household,
        defaults={
            "month": Entitlement._meta.get_field("cycle").related_model.objects.get(pk=cycle_id).month,
            "eligible": True,
            "consumption_units": Decimal("1"),
            "guaranteed": Decimal("867"),
            "resources": Decimal("0"),
            "amount": Decimal("867"),
            "breakdown": {},
            "rules": {},
        },
    )
    return entitlement.pk


def _new_household(w: World) -> dict[str, Any]:
    return {
        "last_name": "Nouveau",
        "first_names": "Sam",
        "birth_date": "1990-01-01",
        "status": "hosted",
        "rent": "0",
        "commune_code": "35238",
    }


def _api_household(w: World) -> dict[str, Any]:
    """A household for a new person followed by world.person's referent (a person lives in one household)."""
    from alliances.circles.enums import AllyRole
    from alliances.circles.models import Ally
    from tests.factories import PersonFactory, ally

    referent = Ally.objects.active().get(person=w.person, role=AllyRole.REFERENT).user
    newcomer = PersonFactory(first_names="Camille", last_name="Martin")
    ally(newcomer, referent)
    return {
        "members": [
            {
                "first_name": "Camille",
                "last_name": "Martin",
                "birth_date": "1985-05-17",
                "role": "applicant",
                "person_id": newcomer.pk,
            }
        ],
        "housing": {"status": "tenant", "rent": "450", "commune_code": "35238"},
    }


ROUTES: list[Route] = [
    Route("home", lambda w: reverse("home"), LOGGED_IN),
    Route(
        "caseload",
        lambda w: reverse("caseload"),
        frozenset(
            {
                "peer_ally",
                "referent_of",
                "referent_other",
                "mediator_shared",
                "mediator_unshared",
                "partner_ally",
                "officer",
            }
        ),
    ),
    Route("person_home", lambda w: reverse("person_home", args=[_p(w)]), CIRCLE_OF_P),
    Route(
        "person_identity",
        lambda w: reverse("person_identity", args=[_p(w)]),
        frozenset({"person_self", "referent_of", "mediator_shared", "officer"}),
    ),
    Route(
        "person_requests",
        lambda w: reverse("person_requests", args=[_p(w)]),
        frozenset({"person_self", "referent_of", "officer"}),
    ),
    Route(
        "person_request_answer",
        lambda w: reverse("person_request_answer", args=[_file_request(w)]),
        frozenset({"referent_of", "officer"}),
        method="post",
        data=lambda w: {f"r{_file_request(w)}-status": "in_progress", f"r{_file_request(w)}-answer": ""},
    ),
    Route("portal:requests", lambda w: reverse("portal:requests"), PORTAL_USERS),
    Route("portal:data", lambda w: reverse("portal:data"), PORTAL_USERS),
    Route("person_data", lambda w: reverse("person_data", args=[_p(w)]), CIRCLE_KEEPERS),
    Route("data_export_new", lambda w: reverse("data_export_new", args=[_p(w)]), CIRCLE_KEEPERS, method="post"),
    Route(
        "data_export_status",
        lambda w: reverse("data_export_status", args=[_export(w)]),
        frozenset({"person_self"}),
        page=False,
    ),
    Route(
        "data_export_file",
        lambda w: reverse("data_export_file", args=[_export(w)]),
        frozenset({"person_self"}),
        page=False,
    ),
    Route(
        "portal:request_send",
        lambda w: reverse("portal:request_send", args=["correction"]),
        PORTAL_USERS,
        method="post",
        data=lambda w: {"topic": "birth_date", "text": "Je suis née le 12/03/1985."},
    ),
    Route(
        "person_identity_edit",
        lambda w: reverse("person_identity_edit", args=[_p(w)]),
        frozenset({"person_self", "referent_of", "officer"}),
    ),
    Route(
        "person_household",
        lambda w: reverse("person_household", args=[_p(w)]),
        frozenset({"person_self", "referent_of", "mediator_shared", "officer"}),
    ),
    Route(
        "person_sharing", lambda w: reverse("person_sharing", args=[_p(w)]), frozenset({"person_self", "referent_of"})
    ),
    Route("household_new", lambda w: reverse("household_new"), frozenset({"referent_of", "referent_other", "officer"})),
    Route(
        "household_new",
        lambda w: reverse("household_new"),
        frozenset({"referent_of", "referent_other", "officer"}),
        method="post",
        data=_new_household,
    ),
    Route(
        "household_housing",
        lambda w: reverse("household_housing", args=[_h(w)]),
        REFERENT_AND_OFFICER,
        method="post",
        data=_housing,
    ),
    Route(
        "household_member_add",
        lambda w: reverse("household_member_add", args=[_h(w)]),
        REFERENT_AND_OFFICER,
        method="post",
        data=_child,
    ),
    Route(
        "household_member_edit",
        lambda w: reverse("household_member_edit", args=[_h(w), _member(w)]),
        REFERENT_AND_OFFICER,
    ),
    Route(
        "household_member_remove",
        lambda w: reverse("household_member_remove", args=[_h(w), w.household.members.get(role="applicant").pk]),
        REFERENT_AND_OFFICER,
        method="post",
    ),
    Route(
        "household_income",
        lambda w: reverse("household_income", args=[_h(w)]),
        REFERENT_AND_OFFICER,
        method="post",
        data=_income,
    ),
    Route("steering", lambda w: reverse("steering"), frozenset({"manager"})),
    Route("person_rights", lambda w: reverse("person_rights", args=[_p(w)]), HOUSEHOLD_VIEWERS),
    Route(
        "person_rights_status",
        lambda w: reverse("person_rights_status", args=[_p(w)]),
        HOUSEHOLD_VIEWERS,
        page=False,
    ),
    Route(
        "person_income_assumption",
        lambda w: reverse("person_income_assumption", args=[_p(w)]),
        REFERENT_AND_OFFICER,
        method="post",
        data=lambda w: {"member_id": "0", "income_type": "salary_net", "choice": "continues"},
    ),
    Route(
        "person_procedure_start",
        lambda w: reverse("person_procedure_start", args=[_p(w)]),
        PROCEDURE_USERS,
        method="post",
        data=lambda w: {"benefit": "css", "helper": "referent"},
    ),
    Route("procedure_detail", lambda w: reverse("procedure_detail", args=[_procedure(w)]), PROCEDURE_USERS),
    Route(
        "procedure_step",
        lambda w: reverse("procedure_step", args=[_procedure(w)]),
        PROCEDURE_USERS,
        method="post",
        data=lambda w: {"to_state": "to_claim", "occurred_on": "2026-11-02"},
    ),
    Route(
        "procedure_deadline",
        lambda w: reverse("procedure_deadline", args=[_procedure(w)]),
        PROCEDURE_USERS,
        method="post",
        data=lambda w: {"deadline": "2026-12-31", "reminder_on": "2026-12-20"},
    ),
    Route(
        "procedure_document",
        lambda w: reverse("procedure_document", args=[_procedure(w)]),
        PROCEDURE_USERS,
        method="post",
        data=lambda w: {"label": "Pièce d'identité ou titre de séjour", "provided": "1"},
    ),
    Route("non_take_up", lambda w: reverse("non_take_up"), RIGHTS_CHECKERS),
    Route(
        "non_take_up",
        lambda w: reverse("non_take_up"),
        RIGHTS_CHECKERS,
        method="post",
        data=lambda w: {"month": "2026-11"},
    ),
    Route(
        "rights_run_progress",
        lambda w: reverse("rights_run_progress", args=[_run(w)]),
        frozenset({"referent_of"}),
        page=False,
    ),
    Route("portal:rights", lambda w: reverse("portal:rights"), PORTAL_USERS),
    Route("portal:rights_status", lambda w: reverse("portal:rights_status"), PORTAL_USERS, page=False),
    Route("portal:income", lambda w: reverse("portal:income"), PORTAL_USERS),
    Route("person_income", lambda w: reverse("person_income", args=[_p(w)]), HOUSEHOLD_VIEWERS),
    Route(
        "household_enrollment",
        lambda w: reverse("household_enrollment", args=[_h(w)]),
        REFERENT_AND_OFFICER,
        method="post",
        data=lambda w: {"enrolled": "on", "iban": "FR7630006000011234567890189", "account_holder": "Camille Martin"},
    ),
    Route("income_budget", lambda w: reverse("income_budget"), frozenset({"manager", "officer"})),
    Route(
        "income_budget",
        lambda w: reverse("income_budget"),
        frozenset({"manager", "officer"}),
        method="post",
        data=lambda w: {"month": "2026-11", "guaranteed_level": "950"},
    ),
    Route("income_cycles", lambda w: reverse("income_cycles"), OFFICERS),
    Route(
        "income_cycles",
        lambda w: reverse("income_cycles"),
        OFFICERS,
        method="post",
        data=lambda w: {"month": "2026-11"},
    ),
    Route("income_cycle", lambda w: reverse("income_cycle", args=[_cycle(w)]), OFFICERS),
    Route("income_cycle_progress", lambda w: reverse("income_cycle_progress", args=[_cycle(w)]), OFFICERS, page=False),
    Route("income_entitlements", lambda w: reverse("income_entitlements", args=[_cycle(w)]), OFFICERS),
    Route(
        "income_entitlement",
        lambda w: reverse("income_entitlement", args=[_cycle(w), _entitlement(w)]),
        OFFICERS,
    ),
    Route(
        "income_cycle_sepa",
        lambda w: reverse("income_cycle_sepa", args=[_cycle(w, paid=True), 1]),
        OFFICERS,
        page=False,
    ),
    # Every cycle transition has its own route (whatever the cycle's state, refused actors get a 404).
    *[
        Route(name, lambda w, name=name: reverse(name, args=[_cycle(w)]), OFFICERS, method="post")
        for name in ("income_cycle_compute", "income_cycle_approve", "income_cycle_pay", "income_cycle_close")
    ],
    Route(
        "income_entitlement_review",
        lambda w: reverse("income_entitlement_review", args=[_cycle(w), _entitlement(w)]),
        OFFICERS,
        method="post",
    ),
    Route(
        "portal:procedure_start",
        lambda w: reverse("portal:procedure_start"),
        PORTAL_USERS,
        method="post",
        data=lambda w: {"benefit": "css", "helper": "alone"},
    ),
    Route("portal:home", lambda w: reverse("portal:home"), PORTAL_USERS),
    # Procedures, co-learning and mandates; the mediator's page; the person's messages
    Route("person_procedures", lambda w: reverse("person_procedures", args=[_p(w)]), PROCEDURE_USERS),
    Route("portal:procedures", lambda w: reverse("portal:procedures"), PORTAL_USERS),
    Route(
        "progress_confirm",
        lambda w: reverse("progress_confirm", args=[_progress_step(w)]),
        frozenset({"person_self"}),
        method="post",
        data=lambda w: {f"niveau-{_progress_step(w)}-level": "alone"},
    ),
    Route("person_mandates", lambda w: reverse("person_mandates", args=[_p(w)]), PROCEDURE_USERS),
    Route("portal:mandates", lambda w: reverse("portal:mandates"), PORTAL_USERS),
    Route(
        "mandate_new",
        lambda w: reverse("mandate_new", args=[_p(w)]),
        PROCEDURE_USERS,
        method="post",
        data=lambda w: {"holder": w.user("referent_of").pk, "themes": ["social"], "duration": "month"},
    ),
    Route(
        "mandate_act",
        lambda w: reverse("mandate_act", args=[_p(w)]),
        PROCEDURE_USERS,
        method="post",
        data=lambda w: {"procedure_code": "caf_quarterly_declaration", "what": "Déclaration envoyée"},
    ),
    Route(
        "mandate_decide",
        lambda w: reverse("mandate_decide", args=[_mandate(w), "fin"]),
        PROCEDURE_USERS,
        method="post",
    ),
    Route("mandate_pdf", lambda w: reverse("mandate_pdf", args=[_mandate(w)]), PROCEDURE_USERS, page=False),
    Route("mediation_desk", lambda w: reverse("mediation_desk"), SESSION_KEEPERS),
    Route("mediation_session_new", lambda w: reverse("mediation_session_new"), SESSION_KEEPERS),
    Route(
        "mediation_session_new",
        lambda w: reverse("mediation_session_new"),
        SESSION_KEEPERS,
        method="post",
        data=lambda w: {
            "persons": [_p(w)],
            "occurred_on": "2026-11-02",
            "duration_minutes": "45",
            "place": "CCAS",
            "link_types": ["capacitation"],
            "procedure_1": "caf_quarterly_declaration",
            "level_1": "with_me",
        },
    ),
    Route("portal:messages", lambda w: reverse("portal:messages"), PORTAL_USERS),
    Route(
        "workshop_validate",
        lambda w: reverse("workshop_validate", args=[_proposed_workshop(w), "publier"]),
        frozenset({"referent_of", "referent_other", "manager"}),
        method="post",
    ),
    Route("portal:workshops", lambda w: (_own_profiles(w), reverse("portal:workshops"))[1], PORTAL_USERS),
    Route("portal:sharing", lambda w: reverse("portal:sharing"), PORTAL_USERS),
    Route("portal:access_log", lambda w: reverse("portal:access_log"), PORTAL_USERS),
    Route("portal:contact", lambda w: reverse("portal:contact"), PORTAL_USERS),
    Route("portal:household", lambda w: reverse("portal:household"), PORTAL_USERS),
    # The alliance: circle, bonds and readings, plan, journal
    Route("person_circle", lambda w: reverse("person_circle", args=[_p(w)]), CIRCLE_KEEPERS),
    Route("portal:circle", lambda w: reverse("portal:circle"), PORTAL_USERS),
    # Peers: offering to help, asking for a peer (the person, or their referent for them), matches
    Route("portal:peers", lambda w: reverse("portal:peers"), PORTAL_USERS),
    Route(
        "portal:peers",
        lambda w: reverse("portal:peers"),
        PORTAL_USERS,
        method="post",
        data=lambda w: {"experiences": ["debt"]},
    ),
    Route("portal:peer_offer", lambda w: reverse("portal:peer_offer"), PORTAL_USERS),
    Route("portal:peer_offer", lambda w: reverse("portal:peer_offer"), PORTAL_USERS, method="post", data=_offer),
    Route(
        "portal:peer_offer_withdraw",
        lambda w: (_own_profiles(w), reverse("portal:peer_offer_withdraw"))[1],
        PORTAL_USERS,
        method="post",
    ),
    Route("person_peers", lambda w: reverse("person_peers", args=[_p(w)]), CIRCLE_KEEPERS),
    Route(
        "person_peers",
        lambda w: reverse("person_peers", args=[_p(w)]),
        CIRCLE_KEEPERS,
        method="post",
        data=lambda w: {"languages": ["ar"]},
    ),
    Route("peer_candidates", lambda w: reverse("peer_candidates", args=[_peer_request(w)]), CIRCLE_KEEPERS),
    Route(
        "peer_choose",
        lambda w: reverse("peer_choose", args=[_peer_request(w)]),
        CIRCLE_KEEPERS,
        method="post",
        data=lambda w: {"peer": "0"},
    ),
    Route(
        "peer_match_answer",
        lambda w: reverse("peer_match_answer", args=[_peer_match(w)]),
        frozenset({"person_self", "person_other"}),
        method="post",
        data=lambda w: {"accept": "1"},
    ),
    Route(
        "peer_match_end",
        lambda w: reverse("peer_match_end", args=[_peer_match(w)]),
        frozenset({"person_self", "person_other"}),
        method="post",
    ),
    Route(
        "peer_mutual_aid",
        lambda w: reverse("peer_mutual_aid", args=[_peer_match(w)]),
        frozenset({"person_self", "person_other"}),
    ),
    Route(
        "peer_mutual_aid",
        lambda w: reverse("peer_mutual_aid", args=[_peer_match(w)]),
        frozenset({"person_self", "person_other"}),
        method="post",
        data=lambda w: {"occurred_on": "2026-11-02", "summary": "Café ensemble", "link_types": ["consideration"]},
    ),
    Route(
        "person_ally_add",
        lambda w: reverse("person_ally_add", args=[_p(w)]),
        CIRCLE_KEEPERS,
        method="post",
        data=_new_ally,
    ),
    Route(
        "ally_links",
        lambda w: reverse("ally_links", args=[_ally(w)]),
        CIRCLE_KEEPERS,
        method="post",
        data=lambda w: {"link_types": ["capacitation", "facilitation"]},
    ),
    Route(
        "person_handover",
        lambda w: reverse("person_handover", args=[_p(w)]),
        CIRCLE_KEEPERS,
        method="post",
        data=lambda w: {"successor": w.user("referent_other").pk, "on": "2026-11-02", "note": "Déménagement."},
    ),
    Route("person_bonds", lambda w: reverse("person_bonds", args=[_p(w)]), CIRCLE_KEEPERS),
    Route("portal:bonds", lambda w: reverse("portal:bonds"), PORTAL_USERS),
    Route("reading_new", lambda w: reverse("reading_new", args=[_p(w), "social_bonds"]), CIRCLE_KEEPERS),
    Route(
        "reading_new",
        lambda w: reverse("reading_new", args=[_p(w), "social_bonds"]),
        CIRCLE_KEEPERS,
        method="post",
        data=_bonds_reading,
    ),
    Route("person_plan", lambda w: reverse("person_plan", args=[_p(w)]), CIRCLE_KEEPERS | {"peer_ally"}),
    Route("portal:plan", lambda w: reverse("portal:plan"), PORTAL_USERS),
    Route(
        "goal_new",
        lambda w: reverse("goal_new", args=[_p(w)]),
        CIRCLE_KEEPERS,
        method="post",
        data=lambda w: {
            "text": "Trouver un club de foot pour mon fils",
            "bond": "family_friends",
            "proposed_by": "person",
        },
    ),
    Route("goal_edit", lambda w: reverse("goal_edit", args=[_goal(w)]), CIRCLE_KEEPERS),
    Route(
        "goal_action_new",
        lambda w: reverse("goal_action_new", args=[_goal(w)]),
        CIRCLE_KEEPERS,
        method="post",
        data=lambda w: {"text": "Appeler le club", "doer": "person", "link_type": "capacitation"},
    ),
    Route(
        "goal_action_update",
        lambda w: reverse("goal_action_update", args=[_goal_action(w)]),
        CIRCLE_KEEPERS,
        method="post",
        data=lambda w: {"status": "done"},
    ),
    Route(
        "delegation_new",
        lambda w: reverse("delegation_new", args=[_p(w)]),
        CIRCLE_KEEPERS,
        method="post",
        data=lambda w: {
            "task": "Renouveler la CSS",
            "ally": _ally(w),
            "decided_by": "person",
            "person_consented": "on",
        },
    ),
    Route(
        "delegation_end",
        lambda w: reverse("delegation_end", args=[_delegation(w)]),
        CIRCLE_KEEPERS,
        method="post",
    ),
    Route("person_journal", lambda w: reverse("person_journal", args=[_p(w)]), CIRCLE_KEEPERS | NOTE_KEEPERS),
    Route(
        "person_journal",
        lambda w: reverse("person_journal", args=[_p(w)]),
        frozenset({"referent_of"}),
        method="post",
        data=_interaction,
    ),
    Route("portal:interactions", lambda w: reverse("portal:interactions"), PORTAL_USERS),
    Route("ally_end", lambda w: reverse("ally_end", args=[_ally(w, "partner_ally")]), CIRCLE_KEEPERS),
    Route("ally_end", lambda w: reverse("ally_end", args=[_ally(w, "partner_ally")]), CIRCLE_KEEPERS, method="post"),
    Route("portal:ally_find", lambda w: reverse("portal:ally_find") + "?q=Sam", PORTAL_USERS),
    Route(
        "portal:ally_choose",
        lambda w: reverse("portal:ally_choose", args=[w.user("partner_ally").pk]),
        PORTAL_USERS,
        method="post",
    ),
    Route(
        "portal:invite",
        lambda w: reverse("portal:invite"),
        PORTAL_USERS,
        method="post",
        data=lambda w: {"name": "Samira", "email": "samira@example.org"},
    ),
    Route(
        "portal:invitation_cancel",
        lambda w: reverse("portal:invitation_cancel", args=[_invitation(w)]),
        frozenset({"person_self"}),
        method="post",
    ),
    Route(
        "portal:interactions",
        lambda w: reverse("portal:interactions"),
        PORTAL_USERS,
        method="post",
        data=lambda w: {"occurred_on": today().isoformat(), "text": "Je suis allée à la bibliothèque."},
    ),
    Route(
        "private_note_new",
        lambda w: reverse("private_note_new", args=[_p(w)]),
        NOTE_KEEPERS,
        method="post",
        data=lambda w: {"text": "Penser à lui parler de l'atelier cuisine."},
    ),
    # Login, logout, second factor and password reset are open to all by nature: see test_login.py.
    # API: peers, mediation and mandates
    Route("api:read_catalogue", lambda w: reverse("api:read_catalogue"), LOGGED_IN, api=True),
    Route(
        "api:read_own_profile",
        lambda w: (_own_profiles(w), reverse("api:read_own_profile"))[1],
        PORTAL_USERS,
        api=True,
    ),
    Route(
        "api:put_own_profile",
        lambda w: reverse("api:put_own_profile"),
        PORTAL_USERS,
        method="put",
        data=lambda w: {"experiences": ["debt"], "languages": ["fr"], "capacity": 2},
        api=True,
    ),
    Route(
        "api:withdraw_own_profile",
        lambda w: (_own_profiles(w), reverse("api:withdraw_own_profile"))[1],
        PORTAL_USERS,
        method="delete",
        api=True,
    ),
    Route(
        "api:create_peer_request",
        lambda w: reverse("api:create_peer_request", args=[_p(w)]),
        CIRCLE_KEEPERS,
        method="post",
        data=lambda w: {"experiences": ["debt"]},
        api=True,
    ),
    Route(
        "api:choose_peer",
        lambda w: reverse("api:choose_peer", args=[_peer_request(w)]),
        CIRCLE_KEEPERS,
        method="post",
        data=lambda w: {"peer_id": _other_profile(w)},
        api=True,
    ),
    Route("api:list_own_matches", lambda w: reverse("api:list_own_matches"), PORTAL_USERS, api=True),
    Route(
        "api:answer_match",
        lambda w: reverse("api:answer_match", args=[_proposed_match(w)]),
        frozenset({"person_other"}),
        method="post",
        data=lambda w: {"accept": True},
        api=True,
        refused_by={"person_self": 422},
    ),
    Route(
        "api:end_match",
        lambda w: reverse("api:end_match", args=[_peer_match(w)]),
        frozenset({"person_self", "person_other"}),
        method="post",
        api=True,
    ),
    Route(
        "api:record_mutual_aid",
        lambda w: reverse("api:record_mutual_aid", args=[_peer_match(w)]),
        frozenset({"person_self", "person_other"}),
        method="post",
        data=lambda w: {"occurred_on": "2026-11-02", "summary": "Café ensemble", "link_types": ["consideration"]},
        api=True,
    ),
    Route(
        "api:create_session",
        lambda w: reverse("api:create_session"),
        frozenset({"referent_of"}),
        method="post",
        data=lambda w: {
            "occurred_on": "2026-11-02",
            "duration_minutes": 30,
            "place": "CCAS",
            "link_types": ["capacitation"],
            "worked": [{"person_id": _p(w), "procedure": "caf_quarterly_declaration", "level": "with_me"}],
        },
        api=True,
    ),
    Route("api:list_progress", lambda w: reverse("api:list_progress", args=[_p(w)]), PROCEDURE_USERS, api=True),
    Route(
        "api:confirm_progress",
        lambda w: reverse("api:confirm_progress", args=[_progress_step(w)]),
        frozenset({"person_self"}),
        method="post",
        data=lambda w: {"level": "alone"},
        api=True,
    ),
    Route("api:list_mandates", lambda w: reverse("api:list_mandates", args=[_p(w)]), PROCEDURE_USERS, api=True),
    Route(
        "api:create_mandate",
        lambda w: reverse("api:create_mandate", args=[_p(w)]),
        PROCEDURE_USERS,
        method="post",
        data=lambda w: {"holder_id": w.user("referent_of").pk, "themes": ["social"], "duration": "month"},
        api=True,
    ),
    Route(
        "api:consent_mandate",
        lambda w: reverse("api:consent_mandate", args=[_mandate(w)]),
        frozenset({"person_self"}),
        method="post",
        api=True,
    ),
    Route(
        "api:revoke_mandate",
        lambda w: reverse("api:revoke_mandate", args=[_mandate(w)]),
        PROCEDURE_USERS,
        method="post",
        api=True,
    ),
    Route(
        "api:create_mandate_act",
        lambda w: (_active_mandate(w), reverse("api:create_mandate_act", args=[_p(w)]))[1],
        frozenset({"referent_of"}),
        method="post",
        data=lambda w: {"procedure": "caf_quarterly_declaration", "what": "Déclaration envoyée"},
        api=True,
        refused_by={"person_self": 422},
    ),
    # API
    Route("api:list_persons", lambda w: reverse("api:list_persons"), LOGGED_IN, api=True),
    Route("api:read_person", lambda w: reverse("api:read_person", args=[_p(w)]), CIRCLE_OF_P, api=True),
    Route(
        "api:read_household",
        lambda w: reverse("api:read_household", args=[_h(w)]),
        frozenset({"person_self", "referent_of", "mediator_shared", "officer"}),
        api=True,
    ),
    Route(
        "api:create_household",
        lambda w: reverse("api:create_household"),
        REFERENT_AND_OFFICER,
        method="post",
        data=_api_household,
        api=True,
        refused_by={"referent_other": 422},
    ),
    Route(
        "api:update_household",
        lambda w: reverse("api:update_household", args=[_h(w)]),
        REFERENT_AND_OFFICER,
        method="patch",
        data=lambda w: {"housing": _housing(w)},
        api=True,
    ),
    Route(
        "api:rights_check",
        lambda w: reverse("api:rights_check"),
        LOGGED_IN,
        method="post",
        api=True,
        data=lambda w: {
            "month": "2026-11",
            "households": [
                {
                    "id": "x",
                    "commune": "35238",
                    "housing": {"status": "hosted"},
                    "members": [{"role": "applicant", "birth_date": "1985-01-01"}],
                }
            ],
        },
    ),
    Route(
        "api:rights_check_result",
        lambda w: reverse("api:rights_check_result", args=[_simulation(w)]),
        frozenset({"person_self"}),
        api=True,
    ),
    Route("api:person_rights", lambda w: reverse("api:person_rights", args=[_p(w)]), HOUSEHOLD_VIEWERS, api=True),
    Route("api:list_procedures", lambda w: reverse("api:list_procedures", args=[_p(w)]), PROCEDURE_USERS, api=True),
    Route(
        "api:create_procedure",
        lambda w: reverse("api:create_procedure", args=[_p(w)]),
        PROCEDURE_USERS,
        method="post",
        api=True,
        data=lambda w: {"benefit": "aspa", "helper": "alone"},
    ),
    Route(
        "api:read_procedure", lambda w: reverse("api:read_procedure", args=[_procedure(w)]), PROCEDURE_USERS, api=True
    ),
    Route("api:list_allies", lambda w: reverse("api:list_allies", args=[_p(w)]), CIRCLE_KEEPERS, api=True),
    Route(
        "api:add_ally",
        lambda w: reverse("api:add_ally", args=[_p(w)]),
        CIRCLE_KEEPERS,
        method="post",
        api=True,
        data=lambda w: {"user_id": _new_ally(w)["user"], "role": "partner", "link_types": ["consideration"]},
    ),
    Route(
        "api:handover",
        lambda w: reverse("api:handover", args=[_p(w)]),
        CIRCLE_KEEPERS,
        method="post",
        api=True,
        data=lambda w: {"successor_id": w.user("referent_other").pk, "note": "Relais."},
    ),
    Route("api:list_interactions", lambda w: reverse("api:list_interactions", args=[_p(w)]), CIRCLE_KEEPERS, api=True),
    Route(
        "api:create_interaction",
        lambda w: reverse("api:create_interaction", args=[_p(w)]),
        frozenset({"referent_of"}),
        method="post",
        api=True,
        data=lambda w: {**_interaction(w), "person_took_part": True},
    ),
    Route("api:list_readings", lambda w: reverse("api:list_readings", args=[_p(w)]), CIRCLE_KEEPERS, api=True),
    Route(
        "api:create_reading",
        lambda w: reverse("api:create_reading", args=[_p(w)]),
        CIRCLE_KEEPERS,
        method="post",
        api=True,
        data=lambda w: {"instrument": "participation_ladder", "values": {"level": 7}},
    ),
    Route(
        "api:list_goals", lambda w: reverse("api:list_goals", args=[_p(w)]), CIRCLE_KEEPERS | {"peer_ally"}, api=True
    ),
    Route(
        "api:create_goal",
        lambda w: reverse("api:create_goal", args=[_p(w)]),
        CIRCLE_KEEPERS,
        method="post",
        api=True,
        data=lambda w: {"text": "Reprendre le chant", "bond": "peers", "proposed_by": "person"},
    ),
    Route(
        "api:update_goal",
        lambda w: reverse("api:update_goal", args=[_goal(w)]),
        CIRCLE_KEEPERS,
        method="patch",
        api=True,
        data=lambda w: {"status": "reached"},
    ),
    Route(
        "api:create_action",
        lambda w: reverse("api:create_action", args=[_goal(w)]),
        CIRCLE_KEEPERS,
        method="post",
        api=True,
        data=lambda w: {"text": "Appeler la chorale", "doer": "person", "link_type": "consideration"},
    ),
    Route(
        "api:update_action",
        lambda w: reverse("api:update_action", args=[_goal_action(w)]),
        CIRCLE_KEEPERS,
        method="patch",
        api=True,
        data=lambda w: {"status": "doing"},
    ),
    Route(
        "api:add_step",
        lambda w: reverse("api:add_step", args=[_procedure(w)]),
        PROCEDURE_USERS,
        method="post",
        api=True,
        data=lambda w: {"to_state": "to_claim"},
    ),
]

# --- Meetings -----------------------------------------------------------------------------------------------

#: Referents and mediators keep an agenda; managers also organise workshops.
AGENDA_KEEPERS = frozenset({"referent_of", "referent_other", "mediator_shared", "mediator_unshared"})
ORGANISERS = AGENDA_KEEPERS | {"manager"}


def _day(days: int) -> str:
    from datetime import timedelta

    from django.utils import timezone

    return (timezone.localdate() + timedelta(days=days)).isoformat()


def _at(days: int, hour: int) -> Any:
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def _meeting(w: World, status: str = "proposed", days: int = 3) -> int:
    """A meeting of P with their referent: proposed by the person, or agreed (in `days` days)."""
    from datetime import timedelta

    from alliances.meetings.models import Meeting, MeetingOption

    existing = Meeting.objects.filter(person=w.person, status=status).first()
    if existing is not None:  # the handover test builds the URL twice
        return existing.pk
    starts = _at(days, 10)
    meeting = Meeting.objects.create(
        person=w.person,
        worker=w.user("referent_of"),
        proposed_by=w.user("person_self"),
        status=status,
        **(
            {"starts_at": starts, "ends_at": starts + timedelta(hours=1), "place_kind": "phone"}
            if status == "agreed"
            else {}
        ),
    )
    MeetingOption.objects.create(
        meeting=meeting, starts_at=starts, ends_at=starts + timedelta(hours=1), place_kind="phone"
    )
    return meeting.pk


def _latest_option() -> int:
    """The option of the meeting the route's URL just made (the URL is built before the body)."""
    from alliances.meetings.models import MeetingOption

    return MeetingOption.objects.latest("id").pk


def _follow_up(w: World) -> int:
    from alliances.meetings.models import FollowUp

    follow_up, _ = FollowUp.objects.get_or_create(
        meeting_id=_meeting(w, "missed", days=-1), defaults={"referent": w.user("referent_of")}
    )
    return follow_up.pk


def _availability(w: World) -> int:
    from datetime import time

    from alliances.meetings.models import Availability

    return Availability.objects.create(worker=w.user("referent_of"), weekday=0, starts=time(9), ends=time(12)).pk


def _workshop(w: World) -> int:
    """A published workshop (a mediator's, validated by the referent)."""
    from datetime import timedelta

    from django.utils import timezone

    from alliances.meetings.models import Workshop

    starts = _at(3, 14)
    return Workshop.objects.create(
        title="Atelier cuisine",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        capacity=5,
        place_text="Maison de quartier",
        organiser=w.user("mediator_shared"),
        validated_at=timezone.now(),
        validated_by=w.user("referent_of"),
    ).pk


def _api_option(days: int) -> dict[str, Any]:
    """An option outside the opening slots, marked as such (no slot is open in the matrix world)."""
    from datetime import timedelta

    starts = _at(days, 10)
    return {
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=1)).isoformat(),
        "place_kind": "phone",
        "outside_availability": True,
    }


def _current_referent(w: World) -> int:
    from alliances.circles.models import Ally

    return Ally.objects.active().get(person=w.person, role="referent").user_id


def _signed_workshop(w: World) -> int:
    from alliances.meetings.models import WorkshopSignup

    workshop_id = _workshop(w)
    WorkshopSignup.objects.get_or_create(
        workshop_id=workshop_id, person=w.person, left_at=None, defaults={"signed_by": w.user("person_self")}
    )
    return workshop_id


def _other_date(w: World) -> dict[str, Any]:
    return {"other_on": _day(5), "other_at": "10:00", "duration": "60", "place_kind": "phone", "outside": "on"}


MEETING_ROUTES: list[Route] = [
    Route("person_meetings", lambda w: reverse("person_meetings", args=[_p(w)]), CIRCLE_KEEPERS),
    Route("portal:meetings", lambda w: reverse("portal:meetings"), PORTAL_USERS),
    Route("person_meeting_propose", lambda w: reverse("person_meeting_propose", args=[_p(w)]), CIRCLE_KEEPERS),
    Route(
        "person_meeting_propose",
        lambda w: reverse("person_meeting_propose", args=[_p(w)]),
        CIRCLE_KEEPERS,
        method="post",
        data=_other_date,
    ),
    # The peer has a file but nobody to meet yet: nothing to propose.
    Route(
        "portal:meeting_propose",
        lambda w: reverse("portal:meeting_propose"),
        frozenset({"person_self", "person_other"}),
    ),
    Route(
        "meeting_rhythm",
        lambda w: reverse("meeting_rhythm", args=[_p(w)]),
        CIRCLE_KEEPERS,
        method="post",
        data=lambda w: {"rhythm": "monthly"},
    ),
    Route(
        "meeting_reminders",
        lambda w: reverse("meeting_reminders", args=[_p(w)]),
        CIRCLE_KEEPERS,
        method="post",
        data=lambda w: {"channel": "none"},
    ),
    # The person proposed: the referent answers (whose turn it is, the policy decides).
    Route(
        "meeting_answer",
        lambda w: reverse("meeting_answer", args=[_meeting(w)]),
        frozenset({"referent_of"}),
        method="post",
        data=lambda w: {"option": _latest_option()},
    ),
    Route("meeting_reschedule", lambda w: reverse("meeting_reschedule", args=[_meeting(w, "agreed")]), CIRCLE_KEEPERS),
    Route(
        "meeting_reschedule",
        lambda w: reverse("meeting_reschedule", args=[_meeting(w, "agreed")]),
        CIRCLE_KEEPERS,
        method="post",
        data=_other_date,
    ),
    Route("meeting_cancel", lambda w: reverse("meeting_cancel", args=[_meeting(w, "agreed")]), CIRCLE_KEEPERS),
    Route("meeting_cancel", lambda w: reverse("meeting_cancel", args=[_meeting(w)]), CIRCLE_KEEPERS, method="post"),
    Route(
        "meeting_close",
        lambda w: reverse("meeting_close", args=[_meeting(w, "agreed", days=-1)]),
        frozenset({"referent_of"}),
        method="post",
        data=lambda w: {"outcome": "held"},
    ),
    Route(
        "meeting_calendar",
        lambda w: reverse("meeting_calendar", args=[_meeting(w, "agreed")]),
        CIRCLE_KEEPERS,
        page=False,  # a download, not a page
    ),
    Route("agenda", lambda w: reverse("agenda"), AGENDA_KEEPERS),
    Route("availability", lambda w: reverse("availability"), AGENDA_KEEPERS),
    Route(
        "availability",
        lambda w: reverse("availability"),
        AGENDA_KEEPERS,
        method="post",
        data=lambda w: {"kind": "once", "on": _day(3), "starts": "09:00", "ends": "10:00"},
    ),
    Route(
        "availability_delete",
        lambda w: reverse("availability_delete", args=[_availability(w)]),
        frozenset({"referent_of"}),
        method="post",
    ),
    Route(
        "absence_new",
        lambda w: reverse("absence_new"),
        AGENDA_KEEPERS,
        method="post",
        data=lambda w: {"starts_on": _day(3), "ends_on": _day(4)},
    ),
    Route("feed_renew", lambda w: reverse("feed_renew"), AGENDA_KEEPERS, method="post"),
    Route("feed_revoke", lambda w: reverse("feed_revoke"), AGENDA_KEEPERS, method="post"),
    Route(
        "follow_up_done",
        lambda w: reverse("follow_up_done", args=[_follow_up(w)]),
        frozenset({"referent_of"}),
        method="post",
    ),
    Route("workshops", lambda w: reverse("workshops"), ORGANISERS),
    Route(
        "workshops",
        lambda w: reverse("workshops"),
        ORGANISERS,
        method="post",
        data=lambda w: {
            "title": "Cuisine",
            "on": _day(3),
            "starts": "14:00",
            "ends": "16:00",
            "capacity": "5",
            "place_text": "Maison de quartier",
        },
    ),
    Route(
        "workshop_cancel",
        lambda w: reverse("workshop_cancel", args=[_workshop(w)]),
        frozenset({"mediator_shared"}),
        method="post",
    ),
    Route("workshop_join", lambda w: reverse("workshop_join", args=[_workshop(w)]), PORTAL_USERS, method="post"),
    Route("workshop_quit", lambda w: reverse("workshop_quit", args=[_workshop(w)]), PORTAL_USERS, method="post"),
    # API
    Route("api:list_meetings", lambda w: reverse("api:list_meetings", args=[_p(w)]), CIRCLE_KEEPERS, api=True),
    Route(
        "api:propose",
        lambda w: reverse("api:propose", args=[_p(w)]),
        CIRCLE_KEEPERS,
        method="post",
        api=True,
        data=lambda w: {"worker_id": _current_referent(w), "options": [_api_option(5)]},
    ),
    Route(
        "api:accept",
        lambda w: reverse("api:accept", args=[_meeting(w)]),
        frozenset({"referent_of"}),
        method="post",
        api=True,
        data=lambda w: {"option_id": _latest_option()},
    ),
    Route(
        "api:counter",
        lambda w: reverse("api:counter", args=[_meeting(w)]),
        frozenset({"referent_of"}),
        method="post",
        api=True,
        data=lambda w: {"options": [_api_option(6)]},
    ),
    Route(
        "api:move",
        lambda w: reverse("api:move", args=[_meeting(w, "agreed")]),
        CIRCLE_KEEPERS,
        method="post",
        api=True,
        data=lambda w: {"options": [_api_option(6)], "reason": "Un imprévu"},
    ),
    Route(
        "api:cancel",
        lambda w: reverse("api:cancel", args=[_meeting(w)]),
        CIRCLE_KEEPERS,
        method="post",
        api=True,
        data=lambda w: {"reason": ""},
    ),
    Route(
        "api:close",
        lambda w: reverse("api:close", args=[_meeting(w, "agreed", days=-1)]),
        frozenset({"referent_of"}),
        method="post",
        api=True,
        data=lambda w: {"outcome": "held"},
    ),
    Route(
        "api:slots",
        lambda w: reverse("api:slots", args=[w.user("referent_of").pk]),
        AGENDA_KEEPERS | {"person_self"},
        api=True,
    ),
    Route("api:list_workshops", lambda w: reverse("api:list_workshops"), LOGGED_IN, api=True),
    Route("api:signup", lambda w: reverse("api:signup", args=[_workshop(w)]), PORTAL_USERS, method="post", api=True),
    Route(
        "api:leave",
        lambda w: reverse("api:leave", args=[_signed_workshop(w)]),
        PORTAL_USERS,  # leaving a workshop one is not in changes nothing
        method="post",
        api=True,
    ),
]
ROUTES += MEETING_ROUTES

#: Everyone who works for or with the CCAS (every role but person and peer).
STAFF = LOGGED_IN - PORTAL_USERS
# The API's documentation page (Swagger UI, served locally): staff only; a web page, so anonymous → login.
ROUTES.append(Route("api:openapi-view", lambda w: reverse("api:openapi-view"), STAFF, page=False))

#: URL names that are open to everyone by design, and not part of the matrix.
OPEN_ROUTES = frozenset(
    {
        "login",
        "logout",
        "otp_verify",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
        "password_reset_sms",
        "password_reset_sms_code",
        "api:openapi-json",
        "api:api-root",
        # A calendar app has no session: the secret in the address is the key (tests/meetings/test_feed.py).
        "calendar_feed",
        # The invited has no account yet: the token in the address is the key (tests/alliance/test_choices.py).
        "invitation_accept",
        # Anyone may choose the language of the person-facing pages (tests/www/test_language.py).
        "language_set",
        # A load balancer and Docker's HEALTHCHECK have no session; nothing personal (tests/www/test_health.py).
        "health",
        "favicon",
    }
)


def body(route: Route, world: World) -> dict[str, Any]:
    data = route.data(world)
    if route.api:
        return {"data": json.dumps(data), "content_type": "application/json"} if data else {}
    return {"data": data}
