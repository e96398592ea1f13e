"""Demo content for peers and mediation: offers to help, matches, sessions, progress, a mandate.

Written through the services (so it is audited and notified like real use). Idempotent: it runs once,
on a demo that has no peer profile yet, also on a demo database made before it existed.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from alliances.accounts.enums import Role
from alliances.accounts.models import User
from alliances.circles.enums import AllyRole, LinkType
from alliances.circles.models import Ally
from alliances.mediation.models import MediationSession
from alliances.mediation.services import (
    Worked,
    mandate_act_record,
    mandate_consent,
    mandate_propose,
    mandate_revoke,
    progress_confirm,
    session_record,
)
from alliances.peers.enums import MatchState
from alliances.peers.models import PeerMatch, PeerProfile, PeerRequest
from alliances.peers.services import profile_offer
from alliances.persons.models import Person

from .accounts import MEDIATORS, PEER_LOGIN, PERSON_LOGIN

#: What the demo's portal persons offer (experiences, procedures, languages, neighbourhood, times).
_OFFERS = [
    (["lone_parent", "dealing_with_caf"], ["caf_quarterly_declaration", "caf_change_of_situation"], ["fr", "ar"],
     "maurepas", ["weekday_morning"]),
    (["exile_papers", "isolation"], ["anef_residence_permit_renewal", "ameli_account"], ["fr", "ar", "en"], "blosne",
     ["weekday_afternoon", "weekend"]),
    (["long_unemployment", "back_to_work"], ["france_travail_registration", "france_travail_monthly_update"], ["fr"],
     "villejean", ["evening"]),
    (["illness_disability"], ["mdph_claim", "ameli_css_claim"], ["fr", "pt"], "cleunay", ["weekday_morning"]),
    (["debt", "losing_home"], ["bank_account_right", "cheque_energie"], ["fr", "tr"], "sud_gare", ["weekend"]),
    (["caring_relative", "lone_parent"], ["caf_housing_aid_claim", "impots_income_tax_return"], ["fr", "es"],
     "brequigny", ["weekday_afternoon"]),
]  # fmt: skip


def _days_ago(today: date, days: int) -> date:
    return today - timedelta(days=days)


@transaction.atomic
def demo_peers(today: date | None = None) -> bool:
    if PeerProfile.objects.exists() or not User.objects.filter(email=PERSON_LOGIN).exists():
        return False
    today = today or timezone.localdate()
    me = User.objects.get(email=PERSON_LOGIN)
    peer = User.objects.get(email=PEER_LOGIN)
    mediator = User.objects.get(email=MEDIATORS[0].email)
    demo_person = Person.objects.get(account=me)

    # Other portal persons offer to help: personne@ finds them when she asks for a peer.
    others = list(
        User.objects.filter(role=Role.PERSON, email__startswith="personne", person__isnull=False)
        .exclude(email=PERSON_LOGIN)
        .order_by("id")
    )
    for account, (experiences, procedures, languages, area, times) in zip(others, _OFFERS, strict=False):
        profile_offer(
            actor=account,
            experiences=experiences,
            procedures=procedures,
            languages=languages,
            neighbourhood=area,
            availability=times,
            capacity=3,
        )

    # pair@ already helps some persons (their circles hold pair@ as a peer): the matches that made it so.
    profile = profile_offer(
        actor=peer,
        experiences=["lone_parent", "long_unemployment", "dealing_with_caf"],
        procedures=["caf_quarterly_declaration", "france_travail_monthly_update"],
        languages=["fr"],
        neighbourhood="blosne",
        availability=["weekday_afternoon"],
        capacity=5,
    )
    now = timezone.now()
    helped = Ally.objects.active().filter(user=peer, role=AllyRole.PEER).exclude(person=demo_person)[:3]
    for ally in helped:
        request = PeerRequest.objects.create(person=ally.person, asked_by=ally.person.account or peer)
        PeerMatch.objects.create(
            request=request,
            person=ally.person,
            peer=profile,
            state=MatchState.AGREED,
            reasons=["a aussi élevé ses enfants seul·e", "connaît aussi les démarches avec la CAF"],
            chosen_by=ally.person.account or peer,
            person_yes_at=now,
            peer_yes_at=now,
            answered_at=now,
            ally=ally,
        )
    PeerProfile.objects.filter(pk=profile.pk).update(open_matches=len(helped))

    # Karim, the mediator, has met personne@ three times about her CAF quarterly declaration.
    for days, level in ((75, "for_me"), (45, "with_me"), (12, "with_me")):
        session_record(
            actor=mediator,
            occurred_on=_days_ago(today, days),
            duration_minutes=45,
            place="Espace numérique du centre social",
            worked=[Worked(person=demo_person, procedure_code="caf_quarterly_declaration", level=level)],
            link_types=[LinkType.CAPACITATION],
        )
    first, *_ = MediationSession.objects.filter(worker=mediator, steps__person=demo_person).order_by("occurred_on")
    progress_confirm(actor=me, step=first.steps.get(), level="for_me")

    # A past mandate, used then revoked by her; a new one waits for her consent.
    past = mandate_propose(actor=mediator, person=demo_person, holder=mediator, themes=["social"], duration="month")
    past = mandate_consent(actor=me, mandate=past)
    mandate_act_record(
        actor=mediator,
        person=demo_person,
        procedure_code="ameli_css_claim",
        what="Demande de complémentaire santé solidaire déposée sur ameli",
    )
    mandate_revoke(actor=me, mandate=past)
    mandate_propose(actor=mediator, person=demo_person, holder=mediator, themes=["travail"], duration="six_months")
    return True
