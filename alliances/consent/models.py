from django.conf import settings
from django.db import models

from alliances.access.categories import Category


class Sharing(models.Model):
    """A category of a person's file that the person currently shares with one ally."""

    ally = models.ForeignKey("alliance.Ally", on_delete=models.CASCADE, related_name="sharings")
    category = models.CharField("rubrique", max_length=20, choices=Category.choices)
    granted_at = models.DateTimeField("accordé le")

    class Meta:
        verbose_name = "partage"
        verbose_name_plural = "partages"
        constraints = [models.UniqueConstraint(fields=["ally", "category"], name="sharing_once_per_category")]

    def __str__(self) -> str:
        return f"{self.ally_id}:{self.category}"


class SharingChange(models.Model):
    """The history of consent: each grant and each withdrawal, with its date and who made it."""

    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="sharing_changes")
    ally = models.ForeignKey("alliance.Ally", on_delete=models.CASCADE, related_name="sharing_changes")
    category = models.CharField("rubrique", max_length=20, choices=Category.choices)
    granted = models.BooleanField("accordé")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField("date", auto_now_add=True)

    class Meta:
        verbose_name = "changement de partage"
        verbose_name_plural = "historique des partages"
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{'grant' if self.granted else 'withdraw'} {self.category}"


class ResearchConsent(models.Model):
    """The person agrees that her data, pseudonymised, be used by the evaluation team (off by default;
    withdrawn at any time, and then absent from every export made after)."""

    person = models.OneToOneField("persons.Person", on_delete=models.CASCADE, related_name="research_consent")
    granted_at = models.DateTimeField("accordé le")

    class Meta:
        verbose_name = "accord pour la recherche"
        verbose_name_plural = "accords pour la recherche"

    def __str__(self) -> str:
        return f"recherche:{self.person_id}"


class ResearchConsentChange(models.Model):
    """Each research agreement given or withdrawn, with its date and who recorded it."""

    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="research_consent_changes")
    granted = models.BooleanField("accordé")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField("date", auto_now_add=True)

    class Meta:
        verbose_name = "changement d'accord pour la recherche"
        verbose_name_plural = "historique des accords pour la recherche"
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{'grant' if self.granted else 'withdraw'} recherche"
