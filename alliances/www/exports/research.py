"""The manager's research export: ask for a year, follow its progress, download it (recorded)."""

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from alliances.access.policy import AccessDenied
from alliances.accounts.requests import AuthenticatedRequest
from alliances.exports.models import ResearchExport
from alliances.exports.research import research_export_download, research_export_request, research_exports_of
from alliances.www.forms import Form, submit


class ResearchExportForm(Form):
    year = forms.IntegerField(
        label="Année d'activité",
        help_text="Les personnes d'accord pour la recherche, et ce qui a eu lieu cette année-là.",
        error_messages={"required": "Indiquez une année.", "invalid": "Indiquez une année, par exemple 2026."},
    )


@login_required
def research_exports(request: AuthenticatedRequest) -> HttpResponse:
    actor = request.user
    exports = research_exports_of(actor=actor)  # refuses whoever is not a manager
    form = ResearchExportForm(request.POST or None, initial={"year": timezone.localdate().year - 1})

    def write(data: dict[str, Any]) -> ResearchExport:
        return research_export_request(actor=actor, year=data["year"])

    if request.method == "POST" and submit(
        request, form, write, "L'export est en préparation : la page suit sa progression."
    ):
        return redirect("research_exports")
    running = any(export.status in ("queued", "running") for export in exports)
    context = {"title": "Export pour l'évaluation", "form": form, "exports": exports, "running": running}
    status = 400 if request.method == "POST" else 200
    return render(request, "exports/research.html", context, status=status)


@login_required
def research_export_file(request: AuthenticatedRequest, export_id: int) -> HttpResponse:
    export = ResearchExport.objects.filter(pk=export_id).first()
    if export is None:
        raise AccessDenied("Introuvable.")
    content = research_export_download(actor=request.user, export=export)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="alliances-recherche-{export.year}.zip"'
    return response
