from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import can, own_person_id
from alliances.accounts.models import User
from alliances.core.months import parse_month
from alliances.households.models import Household, Member
from alliances.households.selectors import household_id_of_person
from alliances.households.services import income_continues, income_stopped
from alliances.persons.models import Person
from alliances.rights.engine.results import BENEFITS, CSS_LABEL
from alliances.rights.enums import Helper
from alliances.rights.models import RightsEstimate
from alliances.rights.selectors import estimate_status, procedures_for_person
from alliances.rights.services import rights_estimate_request

from .forms import StartProcedureForm


def rights_context(*, actor: User, person: Person, refresh: bool = False) -> dict[str, Any]:
    """What "Vos droits" shows: each benefit's estimate, what is received, the explanation, the procedure."""
    month_first = timezone.localdate().replace(day=1)
    household_id = household_id_of_person(person=person)
    context: dict[str, Any] = {"month": month_first, "estimate": None, "rows": [], "error": ""}
    procedures = list(procedures_for_person(actor=actor, person=person))
    open_by_benefit = {p.benefit: p for p in procedures if p.state != "closed"}
    context["procedures"] = procedures
    context["can_start"] = can(actor, Action.CHANGE, person, Category.PROCEDURES)
    context["can_answer"] = can(actor, Action.CHANGE, person, Category.HOUSEHOLD)
    context["start_form"] = StartProcedureForm()
    context["is_own"] = own_person_id(actor) == person.pk
    context["helper_choices"] = [
        (code, Helper(code).label) for code in (Helper.ALONE, Helper.MEDIATOR, Helper.REFERENT)
    ]
    if household_id is None:
        context["error"] = _("Le foyer n'est pas encore renseigné : l'estimation n'est pas possible.")
        return context
    household = Household.objects.get(pk=household_id)
    status = estimate_status(household=household, month=month_first)
    if status.stale and not status.pending and not status.failure:
        # Queued, never computed here: the page shows the last estimate and the progress meanwhile.
        rights_estimate_request(actor=actor, household=household, month=month_first)
        status = estimate_status(household=household, month=month_first)
    context["status"] = status
    estimate = status.estimate
    context["estimate"] = estimate
    if estimate is None:
        return context
    rows = []
    for key, label in BENEFITS.items():
        rows.append(
            {
                "key": key,
                "label": gettext(label),  # marked in rights/said.py
                "amount": estimate.benefits.get(key, 0.0),
                "received": estimate.received.get(key, 0.0),
                "gap": estimate.non_take_up.get(key),
                "explanation": estimate.explanations.get(key, ""),
                "procedure": open_by_benefit.get(key),
            }
        )
    rows.append(
        {
            "key": "css",
            "label": gettext(CSS_LABEL),
            "amount": None,
            "css": estimate.css,
            "css_contribution": estimate.css_contribution,
            "received": None,
            "gap": None,
            "explanation": estimate.explanations.get("css", ""),
            "procedure": open_by_benefit.get("css"),
        }
    )
    context["rows"] = rows
    return context


def rights_refresh(*, actor: User, person: Person) -> None:
    """The "Recalculer" button: queues a new computation of the person's household, even if current."""
    household_id = household_id_of_person(person=person)
    if household_id is not None:
        month_first = timezone.localdate().replace(day=1)
        household = Household.objects.get(pk=household_id)
        rights_estimate_request(actor=actor, household=household, month=month_first, force=True)


def rights_status_context(*, actor: User, person: Person) -> dict[str, Any]:
    """The progress fragment's context (no personal data: whether a computation is under way)."""
    household_id = household_id_of_person(person=person)
    if household_id is None:
        return {"status": None}
    household = Household.objects.get(pk=household_id)
    return {"status": estimate_status(household=household, month=timezone.localdate().replace(day=1))}


def rights_assumption_answer(
    *, actor: User, person: Person, member_id: int, income_type: str, ended_on: date | None
) -> None:
    """Answers an assumption of the person's current estimate (read from the stored estimate, never from
    the form: the amount and the months are the ones the estimate assumed)."""
    household_id = household_id_of_person(person=person)
    month_first = timezone.localdate().replace(day=1)
    estimate = (
        RightsEstimate.objects.filter(household_id=household_id, month=month_first).first() if household_id else None
    )
    found = next(
        (
            a
            for a in (estimate.assumptions if estimate else [])
            if str(a["member_id"]) == str(member_id) and a["income_type"] == income_type
        ),
        None,
    )
    member = Member.objects.filter(pk=member_id, household_id=household_id).first() if household_id else None
    if found is None or member is None:
        raise ValidationError(_("Cette estimation a changé entre-temps : rechargez la page."))
    months = [parse_month(m) for m in found["months"]]
    if ended_on is None:
        income_continues(
            actor=actor, member=member, income_type=income_type, months=months, amount=Decimal(str(found["amount"]))
        )
    else:
        income_stopped(actor=actor, member=member, income_type=income_type, ended_on=ended_on, through=months[-1])
