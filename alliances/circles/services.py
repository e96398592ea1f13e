from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import AccessDenied, can_keep_private_notes, forget, own_person_id, require
from alliances.accounts.enums import PERSON_ROLES, Role
from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record
from alliances.core.validation import today
from alliances.notifications.enums import NotificationKind
from alliances.notifications.services import notify_person_of
from alliances.persons.models import Person

from .enums import AllyRole, InteractionKind, LinkType, WovenBond
from .models import Ally, Handover, Interaction, PrivateNote

# Which account roles may hold which place in a circle.
_ROLE_ACCOUNTS: dict[str, frozenset[str]] = {
    AllyRole.REFERENT: frozenset({Role.REFERENT}),
    AllyRole.MEDIATOR: frozenset({Role.MEDIATOR}),
    AllyRole.PEER: PERSON_ROLES,
    AllyRole.PARTNER: frozenset({Role.PARTNER}),
    AllyRole.OTHER: frozenset({Role.PARTNER, *PERSON_ROLES}),
}


@transaction.atomic
def ally_add(
    *,
    actor: User | None,
    person: Person,
    user: User,
    role: str,
    started_on: date | None = None,
    note: str = "",
    link_types: list[str] | None = None,
) -> Ally:
    """Adds someone to a person's circle. `actor` None means the platform itself (demo, import)."""
    if actor is not None:
        require(actor, Action.CHANGE, person, Category.CONSENT)
    if role not in AllyRole.values:
        raise ValidationError({"role": "Choisissez un rôle dans la liste."})
    if user.role not in _ROLE_ACCOUNTS[role]:
        raise ValidationError({"user": "Ce compte ne peut pas tenir ce rôle dans le cercle."})
    if getattr(user, "person", None) is not None and user.person.pk == person.pk:
        raise ValidationError({"user": "La personne ne peut pas être sa propre alliée."})
    types = _link_types(link_types or [])
    Person.objects.select_for_update().filter(pk=person.pk).first()
    active = Ally.objects.active().filter(person=person)
    if active.filter(user=user).exists():
        raise ValidationError({"user": "Cette personne fait déjà partie du cercle."})
    if role == AllyRole.REFERENT and active.filter(role=AllyRole.REFERENT).exists():
        raise ValidationError({"role": "La personne a déjà un·e référent·e unique. Faites un passage de relais."})
    try:
        with transaction.atomic():
            ally = Ally.objects.create(
                person=person,
                user=user,
                role=role,
                started_on=started_on or today(),
                note=note.strip(),
                link_types=types,
            )
    except IntegrityError as error:
        raise ValidationError({"user": "Cette personne fait déjà partie du cercle."}) from error
    audit_record(
        actor=actor,
        person_id=person.pk,
        category=Category.CONSENT,
        action=AuditAction.WRITE,
        detail=f"ajout au cercle ({role})",
    )
    forget(user)
    if actor is not None:  # the platform's own additions (a peer match) tell the person themselves
        notify_person_of(
            actor=actor,
            person=person,
            kind=NotificationKind.CIRCLE_JOINED,
            text=f"{user.first_name or 'Une personne'} fait maintenant partie de votre cercle "
            f"({AllyRole(role).label.lower()}).",
            link="portal:circle",
        )
    return ally


def _link_types(values: list[str] | tuple[str, ...], field: str = "link_types") -> list[str]:
    chosen = list(dict.fromkeys(values))
    unknown = [value for value in chosen if value not in LinkType.values]
    if unknown:
        raise ValidationError({field: "Choisissez des types de liens dans la liste."})
    return [value for value in LinkType.values if value in chosen]


@transaction.atomic
def ally_links_set(*, actor: User, ally: Ally, link_types: list[str]) -> Ally:
    """Records which kinds of link an alliance weaves (considération, capacitation…)."""
    require(actor, Action.CHANGE, ally.person_id, Category.CONSENT)
    locked = Ally.objects.select_for_update().get(pk=ally.pk)
    if not locked.is_active:
        raise ValidationError({"ally": "Cette personne ne fait plus partie du cercle."})
    locked.link_types = _link_types(link_types)
    locked.save(update_fields=["link_types"])
    audit_record(
        actor=actor,
        person_id=locked.person_id,
        category=Category.CONSENT,
        action=AuditAction.WRITE,
        detail="types de liens",
    )
    return locked


@transaction.atomic
def ally_end(*, actor: User, ally: Ally, ended_on: date | None = None) -> Ally:
    """Someone leaves the circle (the person's choice). The referent leaves only by a handover."""
    require(actor, Action.CHANGE, ally.person_id, Category.CONSENT)
    locked = Ally.objects.select_for_update().get(pk=ally.pk)
    if not locked.is_active:
        raise ValidationError({"ally": "Cette personne ne fait plus partie du cercle."})
    if locked.role == AllyRole.REFERENT:
        raise ValidationError({"ally": "Le ou la référent·e unique change par un passage de relais."})
    locked.ended_on = ended_on or today()
    locked.save(update_fields=["ended_on"])
    audit_record(
        actor=actor,
        person_id=locked.person_id,
        category=Category.CONSENT,
        action=AuditAction.WRITE,
        detail=f"départ du cercle ({locked.role})",
    )
    forget(locked.user)
    notify_person_of(
        actor=actor,
        person=locked.person,
        kind=NotificationKind.CIRCLE_LEFT,
        text=f"{locked.user.first_name or 'Une personne'} ne fait plus partie de votre cercle.",
        link="portal:circle",
    )
    return locked


@transaction.atomic
def referent_handover(*, actor: User, person: Person, successor: User, note: str, on: date | None = None) -> Handover:
    """Hands the person over to a new single referent: dated, with a note; the former one loses access."""
    require(actor, Action.CHANGE, person, Category.CONSENT)
    note = note.strip()
    if not note:
        raise ValidationError({"note": "Écrivez une note de passage de relais."})
    on = on or today()
    if on > today():
        raise ValidationError({"on": "Le passage de relais se fait aujourd'hui ou à une date passée."})
    if successor.role != Role.REFERENT or not successor.is_active:
        raise ValidationError({"successor": "Choisissez un·e intervenant·e référent·e."})
    Person.objects.select_for_update().filter(pk=person.pk).first()
    former = Ally.objects.active().filter(person=person, role=AllyRole.REFERENT).select_for_update().first()
    if former is None:
        raise ValidationError({"successor": "La personne n'a pas encore de référent·e : ajoutez-le ou la au cercle."})
    if former.user_id == successor.pk:
        raise ValidationError({"successor": "Cette personne est déjà la ou le référent·e."})
    if on < former.started_on:
        raise ValidationError({"on": "La date est antérieure à l'arrivée de la ou du référent·e actuel·le."})
    former.ended_on = on
    former.save(update_fields=["ended_on"])
    try:
        with transaction.atomic():
            newcomer = Ally.objects.create(
                person=person, user=successor, role=AllyRole.REFERENT, started_on=on, link_types=former.link_types
            )
    except IntegrityError as error:
        raise ValidationError({"successor": "Cette personne fait déjà partie du cercle."}) from error
    handover = Handover.objects.create(
        person=person, former=former, successor=newcomer, on=on, note=note, recorded_by=actor
    )
    audit_record(
        actor=actor,
        person_id=person.pk,
        category=Category.CONSENT,
        action=AuditAction.WRITE,
        detail="passage de relais",
    )
    for user in (former.user, successor, actor):
        forget(user)
    return handover


def _participants(person: Person, ally_ids: list[int]) -> list[Ally]:
    allies = list(Ally.objects.active().filter(person=person, pk__in=ally_ids))
    if len(allies) != len(set(ally_ids)):
        raise ValidationError({"participants": "Choisissez les participant·es parmi le cercle de la personne."})
    return allies


@transaction.atomic
def interaction_record(
    *,
    actor: User,
    person: Person,
    occurred_on: date,
    kind: str,
    summary: str,
    link_types: list[str],
    bond: str,
    participant_ids: list[int] | None = None,
    person_took_part: bool = True,
) -> Interaction:
    """Adds a dated entry to the person's journal (visible as the person shares the journal).

    This is the circle's record of an exchange; the person writes her own words with `own_words_write`."""
    require(actor, Action.CHANGE, person, Category.NOTES)
    if own_person_id(actor) == person.pk:
        raise AccessDenied("La personne écrit dans son journal avec ses propres mots.")
    errors: dict[str, str] = {}
    if kind not in InteractionKind.values:
        errors["kind"] = "Choisissez la nature de l'échange dans la liste."
    if bond not in WovenBond.values:
        errors["bond"] = "Choisissez le lien servi dans la liste."
    if not summary.strip():
        errors["summary"] = "Écrivez en quelques mots ce qui s'est passé."
    if occurred_on > today():
        errors["occurred_on"] = "Le journal garde ce qui a eu lieu : la date ne peut pas être dans le futur."
    if errors:
        raise ValidationError(errors)
    types = _link_types(link_types)
    if not types:
        raise ValidationError({"link_types": "Choisissez au moins un type de lien."})
    allies = _participants(person, participant_ids or [])
    interaction = Interaction.objects.create(
        person=person,
        occurred_on=occurred_on,
        kind=kind,
        summary=summary.strip(),
        link_types=types,
        bond=bond,
        person_took_part=person_took_part,
        author=actor,
    )
    interaction.participants.set(allies)
    audit_record(actor=actor, person_id=person.pk, category=Category.NOTES, action=AuditAction.WRITE, detail="journal")
    return interaction


@transaction.atomic
def own_words_write(*, actor: User, person: Person, occurred_on: date, text: str, bond: str = "") -> Interaction:
    """The person writes in her own journal: a date and her words; which part of her life, if she says."""
    require(actor, Action.CHANGE, person, Category.NOTES)
    if own_person_id(actor) != person.pk:
        raise AccessDenied("Seule la personne écrit dans son propre journal.")
    errors: dict[str, str] = {}
    if not text.strip():
        errors["text"] = "Écrivez quelques mots."
    elif len(text) > 4000:
        errors["text"] = "Votre texte est trop long : 4 000 signes au plus."
    if occurred_on > today():
        errors["occurred_on"] = "Choisissez aujourd'hui ou un jour passé."
    if bond and bond not in WovenBond.values:
        errors["bond"] = "Choisissez dans la liste."
    if errors:
        raise ValidationError(errors)
    interaction = Interaction.objects.create(
        person=person,
        occurred_on=occurred_on,
        kind=InteractionKind.OWN_WORDS,
        summary=text.strip(),
        link_types=[],
        bond=bond,
        person_took_part=True,
        author=actor,
    )
    audit_record(actor=actor, person_id=person.pk, category=Category.NOTES, action=AuditAction.WRITE, detail="journal")
    return interaction


@transaction.atomic
def private_note_add(*, actor: User, person: Person, text: str) -> PrivateNote:
    """A private working note: only its author will ever read it."""
    if not can_keep_private_notes(actor, person):
        raise AccessDenied("Introuvable.")
    if not text.strip():
        raise ValidationError({"text": "La note est vide."})
    note = PrivateNote.objects.create(person=person, author=actor, text=text.strip())
    audit_record(
        actor=actor, person_id=person.pk, category=Category.NOTES, action=AuditAction.WRITE, detail="note privée"
    )
    return note
