"""What the meeting services share: the open statuses, the options a proposal offers, the delay before
a meeting under which a person calls rather than moves it, and the audit of each change."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings

from alliances.access.categories import Category
from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record

from ..enums import MeetingStatus

OPEN = (MeetingStatus.PROPOSED, MeetingStatus.AGREED)

OUTSIDE = "Ce créneau est en dehors des disponibilités. Il faut l'accord explicite des deux côtés."

TOO_LATE = "Le rendez-vous est dans moins de {hours} heures : appelez votre référent·e pour le changer."


@dataclass(frozen=True)
class OptionIn:
    starts_at: datetime
    ends_at: datetime
    place_kind: str
    office_id: int | None = None
    place_text: str = ""
    outside_availability: bool = False


def change_delay() -> timedelta:
    return timedelta(hours=getattr(settings, "MEETINGS_CHANGE_DELAY_HOURS", 24))


def record_change(actor: User, person_id: int, detail: str) -> None:
    audit_record(actor=actor, person_id=person_id, category=Category.MEETINGS, action=AuditAction.WRITE, detail=detail)
