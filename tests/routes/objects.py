"""The objects a route acts on, made in the world fixture on demand."""

from typing import Any

from ..conftest import World


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
        procedure = Procedure.objects.create(person=w.person, benefit="rsa", created_by=w.user("referent_of"))
    return procedure.pk


def _run(w: World) -> int:
    from datetime import date

    from alliances.rights.models import RightsCheckRun

    return RightsCheckRun.objects.create(month=date(2026, 11, 1), requested_by=w.user("referent_of")).pk


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
            created_by=w.user("referent_of"),
        )
    return goal.pk


def _goal_action(w: World) -> int:
    from alliances.goals.models import GoalAction

    return GoalAction.objects.create(
        goal_id=_goal(w), text="L'appeler", doer="person", link_type="capacitation", created_by=w.user("referent_of")
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
        created_by=w.user("referent_of"),
    ).pk


def _new_ally(w: World) -> dict[str, Any]:
    from tests.factories import UserFactory

    return {"user": UserFactory.create(partner=True).pk, "role": "partner", "link_types": ["consideration"]}


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

    return PeerRequest.objects.create(person=w.person, asked_by=w.user("person_self"), experiences=["debt"]).pk


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
        request = PeerRequest.objects.create(person=w.person, asked_by=w.user("person_self"))
        match = PeerMatch.objects.create(
            request=request,
            person=w.person,
            peer=profile,
            chosen_by=w.user("person_self"),
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
            holder=w.user("referent_of"),
            themes=["social"],
            duration="month",
            reference=f"MDT-TEST{w.person.pk:04d}",
            text_hash="0" * 64,
            created_by=w.user("referent_of"),
        )
    return mandate.pk


def _progress_step(w: World) -> int:
    from datetime import date

    from alliances.mediation.models import MediationSession, ProgressStep

    session = MediationSession.objects.create(
        worker=w.user("referent_of"), occurred_on=date(2026, 11, 2), duration_minutes=30, place="CCAS"
    )
    return ProgressStep.objects.create(
        session=session, person=w.person, procedure_code="caf_quarterly_declaration", level="with_me"
    ).pk


def _own_profiles(w: World) -> bool:
    """Each portal user of the world has offered to help (so each has a profile to read or withdraw)."""
    from django.utils import timezone

    from alliances.peers.models import PeerProfile
    from alliances.persons.models import Person

    for name in ("person_self", "person_other", "peer_ally"):
        person = Person.objects.get(account=w.actor(name))
        PeerProfile.objects.get_or_create(
            person=person, defaults={"capacity": 2, "offered_at": timezone.now(), "experiences": ["debt"]}
        )
    return True


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

    request = PeerRequest.objects.create(person=w.person, asked_by=w.user("person_self"))
    return PeerMatch.objects.create(
        request=request,
        person=w.person,
        peer_id=_other_profile(w),
        chosen_by=w.user("person_self"),
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
        organiser=w.user("mediator_shared"),
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

    from alliances.income.models import Cycle, Entitlement

    cycle_id = _cycle(w)
    entitlement, _ = Entitlement.objects.get_or_create(
        cycle_id=cycle_id,
        household=w.household,
        defaults={
            "month": Cycle.objects.get(pk=cycle_id).month,
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
    newcomer = PersonFactory.create(first_names="Camille", last_name="Martin")
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


def _research_export(w: World) -> int:
    import base64

    from alliances.exports.models import ResearchExport

    export, _ = ResearchExport.objects.get_or_create(
        year=2026,
        requested_by=w.user("manager"),
        defaults={"status": "ready", "progress": 100, "content": base64.b64encode(b"PK").decode(), "size": 2},
    )
    return export.pk
