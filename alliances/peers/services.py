"""Peers: offering to help, asking for a peer, consent on both sides, ending, and mutual aid.

Every write checks the policy first and leaves an audit event. A match holds one of the peer's places
while it is open (`PeerProfile.open_matches`, changed only here, under a row lock).
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from alliances.access.categories import Category
from alliances.access.policy import (
    AccessDenied,
    can_offer_help,
    is_match_peer,
    is_match_person,
    may_ask_peer_for,
    own_person_id,
)
from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record
from alliances.circles.enums import AllyRole, InteractionKind, LinkType, WovenBond
from alliances.circles.models import Ally, Interaction
from alliances.circles.services import ally_add
from alliances.core.validation import today
from alliances.mediation.catalogue import catalogue
from alliances.notifications.enums import NotificationKind
from alliances.notifications.services import notify
from alliances.persons.models import Person

from .enums import OPEN_STATES, MatchState
from .models import MutualAidContact, PeerMatch, PeerProfile, PeerRequest, PeerTag
from .vocabulary import vocabulary

SUMMARY_MAX = 2000


def _codes(values: list[str] | tuple[str, ...], allowed: set[str], field: str, message: str) -> list[str]:
    chosen = list(dict.fromkeys(v for v in values if v))
    if any(v not in allowed for v in chosen):
        raise ValidationError({field: message})
    return chosen


def _clean_wishes(
    *,
    experiences: list[str],
    procedures: list[str],
    languages: list[str],
    neighbourhood: str,
    availability: list[str],
) -> dict[str, object]:
    words = vocabulary()
    errors: dict[str, str] = {}
    cleaned: dict[str, object] = {}
    checks = (
        ("experiences", experiences, {t.code for t in words.experiences}, "Choisissez des expériences dans la liste."),
        ("procedures", procedures, {p.code for p in catalogue().procedures}, "Choisissez des démarches dans la liste."),
        ("languages", languages, {t.code for t in words.languages}, "Choisissez des langues dans la liste."),
        ("availability", availability, {t.code for t in words.availability}, "Choisissez des moments dans la liste."),
    )
    for field, values, allowed, message in checks:
        try:
            cleaned[field] = _codes(values, allowed, field, message)
        except ValidationError:
            errors[field] = message
    if neighbourhood and words.neighbourhood(neighbourhood) is None:
        errors["neighbourhood"] = "Choisissez un quartier dans la liste."
    cleaned["neighbourhood"] = neighbourhood
    if errors:
        raise ValidationError(errors)
    return cleaned


def _tags(profile: PeerProfile) -> list[str]:
    tags = [f"exp:{c}" for c in profile.experiences]
    tags += [f"lang:{c}" for c in profile.languages]
    tags += [f"proc:{c}" for c in profile.procedures]
    tags += [f"avail:{c}" for c in profile.availability]
    if profile.neighbourhood:
        tags.append(f"area:{profile.neighbourhood}")
    return tags


def tags_of(profile: PeerProfile) -> list[PeerTag]:
    """The rows ranking joins on, each with its weight."""
    from .selectors import WEIGHTS

    return [PeerTag(profile=profile, code=code, weight=WEIGHTS[code.split(":", 1)[0]]) for code in _tags(profile)]


@transaction.atomic
def profile_offer(
    *,
    actor: User,
    experiences: list[str],
    procedures: list[str],
    languages: list[str],
    neighbourhood: str = "",
    availability: list[str],
    capacity: int,
) -> PeerProfile:
    """Creates or updates the actor's offer to help, and makes it visible again if it was withdrawn."""
    if not can_offer_help(actor):
        raise AccessDenied("Introuvable.")
    person_id = own_person_id(actor)
    assert person_id is not None
    cleaned = _clean_wishes(
        experiences=experiences,
        procedures=procedures,
        languages=languages,
        neighbourhood=neighbourhood,
        availability=availability,
    )
    words = vocabulary()
    if not cleaned["experiences"] and not cleaned["procedures"]:
        raise ValidationError(
            {"experiences": "Choisissez au moins une expérience à partager ou une démarche que vous savez faire."}
        )
    if not isinstance(capacity, int) or not words.capacity_min <= capacity <= words.capacity_max:
        raise ValidationError({"capacity": f"Choisissez un nombre entre {words.capacity_min} et {words.capacity_max}."})
    profile = PeerProfile.objects.select_for_update().filter(person_id=person_id).first()
    if profile is None:
        profile = PeerProfile(person_id=person_id, offered_at=timezone.now())
    elif profile.withdrawn_at is not None:
        profile.offered_at, profile.withdrawn_at = timezone.now(), None
    for field, value in cleaned.items():
        setattr(profile, field, value)
    profile.capacity = capacity
    profile.vocabulary_version = words.version
    profile.save()
    PeerTag.objects.filter(profile=profile).delete()
    PeerTag.objects.bulk_create(tags_of(profile))
    audit_record(
        actor=actor, person_id=person_id, category=Category.IDENTITY, action=AuditAction.WRITE, detail="offre d'aide"
    )
    return profile


@transaction.atomic
def profile_withdraw(*, actor: User) -> PeerProfile:
    """Withdraws the actor's offer at once: out of every search, and pending proposals are withdrawn.

    Persons already in touch stay in touch: each side ends a match when they wish (`match_end`).
    """
    if not can_offer_help(actor):
        raise AccessDenied("Introuvable.")
    person_id = own_person_id(actor)
    profile = PeerProfile.objects.select_for_update().filter(person_id=person_id or 0).first()
    if profile is None or person_id is None:  # nothing to withdraw: like any missing object
        raise AccessDenied("Introuvable.")
    if profile.withdrawn_at is not None:
        return profile
    profile.withdrawn_at = timezone.now()
    pending = PeerMatch.objects.filter(peer=profile, state=MatchState.PROPOSED)
    withdrawn = pending.update(state=MatchState.WITHDRAWN, answered_at=profile.withdrawn_at)
    profile.open_matches = max(0, profile.open_matches - withdrawn)
    profile.save(update_fields=["withdrawn_at", "open_matches", "updated_at"])
    audit_record(
        actor=actor, person_id=person_id, category=Category.IDENTITY, action=AuditAction.WRITE, detail="aide retirée"
    )
    return profile


@transaction.atomic
def peer_request_create(
    *,
    actor: User,
    person: Person,
    experiences: list[str] | None = None,
    procedures: list[str] | None = None,
    languages: list[str] | None = None,
    neighbourhood: str = "",
    availability: list[str] | None = None,
) -> PeerRequest:
    """Records what the person wants from a peer (from their space, or by their referent for them)."""
    if not may_ask_peer_for(actor, person.pk):
        raise AccessDenied("Introuvable.")
    cleaned = _clean_wishes(
        experiences=experiences or [],
        procedures=procedures or [],
        languages=languages or [],
        neighbourhood=neighbourhood,
        availability=availability or [],
    )
    request = PeerRequest.objects.create(
        person=person, asked_by=actor, on_behalf=own_person_id(actor) != person.pk, **cleaned
    )
    audit_record(
        actor=actor, person_id=person.pk, category=Category.CONSENT, action=AuditAction.WRITE, detail="demande de pair"
    )
    return request


def _peer_account(profile: PeerProfile) -> User:
    account = profile.person.account
    if account is None or not account.is_active:
        raise ValidationError({"peer": "Cette personne ne peut plus être mise en lien. Choisissez-en une autre."})
    return account


@transaction.atomic
def match_choose(*, actor: User, request: PeerRequest, peer_id: int, reasons: list[str]) -> PeerMatch:
    """The person (or their referent, for them) chooses a candidate; the peer is then asked."""
    if not may_ask_peer_for(actor, request.person_id):
        raise AccessDenied("Introuvable.")
    profile = (
        PeerProfile.objects.select_for_update(of=("self",)).select_related("person__account").filter(pk=peer_id).first()
    )
    if profile is None or profile.person_id == request.person_id:
        raise ValidationError({"peer": "Choisissez une personne dans la liste."})
    if not profile.active:
        raise ValidationError({"peer": "Cette personne ne propose plus son aide. Choisissez-en une autre."})
    if not profile.has_room:
        raise ValidationError(
            {"peer": "Cette personne aide déjà autant de personnes qu'elle le souhaite. Choisissez-en une autre."}
        )
    if PeerMatch.objects.filter(person_id=request.person_id, peer=profile, state__in=OPEN_STATES).exists():
        raise ValidationError({"peer": "Une mise en lien avec cette personne est déjà en cours."})
    account = _peer_account(profile)
    if Ally.objects.active().filter(person_id=request.person_id, user=account).exists():
        raise ValidationError({"peer": "Cette personne fait déjà partie du cercle."})
    by_person = is_match_person(actor, request.person_id)
    try:
        with transaction.atomic():
            match = PeerMatch.objects.create(
                request=request,
                person_id=request.person_id,
                peer=profile,
                reasons=[str(r)[:200] for r in reasons[:6]],
                chosen_by=actor,
                person_yes_at=timezone.now() if by_person else None,
            )
    except IntegrityError as error:
        raise ValidationError({"peer": "Une mise en lien avec cette personne est déjà en cours."}) from error
    PeerProfile.objects.filter(pk=profile.pk).update(open_matches=F("open_matches") + 1)
    audit_record(
        actor=actor,
        person_id=request.person_id,
        category=Category.CONSENT,
        action=AuditAction.WRITE,
        detail="pair choisi",
    )
    person = match.person
    if by_person:
        notify(
            person=profile.person,
            kind=NotificationKind.MATCH_PROPOSED,
            text=f"{person.first_name} aimerait être en lien avec vous pour de l'entraide. "
            "Vous pouvez accepter ou non.",
            link="portal:peers",
        )
    else:
        notify(
            person=person,
            kind=NotificationKind.MATCH_PROPOSED,
            text=f"Votre référent·e vous propose de rencontrer {profile.person.first_name}, une personne pair. "
            "Vous pouvez accepter ou non.",
            link="portal:peers",
        )
    return match


def _agree(match: PeerMatch) -> None:
    """Both said yes: the peer joins the person's circle, link type considération, nothing shared yet."""
    account = _peer_account(match.peer)
    ally = ally_add(
        actor=None,
        person=match.person,
        user=account,
        role=AllyRole.PEER,
        note="Mise en lien avec un pair, acceptée des deux côtés.",
        link_types=[LinkType.CONSIDERATION],
    )
    match.state, match.ally, match.answered_at = MatchState.AGREED, ally, timezone.now()
    for person, other in ((match.person, match.peer.person), (match.peer.person, match.person)):
        notify(
            person=person,
            kind=NotificationKind.MATCH_AGREED,
            text=f"C'est d'accord des deux côtés : vous êtes en lien avec {other.first_name}.",
            link="portal:peers",
        )


@transaction.atomic
def match_answer(*, actor: User, match: PeerMatch, accept: bool) -> PeerMatch:
    """The side still to answer says yes or no, without giving a reason."""
    locked = PeerMatch.objects.select_for_update(of=("self",)).select_related("peer__person", "person").get(pk=match.pk)
    as_person = is_match_person(actor, locked.person_id) and locked.person_yes_at is None
    as_peer = is_match_peer(actor, locked.peer.person_id) and locked.peer_yes_at is None
    if not (is_match_person(actor, locked.person_id) or is_match_peer(actor, locked.peer.person_id)):
        raise AccessDenied("Introuvable.")
    if locked.state != MatchState.PROPOSED or not (as_person or as_peer):
        raise ValidationError({"match": "Cette proposition n'attend plus votre réponse."})
    now = timezone.now()
    if not accept:
        locked.state, locked.answered_at = MatchState.DECLINED, now
        PeerProfile.objects.filter(pk=locked.peer_id, open_matches__gt=0).update(open_matches=F("open_matches") - 1)
    else:
        if as_person:
            locked.person_yes_at = now
        else:
            locked.peer_yes_at = now
        if locked.person_yes_at and locked.peer_yes_at:
            _agree(locked)
    locked.save()
    audit_record(
        actor=actor,
        person_id=locked.person_id,
        category=Category.CONSENT,
        action=AuditAction.WRITE,
        detail="réponse à une mise en lien",
    )
    return locked


@transaction.atomic
def match_end(*, actor: User, match: PeerMatch) -> PeerMatch:
    """Either side ends the match at any time, without a reason; the peer leaves the circle."""
    locked = PeerMatch.objects.select_for_update(of=("self",)).select_related("peer__person").get(pk=match.pk)
    if not (is_match_person(actor, locked.person_id) or is_match_peer(actor, locked.peer.person_id)):
        raise AccessDenied("Introuvable.")
    if not locked.is_open:
        raise ValidationError({"match": "Cette mise en lien est déjà terminée."})
    now = timezone.now()
    locked.state, locked.ended_at, locked.ended_by = MatchState.ENDED, now, actor
    locked.save(update_fields=["state", "ended_at", "ended_by"])
    PeerProfile.objects.filter(pk=locked.peer_id, open_matches__gt=0).update(open_matches=F("open_matches") - 1)
    if locked.ally_id is not None:
        Ally.objects.filter(pk=locked.ally_id, ended_on__isnull=True).update(ended_on=today())
    audit_record(
        actor=actor,
        person_id=locked.person_id,
        category=Category.CONSENT,
        action=AuditAction.WRITE,
        detail="fin d'une mise en lien",
    )
    return locked


@transaction.atomic
def mutual_aid_record(
    *, actor: User, match: PeerMatch, occurred_on: date, summary: str, link_types: list[str]
) -> MutualAidContact:
    """Either side records a contact of mutual aid: it goes into the journal of both."""
    locked = PeerMatch.objects.select_for_update(of=("self",)).select_related("peer__person", "person").get(pk=match.pk)
    if not (is_match_person(actor, locked.person_id) or is_match_peer(actor, locked.peer.person_id)):
        raise AccessDenied("Introuvable.")
    errors: dict[str, str] = {}
    if locked.state != MatchState.AGREED:
        errors["match"] = "Vous n'êtes pas en lien avec cette personne."
    summary = summary.strip()
    if not summary:
        errors["summary"] = "Écrivez en quelques mots de quoi il s'agissait."
    elif len(summary) > SUMMARY_MAX:
        errors["summary"] = f"Écrivez au plus {SUMMARY_MAX} caractères."
    if not isinstance(occurred_on, date) or occurred_on > today():
        errors["occurred_on"] = "La date ne peut pas être dans le futur."
    chosen = list(dict.fromkeys(link_types))
    if not chosen or any(code not in LinkType.values for code in chosen):
        errors["link_types"] = "Choisissez au moins un type de lien dans la liste."
    if errors:
        raise ValidationError(errors)
    chosen = [code for code in LinkType.values if code in chosen]

    def entry(person: Person, text: str, participants: list[Ally]) -> Interaction:
        interaction = Interaction.objects.create(
            person=person,
            occurred_on=occurred_on,
            kind=InteractionKind.MUTUAL_AID,
            summary=text,
            link_types=chosen,
            bond=WovenBond.PEERS,
            author=actor,
        )
        interaction.participants.set(participants)
        return interaction

    peer_person = locked.peer.person
    allies = [locked.ally] if locked.ally is not None else []
    person_entry = entry(locked.person, summary, allies)
    peer_entry = entry(peer_person, f"Entraide avec {locked.person.first_name} : {summary}", [])
    contact = MutualAidContact.objects.create(
        match=locked,
        occurred_on=occurred_on,
        summary=summary,
        link_types=chosen,
        recorded_by=actor,
        person_entry=person_entry,
        peer_entry=peer_entry,
    )
    for person_id in (locked.person_id, peer_person.pk):
        audit_record(
            actor=actor, person_id=person_id, category=Category.NOTES, action=AuditAction.WRITE, detail="entraide"
        )
    return contact
