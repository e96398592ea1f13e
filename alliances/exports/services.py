"""A person's data, hers to take: asked for, built in the background, downloaded (audited), then deleted."""

import base64
import io
import json
import zipfile
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from alliances.access.categories import Category
from alliances.access.policy import AccessDenied, may_export_data_of
from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record
from alliances.persons.models import Person

from .models import DataExport, ExportStatus
from .sections import documentation, rows_of, sections

EXPORT_KEPT_DAYS = 7
FORMAT_VERSION = 1


@transaction.atomic
def data_export_request(*, actor: User, person: Person) -> DataExport:
    """Queues the gathering of her data (one at a time: asking again while it runs gives the same one)."""
    if not may_export_data_of(actor, person.pk):
        raise AccessDenied("Introuvable.")
    Person.objects.select_for_update().filter(pk=person.pk).first()
    running = DataExport.objects.filter(person=person, status__in=[ExportStatus.QUEUED, ExportStatus.RUNNING]).first()
    if running is not None:
        return running
    export = DataExport.objects.create(person=person, requested_by=actor)
    from .tasks import data_export_task

    transaction.on_commit(lambda: data_export_task(export.pk))
    return export


def _progress(export: DataExport, value: int) -> None:
    DataExport.objects.filter(pk=export.pk).update(progress=value)


def _access_log(person: Person) -> list[dict[str, str]]:
    from alliances.audit.visits import access_days

    return [
        {
            "date": day.day.isoformat(),
            "heure": timezone.localtime(visit.at).strftime("%H:%M"),
            "qui_et_quoi": visit.sentence,
        }
        for day in access_days(person_id=person.pk, exclude_actor_id=person.account_id or 0, limit=100000)
        for visit in day.visits
    ]


def _readme(person_name: str, built_at: str) -> str:
    lines = [
        f"Vos données sur Alliances ({person_name}), rassemblées le {built_at}.",
        "",
        "Ce dossier contient :",
        "- donnees.json : toutes vos données, lisibles par un programme ;",
        "- donnees.pdf : les mêmes données, à lire ou à imprimer ;",
        "- LISEZ-MOI.txt : ce fichier, qui explique chaque rubrique et chaque champ.",
        "",
        "Les notes de travail privées des professionnel·les n'y sont pas : elles appartiennent à leur auteur.",
        "Votre compte bancaire n'apparaît que par ses 4 derniers caractères.",
        "",
        "Les rubriques de donnees.json :",
    ]
    for section, fields in documentation():
        lines += ["", f"{section.key} — {section.title}", f"  {section.description}"]
        lines += [f"  - {name} : {label}" for name, label in fields]
    lines += [
        "",
        "consultations — Qui a consulté mon dossier",
        "  Une ligne par visite, avec sa date, son heure, qui et ce qui a été regardé ou fait.",
    ]
    return "\n".join(lines) + "\n"


def _readable(value: Any) -> str:
    """A JSON value as a sentence for the PDF: oui/non, lists joined, dictionaries as « clé : valeur »."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, list):
        return ", ".join(_readable(v) for v in value if _readable(v))
    if isinstance(value, dict):
        return " ; ".join(f"{k} : {_readable(v)}" for k, v in value.items() if _readable(v))
    return str(value)


def data_export_build(*, export_id: int) -> DataExport:
    """Gathers everything her space shows into a ZIP (a queue task; safe to run twice)."""
    from weasyprint import HTML

    export = DataExport.objects.select_related("person", "requested_by").get(pk=export_id)
    if export.status == ExportStatus.READY:
        return export
    DataExport.objects.filter(pk=export.pk).update(status=ExportStatus.RUNNING, progress=5)
    person, actor = export.person, export.requested_by
    all_sections = sections()
    data: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "rassemble_le": timezone.now().isoformat(timespec="seconds"),
    }
    for index, section in enumerate(all_sections, start=1):
        data[section.key] = rows_of(section, person)
        _progress(export, 5 + 55 * index // len(all_sections))
    data["consultations"] = _access_log(person)
    for category in Category:
        audit_record(actor=actor, person_id=person.pk, category=category, action=AuditAction.READ, detail="export")
    built_at = timezone.localtime().strftime("%d/%m/%Y à %H:%M")
    labels = {section.key: dict(fields) for section, fields in documentation()}
    readable = [
        (
            section,
            [
                [(labels[section.key][name], _readable(value)) for name, value in row.items() if _readable(value)]
                for row in data[section.key]
            ],
        )
        for section in all_sections
    ]
    html = render_to_string(
        "exports/person_data.html",
        {"person": person, "built_at": built_at, "sections": readable, "log": data["consultations"]},
    )
    pdf = HTML(string=html).write_pdf()
    _progress(export, 90)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("donnees.json", json.dumps(data, ensure_ascii=False, indent=2))
        archive.writestr("donnees.pdf", pdf or b"")
        archive.writestr("LISEZ-MOI.txt", _readme(person.display_name, built_at))
    content = buffer.getvalue()
    now = timezone.now()
    DataExport.objects.filter(pk=export.pk).update(
        status=ExportStatus.READY,
        progress=100,
        content=base64.b64encode(content).decode("ascii"),
        size=len(content),
        finished_at=now,
        expires_at=now + timedelta(days=EXPORT_KEPT_DAYS),
    )
    return DataExport.objects.get(pk=export.pk)


def data_export_failed(*, export_id: int) -> None:
    DataExport.objects.filter(pk=export_id).exclude(status=ExportStatus.READY).update(status=ExportStatus.FAILED)


def data_export_download(*, actor: User, export: DataExport) -> bytes:
    """The ZIP, to the person or the worker who asked; each download leaves an audit event."""
    if not may_export_data_of(actor, export.person_id) or export.requested_by_id != actor.pk:
        raise AccessDenied("Introuvable.")
    if export.status != ExportStatus.READY or not export.content:
        raise AccessDenied("Introuvable.")
    audit_record(
        actor=actor,
        person_id=export.person_id,
        category=Category.IDENTITY,
        action=AuditAction.READ,
        detail="téléchargement de ses données",
    )
    DataExport.objects.filter(pk=export.pk).update(downloaded_at=timezone.now())
    return base64.b64decode(export.content)


def data_exports_purge() -> int:
    """Deletes the ZIPs past their date, a person's and the research ones (the row stays: when it was asked
    and downloaded)."""
    from .models import ResearchExport

    now = timezone.now()
    return sum(
        model.objects.filter(expires_at__lt=now).exclude(content="").update(content="", size=0)
        for model in (DataExport, ResearchExport)
    )
