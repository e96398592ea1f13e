"""The person chooses her allies: she adds someone found by name, invites someone by email or SMS, and
ends an alliance (her single referent changes only through a handover, which she can ask for).

Accounts appear in a search only if they agreed to be found (`User.findable`). An invitation holds a
token whose digest alone is stored; it is valid for a fortnight, once, and a person sends few a day.
"""

import hashlib
import secrets
from collections.abc import Callable
from datetime import timedelta

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import forget, require
from alliances.accounts.enums import PERSON_ROLES, Role
from alliances.accounts.models import User
from alliances.accounts.phone import normalize_phone
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record
from alliances.notifications.enums import NotificationKind
from alliances.notifications.services import notify
from alliances.persons.models import Person

from .enums import AllyRole
from .models import Ally, Invitation
from .services import ally_add

INVITATION_DAYS = 14
INVITATIONS_PER_DAY = 5
SEARCH_MIN_LENGTH = 3
SEARCH_LIMIT = 10


def findable_accounts(*, actor: User, person: Person, query: str) -> list[User]:
    """Accounts that agreed to be found, whose name holds every word typed (3 letters at least)."""
    require(actor, Action.CHANGE, person, Category.CONSENT)
    words = [word for word in query.split() if word]
    if len("".join(words)) < SEARCH_MIN_LENGTH:
        return []
    matches = Q()
    for word in words[:4]:
        matches &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
    in_circle = Ally.objects.active().filter(person=person).values("user_id")
    return list(
        User.objects.filter(matches, findable=True, is_active=True, role__in=[*PERSON_ROLES, Role.PARTNER])
        .exclude(pk__in=in_circle)
        .exclude(person=person)
        .order_by("last_name", "first_name", "id")[:SEARCH_LIMIT]
    )


def _role_for(user: User) -> str:
    return AllyRole.PARTNER if user.role == Role.PARTNER else AllyRole.OTHER


@transaction.atomic
def ally_choose(*, actor: User, person: Person, user: User, note: str = "") -> Ally:
    """She adds an account she found: it must have agreed to be found. It is told by its own channel."""
    require(actor, Action.CHANGE, person, Category.CONSENT)
    if not user.findable or not user.is_active or user.role not in {*PERSON_ROLES, Role.PARTNER}:
        raise ValidationError({"user": "Cette personne n'a pas accepté d'être trouvée. Invitez-la plutôt."})
    ally = ally_add(actor=actor, person=person, user=user, role=_role_for(user), note=note[:100])
    _tell_new_ally(user, person)
    return ally


def _tell_new_ally(user: User, person: Person) -> None:
    from alliances.notifications.tasks import send_email, send_text

    text = (
        f"{person.first_name} vous a ajouté·e à son cercle sur Alliances. "
        "Connectez-vous pour voir ce qu'elle ou il vous partage."
    )
    if user.email:
        to = [user.email]
        transaction.on_commit(lambda: send_email(subject="Alliances : un cercle vous accueille", body=text, to=to))
    elif user.phone:
        phone = user.phone
        transaction.on_commit(lambda: send_text(to=phone, body=text))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invitation_send(
    *,
    actor: User,
    person: Person,
    name: str,
    email: str = "",
    phone: str = "",
    note: str = "",
    accept_url: Callable[[str], str],
) -> Invitation:
    """Invites someone without an account, by email or by SMS. `accept_url(token)` gives the link."""
    from alliances.notifications.tasks import send_email, send_text

    require(actor, Action.CHANGE, person, Category.CONSENT)
    errors: dict[str, str] = {}
    name, email, phone = name.strip(), email.strip().lower(), phone.strip()
    if not name:
        errors["name"] = "Écrivez le prénom de la personne que vous invitez."
    elif len(name) > 100:
        errors["name"] = "Le prénom est trop long."
    if not email and not phone:
        errors["email"] = "Donnez une adresse électronique ou un numéro de téléphone."
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = "Cette adresse électronique n'est pas valide. Exemple : nom@exemple.fr"
    normalized = normalize_phone(phone) if phone else ""
    if phone and normalized is None:
        errors["phone"] = "Ce numéro n'est pas valide. Exemple : 06 12 34 56 78"
    if errors:
        raise ValidationError(errors)
    since = timezone.now() - timedelta(days=1)
    Person.objects.select_for_update().filter(pk=person.pk).first()
    if Invitation.objects.filter(person=person, created_at__gte=since).count() >= INVITATIONS_PER_DAY:
        raise ValidationError({"name": "Vous avez envoyé beaucoup d'invitations aujourd'hui. Réessayez demain."})
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        person=person,
        invited_by=actor,
        name=name,
        note=note.strip()[:100],
        email=email,
        phone=normalized or "",
        digest=_digest(token),
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    audit_record(
        actor=actor, person_id=person.pk, category=Category.CONSENT, action=AuditAction.WRITE, detail="invitation"
    )
    link = accept_url(token)
    text = (
        f"Bonjour {name}, {person.first_name} vous invite à rejoindre son cercle sur Alliances, "
        f"la plateforme du CCAS. Pour accepter : {link} (valable {INVITATION_DAYS} jours)."
    )
    if email:
        transaction.on_commit(lambda: send_email(subject="Alliances : une invitation", body=text, to=[email]))
    else:
        to = invitation.phone
        transaction.on_commit(lambda: send_text(to=to, body=text))
    return invitation


def invitation_open(token: str) -> Invitation | None:
    """The open invitation this token opens, or None (unknown, used, cancelled or expired: one answer)."""
    invitation = Invitation.objects.filter(digest=_digest(token)).select_related("person").first()
    return invitation if invitation is not None and invitation.is_open else None


def _invited_account(invitation: Invitation, first_name: str, last_name: str, password: str) -> User:
    """The account the invited makes on accepting: a person's, with the invitation's contact."""
    errors: dict[str, str] = {}
    if not first_name.strip():
        errors["first_name"] = "Écrivez votre prénom."
    if not last_name.strip():
        errors["last_name"] = "Écrivez votre nom."
    try:
        validate_password(password)
    except ValidationError as error:
        errors["password"] = " ".join(error.messages)
    taken = Q(pk__in=[])
    if invitation.email:
        taken |= Q(email__iexact=invitation.email)
    if invitation.phone:
        taken |= Q(phone=invitation.phone)
    if User.objects.filter(taken).exists():
        errors["first_name"] = "Un compte existe déjà avec ce contact : connectez-vous, puis rouvrez le lien."
    if errors:
        raise ValidationError(errors)
    user = User.objects.create_user(
        email=invitation.email or None,
        password=password,
        first_name=first_name.strip()[:150],
        last_name=last_name.strip()[:150],
        role=Role.PERSON,
    )
    if invitation.phone:
        user.phone = invitation.phone
        user.save(update_fields=["phone"])
    return user


@transaction.atomic
def invitation_accept(
    *,
    token: str,
    user: User | None = None,
    first_name: str = "",
    last_name: str = "",
    password: str = "",
) -> tuple[Invitation, User]:
    """The invited accepts: with the account they are logged in with, or a new one made here."""
    invitation = Invitation.objects.select_for_update().filter(digest=_digest(token)).first()
    if invitation is None or not invitation.is_open:
        raise ValidationError({"token": "Cette invitation n'est plus valable. Demandez-en une nouvelle."})
    person = invitation.person
    if user is None:
        user = _invited_account(invitation, first_name, last_name, password)
    elif getattr(user, "person", None) is not None and user.person.pk == person.pk:
        raise ValidationError({"token": "Vous ne pouvez pas rejoindre votre propre cercle."})
    if user.role not in {*PERSON_ROLES, Role.PARTNER}:
        raise ValidationError({"token": "Ce compte ne peut pas rejoindre un cercle de cette façon."})
    ally = ally_add(actor=None, person=person, user=user, role=_role_for(user), note=invitation.note)
    invitation.accepted_at = timezone.now()
    invitation.ally = ally
    invitation.save(update_fields=["accepted_at", "ally"])
    forget(user)
    notify(
        person=person,
        kind=NotificationKind.CIRCLE_JOINED,
        text=f"{user.first_name or invitation.name} a accepté votre invitation et fait partie de votre cercle.",
        link="portal:circle",
    )
    return invitation, user


@transaction.atomic
def invitation_cancel(*, actor: User, invitation: Invitation) -> Invitation:
    require(actor, Action.CHANGE, invitation.person_id, Category.CONSENT)
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.is_open:
        locked.cancelled_at = timezone.now()
        locked.save(update_fields=["cancelled_at"])
        audit_record(
            actor=actor,
            person_id=locked.person_id,
            category=Category.CONSENT,
            action=AuditAction.WRITE,
            detail="invitation annulée",
        )
    return locked
