"""« Mes données »: her rights explained, her data gathered in the background, downloaded; the same at
the desk, from her file, by her referent."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliances.access.categories import Category
from alliances.access.policy import AccessDenied, may_export_data_of, person_allowed
from alliances.accounts.models import User
from alliances.accounts.requests import AuthenticatedRequest
from alliances.exports.models import DataExport
from alliances.exports.services import EXPORT_KEPT_DAYS, data_export_download, data_export_request
from alliances.persons.models import Person
from alliances.www.layout import actor_of, is_own, me, render_for


def _latest(actor: User, person: Person) -> DataExport | None:
    return DataExport.objects.filter(person=person, requested_by=actor).defer("content").first()


def _page(request: AuthenticatedRequest, actor: User, person: Person) -> HttpResponse:
    title = _("Mes données et mes droits") if is_own(actor, person) else _("Données de la personne")
    return render_for(
        request,
        person,
        "person_data",
        "exports/data.html",
        title,
        export=_latest(actor, person),
        kept_days=EXPORT_KEPT_DAYS,
        contact=settings.ALLIANCES_DATA_CONTACT,
    )


@login_required
def portal_data(request: AuthenticatedRequest) -> HttpResponse:
    actor, person = me(request, Category.IDENTITY)
    return _page(request, actor, person)


@login_required
def person_data(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    if not may_export_data_of(actor, pk):
        raise AccessDenied("Introuvable.")
    return _page(request, actor, person_allowed(actor, pk, Category.IDENTITY))


@login_required
@require_POST
def data_export_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    if not may_export_data_of(actor, pk):
        raise AccessDenied("Introuvable.")
    person = person_allowed(actor, pk, Category.IDENTITY)
    data_export_request(actor=actor, person=person)
    messages.info(request, _("Les données sont en préparation. Cela prend quelques secondes."))
    return redirect("portal:data") if is_own(actor, person) else redirect("person_data", pk=pk)


@login_required
def data_export_status(request: AuthenticatedRequest, export_id: int) -> HttpResponse:
    """The progress fragment, polled by the page while the export is prepared."""
    actor = actor_of(request)
    export = get_object_or_404(DataExport.objects.defer("content"), pk=export_id, requested_by=actor)
    if not may_export_data_of(actor, export.person_id):
        raise AccessDenied("Introuvable.")
    return render(request, "exports/_status.html", {"export": export})


@login_required
def data_export_file(request: AuthenticatedRequest, export_id: int) -> HttpResponse:
    actor = actor_of(request)
    export = get_object_or_404(DataExport, pk=export_id)
    content = data_export_download(actor=actor, export=export)
    response = HttpResponse(content, content_type="application/zip")
    day = export.created_at.strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="mes-donnees-alliances-{day}.zip"'
    response["Cache-Control"] = "no-store"
    return response
