"""The bonds tab: the social bonds and the hidden dimensions of poverty, read by the person and by a worker."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import (
    AccessDenied,
    can,
    person_allowed,
)
from alliances.accounts.models import User
from alliances.accounts.requests import AuthenticatedRequest
from alliances.assessments.enums import InstrumentCode
from alliances.assessments.instruments import instrument_get
from alliances.assessments.selectors import reading_prefill, readings_for
from alliances.assessments.services import reading_record
from alliances.persons.models import Person
from alliances.www.layout import actor_of, file_and_portal, is_own

from ..context import bonds_context
from ..forms import (
    reading_fields,
)
from .tabs import render_tab, tab_url


def _bonds_page(request: AuthenticatedRequest, actor: User, person: Person) -> HttpResponse:
    readings = readings_for(actor=actor, person=person)
    title = _("Mes liens") if is_own(actor, person) else _("Liens et évaluations")
    return render_tab(
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
def reading_new(request: AuthenticatedRequest, pk: int, instrument: str) -> HttpResponse:
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
            return redirect(tab_url(actor, person, "bonds"))
    own = is_own(actor, person)
    if request.method != "POST":
        data = reading_prefill(actor=actor, person=person, instrument_code=instrument)
    response = render_tab(
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
