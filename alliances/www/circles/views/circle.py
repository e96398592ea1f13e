"""The circle tab: the person's allies, adding one, the links each ally brings, and the referent's handover."""

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
from alliances.circles.enums import AllyRole
from alliances.circles.models import Ally
from alliances.circles.selectors import circle_for
from alliances.circles.services import (
    ally_add,
    ally_links_set,
    referent_handover,
)
from alliances.core.validation import today
from alliances.persons.models import Person
from alliances.www.forms import refused, submit
from alliances.www.layout import actor_of, file_and_portal, is_own

from ..context import circle_context
from ..forms import (
    AllyAddForm,
    HandoverForm,
    LinkTypesForm,
)
from .tabs import render_tab, tab_url


def _referent_id(person: Person) -> int | None:
    return Ally.objects.active().filter(person=person, role=AllyRole.REFERENT).values_list("user_id", flat=True).first()


def _circle_page(request: AuthenticatedRequest, actor: User, person: Person, **forms: Any) -> HttpResponse:
    can_change = can(actor, Action.CHANGE, person, Category.CONSENT)
    context = circle_context(circle_for(actor=actor, person=person), name=person.display_name, label=person.first_name)
    if can_change and not is_own(actor, person):
        forms.setdefault("add_form", AllyAddForm())
        forms.setdefault("handover_form", HandoverForm(initial={"on": today()}, current=_referent_id(person)))
    title = _("Mon cercle") if is_own(actor, person) else _("Cercle des allié·es")
    return render_tab(
        request, person, "circle", "alliance/circle.html", title, can_change=can_change, **context, **forms
    )


person_circle, portal_circle = file_and_portal(_circle_page, Category.CONSENT)


@login_required
@require_POST
def person_ally_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    person = person_allowed(actor, pk, Category.CONSENT, Action.CHANGE)
    form = AllyAddForm(request.POST)
    if submit(
        request, form, lambda data: ally_add(actor=actor, person=person, **data), _("La personne a rejoint le cercle.")
    ):
        return redirect("person_circle", pk=pk)
    return refused(_circle_page(request, actor, person, add_form=form))


@login_required
@require_POST
def ally_links(request: AuthenticatedRequest, ally_id: int) -> HttpResponse:
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
    return redirect(tab_url(actor, ally.person, "circle"))


@login_required
@require_POST
def person_handover(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    person = person_allowed(actor, pk, Category.CONSENT, Action.CHANGE)
    form = HandoverForm(request.POST, current=_referent_id(person))
    if submit(
        request,
        form,
        lambda data: referent_handover(
            actor=actor, person=person, successor=data["successor"], note=data["note"], on=data["on"]
        ),
        _("Le passage de relais est enregistré."),
    ):
        # The former referent may no longer see the file: back to their list.
        return (
            redirect("person_circle", pk=pk)
            if can(actor, Action.VIEW, person, Category.CONSENT)
            else redirect("caseload")
        )
    return refused(_circle_page(request, actor, person, handover_form=form))
