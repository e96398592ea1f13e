"""The plan tab: the goals the person chose, their actions, and the steps the person delegates."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import (
    AccessDenied,
    can,
    person_allowed,
)
from alliances.accounts.models import User
from alliances.accounts.requests import AuthenticatedRequest
from alliances.goals.enums import DecidedBy
from alliances.goals.models import Delegation, GoalAction
from alliances.goals.selectors import goal_get, plan_for
from alliances.goals.services import (
    delegation_create,
    delegation_revoke,
    goal_action_add,
    goal_action_status,
    goal_create,
    goal_update,
)
from alliances.persons.models import Person
from alliances.www.forms import refused, submit
from alliances.www.layout import actor_of, file_and_portal, is_own

from ..forms import (
    ActionForm,
    ActionStatusForm,
    DelegationForm,
    GoalEditForm,
    GoalForm,
    StaffGoalForm,
)
from .tabs import allies_of, render_tab, tab_url


def _plan_page(request: AuthenticatedRequest, actor: User, person: Person, **forms: Any) -> HttpResponse:
    plan = plan_for(actor=actor, person=person)
    own = is_own(actor, person)
    allies = allies_of(person)
    can_change = can(actor, Action.CHANGE, person, Category.PLAN)
    if can_change:
        forms.setdefault("goal_form", GoalForm() if own else StaffGoalForm())
        forms.setdefault(
            "delegation_form",
            DelegationForm(allies=allies, own=own, initial={"decided_by": "person"}),
        )
        forms.setdefault("action_form_empty", ActionForm(allies=allies))
    return render_tab(
        request,
        person,
        "plan",
        "alliance/plan.html",
        _("Mes objectifs") if own else _("Projet et objectifs"),
        plan=plan,
        can_change=can_change,
        status_form=ActionStatusForm(),
        **forms,
    )


person_plan, portal_plan = file_and_portal(_plan_page, Category.PLAN)


@login_required
@require_POST
def goal_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    person = person_allowed(actor, pk, Category.PLAN, Action.CHANGE)
    form: GoalForm = GoalForm(request.POST) if is_own(actor, person) else StaffGoalForm(request.POST)
    if submit(
        request, form, lambda data: goal_create(actor=actor, person=person, **data), _("L'objectif est enregistré.")
    ):
        return redirect(tab_url(actor, person, "plan"))
    return refused(_plan_page(request, actor, person, goal_form=form))


@login_required
def goal_edit(request: AuthenticatedRequest, goal_id: int) -> HttpResponse:
    actor = actor_of(request)
    goal = goal_get(actor=actor, goal_id=goal_id)
    person = person_allowed(actor, goal.person_id, Category.PLAN, Action.CHANGE)
    initial = {"text": goal.text, "bond": goal.bond, "status": goal.status}
    form = GoalEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and submit(
        request, form, lambda data: goal_update(actor=actor, goal=goal, **data), _("L'objectif est mis à jour.")
    ):
        return redirect(tab_url(actor, person, "plan"))
    response = render_tab(
        request,
        person,
        "plan",
        "alliance/goal_edit.html",
        _("Modifier l'objectif"),
        goal=goal,
        form=form,
        back=tab_url(actor, person, "plan"),
        action_form=ActionForm(allies=allies_of(person)),
    )
    response.status_code = 400 if form.errors else 200
    return response


@login_required
@require_POST
def goal_action_new(request: AuthenticatedRequest, goal_id: int) -> HttpResponse:
    actor = actor_of(request)
    goal = goal_get(actor=actor, goal_id=goal_id)
    person = person_allowed(actor, goal.person_id, Category.PLAN, Action.CHANGE)
    allies = allies_of(person)
    form = ActionForm(request.POST, allies=allies)

    def write(data: dict[str, Any]) -> object:
        ally = next((a for a in allies if str(a.pk) == data["ally"]), None)
        return goal_action_add(
            actor=actor,
            goal=goal,
            text=data["text"],
            doer=data["doer"],
            link_type=data["link_type"],
            ally=ally,
            due_on=data["due_on"],
        )

    if submit(request, form, write, _("L'action est ajoutée.")):
        return redirect(tab_url(actor, person, "plan"))
    for field, errors in form.errors.items():
        for message in errors:
            messages.error(request, f"{form.fields[field].label if field in form.fields else 'Action'} : {message}")
    return redirect(tab_url(actor, person, "plan"))


@login_required
@require_POST
def goal_action_update(request: AuthenticatedRequest, action_id: int) -> HttpResponse:
    actor = actor_of(request)
    action = GoalAction.objects.filter(pk=action_id).select_related("goal").first()
    if action is None:
        raise AccessDenied("Introuvable.")
    person = person_allowed(actor, action.goal.person_id, Category.PLAN, Action.CHANGE)
    form = ActionStatusForm(request.POST)
    if form.is_valid():
        goal_action_status(actor=actor, action=action, status=form.cleaned_data["status"])
        messages.success(request, _("L'état de l'action est mis à jour."))
    else:
        messages.error(request, _("Choisissez un état dans la liste."))
    return redirect(tab_url(actor, person, "plan"))


@login_required
@require_POST
def delegation_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    person = person_allowed(actor, pk, Category.PLAN, Action.CHANGE)
    allies = allies_of(person)
    form = DelegationForm(request.POST, allies=allies, own=is_own(actor, person))

    def write(data: dict[str, Any]) -> object:
        ally = next((a for a in allies if str(a.pk) == data["ally"]), None)
        if ally is None:
            raise ValidationError({"ally": _("Choisissez un·e allié·e du cercle.")})
        return delegation_create(
            actor=actor,
            person=person,
            ally=ally,
            task=data["task"],
            decided_by=data.get("decided_by", DecidedBy.PERSON),
            person_consented=data.get("person_consented", True),
        )

    done = _("La délégation est enregistrée. Elle peut être reprise à tout moment.")
    if submit(request, form, write, done):
        return redirect(tab_url(actor, person, "plan"))
    return refused(_plan_page(request, actor, person, delegation_form=form))


@login_required
@require_POST
def delegation_end(request: AuthenticatedRequest, delegation_id: int) -> HttpResponse:
    actor = actor_of(request)
    delegation = Delegation.objects.filter(pk=delegation_id).first()
    if delegation is None:
        raise AccessDenied("Introuvable.")
    person = person_allowed(actor, delegation.person_id, Category.PLAN, Action.CHANGE)
    try:
        delegation_revoke(actor=actor, delegation=delegation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("La tâche est reprise."))
    return redirect(tab_url(actor, person, "plan"))
