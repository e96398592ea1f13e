from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import can
from alliances.accounts.models import User
from alliances.households.models import Household
from alliances.households.selectors import household_id_of_person
from alliances.persons.models import Person
from alliances.rights.engine.months import month_str
from alliances.rights.engine.results import BENEFITS, CSS_LABEL
from alliances.rights.selectors import estimate_for, procedures_for_person
from alliances.rights.services import rights_estimate_refresh

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
    context["start_form"] = StartProcedureForm()
    if household_id is None:
        context["error"] = "Le foyer n'est pas encore renseigné : l'estimation n'est pas possible."
        return context
    household = Household.objects.get(pk=household_id)
    estimate = estimate_for(household=household, month=month_first)
    if estimate is None or refresh or _stale(estimate.computed_at.date()):
        try:
            estimate = rights_estimate_refresh(actor=actor, household=household, month=month_str(month_first))
        except ValidationError as error:
            context["error"] = " ".join(error.messages)
            return context
    context["estimate"] = estimate
    rows = []
    for key, label in BENEFITS.items():
        rows.append(
            {
                "key": key,
                "label": label,
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
            "label": CSS_LABEL,
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


def _stale(computed_on: date) -> bool:
    return computed_on < timezone.localdate()
