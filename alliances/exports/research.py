"""The pseudonymised research export: asked for by a manager, built in the background, downloaded
(audited). What it holds is decided by `research_fields.py` alone."""

import base64
import csv
import hashlib
import hmac
import io
import secrets
import zipfile
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from alliances.access.categories import Category
from alliances.access.policy import AccessDenied, can_export_research
from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record, audit_record_many
from alliances.consent.research import research_consenting

from .models import ExportStatus, ResearchExport
from .research_fields import TABLES, How, Table

EXPORT_KEPT_DAYS = 7
#: Ages in bands, never the exact age.
AGE_BANDS = (
    (0, 17, "0-17"),
    (18, 24, "18-24"),
    (25, 34, "25-34"),
    (35, 44, "35-44"),
    (45, 54, "45-54"),
    (55, 64, "55-64"),
)


@transaction.atomic
def research_export_request(*, actor: User, year: int) -> ResearchExport:
    if not can_export_research(actor):
        raise AccessDenied("Introuvable.")
    this_year = timezone.localdate().year
    if not 2000 <= year <= this_year:
        raise ValidationError({"year": f"Choisissez une année entre 2000 et {this_year}."})
    export = ResearchExport.objects.create(year=year, requested_by=actor)
    from .tasks import research_export_task

    transaction.on_commit(lambda: research_export_task(export.pk))
    return export


class _Pseudonyms:
    """Keyed hashes with a key drawn for this export and forgotten with it."""

    def __init__(self) -> None:
        self._key = secrets.token_bytes(32)

    def __call__(self, kind: str, pk: object) -> str:
        if pk is None:
            return ""
        return hmac.new(self._key, f"{kind}:{pk}".encode(), hashlib.sha256).hexdigest()[:20]


def _month(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    return f"{value:%Y-%m}"


def _age_band(birth: date | None, on: date) -> str:
    if birth is None:
        return ""
    age = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    return next((label for low, high, label in AGE_BANDS if low <= age <= high), "65+")


def _columns(table: Table) -> list[str]:
    columns: list[str] = []
    for name, how in table.fields.items():
        columns += ["annee_naissance", "tranche_age"] if how == How.BIRTH else [name.replace("__", "_")]
    return columns + list(table.computed)


def _cells(table: Table, row: dict[str, Any], pseudonym: _Pseudonyms, on: date) -> list[Any]:
    cells: list[Any] = []
    for name, how in table.fields.items():
        value = row[name]
        if how == How.PERSON:
            cells.append(pseudonym("person", value))
        elif how == How.HOUSEHOLD:
            cells.append(pseudonym("household", value))
        elif how == How.MONTH:
            cells.append(_month(value))
        elif how == How.BIRTH:
            cells += [value.year if value else "", _age_band(value, on)]
        else:
            cells.append(value if not isinstance(value, list | dict) else _flat(value))
    return cells + [row[name] for name in table.computed]


def _flat(value: list[Any] | dict[str, Any]) -> str:
    if isinstance(value, list):
        return "|".join(str(item) for item in value)
    return "|".join(f"{key}={item}" for key, item in sorted(value.items()))


def _rows(table: Table, year: int, consenting: QuerySet[Any]) -> Iterator[dict[str, Any]]:
    model = apps.get_model(table.model)
    # Through a subquery: a join on the household's members would duplicate rows and skew its counts.
    agreeing = model._default_manager.filter(**{f"{table.person}__in": consenting.values("pk")}).values("pk")
    queryset = model._default_manager.filter(pk__in=agreeing)
    if table.year:
        queryset = queryset.filter(**{f"{table.year}__year": year})
    if table.computed:  # the household's size, counted among its current members
        current = Q(members__left_on__isnull=True)
        queryset = queryset.annotate(
            adultes=Count("members", filter=current & ~Q(members__role="child"), distinct=True),
            enfants=Count("members", filter=current & Q(members__role="child"), distinct=True),
        )
    fields = [*table.fields, *table.computed]
    return queryset.order_by("pk").values(*fields).iterator(chunk_size=5000)


def _readme(export: ResearchExport, persons: int) -> str:
    lines = [
        f"Alliances — export pour l'évaluation, activité de {export.year}.",
        f"{persons} personnes, toutes d'accord pour un usage de recherche (accord que chacune peut retirer).",
        "",
        "Les identifiants sont des empreintes (HMAC-SHA-256) calculées avec une clé tirée pour cet export puis",
        "oubliée : deux exports ne peuvent pas être reliés entre eux. Les dates sont données au mois, l'âge par",
        "tranche et l'année de naissance seule. Aucun nom, aucune coordonnée, aucun texte libre.",
        "",
    ]
    for table in TABLES:
        lines.append(f"{table.name}.csv : {', '.join(_columns(table))}")
    return "\n".join(lines) + "\n"


def research_export_build(*, export_id: int, progress: Callable[[int], None] | None = None) -> ResearchExport:
    """Writes the ZIP (a queue task; safe to run twice)."""
    export = ResearchExport.objects.select_related("requested_by").get(pk=export_id)
    if export.status == ExportStatus.READY:
        return export
    ResearchExport.objects.filter(pk=export.pk).update(status=ExportStatus.RUNNING, progress=1)
    consenting = research_consenting()
    persons = consenting.count()
    audit_record_many(
        actor=export.requested_by,
        person_ids=consenting.values_list("pk", flat=True),
        category=Category.IDENTITY,
        action=AuditAction.READ,
        detail=f"export pseudonymisé pour la recherche ({export.year})",
    )
    pseudonym, on = _Pseudonyms(), date(export.year, 12, 31)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for index, table in enumerate(TABLES, start=1):
            text = io.StringIO()
            writer = csv.writer(text, delimiter=";")
            writer.writerow(_columns(table))
            for row in _rows(table, export.year, consenting):
                writer.writerow(_cells(table, row, pseudonym, on))
            archive.writestr(f"{table.name}.csv", text.getvalue())
            ResearchExport.objects.filter(pk=export.pk).update(progress=1 + 95 * index // len(TABLES))
        archive.writestr("LISEZ-MOI.txt", _readme(export, persons))
    content = buffer.getvalue()
    now = timezone.now()
    ResearchExport.objects.filter(pk=export.pk).update(
        status=ExportStatus.READY,
        progress=100,
        persons=persons,
        content=base64.b64encode(content).decode("ascii"),
        size=len(content),
        finished_at=now,
        expires_at=now + timedelta(days=EXPORT_KEPT_DAYS),
    )
    return ResearchExport.objects.get(pk=export.pk)


def research_export_failed(*, export_id: int) -> None:
    ResearchExport.objects.filter(pk=export_id).exclude(status=ExportStatus.READY).update(status=ExportStatus.FAILED)


def research_export_download(*, actor: User, export: ResearchExport) -> bytes:
    """The ZIP, to the manager who asked for it; the download is recorded in the audit trail."""
    if not can_export_research(actor) or export.requested_by_id != actor.pk:
        raise AccessDenied("Introuvable.")
    if export.status != ExportStatus.READY or not export.content:
        raise AccessDenied("Introuvable.")
    audit_record(
        actor=actor,
        person_id=None,
        category=Category.AUDIT,
        action=AuditAction.READ,
        detail=f"export recherche {export.year} ({export.persons} personnes)",
    )
    ResearchExport.objects.filter(pk=export.pk).update(downloaded_at=timezone.now())
    return base64.b64decode(export.content)


def research_exports_of(*, actor: User) -> list[ResearchExport]:
    if not can_export_research(actor):
        raise AccessDenied("Introuvable.")
    return list(ResearchExport.objects.filter(requested_by=actor).defer("content")[:10])
