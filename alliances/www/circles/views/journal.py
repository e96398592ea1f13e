"""The journal tab: the interactions with the person, in their words as well as the worker's, and private notes."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
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
from alliances.accounts.requests import AuthenticatedRequest
from alliances.circles.selectors import journal_for, private_notes_for
from alliances.circles.services import (
    interaction_record,
    own_words_write,
    private_note_add,
)
from alliances.core.validation import today
from alliances.persons.models import Person
from alliances.www.forms import refused, submit
from alliances.www.layout import actor_of, is_own, me

from ..forms import (
    InteractionForm,
    OwnWordsForm,
    PrivateNoteForm,
)
from .tabs import allies_of, render_tab


def _journal_page(request: AuthenticatedRequest, actor: User, person: Person, **forms: Any) -> HttpResponse:
    # A worker to whom the journal is not shared still reads back their own private notes here.
    shared = can(actor, Action.VIEW, person, Category.NOTES)
    entries = journal_for(actor=actor, person=person) if shared else []
    own = is_own(actor, person)
    can_write = can(actor, Action.CHANGE, person, Category.NOTES)
    keeps_notes = can_keep_private_notes(actor, person)
    allies = allies_of(person)
    if can_write and own:
        forms.setdefault("own_form", OwnWordsForm(initial={"occurred_on": today()}))
    elif can_write:
        forms.setdefault("interaction_form", InteractionForm(allies=allies, initial={"occurred_on": today()}))
    if keeps_notes:
        forms.setdefault("note_form", PrivateNoteForm())
    return render_tab(
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
def person_journal(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    person = persons_visible_to(actor).filter(pk=pk).first()
    if person is None or not (can(actor, Action.VIEW, person, Category.NOTES) or can_keep_private_notes(actor, person)):
        raise AccessDenied("Introuvable.")
    if request.method == "POST":
        person = person_allowed(actor, pk, Category.NOTES, Action.CHANGE)
        allies = allies_of(person)
        form = InteractionForm(request.POST, allies=allies)
        if submit(
            request,
            form,
            lambda data: interaction_record(
                actor=actor,
                person=person,
                occurred_on=data["occurred_on"],
                kind=data["kind"],
                summary=data["summary"],
                link_types=data["link_types"],
                bond=data["bond"],
                participant_ids=[int(v) for v in data["participants"]],
                person_took_part=data["person_took_part"],
            ),
            _("L'échange est ajouté au journal."),
        ):
            return redirect("person_journal", pk=pk)
        return refused(_journal_page(request, actor, person, interaction_form=form))
    return _journal_page(request, actor, person)


@login_required
def portal_interactions(request: AuthenticatedRequest) -> HttpResponse:
    actor, person = me(request, Category.NOTES)
    if request.method == "POST":
        form = OwnWordsForm(request.POST)
        done = _("C'est écrit dans votre journal.")
        if submit(request, form, lambda data: own_words_write(actor=actor, person=person, **data), done):
            return redirect("portal:interactions")
        return refused(_journal_page(request, actor, person, own_form=form))
    return _journal_page(request, actor, person)


@login_required
@require_POST
def private_note_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
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
