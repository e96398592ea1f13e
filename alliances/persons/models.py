from datetime import date

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from alliances.core.dates import age_on
from alliances.core.encryption import EncryptedTextField

from .enums import CLOSED_STATUSES, ContactChannel, RequestKind, RequestStatus, RequestTopic


class Person(models.Model):
    """A person concerned (personne concernée): the one whose file this is."""

    last_name = models.CharField("nom de naissance ou d'usage", max_length=150)
    first_names = models.CharField("prénoms", max_length=150)
    preferred_name = models.CharField(
        "prénom choisi", max_length=150, blank=True, help_text="Le prénom par lequel la personne souhaite être appelée."
    )
    birth_date = models.DateField("date de naissance")
    email = models.EmailField("adresse électronique", blank=True)
    phone = models.CharField("téléphone", max_length=20, blank=True)
    address = models.CharField("adresse postale", max_length=300, blank=True)
    languages = models.CharField(
        "langues parlées", max_length=200, blank=True, help_text="Par exemple : français, arabe."
    )
    accessibility_needs = EncryptedTextField("besoins d'accessibilité", blank=True)
    preferred_channel = models.CharField(
        "moyen de contact préféré", max_length=20, choices=ContactChannel.choices, default=ContactChannel.PHONE
    )
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="compte personnel",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "personne"
        verbose_name_plural = "personnes"
        ordering = ["last_name", "first_names", "id"]
        indexes = [models.Index(fields=["last_name", "first_names"])]

    def __str__(self) -> str:
        return self.display_name

    @property
    def first_name(self) -> str:
        """The name to address the person by: the chosen one, else the first civil first name."""
        return self.preferred_name or self.first_names.split(" ")[0]

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def age_on(self, day: date) -> int:
        return age_on(self.birth_date, day)


class FileRequest(models.Model):
    """A request the person sends her referent: an item of her file is wrong, or she asks for a new referent.

    Its status is shown to her; a request that is not granted says why."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="requests")
    kind = models.CharField("demande", max_length=20, choices=RequestKind.choices)
    topic = models.CharField("sujet", max_length=20, choices=RequestTopic.choices)
    text = EncryptedTextField("ce que la personne demande")
    status = models.CharField("état", max_length=20, choices=RequestStatus.choices, default=RequestStatus.SENT)
    answer = EncryptedTextField("réponse", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "demande de la personne"
        verbose_name_plural = "demandes des personnes"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["person", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED_STATUSES
