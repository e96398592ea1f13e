"""Mon espace: the person's own view of their file, circle, sharing and access log."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from alliances.access.categories import Category
from alliances.access.policy import AccessDenied, can_use_portal, own_person_id
from alliances.accounts.models import User
from alliances.accounts.requests import AuthenticatedRequest
from alliances.accounts.services import account_findable_set
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record
from alliances.audit.visits import access_days
from alliances.circles.selectors import circles_joined
from alliances.consent.research import research_consent_given
from alliances.persons.models import Person
from alliances.persons.selectors import person_get
from alliances.persons.services import person_update
from alliances.www.forms import submit
from alliances.www.households.context import household_context
from alliances.www.layout import render_for
from alliances.www.person_file.views import sharing_context, sharing_toggle

from .forms import ContactForm


def _me(request: AuthenticatedRequest, category: Category) -> tuple[User, Person]:
    actor = request.user
    person_id = own_person_id(actor) if can_use_portal(actor) else None
    if person_id is None:
        raise AccessDenied("Introuvable.")
    return actor, person_get(actor=actor, person_id=person_id, category=category)


@login_required
def portal_home(request: AuthenticatedRequest) -> HttpResponse:
    actor = request.user
    if not can_use_portal(actor):
        raise AccessDenied("Introuvable.")
    joined = circles_joined(actor=actor)
    if own_person_id(actor) is None:
        return render(request, "portal/no_file.html", {"title": _("Mon espace"), "joined": joined})
    actor, person = _me(request, Category.IDENTITY)
    household = household_context(actor=actor, person=person)
    sharing = sharing_context(actor=actor, person=person)
    referent = next((row["ally"] for row in sharing["circle"] if row["ally"].role == "referent"), None)  # type: ignore[attr-defined]
    recent = access_days(person_id=person.pk, exclude_actor_id=actor.pk, limit=40)[:2]
    # The page also shows the sharing settings and the latest accesses: both reads are recorded.
    for category in (Category.CONSENT, Category.AUDIT):
        audit_record(actor=actor, person_id=person.pk, category=category, action=AuditAction.READ)
    return render(
        request,
        "portal/home.html",
        {
            "title": _("Mon espace"),
            "person": person,
            "referent": referent,
            "recent_days": recent,
            "joined": joined,
            **household,
            **sharing,
        },
    )


@login_required
def portal_sharing(request: AuthenticatedRequest) -> HttpResponse:
    actor, person = _me(request, Category.CONSENT)
    if request.method == "POST":
        sharing_toggle(request, actor=actor, person=person)
        return redirect("portal:sharing")
    return render(
        request,
        "portal/sharing.html",
        {
            "title": _("Ce que je partage"),
            "person": person,
            "research": research_consent_given(person=person),
            **sharing_context(actor=actor, person=person),
        },
    )


@login_required
def portal_access_log(request: AuthenticatedRequest) -> HttpResponse:
    actor, person = _me(request, Category.AUDIT)
    return render(
        request,
        "portal/access_log.html",
        {
            "title": _("Qui a consulté mon dossier"),
            "person": person,
            "days": access_days(person_id=person.pk, exclude_actor_id=actor.pk),
        },
    )


@login_required
def portal_contact(request: AuthenticatedRequest) -> HttpResponse:
    actor, person = _me(request, Category.IDENTITY)
    fields = ("preferred_name", "email", "phone", "address", "languages", "accessibility_needs", "preferred_channel")
    initial = {**{f: getattr(person, f) for f in fields}, "findable": actor.findable}
    form = ContactForm(request.POST or None, initial=initial)

    def write(data: dict[str, Any]) -> None:
        contact = {key: value for key, value in data.items() if key != "findable"}
        person_update(actor=actor, person=person, **contact)
        account_findable_set(actor=actor, findable=data["findable"])

    if request.method == "POST" and submit(request, form, write, _("Vos coordonnées ont été enregistrées.")):
        return redirect("portal:home")
    return render(request, "portal/contact.html", {"title": _("Mes coordonnées"), "form": form, "person": person})


@login_required
def portal_household(request: AuthenticatedRequest) -> HttpResponse:
    """Her household, incomes and birth dates, in her own space (they were only at a staff address)."""
    actor, person = _me(request, Category.HOUSEHOLD)
    return render_for(
        request,
        person,
        "person_household",
        "persons/household.html",
        _("Mon foyer et mes ressources"),
        **household_context(actor=actor, person=person),
    )
