"""A worker's agenda: proposals to answer, meetings to come and to close, follow-ups after a miss;
their opening slots and absences; their private calendar feed."""

from datetime import datetime, time, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from alliances.access.policy import AccessDenied, can_keep_agenda
from alliances.accounts.models import User
from alliances.accounts.requests import AuthenticatedRequest
from alliances.meetings.models import Absence, Availability, CalendarFeed, FollowUp
from alliances.meetings.selectors import agenda_for, calendar_feed_for
from alliances.meetings.services import (
    absence_add,
    availability_add,
    availability_remove,
    calendar_feed_renew,
    calendar_feed_revoke,
    follow_up_done,
)
from alliances.www.forms import submit
from alliances.www.layout import actor_of

from .forms import WEEKDAYS, AbsenceForm, AvailabilityForm, CloseForm

FEED_SESSION_SLOT = "alliances_feed_secret"


def _worker(request: AuthenticatedRequest) -> User:
    actor = actor_of(request)
    if not can_keep_agenda(actor):
        raise AccessDenied("Introuvable.")
    return actor


@login_required
def agenda(request: AuthenticatedRequest) -> HttpResponse:
    actor = _worker(request)
    return render(
        request,
        "meetings/agenda.html",
        {"title": "Mon agenda", "agenda": agenda_for(actor=actor), "close_form": CloseForm()},
    )


def _availability_page(request: HttpRequest, actor: User, **forms: Any) -> HttpResponse:
    weekdays = dict(WEEKDAYS)
    slots = [
        {"slot": slot, "day": weekdays.get(str(slot.weekday), "") if slot.on is None else None}
        for slot in Availability.objects.filter(worker=actor).exclude(on__lt=timezone.localdate())
    ]
    context = {
        "title": "Mes disponibilités",
        "slots": slots,
        "absences": Absence.objects.filter(worker=actor, ends_at__gt=timezone.now()),
        "feed": CalendarFeed.objects.filter(worker=actor).first(),
        "feed_url": _feed_url(request),
        "availability_form": forms.get("availability_form") or AvailabilityForm(),
        "absence_form": forms.get("absence_form") or AbsenceForm(),
    }
    response = render(request, "meetings/availability.html", context)
    response.status_code = 400 if forms else 200
    return response


def _feed_url(request: HttpRequest) -> str:
    """The private address, shown once right after it is made: only its digest is kept."""
    secret = request.session.pop(FEED_SESSION_SLOT, "")
    return request.build_absolute_uri(reverse("calendar_feed", args=[secret])) if secret else ""


@login_required
def availability(request: AuthenticatedRequest) -> HttpResponse:
    actor = _worker(request)
    if request.method != "POST":
        return _availability_page(request, actor)
    form = AvailabilityForm(request.POST)
    if submit(
        request, form, lambda data: availability_add(actor=actor, **form.service_kwargs()), "Le créneau est publié."
    ):
        return redirect("availability")
    return _availability_page(request, actor, availability_form=form)


@login_required
@require_POST
def availability_delete(request: AuthenticatedRequest, availability_id: int) -> HttpResponse:
    actor = _worker(request)
    try:
        availability_remove(actor=actor, availability_id=availability_id)
    except ValidationError as error:
        raise AccessDenied("Introuvable.") from error
    messages.success(request, "Le créneau est retiré. Les rendez-vous déjà convenus restent.")
    return redirect("availability")


@login_required
@require_POST
def absence_new(request: AuthenticatedRequest) -> HttpResponse:
    actor = _worker(request)
    form = AbsenceForm(request.POST)
    if form.is_valid():
        zone = timezone.get_current_timezone()
        data = form.cleaned_data
        try:
            absence_add(
                actor=actor,
                starts_at=datetime.combine(data["starts_on"], time.min, tzinfo=zone),
                ends_at=datetime.combine(data["ends_on"] + timedelta(days=1), time.min, tzinfo=zone),
                note=data["note"],
            )
        except ValidationError as error:
            form.add_error("ends_on", " ".join(error.messages))
        else:
            messages.success(request, "L'absence est enregistrée : ces jours-là ne seront plus proposés.")
            return redirect("availability")
    return _availability_page(request, actor, absence_form=form)


@login_required
@require_POST
def feed_renew(request: AuthenticatedRequest) -> HttpResponse:
    actor = _worker(request)
    request.session[FEED_SESSION_SLOT] = calendar_feed_renew(actor=actor)
    messages.success(request, "Votre adresse d'agenda privée est prête. Copiez-la maintenant.")
    return redirect("availability")


@login_required
@require_POST
def feed_revoke(request: AuthenticatedRequest) -> HttpResponse:
    calendar_feed_revoke(actor=_worker(request))
    messages.success(request, "L'adresse d'agenda privée ne fonctionne plus.")
    return redirect("availability")


@require_GET
def calendar_feed(request: HttpRequest, secret: str) -> HttpResponse:
    """The private feed, for calendar apps (no session): the secret in the address is the key."""
    feed = calendar_feed_for(secret)
    if feed is None:
        raise AccessDenied("Introuvable.")
    response = HttpResponse(feed, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def follow_up_close(request: AuthenticatedRequest, follow_up_id: int) -> HttpResponse:
    actor = _worker(request)
    follow_up = FollowUp.objects.filter(pk=follow_up_id).first()
    if follow_up is None:
        raise AccessDenied("Introuvable.")
    follow_up_done(actor=actor, follow_up=follow_up)  # the policy lets the person's referent only
    messages.success(request, "Merci : le suivi est noté comme fait.")
    return redirect("agenda")
