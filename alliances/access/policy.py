"""The one place that decides who may do what with whose data (DESIGN.md section 2).

Default deny. Views and API handlers fetch persons through `persons_visible_to`, so a forbidden
person answers 404 exactly like a missing one; services call `require` again before writing.
"""

from typing import Any

from django.db.models import Case, CharField, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Concat, StrIndex, Substr
from django.http import Http404

from alliances.accounts.enums import Role
from alliances.accounts.models import User
from alliances.circles.enums import AllyRole
from alliances.circles.models import Ally
from alliances.core.collation import FrenchOrder
from alliances.households.models import Household, Member
from alliances.persons.models import Person

from .actions import Action
from .categories import SHAREABLE, Category


class AccessDenied(Http404):
    """Raised when access is refused. It is a 404 on purpose: nothing leaks about existence."""


# What a person may do with their own file.
_SELF_VIEW = frozenset(Category)
_SELF_CHANGE = frozenset(
    {
        Category.IDENTITY,
        Category.BONDS,
        Category.PLAN,
        Category.MEETINGS,
        Category.CONSENT,
        Category.PROCEDURES,
        Category.NOTES,  # she writes in her own journal
    }
)
# What the single referent may do with the files of the persons they refer.
_REFERENT_VIEW = frozenset(SHAREABLE) | {Category.CONSENT}
_REFERENT_CHANGE = frozenset(SHAREABLE) | {Category.CONSENT}
# What an RMG officer may do: household, resources and income, never support notes.
_OFFICER_VIEW = frozenset({Category.IDENTITY, Category.HOUSEHOLD})
_OFFICER_CHANGE = frozenset({Category.IDENTITY, Category.HOUSEHOLD})
# What a mediator may change in what was shared with them (the journal included, when shared).
_MEDIATOR_CHANGE = frozenset({Category.PROCEDURES, Category.MEETINGS, Category.NOTES})


def _is_active(actor: User | None) -> bool:
    """An active account whose role is in force (a role given in the admin waits for a second admin)."""
    return actor is not None and actor.is_authenticated and actor.is_active and actor.role_approved


def own_person_id(actor: User) -> int | None:
    """The id of the actor's own file, if the actor is a person with a file."""
    cache = actor.__dict__.setdefault("_alliances_policy_cache", {})
    if "own_person_id" not in cache:
        cache["own_person_id"] = Person.objects.filter(account=actor).values_list("id", flat=True).first()
    return cache["own_person_id"]


def _active_ally(actor: User, person_id: int) -> Ally | None:
    cache = actor.__dict__.setdefault("_alliances_policy_cache", {})
    key = ("ally", person_id)
    if key not in cache:
        cache[key] = Ally.objects.active().filter(user=actor, person_id=person_id).prefetch_related("sharings").first()
    return cache[key]


def preload(actor: User | None, person_ids: list[int]) -> None:
    """Loads in one query what `can` needs for these persons (for list pages: no query per row)."""
    if not _is_active(actor) or not person_ids:
        return
    assert actor is not None
    cache = actor.__dict__.setdefault("_alliances_policy_cache", {})
    own_person_id(actor)
    allies = {
        a.person_id: a
        for a in Ally.objects.active().filter(user=actor, person_id__in=person_ids).prefetch_related("sharings")
    }
    for person_id in person_ids:
        cache[("ally", person_id)] = allies.get(person_id)


def forget(actor: User) -> None:
    """Drops what the policy remembered about an actor (after a change of sharing or of circle)."""
    actor.__dict__.pop("_alliances_policy_cache", None)


def _is_referent_of(actor: User, ally: Ally | None) -> bool:
    return ally is not None and ally.role == AllyRole.REFERENT and actor.role == Role.REFERENT


def can(actor: User | None, action: Action, person: Person | int, category: Category) -> bool:
    """May `actor` perform `action` on the `category` part of `person`'s file?"""
    if not _is_active(actor):
        return False
    assert actor is not None
    person_id = person if isinstance(person, int) else person.pk

    if own_person_id(actor) == person_id:
        allowed = _SELF_VIEW if action == Action.VIEW else _SELF_CHANGE
        return category in allowed

    ally = _active_ally(actor, person_id)
    if _is_referent_of(actor, ally):
        allowed = _REFERENT_VIEW if action == Action.VIEW else _REFERENT_CHANGE
        return category in allowed
    if ally is not None and ally.role != AllyRole.REFERENT:
        shared = {sharing.category for sharing in ally.sharings.all()}
        if category not in shared:
            return False
        if action == Action.VIEW:
            return True
        return ally.role == AllyRole.MEDIATOR and actor.role == Role.MEDIATOR and category in _MEDIATOR_CHANGE

    if actor.role == Role.OFFICER:
        allowed = _OFFICER_VIEW if action == Action.VIEW else _OFFICER_CHANGE
        return category in allowed
    return False


def require(actor: User | None, action: Action, person: Person | int, category: Category) -> None:
    """Raises AccessDenied (a 404) unless `can` says yes."""
    if not can(actor, action, person, category):
        raise AccessDenied("Introuvable.")


def person_allowed(actor: User | None, person_id: int, category: Category, action: Action = Action.VIEW) -> Person:
    """The person, if the actor may `action` their `category`; else AccessDenied (a 404).

    Records nothing: the selector that then reads the data records the read.
    """
    person = persons_visible_to(actor).filter(pk=person_id).first()
    if person is None or not can(actor, action, person, category):
        raise AccessDenied("Introuvable.")
    return person


def visible_categories(actor: User | None, person: Person) -> list[Category]:
    return [category for category in Category if can(actor, Action.VIEW, person, category)]


def persons_visible_to(actor: User | None, category: Category | None = None) -> QuerySet[Person]:
    """The persons whose file the actor may open; with `category`, those whose `category` they may view.

    Mirrors `can(actor, Action.VIEW, …)` as a queryset, so lists and lookups agree with it.
    """
    return Person.objects.filter(_visible(actor, category))


def _visible(actor: User | None, category: Category | None = None) -> Q:
    """`persons_visible_to` as a condition on persons, to inline in another query (a sort, a filter)
    without scanning the persons table once more.

    `pk IN (the actor's circles)`, not a correlated EXISTS: PostgreSQL hashes the actor's few hundred
    persons once instead of probing the circle table for every person of the city (bench/load_city.py:
    the caseload's query went from 114 to 4 ms at 20,000 persons)."""
    if not _is_active(actor):
        return Q(pk__in=[])
    assert actor is not None
    if actor.role == Role.OFFICER and (category is None or category in _OFFICER_VIEW):
        return Q(pk__isnull=False)
    active = Ally.objects.active().filter(user=actor)
    condition: Any = Q(pk__in=[])
    if category is None or category in _SELF_VIEW:
        condition |= Q(account=actor)
    if actor.role == Role.REFERENT and (category is None or category in _REFERENT_VIEW):
        condition |= Q(pk__in=active.filter(role=AllyRole.REFERENT).values("person_id"))
    others = active.exclude(role=AllyRole.REFERENT)
    if category is not None:
        others = others.filter(sharings__category=category)
    condition |= Q(pk__in=others.values("person_id"))
    return condition


def _shown_first_name() -> Case:
    """SQL for `Person.first_name`: the chosen name, else the first word of the civil first names."""
    first_word = Substr("first_names", 1, StrIndex(Concat("first_names", Value(" ")), Value(" ")) - 1)
    return Case(When(preferred_name="", then=first_word), default=F("preferred_name"), output_field=CharField())


def search_persons(actor: User | None, queryset: QuerySet[Person], text: str) -> QuerySet[Person]:
    """Narrows persons by name, matching only the names the actor may see of each one.

    Where the actor may view the identity, the full name matches; elsewhere (a peer, an ally without
    identity shared) only the first name the actor is shown, so a search never reveals a last name.
    """
    words = text.split()
    if not words:
        return queryset
    full = _visible(actor, Category.IDENTITY)
    queryset = queryset.annotate(shown_first_name=_shown_first_name())
    for word in words:
        full_name = Q(last_name__icontains=word) | Q(first_names__icontains=word) | Q(preferred_name__icontains=word)
        queryset = queryset.filter((full & full_name) | Q(shown_first_name__icontains=word))
    return queryset


def order_by_visible_name(actor: User | None, queryset: QuerySet[Person]) -> QuerySet[Person]:
    """Orders persons by the name the actor sees: last name where identity is visible, else first name only."""
    full = _visible(actor, Category.IDENTITY)
    return queryset.annotate(
        sort_last_name=Case(When(full, then=F("last_name")), default=Value(""), output_field=CharField()),
        sort_first_name=Case(When(full, then=F("first_names")), default=_shown_first_name()),
    ).order_by(FrenchOrder("sort_last_name"), FrenchOrder("sort_first_name"), "id")


def filter_on_category(
    actor: User | None, queryset: QuerySet[Person], category: Category, condition: Q
) -> QuerySet[Person]:
    """Filters persons on `condition`, which reads data of `category`: a person whose `category` the actor
    may not view never matches (a filter on housing must not reveal the housing of a file not shared)."""
    return queryset.filter(condition, _visible(actor, category))


def households_visible_to(actor: User | None) -> QuerySet[Household]:
    """Households with at least one member whose household and resources the actor may view."""
    persons = persons_visible_to(actor, Category.HOUSEHOLD)
    return Household.objects.filter(
        Exists(Member.objects.filter(household=OuterRef("pk"), person__in=persons.values("pk")))
    )


def household_person_ids(household: Household) -> list[int]:
    return [pid for pid in household.members.values_list("person_id", flat=True) if pid is not None]


def can_on_household(actor: User | None, action: Action, household: Household) -> bool:
    """Household data belongs to each adult member's file: one of them suffices."""
    return any(can(actor, action, person_id, Category.HOUSEHOLD) for person_id in household_person_ids(household))


def require_on_household(actor: User | None, action: Action, household: Household) -> None:
    if not can_on_household(actor, action, household):
        raise AccessDenied("Introuvable.")


def referred_persons(actor: User) -> QuerySet[Person]:
    """The persons the actor refers as their single referent (their caseload)."""
    if not _is_active(actor) or actor.role != Role.REFERENT:
        return Person.objects.none()
    return Person.objects.filter(
        Exists(Ally.objects.active().filter(person=OuterRef("pk"), user=actor, role=AllyRole.REFERENT))
    )


def can_see_free_slots(actor: User | None, worker: User) -> bool:
    """A worker's free slots: the worker, their colleagues who keep an agenda, and the persons who
    have this worker as referent or mediator in their circle."""
    if not _is_active(actor) or actor is None or worker.role not in {Role.REFERENT, Role.MEDIATOR}:
        return False
    if actor.pk == worker.pk or can_keep_agenda(actor):
        return True
    person_id = own_person_id(actor)
    return (
        person_id is not None
        and Ally.objects.active()
        .filter(person_id=person_id, user=worker, role__in=[AllyRole.REFERENT, AllyRole.MEDIATOR])
        .exists()
    )


def may_answer_proposal(actor: User | None, person_id: int, proposer: User, worker_id: int) -> bool:
    """A meeting proposal is answered by the other side: the person when the worker proposed, the
    worker of the meeting when the person proposed. (Whether the actor may touch the person's
    meetings at all is `can(..., MEETINGS)`; this decides whose turn it is.)"""
    if not _is_active(actor):
        return False
    assert actor is not None
    proposer_is_person = own_person_id(proposer) == person_id
    if own_person_id(actor) == person_id:
        return not proposer_is_person
    return actor.pk == worker_id and proposer_is_person


def may_close_meeting(actor: User | None, worker_id: int) -> bool:
    """Only the worker who held the meeting records how it ended."""
    return _is_active(actor) and actor is not None and actor.pk == worker_id


def is_current_referent(actor: User | None, person_id: int) -> bool:
    """The person's single referent today (follow-ups after a missed meeting go to them)."""
    if not _is_active(actor) or actor is None or actor.role != Role.REFERENT:
        return False
    return _is_referent_of(actor, _active_ally(actor, person_id))


def can_keep_private_notes(actor: User | None, person: Person | int) -> bool:
    """Workers in the person's circle keep private working notes; only their author ever reads them.

    The person, a manager or an admin never read another's private notes: selectors filter on the
    author, and this only says who may write one (and read back their own).
    """
    if not _is_active(actor):
        return False
    assert actor is not None
    if actor.role not in {Role.REFERENT, Role.MEDIATOR, Role.PARTNER}:
        return False
    person_id = person if isinstance(person, int) else person.pk
    return _active_ally(actor, person_id) is not None


def can_view_caseload(actor: User | None) -> bool:
    """Who has a list of persons to work with: referents, mediators, partners, peers, RMG officers."""
    return (
        _is_active(actor)
        and actor is not None
        and actor.role in {Role.REFERENT, Role.MEDIATOR, Role.PARTNER, Role.PEER, Role.OFFICER}
    )


def can_use_portal(actor: User | None) -> bool:
    """The personal space is for persons (a peer is a person too)."""
    return _is_active(actor) and actor is not None and actor.role in {Role.PERSON, Role.PEER}


def can_run_rights_check(actor: User | None) -> bool:
    """Referents check their caseload for non-take-up; RMG officers the whole caseload."""
    return _is_active(actor) and actor is not None and actor.role in {Role.REFERENT, Role.OFFICER}


def checks_every_household(actor: User | None) -> bool:
    """An RMG officer's rights check covers every household; a referent's, the persons she follows."""
    return can_run_rights_check(actor) and actor is not None and actor.role == Role.OFFICER


def can_simulate_rights(actor: User | None) -> bool:
    """Estimating rights for households given in the request reads no stored data: any active account."""
    return _is_active(actor)


def can_run_income_cycle(actor: User | None) -> bool:
    """RMG officers compute, approve (never their own computation) and pay the monthly cycles."""
    return _is_active(actor) and actor is not None and actor.role == Role.OFFICER


def can_simulate_budget(actor: User | None) -> bool:
    """Budget simulations show totals and counts only: managers and RMG officers."""
    return _is_active(actor) and actor is not None and actor.role in {Role.MANAGER, Role.OFFICER}


def can_keep_agenda(actor: User | None) -> bool:
    """Referents and mediators publish availability, meet persons and keep a calendar feed."""
    return _is_active(actor) and actor is not None and actor.role in {Role.REFERENT, Role.MEDIATOR}


def can_organise_workshops(actor: User | None) -> bool:
    return _is_active(actor) and actor is not None and actor.role in {Role.REFERENT, Role.MEDIATOR, Role.MANAGER}


def may_manage_workshop(actor: User | None, organiser_id: int) -> bool:
    """A workshop is cancelled, and its participants seen, by its organiser only."""
    return can_organise_workshops(actor) and actor is not None and actor.pk == organiser_id


def can_see_workshops(actor: User | None) -> bool:
    """Persons (to sign up) and the staff who organise or refer persons to them."""
    return can_use_portal(actor) or can_organise_workshops(actor)


def refers_whom_they_open(actor: User | None) -> bool:
    """A referent who opens a file becomes the person's single referent; an officer who opens one does not."""
    return _is_active(actor) and actor is not None and actor.role == Role.REFERENT


def can_export_research(actor: User | None) -> bool:
    """Managers produce the pseudonymised export for the evaluation team (persons who agreed only)."""
    return _is_active(actor) and actor is not None and actor.role == Role.MANAGER


def can_view_caseload_aggregates(actor: User | None) -> bool:
    """Managers see caseloads and aggregates (counts), never an individual file."""
    return _is_active(actor) and actor is not None and actor.role == Role.MANAGER


def can_create_household(actor: User | None) -> bool:
    return _is_active(actor) and actor is not None and actor.role in {Role.REFERENT, Role.OFFICER}


def can_read_api_docs(actor: User | None) -> bool:
    """The interactive API documentation is for the CCAS's staff and its integrators, not for persons."""
    return _is_active(actor) and actor is not None and actor.is_staff_role


def can_use_admin(actor: User | None) -> bool:
    """The technical admin configures the platform; Django's admin shows no personal data."""
    return _is_active(actor) and actor is not None and actor.role == Role.ADMIN and actor.is_superuser


def name_visible_to(actor: User | None, person: Person) -> str:
    """Full name when identity is visible, else only the first name (what a peer sees)."""
    if can(actor, Action.VIEW, person, Category.IDENTITY):
        return person.display_name
    return person.first_name


# --- Peers, mediation and mandates (issue 16) ---------------------------------------------------------


def can_offer_help(actor: User | None) -> bool:
    """A person with a file (a peer is a person too) may offer to help others, from their own space."""
    return can_use_portal(actor) and actor is not None and own_person_id(actor) is not None


def may_ask_peer_for(actor: User | None, person_id: int) -> bool:
    """The person asks for a peer from their space; their single referent may ask on their behalf. Both
    see the ranked candidates, by first name only."""
    if not _is_active(actor) or actor is None:
        return False
    return own_person_id(actor) == person_id or is_current_referent(actor, person_id)


def is_match_person(actor: User | None, person_id: int) -> bool:
    """The person side of a match (the one who asked for a peer)."""
    return _is_active(actor) and actor is not None and own_person_id(actor) == person_id


def is_match_peer(actor: User | None, peer_person_id: int) -> bool:
    """The peer side of a match (the person who offered to help)."""
    return _is_active(actor) and actor is not None and own_person_id(actor) == peer_person_id


def may_see_match(actor: User | None, person_id: int, peer_person_id: int) -> bool:
    """Both sides of a match, and the person's referent (who may have asked on their behalf)."""
    return (
        is_match_person(actor, person_id)
        or is_match_peer(actor, peer_person_id)
        or is_current_referent(actor, person_id)
    )


def can_record_sessions(actor: User | None) -> bool:
    """Mediators record mediation sessions (referents may too, when they help with a procedure)."""
    return _is_active(actor) and actor is not None and actor.role in {Role.MEDIATOR, Role.REFERENT}


def may_hold_mandate(actor: User | None, person_id: int) -> bool:
    """A mandate is held by a mediator or the referent in the person's circle, never by anyone else."""
    if not can_record_sessions(actor) or actor is None:
        return False
    ally = _active_ally(actor, person_id)
    if ally is None:
        return False
    return (ally.role == AllyRole.MEDIATOR and actor.role == Role.MEDIATOR) or _is_referent_of(actor, ally)


def may_see_mandate(actor: User | None, person_id: int, holder_id: int) -> bool:
    """The person sees all their mandates; the holder the ones they hold, while still in the person's
    circle; the referent all of them."""
    if not _is_active(actor) or actor is None:
        return False
    if own_person_id(actor) == person_id or is_current_referent(actor, person_id):
        return True
    return actor.pk == holder_id and _active_ally(actor, person_id) is not None


def may_open_mandates_of(actor: User | None, person_id: int) -> bool:
    """Who opens a person's mandates: the person and her referent (all of them), and a worker of her
    circle who may hold one (the ones they hold, once they do)."""
    if not _is_active(actor) or actor is None:
        return False
    return (
        own_person_id(actor) == person_id or is_current_referent(actor, person_id) or may_hold_mandate(actor, person_id)
    )


def can_keep_mediation_desk(actor: User | None) -> bool:
    """Mediators keep a desk of the sessions and mandates of the persons they help (a referent records a
    session from the person's file)."""
    return _is_active(actor) and actor is not None and actor.role == Role.MEDIATOR


def can_view_mediation_counts(actor: User | None) -> bool:
    """Managers see counts of sessions, progress and mandates, never a person's."""
    return can_view_caseload_aggregates(actor)


def can_propose_workshops(actor: User | None) -> bool:
    """A peer who offered to help may propose a workshop (published once validated)."""
    if not can_offer_help(actor) or actor is None:
        return False
    from alliances.peers.models import PeerProfile

    return PeerProfile.objects.filter(person_id=own_person_id(actor) or 0, withdrawn_at__isnull=True).exists()


def can_validate_workshops(actor: User | None) -> bool:
    """A workshop proposed by a peer or a mediator opens once a referent or a manager validates it."""
    return _is_active(actor) and actor is not None and actor.role in {Role.REFERENT, Role.MANAGER}


def may_export_data_of(actor: User | None, person_id: int) -> bool:
    """Who gathers a person's data into a download: the person, and her referent when she asks at the desk."""
    if not _is_active(actor) or actor is None:
        return False
    return own_person_id(actor) == person_id or is_current_referent(actor, person_id)
