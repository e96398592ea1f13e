"""A person's meetings: one page for the staff file and for the person's own space, phone first.

Either side proposes slots and a place; the other side accepts one or proposes another date. Reads go
through audited selectors, writes through services; the policy decides both."""

from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import (
    AccessDenied,
    can,
    may_answer_proposal,
    may_close_meeting,
    own_person_id,
    person_allowed,
)
from alliances.accounts.models import User
from alliances.accounts.requests import AuthenticatedRequest
from alliances.meetings.enums import MeetingStatus
from alliances.meetings.ics import meeting_ics
from alliances.meetings.models import Meeting
from alliances.meetings.selectors import meeting_get, meeting_workers, meetings_for, workshops_open
from alliances.meetings.services import (
    change_delay,
    meeting_accept,
    meeting_cancel,
    meeting_close,
    meeting_counter,
    meeting_move,
    meeting_propose,
    reminder_preference_set,
    rhythm_set,
)
from alliances.meetings.slots import free_slots
from alliances.persons.models import Person
from alliances.www.forms import Form, errors_to_form, submit
from alliances.www.layout import actor_of, file_and_portal, is_own, me, render_for

from .forms import AcceptForm, CancelForm, CloseForm, ProposalForm, ReminderForm, RhythmForm

TAB = "person_meetings"


def meetings_url(actor: User, person: Person | int) -> str:
    person_id = person if isinstance(person, int) else person.pk
    if own_person_id(actor) == person_id:
        return reverse("portal:meetings")
    return reverse("person_meetings", args=[person_id])


def _meetings_page(request: AuthenticatedRequest, actor: User, person: Person, **forms: Any) -> HttpResponse:
    seen = meetings_for(actor=actor, person=person)
    own = is_own(actor, person)
    can_change = can(actor, Action.CHANGE, person, Category.MEETINGS)
    proposals = [
        {
            "view": view,
            "answer": can_change
            and may_answer_proposal(actor, view.meeting.person_id, view.meeting.proposed_by, view.meeting.worker_id),
            "mine": view.meeting.proposed_by_id == actor.pk,
            "form": forms.pop(f"accept_{view.meeting.pk}", None)
            or AcceptForm(meeting=view.meeting, auto_id=f"id_m{view.meeting.pk}_%s"),
        }
        for view in seen.proposals
    ]
    now = timezone.now()
    context = {
        "seen": seen,
        "proposals": proposals,
        "can_change": can_change,
        "can_propose": can_change and (own or actor in seen.workers),
        "workers": seen.workers,
        "is_worker": actor in seen.workers,
        "change_limit": now + change_delay(),
        "now": now,
        "rhythm_form": forms.pop("rhythm_form", None)
        or RhythmForm(initial={"rhythm": seen.rhythm.rhythm if seen.rhythm else ""}),
        "reminder_form": forms.pop("reminder_form", None)
        or ReminderForm(initial={"channel": seen.reminder_channel}, person=person),
        "close_form": CloseForm(),
        "workshops": workshops_open(actor=actor, person=person) if own else [],
        **forms,
    }
    title = _("Mes rendez-vous") if own else "Rendez-vous"
    return render_for(request, person, TAB, "meetings/person.html", title, **context)


person_meetings, portal_meetings = file_and_portal(_meetings_page, Category.MEETINGS)


def _from_date(request: HttpRequest) -> date:
    try:
        wanted = date.fromisoformat(request.GET.get("a_partir", ""))
    except ValueError:
        wanted = timezone.localdate()
    return max(wanted, timezone.localdate())


def _proposal_page(
    request: AuthenticatedRequest,
    actor: User,
    person: Person,
    worker: User,
    *,
    replaces: Meeting | None = None,
) -> HttpResponse:
    """The proposal form: for a new meeting, another date for a proposal, or a move of an agreed one."""
    moving = replaces is not None and replaces.status == MeetingStatus.AGREED
    free = free_slots(worker, _from_date(request), days=14, limit=120)
    form = ProposalForm(request.POST or None, free=free, with_reason=moving, initial={"duration": "60"})
    if request.method == "POST" and form.is_valid():
        try:
            if replaces is None:
                meeting_propose(actor=actor, person=person, worker=worker, options=form.options())
            elif moving:
                meeting_move(
                    actor=actor, meeting=replaces, options=form.options(), reason=form.cleaned_data.get("reason", "")
                )
            else:
                meeting_counter(actor=actor, meeting=replaces, options=form.options())
        except ValidationError as error:
            errors_to_form(form, _flatten_options(error))
        else:
            messages.success(request, _("Votre proposition est envoyée. La réponse apparaîtra sur cette page."))
            return redirect(meetings_url(actor, person))
    title = _("Proposer un rendez-vous")
    if replaces is not None:
        title = _("Déplacer le rendez-vous") if moving else _("Proposer une autre date")
    response = render_for(
        request,
        person,
        TAB,
        "meetings/propose.html",
        title,
        form=form,
        worker=worker,
        replaces=replaces,
        back=meetings_url(actor, person),
        workers=meeting_workers(person) if replaces is None else [],
        next_from=(_from_date(request) + timedelta(days=14)).isoformat(),
    )
    response.status_code = 400 if form.errors else 200
    return response


def _flatten_options(error: ValidationError) -> ValidationError:
    """Service errors name fields like "options.0.starts_at"; on the form they belong to the slots."""
    if not hasattr(error, "error_dict"):
        return error
    fields = {"options.": "slots"}
    flat: dict[str, list[str]] = {}
    for key, values in error.message_dict.items():
        target = next((f for prefix, f in fields.items() if key.startswith(prefix)), key)
        if key.endswith("place_text"):
            target = "place_text"
        elif key.endswith("office_id") or key.endswith("place_kind"):
            target = "office" if key.endswith("office_id") else "place_kind"
        flat.setdefault(target, []).extend(values)
    return ValidationError(flat)


def _chosen_worker(request: HttpRequest, actor: User, person: Person) -> User:
    workers = meeting_workers(person)
    if not is_own(actor, person):
        if actor not in workers:
            raise AccessDenied("Introuvable.")
        return actor
    wanted = request.GET.get("avec", "")
    chosen = next((w for w in workers if str(w.pk) == wanted), workers[0] if workers else None)
    if chosen is None:
        raise AccessDenied("Introuvable.")
    return chosen


@login_required
def person_meeting_propose(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    person = person_allowed(actor, pk, Category.MEETINGS, Action.CHANGE)
    return _proposal_page(request, actor, person, _chosen_worker(request, actor, person))


@login_required
def portal_meeting_propose(request: AuthenticatedRequest) -> HttpResponse:
    actor, person = me(request, Category.MEETINGS)
    person = person_allowed(actor, person.pk, Category.MEETINGS, Action.CHANGE)
    return _proposal_page(request, actor, person, _chosen_worker(request, actor, person))


def _open_meeting(actor: User, meeting_id: int) -> tuple[Meeting, Person]:
    meeting = meeting_get(actor=actor, meeting_id=meeting_id)
    return meeting, person_allowed(actor, meeting.person_id, Category.MEETINGS, Action.CHANGE)


@login_required
def meeting_reschedule(request: AuthenticatedRequest, meeting_id: int) -> HttpResponse:
    """Another date for a proposal (a counter-proposal) or for an agreed meeting (a move)."""
    actor = actor_of(request)
    meeting, person = _open_meeting(actor, meeting_id)
    if meeting.status not in {MeetingStatus.PROPOSED, MeetingStatus.AGREED}:
        messages.error(request, _("Ce rendez-vous n'est plus ouvert."))
        return redirect(meetings_url(actor, person))
    if meeting.status == MeetingStatus.PROPOSED and not may_answer_proposal(
        actor, meeting.person_id, meeting.proposed_by, meeting.worker_id
    ):
        raise AccessDenied("Introuvable.")  # one's own proposal is withdrawn, not countered
    return _proposal_page(request, actor, person, meeting.worker, replaces=meeting)


@login_required
@require_POST
def meeting_answer(request: AuthenticatedRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    meeting, person = _open_meeting(actor, meeting_id)
    if not may_answer_proposal(actor, meeting.person_id, meeting.proposed_by, meeting.worker_id):
        raise AccessDenied("Introuvable.")
    form = AcceptForm(request.POST, meeting=meeting, auto_id=f"id_m{meeting.pk}_%s")
    if submit(
        request,
        form,
        lambda data: meeting_accept(
            actor=actor, meeting=meeting, option_id=data["option"], confirm_outside=data.get("confirm_outside", False)
        ),
        _("Le rendez-vous est convenu."),
    ):
        return redirect(meetings_url(actor, person))
    return _error_page(request, actor, person, **{f"accept_{meeting.pk}": form})


def _error_page(request: AuthenticatedRequest, actor: User, person: Person, **forms: Any) -> HttpResponse:
    response = _meetings_page(request, actor, person, **forms)
    response.status_code = 400
    return response


@login_required
def meeting_cancel_view(request: AuthenticatedRequest, meeting_id: int) -> HttpResponse:
    """GET asks for confirmation (cancelling is never one ambiguous tap); POST cancels."""
    actor = actor_of(request)
    meeting, person = _open_meeting(actor, meeting_id)
    if request.method != "POST":
        return render_for(
            request,
            person,
            "person_meetings",
            "meetings/cancel_confirm.html",
            _("Annuler ce rendez-vous"),
            meeting=meeting,
            back=meetings_url(actor, person),
        )
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            meeting_cancel(actor=actor, meeting=meeting, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return _error_page(request, actor, person)
        messages.success(request, _("Le rendez-vous est annulé."))
    else:
        messages.error(request, _("Le motif est trop long (500 caractères au plus)."))
    return redirect(meetings_url(actor, person))


@login_required
@require_POST
def meeting_close_view(request: AuthenticatedRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    meeting, person = _open_meeting(actor, meeting_id)
    if not may_close_meeting(actor, meeting.worker_id):
        raise AccessDenied("Introuvable.")
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            meeting_close(actor=actor, meeting=meeting, outcome=form.cleaned_data["outcome"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return _error_page(request, actor, person)
        missed = form.cleaned_data["outcome"] == MeetingStatus.MISSED
        messages.success(
            request,
            _("C'est noté. Un suivi « prendre des nouvelles » est ajouté à l'agenda du ou de la référent·e.")
            if missed
            else _("C'est noté : le rendez-vous a eu lieu."),
        )
    else:
        messages.error(request, _("Choisissez : tenu ou manqué."))
    return redirect(reverse("agenda") if request.POST.get("next") == "agenda" else meetings_url(actor, person))


@login_required
def meeting_calendar(request: AuthenticatedRequest, meeting_id: int) -> HttpResponse:
    """The .ics of one agreed meeting, to add it to one's own calendar."""
    actor = actor_of(request)
    meeting = meeting_get(actor=actor, meeting_id=meeting_id)
    if meeting.starts_at is None:
        raise AccessDenied("Introuvable.")
    response = HttpResponse(meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="rendez-vous-{meeting.pk}.ics"'
    return response


def _setting(
    request: AuthenticatedRequest, pk: int, form_class: type[Form], key: str, save: Callable[..., object], done: str
) -> HttpResponse:
    """One of the person's meeting settings (rhythm, reminders): a one-field form and its service."""
    actor = actor_of(request)
    person = person_allowed(actor, pk, Category.MEETINGS, Action.CHANGE)
    form = form_class(request.POST)
    if submit(request, form, lambda data: save(actor=actor, person=person, **data), done):
        return redirect(meetings_url(actor, person))
    return _error_page(request, actor, person, **{key: form})


@login_required
@require_POST
def meeting_rhythm(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _setting(request, pk, RhythmForm, "rhythm_form", rhythm_set, _("Le rythme des rendez-vous est enregistré."))


@login_required
@require_POST
def meeting_reminders(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    person = person_allowed(actor, pk, Category.MEETINGS, Action.CHANGE)
    return _setting(
        request,
        pk,
        partial(ReminderForm, person=person),  # type: ignore[arg-type]
        "reminder_form",
        reminder_preference_set,
        _("Votre choix de rappel est enregistré."),
    )
