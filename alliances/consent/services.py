from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from alliances.access.actions import Action
from alliances.access.categories import SHAREABLE, Category
from alliances.access.policy import forget, require
from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record
from alliances.circles.enums import AllyRole
from alliances.circles.models import Ally

from .models import Sharing, SharingChange


def _check(actor: User, ally: Ally, category: str) -> Ally:
    require(actor, Action.CHANGE, ally.person_id, Category.CONSENT)
    if category not in SHAREABLE:
        raise ValidationError({"category": "Cette rubrique ne peut pas être partagée."})
    locked = Ally.objects.select_for_update().get(pk=ally.pk)
    if not locked.is_active:
        raise ValidationError({"ally": "Cette personne ne fait plus partie du cercle."})
    if locked.role == AllyRole.REFERENT:
        raise ValidationError({"ally": "Le ou la référent·e unique accède déjà à tout le dossier."})
    return locked


@transaction.atomic
def sharing_grant(*, actor: User, ally: Ally, category: str) -> Sharing:
    """The person (or their referent, at the person's request) shares one category with one ally."""
    locked = _check(actor, ally, category)
    sharing, created = Sharing.objects.get_or_create(
        ally=locked, category=category, defaults={"granted_at": timezone.now()}
    )
    if created:
        SharingChange.objects.create(
            person_id=locked.person_id, ally=locked, category=category, granted=True, changed_by=actor
        )
        audit_record(
            actor=actor,
            person_id=locked.person_id,
            category=Category.CONSENT,
            action=AuditAction.WRITE,
            detail=f"partage accordé : {category}",
        )
    forget(locked.user)
    return sharing


@transaction.atomic
def sharing_withdraw(*, actor: User, ally: Ally, category: str) -> bool:
    """Withdraws a sharing. Returns False when there was nothing to withdraw."""
    locked = _check(actor, ally, category)
    deleted, _ = Sharing.objects.filter(ally=locked, category=category).delete()
    if deleted:
        SharingChange.objects.create(
            person_id=locked.person_id, ally=locked, category=category, granted=False, changed_by=actor
        )
        audit_record(
            actor=actor,
            person_id=locked.person_id,
            category=Category.CONSENT,
            action=AuditAction.WRITE,
            detail=f"partage retiré : {category}",
        )
    forget(locked.user)
    return bool(deleted)
