from django.conf import settings
from django.db import models
from django.db.models import Q

from .enums import AllyRole


class AllyQuerySet(models.QuerySet["Ally"]):
    def active(self) -> "AllyQuerySet":
        return self.filter(ended_on__isnull=True)


class Ally(models.Model):
    """A member of a person's circle: the single referent, a mediator, a peer, a partner…"""

    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="allies")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="alliances")
    role = models.CharField("rôle dans le cercle", max_length=20, choices=AllyRole.choices)
    started_on = models.DateField("depuis le")
    ended_on = models.DateField("jusqu'au", null=True, blank=True)
    note = models.CharField("note", max_length=300, blank=True)

    objects = AllyQuerySet.as_manager()

    class Meta:
        verbose_name = "allié·e"
        verbose_name_plural = "allié·es"
        ordering = ["person", "role", "started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(role=AllyRole.REFERENT, ended_on__isnull=True),
                name="ally_one_active_referent",
            ),
            models.UniqueConstraint(
                fields=["person", "user"], condition=Q(ended_on__isnull=True), name="ally_once_while_active"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.user}"

    @property
    def is_active(self) -> bool:
        return self.ended_on is None
