import secrets

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from .enums import Language
from .models import ApiToken, User


def totp_device_pending(*, user: User) -> TOTPDevice:
    """The unconfirmed TOTP device a staff member is setting up (created on first need)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Application d'authentification", confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice) -> TOTPDevice:
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return device


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Creates an API token and returns it with its raw value, shown once and never stored."""
    raw = "alli_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name.strip() or "jeton", digest=ApiToken.digest_of(raw))
    return token, raw


def _audit_account(actor: User, user: User, detail: str) -> None:
    from alliances.access.categories import Category
    from alliances.audit.enums import AuditAction
    from alliances.audit.services import audit_record

    audit_record(actor=actor, person_id=None, category=Category.IDENTITY, action=AuditAction.WRITE, detail=detail)


def _user_label(user: User) -> str:
    return f"compte n° {user.pk}"


@transaction.atomic
def role_grant_request(*, actor: User, user: User, role: str, previous_role: str | None) -> User:
    """An administrator gives `user` a role. A role that opens persons' files waits for a second
    administrator (`role_grant_approve`); any other role takes effect at once. Audited either way."""
    from .enums import ROLES_NEEDING_APPROVAL, Role

    label = Role(role).label
    if role in ROLES_NEEDING_APPROVAL and (role != previous_role or not user.role_approved):
        User.objects.filter(pk=user.pk).update(role=role, role_approved=False, role_requested_by=actor)
        _audit_account(actor, user, f"rôle « {label} » demandé pour {_user_label(user)} : en attente d'approbation")
    else:
        User.objects.filter(pk=user.pk).update(role=role, role_approved=True, role_requested_by=None)
        if role != previous_role:
            _audit_account(actor, user, f"rôle « {label} » donné à {_user_label(user)}")
    user.refresh_from_db()
    return user


@transaction.atomic
def role_grant_approve(*, actor: User, user: User) -> User:
    """A second administrator approves a pending role: never the one who asked for it."""
    from django.core.exceptions import ValidationError

    from alliances.access.policy import can_use_admin

    from .enums import Role

    locked = User.objects.select_for_update().get(pk=user.pk)
    if not can_use_admin(actor):
        raise ValidationError("Seul un administrateur peut approuver un rôle.")
    if locked.role_approved:
        raise ValidationError("Ce rôle est déjà approuvé.")
    if locked.role_requested_by_id in (None, actor.pk) or locked.pk == actor.pk:
        raise ValidationError("Un autre administrateur que celui qui l'a demandé doit approuver ce rôle.")
    User.objects.filter(pk=locked.pk).update(role_approved=True)
    _audit_account(
        actor,
        locked,
        f"rôle « {Role(locked.role).label} » de {_user_label(locked)} approuvé "
        f"(demandé par le compte n° {locked.role_requested_by_id})",
    )
    locked.refresh_from_db()
    return locked


@transaction.atomic
def password_set_by_admin(*, actor: User, user: User) -> None:
    """After an administrator sets someone's password: their second-factor devices are removed (the
    administrator cannot log in as them with a code they do not have, and the owner will notice),
    their API tokens revoked, the owner told by email, and the act audited."""
    from django.core.mail import send_mail
    from django.utils import timezone

    TOTPDevice.objects.filter(user=user).delete()
    ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    _audit_account(actor, user, f"mot de passe de {_user_label(user)} changé par un administrateur")
    if user.email:
        email = user.email
        transaction.on_commit(
            lambda: send_mail(
                "Alliances : votre mot de passe a été changé",
                "Un administrateur a changé le mot de passe de votre compte Alliances.\n"
                "Votre application d'authentification devra être enregistrée à nouveau.\n"
                "Si vous n'avez rien demandé, prévenez votre responsable sans attendre.",
                None,
                [email],
            )
        )


def account_language_set(*, actor: User, language: str) -> User:
    """The account holder chooses the language of her pages and messages; an unknown one changes nothing."""
    if language not in Language.values:
        raise ValueError(f"unknown language: {language!r}")
    if actor.language != language:
        actor.language = language
        actor.save(update_fields=["language"])
    return actor


def account_findable_set(*, actor: User, findable: bool) -> User:
    """The account holder alone decides whether persons may find them by name to add them to a circle."""
    if actor.findable != findable:
        actor.findable = findable
        actor.save(update_fields=["findable"])
    return actor
