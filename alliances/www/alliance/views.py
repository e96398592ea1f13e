"""The alliance pages: circle, bonds and readings, plan and goals, journal. One view serves the staff
file and the person's own space; the layout follows whose file it is. Every read goes through an
audited selector, every write through a service; the policy decides both."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import (
    AccessDenied,
    can,
    can_keep_private_notes,
    person_allowed,
    persons_visible_to,
)
from alliances.accounts.models import User
from alliances.alliance.models import Ally
from alliances.alliance.selectors import circle_for, journal_for, private_notes_for
from alliances.alliance.services import (
    ally_add,
    ally_links_set,
    interaction_record,
    own_words_write,
    private_note_add,
    referent_handover,
)
from alliances.assessments.enums import InstrumentCode
from alliances.assessments.instruments import instrument_get
from alliances.assessments.selectors import reading_prefill, readings_for
from alliances.assessments.services import reading_record
from alliances.core.validation import today
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
from alliances.www.forms import errors_to_form
from alliances.www.layout import actor_of, file_and_portal, is_own, me, render_for

from .context import bonds_context, circle_context
from .forms import (
    ActionForm,
    ActionStatusForm,
    AllyAddForm,
    DelegationForm,
    GoalEditForm,
    GoalForm,
    HandoverForm,
    InteractionForm,
    LinkTypesForm,
    OwnWordsForm,
    PrivateNoteForm,
    StaffGoalForm,
    reading_fields,
)

PORTAL_PAGES = {
    "circle": "portal:circle",
    "bonds": "portal:bonds",
    "plan": "portal:plan",
    "journal": "portal:interactions",
}
STAFF_PAGES = {"circle": "person_circle", "bonds": "person_bonds", "plan": "person_plan", "journal": "person_journal"}


def _page_url(actor: User, person: Person, page: str) -> str:
    if is_own(actor, person):
        return reverse(PORTAL_PAGES[page])
    return reverse(STAFF_PAGES[page], args=[person.pk])


def _render(request: HttpRequest, person: Person, page: str, template: str, title: str, **context: Any) -> HttpResponse:
    return render_for(request, person, STAFF_PAGES.get(page, ""), template, title, **context)


def _allies(person: Person) -> list[Ally]:
    return list(Ally.objects.active().filter(person=person).select_related("user").order_by("role", "id"))


# --- Circle ---------------------------------------------------------------------------------------------


def _circle_page(request: HttpRequest, actor: User, person: Person, **forms: Any) -> HttpResponse:
    can_change = can(actor, Action.CHANGE, person, Category.CONSENT)
    context = circle_context(circle_for(actor=actor, person=person), name=person.display_name, label=person.first_name)
    if can_change and not is_own(actor, person):
        forms.setdefault("add_form", AllyAddForm())
        forms.setdefault("handover_form", HandoverForm(initial={"on": today()}))
    title = _("Mon cercle") if is_own(actor, person) else _("Cercle des allié·es")
    return _render(request, person, "circle", "alliance/circle.html", title, can_change=can_change, **context, **forms)


person_circle, portal_circle = file_and_portal(_circle_page, Category.CONSENT)


@login_required
@require_POST
def person_ally_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    person = person_allowed(actor, pk, Category.CONSENT, Action.CHANGE)
    form = AllyAddForm(request.POST)
    if form.is_valid():
        try:
            ally_add(actor=actor, person=person, **form.cleaned_data)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("La personne a rejoint le cercle."))
            return redirect("person_circle", pk=pk)
    response = _circle_page(request, actor, person, add_form=form)
    response.status_code = 400
    return response


@login_required
@require_POST
def ally_links(request: HttpRequest, ally_id: int) -> HttpResponse:
    """Sets the link types of one alliance; from the file or from the person's own space."""
    actor = actor_of(request)
    ally = Ally.objects.active().filter(pk=ally_id).select_related("person").first()
    if ally is None or not can(actor, Action.CHANGE, ally.person, Category.CONSENT):
        raise AccessDenied("Introuvable.")
    form = LinkTypesForm(request.POST)
    if form.is_valid():
        try:
            ally_links_set(actor=actor, ally=ally, link_types=form.cleaned_data["link_types"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Les types de liens ont été enregistrés."))
    else:
        messages.error(request, _("Choisissez des types de liens dans la liste."))
    return redirect(_page_url(actor, ally.person, "circle"))


@login_required
@require_POST
def person_handover(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    person = person_allowed(actor, pk, Category.CONSENT, Action.CHANGE)
    form = HandoverForm(request.POST)
    if form.is_valid():
        try:
            referent_handover(
                actor=actor,
                person=person,
                successor=form.cleaned_data["successor"],
                note=form.cleaned_data["note"],
                on=form.cleaned_data["on"],
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("Le passage de relais est enregistré."))
            # The former referent may no longer see the file: back to their list.
            return (
                redirect("person_circle", pk=pk)
                if can(actor, Action.VIEW, person, Category.CONSENT)
                else redirect("caseload")
            )
    response = _circle_page(request, actor, person, handover_form=form)
    response.status_code = 400
    return response


# --- Bonds and readings ------------------------------------------------------------------------------------


def _bonds_page(request: HttpRequest, actor: User, person: Person) -> HttpResponse:
    readings = readings_for(actor=actor, person=person)
    title = _("Mes liens") if is_own(actor, person) else _("Liens et évaluations")
    return _render(
        request,
        person,
        "bonds",
        "alliance/bonds.html",
        title,
        can_change=can(actor, Action.CHANGE, person, Category.BONDS),
        **bonds_context(readings, own=is_own(actor, person)),
    )


person_bonds, portal_bonds = file_and_portal(_bonds_page, Category.BONDS)


def _reading_data(instrument_code: str, post: Any) -> tuple[dict[str, str], dict[str, str]]:
    instrument = instrument_get(instrument_code)
    assert instrument is not None
    values = {code: post.get(code, "") for code in instrument.items if post.get(code, "") != ""}
    words = {code: post.get(f"words_{code}", "") for code in instrument.items if post.get(f"words_{code}", "")}
    return values, words


@login_required
def reading_new(request: HttpRequest, pk: int, instrument: str) -> HttpResponse:
    """A reading form; the person fills in theirs, the worker theirs (or the person's, together on screen)."""
    actor = actor_of(request)
    person = person_allowed(actor, pk, Category.BONDS, Action.CHANGE)
    found = instrument_get(instrument)
    if found is None or instrument not in InstrumentCode.values:
        raise AccessDenied("Introuvable.")
    errors: dict[str, list[str]] = {}
    data: dict[str, Any] = {}
    if request.method == "POST":
        values, words = _reading_data(instrument, request.POST)
        data = {**values, **{f"words_{k}": v for k, v in words.items()}, "comment": request.POST.get("comment", "")}
        try:
            reading_record(
                actor=actor,
                person=person,
                instrument_code=instrument,
                values=values,
                words=words,
                comment=request.POST.get("comment", ""),
                together=request.POST.get("together") == "1",
            )
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
        else:
            messages.success(request, _("La lecture est enregistrée."))
            return redirect(_page_url(actor, person, "bonds"))
    own = is_own(actor, person)
    if request.method != "POST":
        data = reading_prefill(actor=actor, person=person, instrument_code=instrument)
    response = _render(
        request,
        person,
        "bonds",
        "alliance/reading_form.html",
        found.title_mine if own else found.title,
        instrument=found,
        groups=reading_fields(found, data, own=own),
        data=data,
        errors=errors,
        error_list=[message for messages_ in errors.values() for message in messages_],
        own=own,
    )
    response.status_code = 400 if errors else 200
    return response


# --- Plan: goals, actions, delegations ------------------------------------------------------------------------


def _plan_page(request: HttpRequest, actor: User, person: Person, **forms: Any) -> HttpResponse:
    plan = plan_for(actor=actor, person=person)
    own = is_own(actor, person)
    allies = _allies(person)
    can_change = can(actor, Action.CHANGE, person, Category.PLAN)
    if can_change:
        forms.setdefault("goal_form", GoalForm() if own else StaffGoalForm())
        forms.setdefault(
            "delegation_form",
            DelegationForm(allies=allies, own=own, initial={"decided_by": "person"}),
        )
        forms.setdefault("action_form_empty", ActionForm(allies=allies))
    return _render(
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
def goal_new(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    person = person_allowed(actor, pk, Category.PLAN, Action.CHANGE)
    form: GoalForm = GoalForm(request.POST) if is_own(actor, person) else StaffGoalForm(request.POST)
    if form.is_valid():
        try:
            goal_create(actor=actor, person=person, **form.cleaned_data)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("L'objectif est enregistré."))
            return redirect(_page_url(actor, person, "plan"))
    response = _plan_page(request, actor, person, goal_form=form)
    response.status_code = 400
    return response


@login_required
def goal_edit(request: HttpRequest, goal_id: int) -> HttpResponse:
    actor = actor_of(request)
    goal = goal_get(actor=actor, goal_id=goal_id)
    person = person_allowed(actor, goal.person_id, Category.PLAN, Action.CHANGE)
    initial = {"text": goal.text, "bond": goal.bond, "status": goal.status}
    form = GoalEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            goal_update(actor=actor, goal=goal, **form.cleaned_data)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("L'objectif est mis à jour."))
            return redirect(_page_url(actor, person, "plan"))
    response = _render(
        request,
        person,
        "plan",
        "alliance/goal_edit.html",
        _("Modifier l'objectif"),
        goal=goal,
        form=form,
        back=_page_url(actor, person, "plan"),
        action_form=ActionForm(allies=_allies(person)),
    )
    response.status_code = 400 if form.errors else 200
    return response


@login_required
@require_POST
def goal_action_new(request: HttpRequest, goal_id: int) -> HttpResponse:
    actor = actor_of(request)
    goal = goal_get(actor=actor, goal_id=goal_id)
    person = person_allowed(actor, goal.person_id, Category.PLAN, Action.CHANGE)
    allies = _allies(person)
    form = ActionForm(request.POST, allies=allies)
    if form.is_valid():
        data = form.cleaned_data
        ally = next((a for a in allies if str(a.pk) == data["ally"]), None)
        try:
            goal_action_add(
                actor=actor,
                goal=goal,
                text=data["text"],
                doer=data["doer"],
                link_type=data["link_type"],
                ally=ally,
                due_on=data["due_on"],
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("L'action est ajoutée."))
            return redirect(_page_url(actor, person, "plan"))
    for field, errors in form.errors.items():
        for message in errors:
            messages.error(request, f"{form.fields[field].label if field in form.fields else 'Action'} : {message}")
    return redirect(_page_url(actor, person, "plan"))


@login_required
@require_POST
def goal_action_update(request: HttpRequest, action_id: int) -> HttpResponse:
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
    return redirect(_page_url(actor, person, "plan"))


@login_required
@require_POST
def delegation_new(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    person = person_allowed(actor, pk, Category.PLAN, Action.CHANGE)
    allies = _allies(person)
    form = DelegationForm(request.POST, allies=allies, own=is_own(actor, person))
    if form.is_valid():
        data = form.cleaned_data
        ally = next((a for a in allies if str(a.pk) == data["ally"]), None)
        if ally is None:
            form.add_error("ally", _("Choisissez un·e allié·e du cercle."))
        else:
            try:
                delegation_create(
                    actor=actor,
                    person=person,
                    ally=ally,
                    task=data["task"],
                    decided_by=data.get("decided_by", DecidedBy.PERSON),
                    person_consented=data.get("person_consented", True),
                )
            except ValidationError as error:
                errors_to_form(form, error)
            else:
                messages.success(request, _("La délégation est enregistrée. Elle peut être reprise à tout moment."))
                return redirect(_page_url(actor, person, "plan"))
    response = _plan_page(request, actor, person, delegation_form=form)
    response.status_code = 400
    return response


@login_required
@require_POST
def delegation_end(request: HttpRequest, delegation_id: int) -> HttpResponse:
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
    return redirect(_page_url(actor, person, "plan"))


# --- Journal -----------------------------------------------------------------------------------------------------


def _journal_page(request: HttpRequest, actor: User, person: Person, **forms: Any) -> HttpResponse:
    # A worker to whom the journal is not shared still reads back their own private notes here.
    shared = can(actor, Action.VIEW, person, Category.NOTES)
    entries = journal_for(actor=actor, person=person) if shared else []
    own = is_own(actor, person)
    can_write = can(actor, Action.CHANGE, person, Category.NOTES)
    keeps_notes = can_keep_private_notes(actor, person)
    allies = _allies(person)
    if can_write and own:
        forms.setdefault("own_form", OwnWordsForm(initial={"occurred_on": today()}))
    elif can_write:
        forms.setdefault("interaction_form", InteractionForm(allies=allies, initial={"occurred_on": today()}))
    if keeps_notes:
        forms.setdefault("note_form", PrivateNoteForm())
    return _render(
        request,
        person,
        "journal",
        "alliance/journal.html",
        _("Mes échanges") if own else _("Journal"),
        entries=entries,
        journal_shared=shared,
        private_notes=private_notes_for(actor=actor, person=person) if keeps_notes else [],
        keeps_notes=keeps_notes,
        can_write=can_write,
        **forms,
    )


@login_required
def person_journal(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    person = persons_visible_to(actor).filter(pk=pk).first()
    if person is None or not (can(actor, Action.VIEW, person, Category.NOTES) or can_keep_private_notes(actor, person)):
        raise AccessDenied("Introuvable.")
    if request.method == "POST":
        person = person_allowed(actor, pk, Category.NOTES, Action.CHANGE)
        allies = _allies(person)
        form = InteractionForm(request.POST, allies=allies)
        if form.is_valid():
            data = form.cleaned_data
            try:
                interaction_record(
                    actor=actor,
                    person=person,
                    occurred_on=data["occurred_on"],
                    kind=data["kind"],
                    summary=data["summary"],
                    link_types=data["link_types"],
                    bond=data["bond"],
                    participant_ids=[int(v) for v in data["participants"]],
                    person_took_part=data["person_took_part"],
                )
            except ValidationError as error:
                errors_to_form(form, error)
            else:
                messages.success(request, _("L'échange est ajouté au journal."))
                return redirect("person_journal", pk=pk)
        response = _journal_page(request, actor, person, interaction_form=form)
        response.status_code = 400
        return response
    return _journal_page(request, actor, person)


@login_required
def portal_interactions(request: HttpRequest) -> HttpResponse:
    actor, person = me(request, Category.NOTES)
    if request.method == "POST":
        form = OwnWordsForm(request.POST)
        if form.is_valid():
            try:
                own_words_write(actor=actor, person=person, **form.cleaned_data)
            except ValidationError as error:
                errors_to_form(form, error)
            else:
                messages.success(request, _("C'est écrit dans votre journal."))
                return redirect("portal:interactions")
        response = _journal_page(request, actor, person, own_form=form)
        response.status_code = 400
        return response
    return _journal_page(request, actor, person)


@login_required
@require_POST
def private_note_new(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    person = persons_visible_to(actor).filter(pk=pk).first()
    if person is None or not can_keep_private_notes(actor, person):
        raise AccessDenied("Introuvable.")
    form = PrivateNoteForm(request.POST)
    if form.is_valid():
        private_note_add(actor=actor, person=person, text=form.cleaned_data["text"])
        messages.success(request, _("La note privée est enregistrée. Vous seul·e pouvez la lire."))
    else:
        messages.error(request, _("La note est vide."))
    return redirect("person_journal", pk=pk)
