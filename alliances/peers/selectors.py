"""Peers: ranked candidates with their reasons, and the matches each side sees.

Ranking is one grouped query over `PeerTag` (indexed on the code), so its cost follows the number of
profiles sharing something with the request, not the number of profiles; see bench/peer_matching.py.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import F, Q, Sum
from django.utils import timezone, translation

from alliances.access.categories import Category
from alliances.access.policy import AccessDenied, may_ask_peer_for, may_see_match, own_person_id
from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record
from alliances.circles.models import Ally
from alliances.mediation.catalogue import catalogue
from alliances.persons.models import Person

from .enums import OPEN_STATES, MatchState
from .models import PeerMatch, PeerProfile, PeerRequest, PeerTag
from .said import AVAILABLE, KNOWS_HOW, LIVES_NEAR, ROOM, ROOM_FOR_ONE, SPEAKS
from .vocabulary import vocabulary

#: What each kind of shared thing weighs in the ranking; each open match of the peer costs one point.
WEIGHTS = {"exp": 3, "proc": 3, "lang": 2, "area": 1, "avail": 1}
OPEN_MATCH_COST = 1


@dataclass
class Candidate:
    profile_id: int
    first_name: str
    score: int
    open_matches: int
    capacity: int
    reasons: list[str] = field(default_factory=list)

    @property
    def shares_something(self) -> bool:
        """Whether the peer offers something the request asked for (else: simply available)."""
        return self.score + self.open_matches * OPEN_MATCH_COST > 0


def _excluded(person_id: int) -> list[int]:
    """Profiles never proposed to this person: their own, those matched with them, those in their circle
    (a handful of rows, read first so that ranking is one plain grouped query)."""
    own = PeerProfile.objects.filter(person_id=person_id).values_list("pk", flat=True)
    matched = PeerMatch.objects.filter(person_id=person_id, state__in=OPEN_STATES).values_list("peer_id", flat=True)
    circle = Ally.objects.active().filter(person_id=person_id).values_list("user_id", flat=True)
    allies = PeerProfile.objects.filter(person__account_id__in=list(circle)).values_list("pk", flat=True)
    return [*own, *matched, *allies]


def _open_profiles() -> Q:
    """Opted in, with room (as a filter on PeerProfile)."""
    return Q(withdrawn_at__isnull=True, open_matches__lt=F("capacity"))


def reasons_for(profile: PeerProfile, request: PeerRequest) -> list[str]:
    """At least two reasons in plain French, what the two share first. Stored as read, in French whoever
    asks; each page says them in its reader's language (said.reason_said)."""
    with translation.override("fr"):
        return _reasons_in_french(profile, request)


def _reasons_in_french(profile: PeerProfile, request: PeerRequest) -> list[str]:
    reasons = _shared(profile, request)
    for filler in _offered(profile):  # never fewer than two: say what the peer offers besides
        if len(reasons) >= 2:
            break
        if filler not in reasons:
            reasons.append(filler)
    return reasons


def _shared(profile: PeerProfile, request: PeerRequest) -> list[str]:
    """What the person asked for and the peer offers: experiences, languages, procedures, area, times."""
    words, procedures = vocabulary(), catalogue()
    reasons = [t.reason for c in request.experiences if c in profile.experiences and (t := words.experience(c))]
    reasons += [
        SPEAKS % {"language": t.label} for c in request.languages if c in profile.languages and (t := words.language(c))
    ]
    reasons += [
        KNOWS_HOW % {"procedure": p.label}
        for c in request.procedures
        if c in profile.procedures and (p := procedures.procedure(c))
    ]
    same_area = request.neighbourhood and request.neighbourhood == profile.neighbourhood
    if same_area and (term := words.neighbourhood(profile.neighbourhood)):
        reasons.append(LIVES_NEAR % {"area": term.label})
    reasons += [
        AVAILABLE % {"when": t.label}
        for c in request.availability
        if c in profile.availability and (t := words.availability_term(c))
    ]
    return reasons


def _offered(profile: PeerProfile) -> list[str]:
    """What the peer offers, whatever was asked; room for one more person last."""
    words, procedures = vocabulary(), catalogue()
    fillers = [t.reason for c in profile.experiences if (t := words.experience(c))]
    fillers += [KNOWS_HOW % {"procedure": p.label} for c in profile.procedures if (p := procedures.procedure(c))]
    fillers += [AVAILABLE % {"when": t.label} for c in profile.availability if (t := words.availability_term(c))]
    room = profile.capacity - profile.open_matches
    fillers.append(ROOM_FOR_ONE if room == 1 else ROOM)
    return fillers


def candidates_rank(request: PeerRequest, limit: int = 5) -> list[Candidate]:
    """The best `limit` peers for a request; reads nothing but profiles and tags (no audit: no file)."""
    excluded = _excluded(request.person_id)
    wanted = request.wanted_tags
    ranked: list[tuple[int, int]] = []  # (profile id, score)
    if wanted:
        rows = (
            PeerTag.objects.filter(
                code__in=wanted,
                profile__withdrawn_at__isnull=True,
                profile__open_matches__lt=F("profile__capacity"),
            )
            .exclude(profile_id__in=excluded)
            .values("profile_id", "profile__open_matches")
            .annotate(score=Sum("weight") - F("profile__open_matches") * OPEN_MATCH_COST)
            .order_by("-score", "profile__open_matches", "profile_id")[:limit]
        )
        ranked = [(row["profile_id"], row["score"]) for row in rows]
    if len(ranked) < limit:
        seen = [pk for pk, _ in ranked]
        more = (
            PeerProfile.objects.filter(_open_profiles())
            .exclude(pk__in=[*excluded, *seen])
            .order_by("open_matches", "pk")
            .values_list("pk", "open_matches")
        )
        ranked += [(pk, -open_matches * OPEN_MATCH_COST) for pk, open_matches in more[: limit - len(ranked)]]
    profiles = PeerProfile.objects.select_related("person").in_bulk([pk for pk, _ in ranked])
    return [
        Candidate(
            profile_id=pk,
            first_name=profiles[pk].person.first_name,
            score=score,
            open_matches=profiles[pk].open_matches,
            capacity=profiles[pk].capacity,
            reasons=reasons_for(profiles[pk], request),
        )
        for pk, score in ranked
        if pk in profiles
    ]


def candidates_for(*, actor: User, request: PeerRequest, limit: int = 5) -> list[Candidate]:
    """The candidates, for the person who asked or their referent (first names only)."""
    if not may_ask_peer_for(actor, request.person_id):
        raise AccessDenied("Introuvable.")
    audit_record(
        actor=actor,
        person_id=request.person_id,
        category=Category.CONSENT,
        action=AuditAction.READ,
        detail="pairs proposés",
    )
    return candidates_rank(request, limit)


def request_for(*, actor: User, request_id: int) -> PeerRequest:
    request = PeerRequest.objects.filter(pk=request_id).first()
    if request is None or not may_ask_peer_for(actor, request.person_id):
        raise AccessDenied("Introuvable.")
    return request


def own_profile(actor: User) -> PeerProfile | None:
    person_id = own_person_id(actor)
    if person_id is None:
        return None
    return PeerProfile.objects.filter(person_id=person_id).first()


@dataclass
class MatchView:
    """A match as one side sees it: the other's first name, and what is waiting for whom."""

    match: PeerMatch
    other_first_name: str
    i_am_peer: bool
    waiting_for_me: bool
    waiting_for_other: bool


def _view(actor: User, match: PeerMatch) -> MatchView:
    i_am_peer = own_person_id(actor) == match.peer.person_id
    other = match.person if i_am_peer else match.peer.person
    my_yes = match.peer_yes_at if i_am_peer else match.person_yes_at
    other_yes = match.person_yes_at if i_am_peer else match.peer_yes_at
    proposed = match.state == MatchState.PROPOSED
    return MatchView(
        match=match,
        other_first_name=other.first_name,
        i_am_peer=i_am_peer,
        waiting_for_me=proposed and my_yes is None,
        waiting_for_other=proposed and my_yes is not None and other_yes is None,
    )


def matches_of(*, actor: User) -> list[MatchView]:
    """The actor's matches, on both sides (asked for a peer; helping as a peer), newest first."""
    person_id = own_person_id(actor)
    if person_id is None:
        return []
    matches = (
        PeerMatch.objects.filter(Q(person_id=person_id) | Q(peer__person_id=person_id))
        .select_related("person", "peer__person")
        .order_by("-created_at", "-id")[:100]
    )
    views = [_view(actor, m) for m in matches]
    if views:
        audit_record(
            actor=actor, person_id=person_id, category=Category.CONSENT, action=AuditAction.READ, detail="mises en lien"
        )
    return views


def match_for(*, actor: User, match_id: int) -> PeerMatch:
    match = PeerMatch.objects.select_related("person", "peer__person", "ally").filter(pk=match_id).first()
    if match is None or not may_see_match(actor, match.person_id, match.peer.person_id):
        raise AccessDenied("Introuvable.")
    for person_id in (match.person_id, match.peer.person_id):  # each side's first name is read
        audit_record(
            actor=actor, person_id=person_id, category=Category.CONSENT, action=AuditAction.READ, detail="mise en lien"
        )
    return match


def matches_for_person(*, actor: User, person: Person) -> list[PeerMatch]:
    """The person's matches, for their referent (who may have asked on their behalf)."""
    if not may_ask_peer_for(actor, person.pk):
        raise AccessDenied("Introuvable.")
    matches = list(PeerMatch.objects.filter(person=person).select_related("peer__person").order_by("-created_at"))
    audit_record(
        actor=actor, person_id=person.pk, category=Category.CONSENT, action=AuditAction.READ, detail="mises en lien"
    )
    return matches


def peer_counts(*, since: date | None = None) -> dict[str, int]:
    """Counts only (for managers): offers to help, requests, matches made and ended since a date."""
    since = since or timezone.localdate() - timedelta(days=183)
    matches = PeerMatch.objects.filter(created_at__date__gte=since)
    return {
        "profiles_active": PeerProfile.objects.filter(withdrawn_at__isnull=True).count(),
        "requests": PeerRequest.objects.filter(created_at__date__gte=since).count(),
        "matches_proposed": matches.count(),
        "matches_agreed": matches.filter(answered_at__isnull=False, ally__isnull=False).count(),
        "matches_ended": matches.filter(state=MatchState.ENDED).count(),
        "matches_open": PeerMatch.objects.filter(state=MatchState.AGREED).count(),
    }
