"""The guaranteed income: officers run the monthly cycle; persons see each month's amount and why."""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import AccessDenied, can_on_household, can_run_income_cycle, own_person_id
from alliances.accounts.models import User
from alliances.accounts.requests import AuthenticatedRequest
from alliances.core.months import of_month, parse_month
from alliances.households.models import Household
from alliances.households.selectors import household_get
from alliances.income.models import Cycle, Entitlement
from alliances.income.review import (
    FILTERS,
    change_groups,
    entitlement_detail,
    entitlements_page,
    review_change_threshold,
    review_summary,
)
from alliances.income.selectors import cycle_summary, cycles_list, income_history_for_person, sepa_file_get
from alliances.income.services import (
    cycle_approve,
    cycle_close,
    cycle_open,
    enrollment_set,
    entitlement_review,
)
from alliances.income.transitions import cycle_compute_start, cycle_pay_start
from alliances.persons.selectors import person_get
from alliances.www.forms import submit
from alliances.www.person_file.views import file_context

from .forms import EnrollmentForm, OpenCycleForm


def _officer(request: AuthenticatedRequest) -> User:
    actor = request.user
    if not can_run_income_cycle(actor):
        raise AccessDenied("Introuvable.")
    return actor


@login_required
def cycles(request: AuthenticatedRequest) -> HttpResponse:
    actor = _officer(request)
    form = OpenCycleForm(request.POST or None)

    def write(data: dict[str, Any]) -> Cycle:
        try:
            month = parse_month(data["month"])
        except ValueError as error:
            raise ValidationError({"month": str(error)}) from error
        return cycle_open(actor=actor, month=month)

    opened = request.method == "POST" and submit(request, form, write, "")
    if opened:
        return redirect("income_cycle", opened.value.pk)
    return render(
        request,
        "income/cycles.html",
        {"title": _("Revenu minimum garanti"), "form": form, "cycles": cycles_list(actor=actor)},
    )


@login_required
def cycle_detail(request: AuthenticatedRequest, cycle_id: int) -> HttpResponse:
    actor = _officer(request)
    summary = cycle_summary(actor=actor, cycle_id=cycle_id)
    cycle = summary["cycle"]
    review = review_summary(cycle) if cycle.status != "draft" else None
    return render(
        request,
        "income/cycle.html",
        {"title": _("Cycle mensuel"), **summary, "change": review, "flags": FILTERS, "record": cycle.approval_record},
    )


@login_required
def cycle_entitlements(request: AuthenticatedRequest, cycle_id: int) -> HttpResponse:
    """Every entitlement of the cycle, filterable and paged (the second officer's review)."""
    actor = _officer(request)
    group, flag = request.GET.get("groupe", ""), request.GET.get("filtre", "")
    reference = request.GET.get("foyer", "")[:20]
    cycle, page = entitlements_page(
        actor=actor, cycle_id=cycle_id, group=group, flag=flag, reference=reference, page=request.GET.get("page", 1)
    )
    groups = change_groups(review_change_threshold(month=cycle.month))
    query = {"groupe": group, "filtre": flag, "foyer": reference}
    return render(
        request,
        "income/entitlements.html",
        {
            "title": f"Droits du cycle {of_month(cycle.month)}",
            "cycle": cycle,
            "page": page,
            "groups": groups,
            "flags": FILTERS,
            "group": group,
            "flag": flag,
            "reference": reference,
            "query": urlencode({k: v for k, v in query.items() if v}),
        },
    )


@login_required
def cycle_entitlement(request: AuthenticatedRequest, cycle_id: int, entitlement_id: int) -> HttpResponse:
    actor = _officer(request)
    context = entitlement_detail(actor=actor, cycle_id=cycle_id, entitlement_id=entitlement_id)
    return render(
        request,
        "income/entitlement.html",
        {
            "title": f"Foyer {context['entitlement'].household.reference}",
            **context,
            "back": request.GET.get("retour", ""),
        },
    )


@login_required
def cycle_progress(request: AuthenticatedRequest, cycle_id: int) -> HttpResponse:
    actor = _officer(request)
    return render(request, "income/_progress.html", cycle_summary(actor=actor, cycle_id=cycle_id))


def _step(
    request: AuthenticatedRequest, cycle_id: int, run: Callable[[User, Cycle], object], done: str
) -> HttpResponse:
    """Runs one transition's service; the page says it was done or started, or why it was refused."""
    actor = _officer(request)
    cycle = Cycle.objects.filter(pk=cycle_id).first()
    if cycle is None:
        raise AccessDenied("Introuvable.")
    try:
        run(actor, cycle)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("income_cycle", cycle_id)


@login_required
@require_POST
def cycle_compute_view(request: AuthenticatedRequest, cycle_id: int) -> HttpResponse:
    return _step(
        request,
        cycle_id,
        lambda actor, cycle: cycle_compute_start(actor=actor, cycle=cycle),
        _("Le calcul est lancé : la page suit sa progression."),
    )


@login_required
@require_POST
def cycle_approve_view(request: AuthenticatedRequest, cycle_id: int) -> HttpResponse:
    return _step(
        request, cycle_id, lambda actor, cycle: cycle_approve(actor=actor, cycle=cycle), _("Le cycle est approuvé.")
    )


@login_required
@require_POST
def cycle_pay_view(request: AuthenticatedRequest, cycle_id: int) -> HttpResponse:
    return _step(
        request,
        cycle_id,
        lambda actor, cycle: cycle_pay_start(actor=actor, cycle=cycle),
        _("Les paiements et les fichiers SEPA sont en préparation : la page suit leur progression."),
    )


@login_required
@require_POST
def cycle_close_view(request: AuthenticatedRequest, cycle_id: int) -> HttpResponse:
    return _step(request, cycle_id, lambda actor, cycle: cycle_close(actor=actor, cycle=cycle), _("Le cycle est clos."))


@login_required
@require_POST
def entitlement_review_view(request: AuthenticatedRequest, cycle_id: int, entitlement_id: int) -> HttpResponse:
    def review(actor: User, cycle: Cycle) -> object:
        entitlement = Entitlement.objects.filter(cycle=cycle, pk=entitlement_id).select_related("cycle").first()
        if entitlement is None:
            raise AccessDenied("Introuvable.")
        return entitlement_review(actor=actor, entitlement=entitlement)

    done = _step(request, cycle_id, review, _("Montant vérifié."))
    back = request.POST.get("retour", "")
    if back.startswith("/revenu-garanti/") and url_has_allowed_host_and_scheme(back, allowed_hosts=None):
        return redirect(back)
    return done


@login_required
def cycle_sepa(request: AuthenticatedRequest, cycle_id: int, sequence: int) -> HttpResponse:
    actor = _officer(request)
    sepa = sepa_file_get(actor=actor, cycle_id=cycle_id, sequence=sequence)
    response = HttpResponse(sepa.xml, content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="rmg-{sepa.cycle.month:%Y-%m}-pain001-{sequence}.xml"'
    return response


@login_required
@require_POST
def household_enrollment(request: AuthenticatedRequest, household_id: int) -> HttpResponse:
    actor = request.user
    household = household_get(actor=actor, household_id=household_id)
    form = EnrollmentForm(request.POST)
    applicant = household.members.filter(role="applicant").values_list("person_id", flat=True).first()
    if form.is_valid():
        try:
            enrollment_set(
                actor=actor,
                household=household,
                enrolled=form.cleaned_data["enrolled"],
                iban=form.cleaned_data["iban"],
                account_holder=form.cleaned_data["account_holder"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("L'inscription au revenu minimum garanti est enregistrée."))
    return redirect("person_income", pk=applicant) if applicant else redirect("home")


@login_required
def person_income(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    actor = request.user
    person = person_get(actor=actor, person_id=pk, category=Category.HOUSEHOLD)
    history = income_history_for_person(actor=actor, person=person)
    enrollment = None
    form = None
    household_id = history.get("household_id")
    if household_id:
        from alliances.income.models import Enrollment

        enrollment = Enrollment.objects.filter(household_id=household_id).first()
    # The form only for whom the policy lets change the household: never shown to a mediator or a peer
    # who was shared the household, who could only fail to save it.
    if household_id and can_on_household(actor, Action.CHANGE, Household.objects.get(pk=household_id)):
        form = EnrollmentForm(
            initial={
                "enrolled": enrollment.enrolled if enrollment else False,
                "iban": enrollment.iban if enrollment else "",
                "account_holder": enrollment.account_holder if enrollment else "",
            }
        )
    return render(
        request,
        "income/person_income.html",
        {
            **file_context(actor, person, "person_income"),
            **history,
            "enrollment": enrollment,
            "form": form,
        },
    )


@login_required
def portal_income(request: AuthenticatedRequest) -> HttpResponse:
    actor = request.user
    person_id = own_person_id(actor)
    if person_id is None:
        raise AccessDenied("Introuvable.")
    person = person_get(actor=actor, person_id=person_id, category=Category.HOUSEHOLD)
    return render(
        request,
        "income/portal_income.html",
        {
            "title": _("Mon revenu garanti"),
            "person": person,
            **income_history_for_person(actor=actor, person=person),
        },
    )
