from typing import Any

from django.utils import timezone

from alliances.access.actions import Action
from alliances.access.policy import can_on_household
from alliances.accounts.models import User
from alliances.households.enums import IncomeType
from alliances.households.models import Household
from alliances.households.selectors import household_get, household_id_of_person, income_table, last_months
from alliances.persons.models import Person

from .forms import HousingForm, IncomeForm, MemberForm


def household_context(
    *,
    actor: User,
    person: Person | None = None,
    household: Household | None = None,
    forms: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Everything the household tab shows; `forms` replaces blank forms with bound ones (errors)."""
    if household is None:
        assert person is not None
        household_id = household_id_of_person(person=person)
        if household_id is None:
            return {"household": None}
        household = household_get(actor=actor, household_id=household_id)
    forms = forms or {}
    members = list(household.members.all())
    housing = getattr(household, "housing", None)
    months = last_months(until=timezone.localdate(), count=4)
    table = income_table(household=household, months=months)
    income_rows = []
    for member in members:
        for income_type in IncomeType:
            cells = table.get(member.pk, {}).get(income_type.value, {})
            if cells:
                income_rows.append(
                    {"member": member, "type": income_type.label, "amounts": [cells.get(m) for m in months]}
                )
    can_edit = can_on_household(actor, Action.CHANGE, household)
    member_choices = [(m.pk, f"{m.first_name} {m.last_name}") for m in members]
    return {
        "household": household,
        "members": members,
        "housing": housing,
        "months": months,
        "income_rows": income_rows,
        "can_edit": can_edit,
        "housing_form": forms.get("housing")
        or HousingForm(
            initial={"status": housing.status, "rent": housing.rent, "commune_code": housing.commune_code}
            if housing
            else None
        ),
        "member_form": forms.get("member") or MemberForm(),
        "income_form": forms.get("income")
        or IncomeForm(members=member_choices, initial={"month": months[-1].strftime("%Y-%m")}),
    }
