"""Procedures and co-learning, mandates, the mediator's own page, and the person's messages."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import (
    AccessDenied,
    can,
    can_record_sessions,
    is_current_referent,
    may_hold_mandate,
    own_person_id,
    person_allowed,
)
from alliances.accounts.models import User
from alliances.accounts.requests import AuthenticatedRequest
from alliances.circles.enums import AllyRole
from alliances.circles.models import Ally
from alliances.core.validation import today
from alliances.goals.models import Delegation
from alliances.mediation.catalogue import catalogue
from alliances.mediation.enums import ConsentMethod
from alliances.mediation.selectors import (
    mandate_for,
    mandates_for,
    mediator_desk,
    progress_for,
    session_persons,
    step_for,
    steps_to_confirm,
)
from alliances.mediation.services import (
    Worked,
    mandate_act_record,
    mandate_consent,
    mandate_propose,
    mandate_refuse,
    mandate_renew,
    mandate_revoke,
    mandate_text,
    progress_confirm,
    session_record,
)
from alliances.meetings.selectors import agenda_for
from alliances.notifications.models import Notification
from alliances.notifications.services import notifications_mark_read
from alliances.persons.models import Person
from alliances.rights.selectors import procedures_for_person
from alliances.www.forms import submit
from alliances.www.layout import actor_of, file_and_portal, is_own, me, render_for

from .forms import ConfirmLevelForm, MandateActForm, MandateForm, SessionForm


def _procedures_page(request: AuthenticatedRequest, actor: User, person: Person) -> HttpResponse:
    """The procedures tab: rights procedures, co-learning progress, and what the person delegated."""
    own = is_own(actor, person)
    to_confirm = (
        [(step, ConfirmLevelForm(prefix_id=step.pk)) for step in steps_to_confirm(person=person)] if own else []
    )
    delegated = (
        []
        if own
        else list(
            Delegation.objects.filter(person=person, ally__user=actor, revoked_on__isnull=True).order_by("-started_on")
        )
    )
    known = catalogue()
    return render_for(
        request,
        person,
        "person_procedures",
        "mediation/procedures.html",
        gettext("Mes démarches") if own else gettext("Démarches"),
        procedures=procedures_for_person(actor=actor, person=person),
        progress=progress_for(actor=actor, person=person),
        to_confirm=to_confirm,
        delegated=delegated,
        catalogue=known,
        can_see_rights=can(actor, Action.VIEW, person, Category.HOUSEHOLD),
        can_record=not own and can_record_sessions(actor) and can(actor, Action.CHANGE, person, Category.PROCEDURES),
    )


person_procedures, portal_procedures = file_and_portal(_procedures_page, Category.PROCEDURES)


@login_required
@require_POST
def progress_confirm_view(request: AuthenticatedRequest, step_id: int) -> HttpResponse:
    actor = actor_of(request)
    step = step_for(actor=actor, step_id=step_id)
    if own_person_id(actor) != step.person_id:
        raise AccessDenied("Introuvable.")
    form = ConfirmLevelForm(request.POST, prefix_id=step.pk)
    if not form.is_valid():
        messages.error(request, gettext("Choisissez une réponse : fait pour moi, fait avec moi ou fait seul·e."))
        return redirect("portal:procedures")
    try:
        progress_confirm(actor=actor, step=step, level=form.cleaned_data["level"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, gettext("Merci, c'est noté."))
    return redirect("portal:procedures")


# --- Mandates ------------------------------------------------------------------------------------------


def _holders(person: Person) -> list[tuple[int, str]]:
    allies = Ally.objects.active().filter(person=person, role__in=[AllyRole.MEDIATOR, AllyRole.REFERENT])
    return [
        (ally.user_id, f"{ally.user.get_full_name()} ({ally.get_role_display().lower()})")
        for ally in allies.select_related("user")
    ]


def _mandates_page(request: AuthenticatedRequest, actor: User, person: Person) -> HttpResponse:
    own = is_own(actor, person)
    holder_form = MandateForm(holders=_holders(person)) if own else None
    staff_form = MandateForm() if not own and may_hold_mandate(actor, person.pk) else None
    return render_for(
        request,
        person,
        "person_procedures",
        "mediation/mandates.html",
        gettext("Mes mandats") if own else gettext("Mandats"),
        mandates=mandates_for(actor=actor, person=person),
        form=holder_form or staff_form,
        act_form=MandateActForm() if not own and may_hold_mandate(actor, person.pk) else None,
        is_referent=is_current_referent(actor, person.pk),
    )


person_mandates, portal_mandates = file_and_portal(_mandates_page, Category.PROCEDURES)


def _to_mandates(actor: User, person_id: int) -> HttpResponse:
    return redirect("portal:mandates") if own_person_id(actor) == person_id else redirect("person_mandates", person_id)


@login_required
@require_POST
def mandate_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    person = person_allowed(actor, pk, Category.PROCEDURES)
    own = own_person_id(actor) == person.pk
    form = MandateForm(request.POST, holders=_holders(person) if own else None)
    if not form.is_valid():
        messages.error(request, gettext("Choisissez au moins un domaine et une durée."))
        return _to_mandates(actor, person.pk)
    holder = User.objects.filter(pk=form.cleaned_data["holder"]).first() if own else actor
    try:
        mandate = mandate_propose(
            actor=actor,
            person=person,
            holder=holder or actor,
            themes=form.cleaned_data["themes"],
            duration=form.cleaned_data["duration"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"Le mandat {mandate.reference} est en place. Vous pouvez y mettre fin à tout moment."
            if own
            else f"Le mandat {mandate.reference} est proposé. Il ne vaudra qu'avec l'accord de la personne.",
        )
    return _to_mandates(actor, person.pk)


@login_required
@require_POST
def mandate_decide(request: AuthenticatedRequest, mandate_id: int, decision: str) -> HttpResponse:
    """Consent (in the space, or a signed paper recorded by staff), refusal, revocation, renewal."""
    actor = actor_of(request)
    mandate = mandate_for(actor=actor, mandate_id=mandate_id)
    own = own_person_id(actor) == mandate.person_id
    try:
        if decision == "accord":
            mandate_consent(actor=actor, mandate=mandate, method=ConsentMethod.SPACE if own else ConsentMethod.PRINTED)
            done = gettext("Le mandat est en place.")
        elif decision == "refus":
            mandate_refuse(actor=actor, mandate=mandate)
            done = gettext("C'est noté : vous n'avez pas donné ce mandat.")
        elif decision == "fin":
            mandate_revoke(actor=actor, mandate=mandate)
            done = (
                gettext("Le mandat est terminé. Plus personne ne peut agir en votre nom avec lui.")
                if own
                else (gettext("Le mandat est terminé."))
            )
        elif decision == "renouveler":
            renewal = mandate_renew(actor=actor, mandate=mandate)
            done = f"Le renouvellement {renewal.reference} est proposé : il faut de nouveau l'accord de la personne."
        else:
            raise AccessDenied("Introuvable.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return _to_mandates(actor, mandate.person_id)


@login_required
@require_POST
def mandate_act(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    person = person_allowed(actor, pk, Category.PROCEDURES)
    form = MandateActForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Choisissez une démarche et écrivez ce que vous avez fait."))
        return redirect("person_mandates", person.pk)
    try:
        mandate_act_record(actor=actor, person=person, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, gettext("L'acte est noté. La personne le voit dans son espace."))
    return redirect("person_mandates", person.pk)


@login_required
def mandate_pdf(request: AuthenticatedRequest, mandate_id: int) -> HttpResponse:
    """The printed mandate (WeasyPrint): scope, duration, names, reference and the hash of its text."""
    from weasyprint import HTML

    actor = actor_of(request)
    mandate = mandate_for(actor=actor, mandate_id=mandate_id)
    html = render_to_string(
        "mediation/mandate_pdf.html",
        {"mandate": mandate, "text": mandate_text(mandate), "printed_on": today()},
    )
    pdf = HTML(string=html).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="mandat-{mandate.reference}.pdf"'
    return response


# --- The mediator's own page --------------------------------------------------------------------------


@login_required
def mediation_desk(request: AuthenticatedRequest) -> HttpResponse:
    actor = actor_of(request)
    desk = mediator_desk(actor=actor)
    return render(
        request,
        "mediation/desk.html",
        {
            "title": gettext("Ma médiation"),
            "desk": desk,
            "hours": round(desk.minutes_last_30_days / 60, 1),
            "upcoming": agenda_for(actor=actor).upcoming[:5],
        },
    )


@login_required
def mediation_session_new(request: AuthenticatedRequest) -> HttpResponse:
    actor = actor_of(request)
    if not can_record_sessions(actor):
        raise AccessDenied("Introuvable.")
    choices = session_persons(actor=actor)
    chosen = request.GET.get("personne", "")
    initial: dict[str, object] = {"occurred_on": today()}
    if chosen.isdigit() and int(chosen) in {pk for pk, _ in choices}:
        initial["persons"] = [int(chosen)]
    form = SessionForm(request.POST or None, persons=choices, initial=initial)

    def write(data: dict[str, Any]) -> object:
        persons = {p.pk: p for p in Person.objects.filter(pk__in=data["persons"])}
        worked = [
            Worked(person=persons[pid], procedure_code=code, level=level)
            for pid in data["persons"]
            if pid in persons
            for code, level in form.worked_rows()
        ]
        return session_record(
            actor=actor,
            occurred_on=data["occurred_on"],
            duration_minutes=data["duration_minutes"],
            place=data["place"],
            worked=worked,
            link_types=data["link_types"],
            note=data["note"],
        )

    done = gettext("La séance est notée. La personne pourra confirmer le niveau.")
    if request.method == "POST" and submit(request, form, write, done):
        return redirect("mediation_desk")
    return render(request, "mediation/session_new.html", {"title": gettext("Noter une séance"), "form": form})


# --- The person's messages ----------------------------------------------------------------------------


@login_required
def portal_messages(request: AuthenticatedRequest) -> HttpResponse:
    _, person = me(request, Category.IDENTITY)
    items = list(Notification.objects.filter(person=person)[:100])
    for item in items:
        try:
            item.url = reverse(item.link) if item.link else ""  # type: ignore[attr-defined]
        except NoReverseMatch:  # a page renamed since: the message stays, without its link
            item.url = ""  # type: ignore[attr-defined]
    notifications_mark_read(person=person)
    return render_for(
        request, person, "person_identity", "mediation/messages.html", gettext("Mes messages"), items=items
    )
