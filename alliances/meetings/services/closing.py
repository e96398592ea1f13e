"""After a meeting: what happened (held, missed), and the follow-up a missed meeting calls for."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import (
    AccessDenied,
    is_current_referent,
    may_close_meeting,
    require,
)
from alliances.accounts.models import User
from alliances.circles.enums import AllyRole
from alliances.circles.models import Ally

from ..enums import MeetingStatus
from ..models import (
    FollowUp,
    Meeting,
    MeetingEvent,
)
from .shared import record_change


@transaction.atomic
def meeting_close(*, actor: User, meeting: Meeting, outcome: str) -> Meeting:
    """After its start, the worker records how it ended: held or missed. Missed brings care, not a sanction."""
    require(actor, Action.CHANGE, meeting.person_id, Category.MEETINGS)
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not may_close_meeting(actor, locked.worker_id):
        raise ValidationError({"meeting": "C'est l'intervenant·e du rendez-vous qui le clôt."})
    if locked.status != MeetingStatus.AGREED or locked.starts_at is None:
        raise ValidationError({"meeting": "Seul un rendez-vous convenu peut être clos."})
    if locked.starts_at > timezone.now():
        raise ValidationError({"meeting": "Le rendez-vous n'a pas encore commencé."})
    if outcome not in {MeetingStatus.HELD, MeetingStatus.MISSED}:
        raise ValidationError({"outcome": "Choisissez : tenu ou manqué."})
    locked.status = outcome
    locked.save(update_fields=["status"])
    MeetingEvent.objects.create(meeting=locked, actor=actor, what=f"clos : {locked.get_status_display().lower()}")
    if outcome == MeetingStatus.MISSED:
        referent = Ally.objects.active().filter(person_id=locked.person_id, role=AllyRole.REFERENT).first()
        FollowUp.objects.get_or_create(
            meeting=locked, defaults={"referent_id": referent.user_id if referent else locked.worker_id}
        )
    record_change(actor, locked.person_id, f"rendez-vous {outcome}")
    return locked


@transaction.atomic
def follow_up_done(*, actor: User, follow_up: FollowUp) -> FollowUp:
    """The referent took news of the person after a missed meeting."""
    locked = FollowUp.objects.select_for_update().select_related("meeting").get(pk=follow_up.pk)
    require(actor, Action.CHANGE, locked.meeting.person_id, Category.MEETINGS)
    if not is_current_referent(actor, locked.meeting.person_id):  # the referent's task: nobody else's
        raise AccessDenied("Introuvable.")
    if locked.done_at is None:
        locked.done_at = timezone.now()
        locked.save(update_fields=["done_at"])
        record_change(actor, locked.meeting.person_id, "nouvelles prises après un rendez-vous manqué")
    return locked
