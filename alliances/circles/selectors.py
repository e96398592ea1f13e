from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext

from alliances.access.actions import Action
from alliances.access.categories import SHAREABLE, Category
from alliances.access.policy import can_keep_private_notes, require
from alliances.accounts.enums import Role
from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record, audit_record_many
from alliances.households.models import Household
from alliances.persons.models import Person

from .enums import AllyRole, LinkType
from .models import Ally, Handover, Interaction, PrivateNote


def caseload_aggregates() -> dict[str, Any]:
    """Counts only: persons per referent and per mediator, totals. No names of persons."""
    active = Q(alliances__ended_on__isnull=True)
    referents = (
        User.objects.filter(role=Role.REFERENT, is_active=True)
        .annotate(persons=Count("alliances", filter=active & Q(alliances__role=AllyRole.REFERENT)))
        .order_by("last_name", "first_name")
    )
    mediators = (
        User.objects.filter(role=Role.MEDIATOR, is_active=True)
        .annotate(persons=Count("alliances", filter=active & Q(alliances__role=AllyRole.MEDIATOR)))
        .order_by("last_name", "first_name")
    )
    persons = Person.objects.count()
    with_referent = Ally.objects.active().filter(role=AllyRole.REFERENT).values("person").distinct().count()
    referent_rows = list(referents)
    loads = [row.persons for row in referent_rows]
    return {
        "referents": referent_rows,
        "mediators": list(mediators),
        "total_persons": persons,
        "total_households": Household.objects.count(),
        "persons_without_referent": persons - with_referent,
        "persons_with_portal": Person.objects.filter(account__isnull=False).count(),
        "average_caseload": round(sum(loads) / len(loads), 1) if loads else 0,
    }


@dataclass(frozen=True)
class CircleMember:
    ally: Ally
    name: str
    role_label: str
    link_types: list[tuple[str, str]]  # (code, label)
    shared: list[str]  # labels of the categories shared with this ally


def _ally_name(ally: Ally) -> str:
    return ally.user.get_full_name() or ally.user.get_username()


def circle_for(*, actor: User, person: Person) -> dict[str, Any]:
    """The person's circle as the person and their referent see it: allies, link types, sharing, handovers."""
    require(actor, Action.VIEW, person, Category.CONSENT)
    allies = (
        Ally.objects.active()
        .filter(person=person)
        .select_related("user")
        .prefetch_related("sharings")  # said in the order of SHAREABLE below
        .order_by("role", "started_on", "id")
    )
    labels = dict(LinkType.choices)
    categories = dict(Category.choices)
    members = [
        CircleMember(
            ally=ally,
            name=_ally_name(ally),
            role_label=ally.get_role_display(),
            link_types=[(code, str(labels[code])) for code in ally.link_types if code in labels],
            shared=(
                [gettext("tout le dossier (sauf les notes privées)")]
                if ally.role == AllyRole.REFERENT
                else [str(categories[c]) for c in SHAREABLE if c in {s.category for s in ally.sharings.all()}]
            ),
        )
        for ally in allies
    ]
    handovers = list(
        Handover.objects.filter(person=person).select_related("former__user", "successor__user", "recorded_by")
    )
    audit_record(actor=actor, person_id=person.pk, category=Category.CONSENT, action=AuditAction.READ, detail="cercle")
    return {"members": members, "handovers": handovers}


def journal_for(*, actor: User, person: Person, limit: int = 200) -> list[Interaction]:
    """The dated journal of what happened, as far as the person shares it with the actor."""
    require(actor, Action.VIEW, person, Category.NOTES)
    entries = list(
        Interaction.objects.filter(person=person)
        .select_related("author")
        .prefetch_related("participants__user")[:limit]
    )
    audit_record(actor=actor, person_id=person.pk, category=Category.NOTES, action=AuditAction.READ, detail="journal")
    return entries


def private_notes_for(*, actor: User, person: Person) -> list[PrivateNote]:
    """The actor's own private notes about the person: never anyone else's."""
    if not can_keep_private_notes(actor, person):
        return []
    notes = list(PrivateNote.objects.filter(person=person, author=actor))
    audit_record(
        actor=actor, person_id=person.pk, category=Category.NOTES, action=AuditAction.READ, detail="notes privées"
    )
    return notes


def circles_joined(*, actor: User) -> list[Ally]:
    """The circles the actor is part of as a relative, a friend or a peer: who added them, since when.

    Showing each person's first name is a read of her identity: one audit event each."""
    allies = list(
        Ally.objects.active()
        .filter(user=actor, role__in=[AllyRole.OTHER, AllyRole.PEER])
        .select_related("person")
        .order_by("started_on", "id")
    )
    audit_record_many(
        actor=actor,
        person_ids=[ally.person_id for ally in allies],
        category=Category.IDENTITY,
        action=AuditAction.READ,
        detail="prénom seulement",
    )
    return allies
