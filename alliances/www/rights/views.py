"""Access to rights: "Vos droits", procedures, and the caseload non-take-up check."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import (
    AccessDenied,
    can,
    can_run_rights_check,
    checks_every_household,
    own_person_id,
    person_allowed,
)
from alliances.accounts.models import User
from alliances.accounts.requests import AuthenticatedRequest
from alliances.core.months import month_str, parse_month
from alliances.households.selectors import household_id_of_person
from alliances.mediation.catalogue import catalogue
from alliances.persons.models import Person
from alliances.persons.selectors import person_get
from alliances.rights.enums import TRANSITIONS, ProcedureState
from alliances.rights.models import Procedure, RightsCheckRun, RightsEstimate
from alliances.rights.selectors import non_take_up_list, procedure_get, run_get
from alliances.rights.services import (
    procedure_document_set,
    procedure_start,
    procedure_transition,
    procedure_update,
    rights_check_run_start,
)
from alliances.www.forms import submit
from alliances.www.person_file.views import file_context

from .context import rights_assumption_answer, rights_context, rights_refresh, rights_status_context
from .forms import AssumptionForm, DeadlineForm, RunForm, StartProcedureForm, TransitionForm


def _actor(request: AuthenticatedRequest) -> User:
    return request.user


@login_required
def person_rights(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    person = person_get(actor=actor, person_id=pk, category=Category.HOUSEHOLD)
    if request.method == "POST":
        return _refresh(request, person, redirect("person_rights", pk))
    context = rights_context(actor=actor, person=person)
    return render(
        request,
        "rights/person_rights.html",
        {
            **file_context(actor, person, "person_rights"),
            **context,
            "start_url_name": "person_procedure_start",
            "status_url": reverse("person_rights_status", args=[pk]),
            "answer_url": reverse("person_income_assumption", args=[pk]),
        },
    )


def _own_person_id(actor: User) -> int:
    person_id = own_person_id(actor)
    if person_id is None:
        raise AccessDenied("Introuvable.")
    return person_id


@login_required
def portal_rights(request: AuthenticatedRequest) -> HttpResponse:
    actor = _actor(request)
    person = person_get(actor=actor, person_id=_own_person_id(actor), category=Category.HOUSEHOLD)
    if request.method == "POST":
        return _refresh(request, person, redirect("portal:rights"))
    context = rights_context(actor=actor, person=person)
    return render(
        request,
        "rights/portal_rights.html",
        {"title": _("Mes droits"), "person": person, "status_url": reverse("portal:rights_status"), **context},
    )


@login_required
@require_POST
def person_income_assumption(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """One click on an income counted as stable: "it continues" records its amount for the months it was
    carried into; "it ended on D" records 0 € from then on. The estimate then goes stale and is queued."""
    actor = _actor(request)
    person_allowed(actor, pk, Category.HOUSEHOLD, Action.CHANGE)  # may change the household, else 404
    person = person_get(actor=actor, person_id=pk, category=Category.HOUSEHOLD)
    form = AssumptionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors.get("ended_on") or _("Choisissez une réponse."))
        rights_assumption_answer(
            actor=actor,
            person=person,
            member_id=form.cleaned_data["member_id"],
            income_type=form.cleaned_data["income_type"],
            ended_on=form.cleaned_data["ended_on"] if form.cleaned_data["choice"] == "stopped" else None,
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("C'est enregistré : les droits sont recalculés avec ce revenu."))
    return redirect("person_rights", pk)


def _refresh(request: AuthenticatedRequest, person: Person, then: HttpResponse) -> HttpResponse:
    try:
        rights_refresh(actor=_actor(request), person=person)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return then


def _status(request: AuthenticatedRequest, person: Person) -> HttpResponse:
    """The progress of a recomputation (polled every 2 s by htmx). Once it is over, the page reloads to
    show the new estimate (or why it failed). Records nothing: no personal data is shown."""
    context = rights_status_context(actor=_actor(request), person=person)
    response = render(request, "rights/_estimate_status.html", {**context, "status_url": request.path})
    status = context["status"]
    if status is None or not status.pending:
        response["HX-Refresh"] = "true"
    return response


@login_required
def person_rights_status(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _status(request, person_allowed(_actor(request), pk, Category.HOUSEHOLD))


@login_required
def portal_rights_status(request: AuthenticatedRequest) -> HttpResponse:
    actor = _actor(request)
    return _status(request, person_allowed(actor, _own_person_id(actor), Category.HOUSEHOLD))


def _start(request: AuthenticatedRequest, person: Person) -> Procedure | None:
    actor = _actor(request)
    form = StartProcedureForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez un droit et qui aide pour cette démarche."))
        return None
    estimate = None
    household_id = household_id_of_person(person=person)
    if household_id:
        estimate = RightsEstimate.objects.filter(
            household_id=household_id, month=timezone.localdate().replace(day=1)
        ).first()
    amount = estimate.benefits.get(form.cleaned_data["benefit"]) if estimate else None
    try:
        procedure = procedure_start(
            actor=actor,
            person=person,
            benefit=form.cleaned_data["benefit"],
            helper=form.cleaned_data["helper"] or None,
            estimated_amount=amount,
            household=estimate.household if estimate else None,
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return None
    messages.success(request, f"La démarche « {procedure.get_benefit_display()} » est ouverte.")
    return procedure


@login_required
@require_POST
def person_procedure_start(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    person = person_get(actor=actor, person_id=pk, category=Category.PROCEDURES)
    procedure = _start(request, person)
    return redirect("procedure_detail", procedure.pk) if procedure else redirect("person_rights", pk=pk)


@login_required
@require_POST
def portal_procedure_start(request: AuthenticatedRequest) -> HttpResponse:
    actor = _actor(request)
    person_id = own_person_id(actor)
    if person_id is None:
        raise AccessDenied("Introuvable.")
    person = person_get(actor=actor, person_id=person_id, category=Category.PROCEDURES)
    procedure = _start(request, person)
    return redirect("procedure_detail", procedure.pk) if procedure else redirect("portal:rights")


def _procedure_page(
    request: AuthenticatedRequest,
    procedure_id: int,
    *,
    transition_form: TransitionForm | None = None,
    deadline_form: DeadlineForm | None = None,
) -> HttpResponse:
    actor = _actor(request)
    procedure = procedure_get(actor=actor, procedure_id=procedure_id)
    allowed = [
        (state, str(ProcedureState(state).label))
        for state in ProcedureState.values
        if state in TRANSITIONS[procedure.state]
    ]
    can_change = can(actor, Action.CHANGE, procedure.person_id, Category.PROCEDURES)
    return render(
        request,
        "rights/procedure_detail.html",
        {
            "title": f"Démarche : {procedure.get_benefit_display()}",
            "procedure": procedure,
            "can_change": can_change,
            "is_own": own_person_id(actor) == procedure.person_id,
            "transition_form": transition_form
            or TransitionForm(allowed=allowed, initial={"occurred_on": timezone.localdate()}),
            "deadline_form": deadline_form
            or DeadlineForm(initial={"deadline": procedure.deadline, "reminder_on": procedure.reminder_on}),
            "has_transitions": bool(allowed),
            "online": catalogue().for_benefit(procedure.benefit),
        },
    )


@login_required
def procedure_detail(request: AuthenticatedRequest, procedure_id: int) -> HttpResponse:
    return _procedure_page(request, procedure_id)


@login_required
@require_POST
def procedure_step(request: AuthenticatedRequest, procedure_id: int) -> HttpResponse:
    actor = _actor(request)
    procedure = procedure_get(actor=actor, procedure_id=procedure_id)
    allowed = [(s, str(ProcedureState(s).label)) for s in ProcedureState.values if s in TRANSITIONS[procedure.state]]
    form = TransitionForm(request.POST, allowed=allowed)
    if submit(request, form, lambda data: procedure_transition(actor=actor, procedure=procedure, **data), ""):
        messages.success(request, f"Étape enregistrée : {procedure.get_state_display()}.")  # the service moved it
        return redirect("procedure_detail", procedure_id)
    return _procedure_page(request, procedure_id, transition_form=form)


@login_required
@require_POST
def procedure_deadline(request: AuthenticatedRequest, procedure_id: int) -> HttpResponse:
    actor = _actor(request)
    procedure = procedure_get(actor=actor, procedure_id=procedure_id)
    form = DeadlineForm(request.POST)
    done = _("L'échéance et le rappel sont enregistrés.")
    if submit(request, form, lambda data: procedure_update(actor=actor, procedure=procedure, **data), done):
        return redirect("procedure_detail", procedure_id)
    return _procedure_page(request, procedure_id, deadline_form=form)


@login_required
@require_POST
def procedure_document(request: AuthenticatedRequest, procedure_id: int) -> HttpResponse:
    actor = _actor(request)
    procedure = procedure_get(actor=actor, procedure_id=procedure_id)
    try:
        procedure_document_set(
            actor=actor,
            procedure=procedure,
            label=request.POST.get("label", ""),
            provided=request.POST.get("provided") == "1",
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("procedure_detail", procedure_id)


@login_required
def non_take_up(request: AuthenticatedRequest) -> HttpResponse:
    """The caseload check: launch it in the background, follow its progress, read the list."""
    actor = _actor(request)
    if not can_run_rights_check(actor):
        raise AccessDenied("Introuvable.")
    current = month_str(timezone.localdate())
    form = RunForm(request.POST or None, initial={"month": request.GET.get("mois", current)})
    started = request.method == "POST" and submit(
        request,
        form,
        lambda data: rights_check_run_start(actor=actor, month=data["month"], commune=data["commune"]),
        _("La vérification est lancée : la liste se met à jour à la fin."),
    )
    if started:
        return redirect(f"{request.path}?mois={form.cleaned_data['month']}&run={started.value.pk}")
    month_text = request.GET.get("mois", current)
    try:
        month = parse_month(month_text)
    except ValueError:
        month = parse_month(current)
    run: RightsCheckRun | None = None
    if request.GET.get("run", "").isdigit():
        run = run_get(actor=actor, run_id=int(request.GET["run"]))
    return render(
        request,
        "rights/non_take_up.html",
        {
            "title": _("Non-recours aux droits"),
            "form": form,
            "month": month,
            "run": run,
            "rows": non_take_up_list(actor=actor, month=month),
            "every_household": checks_every_household(actor),
        },
    )


@login_required
def run_progress(request: AuthenticatedRequest, run_id: int) -> HttpResponse:
    run = run_get(actor=_actor(request), run_id=run_id)
    return render(request, "rights/_run_progress.html", {"run": run})
