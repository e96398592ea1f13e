"""Household editing. Each form posts with htmx and gets its section back; without JS, a redirect."""

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliances.access.actions import Action
from alliances.access.policy import AccessDenied, can_create_household, require_on_household
from alliances.accounts.models import User
from alliances.accounts.requests import AuthenticatedRequest
from alliances.caseload.services import file_open
from alliances.households.enums import HousingStatus, MemberRole
from alliances.households.models import Household
from alliances.households.selectors import household_get, member_get
from alliances.households.services import (
    HousingData,
    MemberData,
    household_add_member,
    household_remove_member,
    household_set_housing,
    household_update_member,
    income_set,
)
from alliances.persons.services import PersonData
from alliances.www.forms import submit

from .context import household_context
from .forms import HousingForm, IncomeForm, MemberForm, NewHouseholdForm


def _editable(request: AuthenticatedRequest, household_id: int) -> tuple[User, Household]:
    actor = request.user
    household = household_get(actor=actor, household_id=household_id)
    require_on_household(actor, Action.CHANGE, household)
    return actor, household


def _applicant_id(household: Household) -> int:
    applicant = household.members.filter(role=MemberRole.APPLICANT).values_list("person_id", flat=True).first()
    if applicant is None:
        raise AccessDenied("Introuvable.")
    return applicant


def _respond(
    request: AuthenticatedRequest,
    actor: User,
    household: Household,
    section: str,
    forms: dict[str, Any] | None = None,
    ok_message: str = "",
) -> HttpResponse:
    if ok_message:
        messages.success(request, ok_message)
    if request.htmx:
        household = Household.objects.select_related("housing").get(pk=household.pk)
        context = household_context(actor=actor, household=household, forms=forms)
        context["flash"] = ok_message
        list(messages.get_messages(request))  # shown inline, not on the next page
        return render(request, f"households/_{section}.html", context)
    if forms:
        context = household_context(actor=actor, household=household, forms=forms)
        return render(request, "households/edit_errors.html", {**context, "title": _("Corriger le foyer")})
    return redirect("person_household", pk=_applicant_id(household))


@login_required
@require_POST
def housing_update(request: AuthenticatedRequest, household_id: int) -> HttpResponse:
    actor, household = _editable(request, household_id)
    form = HousingForm(request.POST)
    if submit(
        request,
        form,
        lambda data: household_set_housing(
            actor=actor,
            household=household,
            data=HousingData(status=data["status"], commune_code=data["commune_code"], rent=data["rent"] or 0),
        ),
        "",
    ):
        return _respond(request, actor, household, "housing", ok_message=_("Le logement a été enregistré."))
    return _respond(request, actor, household, "housing", forms={"housing": form})


def _member_data(cleaned: dict[str, Any], person_id: int | None = None) -> MemberData:
    return MemberData(
        first_name=cleaned["first_name"],
        last_name=cleaned["last_name"],
        birth_date=cleaned["birth_date"],
        role=cleaned["role"],
        person_id=person_id,
        disability_rate=cleaned.get("disability_rate") or Decimal(0),
        situations=cleaned.get("situations") or (),
    )


@login_required
@require_POST
def member_add(request: AuthenticatedRequest, household_id: int) -> HttpResponse:
    actor, household = _editable(request, household_id)
    form = MemberForm(request.POST)
    if submit(
        request, form, lambda data: household_add_member(actor=actor, household=household, data=_member_data(data)), ""
    ):
        return _respond(request, actor, household, "members", ok_message=_("La personne a été ajoutée au foyer."))
    return _respond(request, actor, household, "members", forms={"member": form})


@login_required
def member_edit(request: AuthenticatedRequest, household_id: int, member_id: int) -> HttpResponse:
    actor, household = _editable(request, household_id)
    member = member_get(actor=actor, household=household, member_id=member_id)
    initial = {
        f: getattr(member, f)
        for f in ("first_name", "last_name", "birth_date", "role", "disability_rate", "situations")
    }
    form = MemberForm(request.POST or None, initial=initial)
    if request.method == "POST" and submit(
        request,
        form,
        lambda data: household_update_member(actor=actor, member=member, data=_member_data(data, member.person_id)),
        _("Les informations du membre ont été enregistrées."),
    ):
        return redirect("person_household", pk=_applicant_id(household))
    return render(
        request,
        "households/member_edit.html",
        {
            "form": form,
            "member": member,
            "household": household,
            "title": _("Modifier un membre du foyer"),
            "applicant_id": _applicant_id(household),
        },
    )


@login_required
@require_POST
def member_remove(request: AuthenticatedRequest, household_id: int, member_id: int) -> HttpResponse:
    actor, household = _editable(request, household_id)
    member = member_get(actor=actor, household=household, member_id=member_id)
    try:
        household_remove_member(actor=actor, member=member)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return _respond(request, actor, household, "members")
    return _respond(
        request,
        actor,
        household,
        "members",
        ok_message=_("Le départ du foyer est enregistré. Ses ressources restent dans l'historique."),
    )


@login_required
@require_POST
def income_update(request: AuthenticatedRequest, household_id: int) -> HttpResponse:
    actor, household = _editable(request, household_id)
    choices = [(m.pk, str(m)) for m in household.members.all()]
    form = IncomeForm(request.POST, members=choices)

    def write(data: dict[str, Any]) -> object:
        member = member_get(actor=actor, household=household, member_id=data["member"])
        return income_set(
            actor=actor, member=member, income_type=data["income_type"], month=data["month"], amount=data["amount"]
        )

    if submit(request, form, write, ""):
        return _respond(request, actor, household, "incomes", ok_message=_("La ressource a été enregistrée."))
    return _respond(request, actor, household, "incomes", forms={"income": form})


@login_required
def household_new(request: AuthenticatedRequest) -> HttpResponse:
    """Opens the file of a new person with their household and housing, all or nothing."""
    actor = request.user
    if not can_create_household(actor):
        raise AccessDenied("Introuvable.")
    form = NewHouseholdForm(request.POST or None, initial={"status": HousingStatus.TENANT, "commune_code": "35238"})
    opened = request.method == "POST" and submit(request, form, lambda data: _open_file(actor, data), "")
    if opened:
        person, household = opened.value
        messages.success(request, f"Le dossier de {person.display_name} est ouvert (foyer {household.reference}).")
        return redirect("person_household", pk=person.pk)
    return render(request, "households/new.html", {"form": form, "title": _("Ouvrir un dossier")})


def _open_file(actor: User, data: dict[str, Any]) -> tuple[Any, Household]:
    return file_open(
        actor=actor,
        person=PersonData(
            last_name=data["last_name"],
            first_names=data["first_names"],
            birth_date=data["birth_date"],
            phone=data.get("phone") or "",
            email=data.get("email") or "",
        ),
        housing=HousingData(status=data["status"], commune_code=data["commune_code"], rent=data["rent"] or 0),
    )
