from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone

from alliances.access.categories import Category

from .enums import AuditAction


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete an audit event."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Le journal d'accès ne peut pas être modifié.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("Le journal d'accès ne peut pas être effacé.")


class AuditEvent(models.Model):
    """One read or write of a person's data. Append-only (also enforced by database triggers)."""

    #: Set when the event is appended (alliances/audit/chain.py), as part of what its hash covers.
    occurred_at = models.DateTimeField("date", default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="auteur",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    actor_role = models.CharField("rôle de l'auteur", max_length=20, blank=True)
    person = models.ForeignKey(
        "persons.Person", verbose_name="personne", on_delete=models.PROTECT, null=True, related_name="+"
    )
    category = models.CharField("rubrique", max_length=20, choices=Category.choices)
    action = models.CharField("action", max_length=10, choices=AuditAction.choices)
    detail = models.CharField("objet", max_length=200, blank=True)
    request_id = models.CharField("identifiant de requête", max_length=64)
    ip_address = models.GenericIPAddressField("adresse IP", null=True, blank=True)
    path = models.CharField("adresse consultée", max_length=300, blank=True)
    #: SHA-256 of the previous event's hash and of this event's content (alliances/audit/chain.py).
    chain_hash = models.CharField("empreinte chaînée", max_length=64, blank=True, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = "événement du journal"
        verbose_name_plural = "journal d'accès"
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["person", "-occurred_at"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action} {self.category}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("Le journal d'accès ne peut pas être modifié.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Le journal d'accès ne peut pas être effacé.")
