from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import (
    AccessDenied,
    can,
    can_create_household,
    can_view_caseload,
    name_visible_to,
    preload,
)
from alliances.accounts.enums import Role
from alliances.accounts.requests import AuthenticatedRequest
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record_many
from alliances.caseload.selectors import caseload_for
from alliances.households.enums import HousingStatus

from .forms import CaseloadFilterForm


@login_required
def caseload(request: AuthenticatedRequest) -> HttpResponse:
    """Staff home: the persons the actor supports or instructs, with search and filters."""
    actor = request.user
    if not can_view_caseload(actor):
        raise AccessDenied("Introuvable.")
    form = CaseloadFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    queryset = caseload_for(
        actor=actor,
        text=filters.get("q", ""),
        commune=filters.get("commune", ""),
        housing=filters.get("housing", ""),
        portal=filters.get("portal", ""),
    )
    page = Paginator(queryset, 25).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows: list[dict[str, Any]] = []
    persons = list(page)
    preload(actor, [person.pk for person in persons])
    for person in persons:
        identity = can(actor, Action.VIEW, person, Category.IDENTITY)
        housing = None
        status = getattr(person, "housing_status", None)  # annotated by caseload_for
        if status and can(actor, Action.VIEW, person, Category.HOUSEHOLD):
            housing = {"status": HousingStatus(status).label, "commune": getattr(person, "housing_commune", "")}
        rows.append(
            {
                "person": person,
                "name": name_visible_to(actor, person),
                "age": person.age_on(today) if identity else None,
                "housing": housing,
            }
        )
    audit_record_many(
        actor=actor,
        person_ids=[row["person"].pk for row in rows],
        category=Category.IDENTITY,
        action=AuditAction.READ,
        detail="liste des accompagnements",
    )
    query = request.GET.copy()
    query.pop("page", None)
    title = "Mes accompagnements" if getattr(actor, "role", "") == Role.REFERENT else "Personnes"
    return render(
        request,
        "www/caseload.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "title": title,
            "query": query.urlencode(),
            "can_open_file": can_create_household(actor),
        },
    )
