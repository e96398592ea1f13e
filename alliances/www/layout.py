"""Pages that serve both the staff file and the person's own space: the layout follows whose file it is."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from alliances.access.categories import Category
from alliances.access.policy import AccessDenied, can_use_portal, own_person_id, person_allowed
from alliances.accounts.models import User
from alliances.accounts.requests import AuthenticatedRequest
from alliances.audit.services import audit_page_view
from alliances.persons.models import Person
from alliances.www.person_file.views import file_context, tab_category


def actor_of(request: AuthenticatedRequest) -> User:
    return request.user


def is_own(actor: User, person: Person) -> bool:
    return own_person_id(actor) == person.pk


def me(request: AuthenticatedRequest, category: Category) -> tuple[User, Person]:
    """The person's own file, for the portal; 404 for anyone without one."""
    actor = actor_of(request)
    person_id = own_person_id(actor) if can_use_portal(actor) else None
    if person_id is None:
        raise AccessDenied("Introuvable.")
    return actor, person_allowed(actor, person_id, category)


def render_for(
    request: AuthenticatedRequest, person: Person, staff_tab: str, template: str, title: str, **context: Any
) -> HttpResponse:
    """Renders in the portal layout for the person themselves, in the file layout for staff."""
    actor = actor_of(request)
    own = is_own(actor, person)
    if own:  # the staff layout records it in file_context
        audit_page_view(actor=actor, person_id=person.pk, category=tab_category(staff_tab))
    base: dict[str, Any] = (
        {"layout": "portal/_layout.html", "title": title, "person": person}
        if own
        else {"layout": "persons/_file_layout.html", **file_context(actor, person, staff_tab)}
    )
    return render(request, template, {**base, "is_own": own, "page_title": title, **context})


Page = Callable[[AuthenticatedRequest, User, Person], HttpResponse]


def file_and_portal(page: Page, category: Category) -> tuple[Callable[..., HttpResponse], Callable[..., HttpResponse]]:
    """The two entries of one page: in a person's file (by id, for staff) and in the person's own space."""

    @login_required
    def in_file(request: AuthenticatedRequest, pk: int) -> HttpResponse:
        actor = actor_of(request)
        return page(request, actor, person_allowed(actor, pk, category))

    @login_required
    def in_portal(request: AuthenticatedRequest) -> HttpResponse:
        actor, person = me(request, category)
        return page(request, actor, person)

    return in_file, in_portal
