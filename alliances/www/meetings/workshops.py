"""Workshops: the team organises them; persons sign up from their space and may free their place."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliances.access.categories import Category
from alliances.access.policy import (
    AccessDenied,
    can_organise_workshops,
    can_propose_workshops,
    can_validate_workshops,
    may_manage_workshop,
)
from alliances.accounts.requests import AuthenticatedRequest
from alliances.meetings.models import Workshop
from alliances.meetings.selectors import workshop_participants, workshops_open, workshops_proposed
from alliances.meetings.workshops import (
    workshop_cancel,
    workshop_create,
    workshop_leave,
    workshop_signup,
    workshop_validate,
)
from alliances.www.forms import submit
from alliances.www.layout import actor_of, me, render_for

from .forms import WorkshopForm


def _organiser(request: AuthenticatedRequest) -> None:
    if not can_organise_workshops(actor_of(request)):
        raise AccessDenied("Introuvable.")


@login_required
def workshops(request: AuthenticatedRequest) -> HttpResponse:
    """The team's list of workshops to come, and the form to organise one."""
    _organiser(request)
    actor = actor_of(request)
    form = WorkshopForm(request.POST or None)
    done = (
        _("L'atelier est publié : les personnes peuvent s'y inscrire.")
        if can_validate_workshops(actor)
        else _("L'atelier est proposé : il sera publié quand un·e référent·e ou un·e cadre l'aura validé.")
    )
    if request.method == "POST" and submit(
        request, form, lambda data: workshop_create(actor=actor, **form.service_kwargs()), done
    ):
        return redirect("workshops")
    rows = workshops_open()
    participants = workshop_participants(actor=actor, workshops=[row.workshop for row in rows])
    response = render(
        request,
        "meetings/workshops.html",
        {
            "title": _("Ateliers"),
            # The organiser sees who comes; workshop_participants returns nothing to anyone else.
            "rows": [(row, participants.get(row.workshop.pk, [])) for row in rows],
            "form": form,
            "proposed": workshops_proposed(),
            "can_validate": can_validate_workshops(actor),
        },
    )
    response.status_code = 400 if form.errors else 200
    return response


@login_required
@require_POST
def workshop_validate_view(request: AuthenticatedRequest, workshop_id: int, decision: str) -> HttpResponse:
    actor = actor_of(request)
    if not can_validate_workshops(actor) or decision not in {"publier", "refuser"}:
        raise AccessDenied("Introuvable.")
    workshop = Workshop.objects.filter(pk=workshop_id).first()
    if workshop is None:
        raise AccessDenied("Introuvable.")
    try:
        workshop_validate(actor=actor, workshop=workshop, publish=decision == "publier")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("L'atelier est publié.") if decision == "publier" else _("La proposition est déclinée.")
        )
    return redirect("workshops")


@login_required
def portal_workshops(request: AuthenticatedRequest) -> HttpResponse:
    """A peer's side: the workshops they proposed, and proposing one (published once validated)."""
    actor, person = me(request, Category.MEETINGS)
    if not can_propose_workshops(actor):
        raise AccessDenied("Introuvable.")
    form = WorkshopForm(request.POST or None)
    done = _("Merci ! Votre atelier sera publié quand l'équipe du CCAS l'aura validé.")
    if request.method == "POST" and submit(
        request, form, lambda data: workshop_create(actor=actor, **form.service_kwargs()), done
    ):
        return redirect("portal:workshops")
    mine = Workshop.objects.filter(organiser=actor).order_by("-starts_at")[:50]
    return render_for(
        request,
        person,
        "person_meetings",
        "meetings/portal_workshops.html",
        _("Proposer un atelier"),
        form=form,
        mine=mine,
    )


@login_required
@require_POST
def workshop_cancel_view(request: AuthenticatedRequest, workshop_id: int) -> HttpResponse:
    _organiser(request)
    workshop = Workshop.objects.filter(pk=workshop_id).first()
    if workshop is None or not may_manage_workshop(actor_of(request), workshop.organiser_id):
        raise AccessDenied("Introuvable.")
    workshop_cancel(actor=actor_of(request), workshop=workshop)
    messages.success(request, _("L'atelier est annulé."))
    return redirect("workshops")


def _open_workshop(workshop_id: int) -> Workshop:
    workshop = Workshop.objects.filter(pk=workshop_id, cancelled_at__isnull=True).first()
    if workshop is None:
        raise AccessDenied("Introuvable.")
    return workshop


def _portal_step(
    request: AuthenticatedRequest, workshop_id: int, step: Callable[..., object], done: str
) -> HttpResponse:
    actor, person = me(request, Category.MEETINGS)
    try:
        step(actor=actor, workshop=_open_workshop(workshop_id), person=person)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("portal:meetings")


@login_required
@require_POST
def workshop_join(request: AuthenticatedRequest, workshop_id: int) -> HttpResponse:
    return _portal_step(request, workshop_id, workshop_signup, _("Vous êtes inscrit·e à l'atelier."))


@login_required
@require_POST
def workshop_quit(request: AuthenticatedRequest, workshop_id: int) -> HttpResponse:
    return _portal_step(request, workshop_id, workshop_leave, _("Votre place est libérée pour quelqu'un d'autre."))
