"""Enrolment in the guaranteed income: who is in the scheme, and the account the top-up is paid to."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import household_person_ids, require_on_household
from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record_many
from alliances.households.models import Household

from ..models import Enrollment


def _iban(value: str) -> tuple[str, str]:
    try:
        iban = IBAN(value.replace(" ", ""))
    except SchwiftyException as error:
        raise ValidationError({"iban": "Cet IBAN n'est pas valide : vérifiez les chiffres et la clé."}) from error
    bic = str(iban.bic) if iban.bic else ""
    return str(iban.compact), bic


@transaction.atomic
def enrollment_set(
    *,
    actor: User,
    household: Household,
    enrolled: bool,
    iban: str = "",
    account_holder: str = "",
    since: date | None = None,
) -> Enrollment:
    require_on_household(actor, Action.CHANGE, household)
    compact, bic = _iban(iban) if iban.strip() else ("", "")
    if compact and not account_holder.strip():
        raise ValidationError({"account_holder": "Indiquez le titulaire du compte."})
    enrollment, _ = Enrollment.objects.update_or_create(
        household=household,
        defaults={
            "enrolled": enrolled,
            "iban": compact,
            "bic": bic,
            "account_holder": account_holder.strip()[:70],
            "since": since or timezone.localdate(),
        },
    )
    audit_record_many(
        actor=actor,
        person_ids=household_person_ids(household),
        category=Category.HOUSEHOLD,
        action=AuditAction.WRITE,
        detail="inscription au RMG",
    )
    return enrollment
