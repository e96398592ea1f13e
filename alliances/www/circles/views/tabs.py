"""What the alliance tabs share: where each tab lives (the staff file or the person's own space), how a tab
is rendered, and the person's active allies."""

from typing import Any

from django.http import HttpResponse
from django.urls import reverse

from alliances.accounts.models import User
from alliances.accounts.requests import AuthenticatedRequest
from alliances.circles.models import Ally
from alliances.persons.models import Person
from alliances.www.layout import is_own, render_for

PORTAL_PAGES = {
    "circle": "portal:circle",
    "bonds": "portal:bonds",
    "plan": "portal:plan",
    "journal": "portal:interactions",
}
STAFF_PAGES = {"circle": "person_circle", "bonds": "person_bonds", "plan": "person_plan", "journal": "person_journal"}


def tab_url(actor: User, person: Person, page: str) -> str:
    if is_own(actor, person):
        return reverse(PORTAL_PAGES[page])
    return reverse(STAFF_PAGES[page], args=[person.pk])


def render_tab(
    request: AuthenticatedRequest, person: Person, page: str, template: str, title: str, **context: Any
) -> HttpResponse:
    return render_for(request, person, STAFF_PAGES.get(page, ""), template, title, **context)


def allies_of(person: Person) -> list[Ally]:
    return list(Ally.objects.active().filter(person=person).select_related("user").order_by("role", "id"))
