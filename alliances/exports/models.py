from django.conf import settings
from django.db import models

from alliances.core.encryption import EncryptedTextField


class ExportStatus(models.TextChoices):
    QUEUED = "queued", "En attente"
    RUNNING = "running", "En préparation"
    READY = "ready", "Prête"
    FAILED = "failed", "Échec"


class BuiltZip(models.Model):
    """A ZIP built on the queue, with its progress; kept encrypted in the database (consumers on several
    machines share it, not a disk), emptied once past `expires_at`."""

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    #: The ZIP, base64-encoded then encrypted; emptied when it expires.
    content = EncryptedTextField(blank=True)
    size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    downloaded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class DataExport(BuiltZip):
    """A person's data, gathered in the background into a ZIP (JSON, PDF and their documentation).

    The ZIP is kept encrypted in the database (consumers on several machines share it, not a disk) and
    deleted after `EXPORT_KEPT_DAYS`; each download leaves an audit event."""

    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="data_exports")

    class Meta:
        verbose_name = "export de données"
        verbose_name_plural = "exports de données"
        ordering = ["-created_at", "-id"]


class ResearchExport(BuiltZip):
    """A year of activity, pseudonymised, for the evaluation team: only persons who agree to research use,
    identifiers as keyed hashes whose key is drawn for this export and never kept (two exports cannot be
    linked), coarsened dates, no free text (exports/research_fields.py). Built in the background; the ZIP is
    kept encrypted `EXPORT_KEPT_DAYS` days."""

    year = models.PositiveSmallIntegerField("année")
    persons = models.PositiveIntegerField("personnes", default=0)

    class Meta:
        verbose_name = "export pour la recherche"
        verbose_name_plural = "exports pour la recherche"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"recherche {self.year} ({self.status})"
