"""A person's file, one tab per category; each tab asks the policy and records the read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import (
    AccessDenied,
    can,
    can_keep_private_notes,
    may_export_data_of,
    name_visible_to,
    own_person_id,
    persons_visible_to,
    visible_categories,
)
from alliances.accounts.models import User
from alliances.accounts.requests import AuthenticatedRequest
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_page_view, audit_record
from alliances.circles.models import Ally
from alliances.consent.selectors import circle_with_sharings, sharing_history
from alliances.consent.services import sharing_grant, sharing_withdraw
from alliances.persons.models import Person
from alliances.persons.selectors import person_get
from alliances.persons.services import IDENTITY_FIELDS, person_update
from alliances.www.forms import submit
from alliances.www.households.context import household_context

from .forms import IdentityForm

#: The tabs of a file, in order: (category, url name, label).
TABS = [
    (Category.IDENTITY, "person_identity", "Identité et contact"),
    (Category.HOUSEHOLD, "person_household", "Foyer et ressources"),
    (Category.HOUSEHOLD, "person_rights", "Droits"),
    (Category.HOUSEHOLD, "person_income", "Revenu garanti"),
    (Category.CONSENT, "person_circle", "Cercle des allié·es"),
    (Category.BONDS, "person_bonds", "Liens et évaluations"),
    (Category.PLAN, "person_plan", "Projet et objectifs"),
    (Category.PROCEDURES, "person_procedures", "Démarches"),
    (Category.MEETINGS, "person_meetings", "Rendez-vous"),
    (Category.NOTES, "person_journal", "Journal"),
    (Category.CONSENT, "person_sharing", "Partages"),
]


def _tabs(actor: User, person: Person, current: str) -> list[dict[str, object]]:
    visible = set(visible_categories(actor, person))
    if can_keep_private_notes(actor, person):
        visible.add(Category.NOTES)  # the journal tab holds the worker's own private notes
    tabs = [
        {"url_name": url_name, "label": label, "current": url_name == current}
        for category, url_name, label in TABS
        if category in visible
    ]
    if can(actor, Action.CHANGE, person, Category.IDENTITY):  # who may correct her file answers her requests
        tabs.insert(
            1,
            {
                "url_name": "person_requests",
                "label": "Demandes de la personne",
                "current": current == "person_requests",
            },
        )
    if may_export_data_of(actor, person.pk) and own_person_id(actor) != person.pk:  # at the desk, for her
        tabs.append({"url_name": "person_data", "label": "Données de la personne", "current": current == "person_data"})
    return tabs


def tab_category(tab: str) -> Category:
    """The part of the file a tab shows (identity for a page outside the tabs)."""
    return next((category for category, url_name, _ in TABS if url_name == tab), Category.IDENTITY)


def file_context(actor: User, person: Person, tab: str) -> dict[str, object]:
    """What every tab of a file needs: the person, the name the actor may see, the tabs.

    Every page of a file goes through here once its data is read: a page that read nothing through an
    audited selector (a form showing the person's name) still leaves its read in the audit trail.
    """
    audit_page_view(actor=actor, person_id=person.pk, category=tab_category(tab))
    name = name_visible_to(actor, person)
    return {"person": person, "name": name, "tabs": _tabs(actor, person, tab), "title": name}


def _render(request: AuthenticatedRequest, person: Person, tab: str, template: str, **context: object) -> HttpResponse:
    actor = request.user
    return render(request, template, {**file_context(actor, person, tab), **context})


@login_required
def person_home(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Opens the first tab the actor may see."""
    actor = request.user
    person = persons_visible_to(actor).filter(pk=pk).first()
    if person is None:
        raise AccessDenied("Introuvable.")
    tabs = _tabs(actor, person, "")
    if not tabs:
        # Only the name the actor may see is shown (a first name, for a peer): still a read.
        audit_record(
            actor=actor,
            person_id=person.pk,
            category=Category.IDENTITY,
            action=AuditAction.READ,
            detail="nom seulement",
        )
        return _render(request, person, "", "persons/file_empty.html")
    return redirect(str(tabs[0]["url_name"]), pk=pk)


@login_required
def person_identity(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    actor = request.user
    person = person_get(actor=actor, person_id=pk, category=Category.IDENTITY)
    return _render(
        request,
        person,
        "person_identity",
        "persons/identity.html",
        age=person.age_on(timezone.localdate()),
        can_edit=can(actor, Action.CHANGE, person, Category.IDENTITY),
    )


@login_required
def person_identity_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    actor = request.user
    person = person_get(actor=actor, person_id=pk, category=Category.IDENTITY)
    if not can(actor, Action.CHANGE, person, Category.IDENTITY):
        raise AccessDenied("Introuvable.")
    form = IdentityForm(request.POST or None, initial={f: getattr(person, f) for f in IDENTITY_FIELDS})
    done = "Les informations ont été enregistrées."
    if request.method == "POST" and submit(
        request, form, lambda data: person_update(actor=actor, person=person, **data), done
    ):
        return redirect("person_identity", pk=pk)
    return _render(request, person, "person_identity", "persons/identity_edit.html", form=form)


@login_required
def person_household(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    actor = request.user
    person = person_get(actor=actor, person_id=pk, category=Category.HOUSEHOLD)
    return _render(
        request, person, "person_household", "persons/household.html", **household_context(actor=actor, person=person)
    )


@login_required
def person_sharing(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Who is in the circle and what the person shares with each; changes recorded at the person's request."""
    actor = request.user
    person = person_get(actor=actor, person_id=pk, category=Category.CONSENT)
    if request.method == "POST":
        sharing_toggle(request, actor=actor, person=person)
        return redirect("person_sharing", pk=pk)
    return _render(
        request,
        person,
        "person_sharing",
        "persons/sharing.html",
        **sharing_context(actor=actor, person=person),
    )


def sharing_context(*, actor: User, person: Person) -> dict[str, object]:
    from alliances.access.categories import SHAREABLE

    allies = list(circle_with_sharings(person=person))
    rows = [{"ally": ally, "shared": {sharing.category for sharing in ally.sharings.all()}} for ally in allies]
    return {
        "circle": rows,
        "shareable": [(category.value, category.label) for category in SHAREABLE],
        "history": sharing_history(person=person),
        "can_change_sharing": can(actor, Action.CHANGE, person, Category.CONSENT),
    }


def sharing_toggle(request: HttpRequest, *, actor: User, person: Person) -> None:
    """Grants or withdraws one category for one ally, from a POST (ally, category, grant=1|0)."""
    ally = Ally.objects.active().filter(person=person, pk=request.POST.get("ally") or 0).first()
    if ally is None:
        raise AccessDenied("Introuvable.")
    category = request.POST.get("category", "")
    try:
        if request.POST.get("grant") == "1":
            sharing_grant(actor=actor, ally=ally, category=category)
            messages.success(request, f"Partage accordé à {ally.user}.")
        else:
            sharing_withdraw(actor=actor, ally=ally, category=category)
            messages.success(request, f"Partage retiré à {ally.user}.")
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
