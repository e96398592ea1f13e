from django.conf import settings
from django.db import models
from django.db.models import Q

from alliances.core.encryption import EncryptedTextField

from .enums import ConsentMethod, MandateDuration


class MediationSession(models.Model):
    """A session of the peer socio-digital mediator (or a referent) with one person or a group."""

    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mediation_sessions")
    occurred_on = models.DateField("date")
    duration_minutes = models.PositiveSmallIntegerField("durée (minutes)")
    place = models.CharField("lieu", max_length=200)
    collective = models.BooleanField("séance collective (atelier)", default=False)
    workshop = models.ForeignKey(
        "meetings.Workshop", on_delete=models.SET_NULL, null=True, blank=True, related_name="mediation_sessions"
    )
    #: capacitation and/or facilitation (LinkType values).
    link_types = models.JSONField("types de liens", default=list)
    note = EncryptedTextField("note", blank=True)
    catalogue_version = models.PositiveSmallIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "séance de médiation"
        verbose_name_plural = "séances de médiation"
        ordering = ["-occurred_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1, duration_minutes__lte=600), name="session_duration_bounds"
            ),
        ]


class ProgressStep(models.Model):
    """One procedure worked on by one person in a session, with the level reached: the worker's reading
    and the person's own (both kept, as with the instruments)."""

    session = models.ForeignKey(MediationSession, on_delete=models.CASCADE, related_name="steps")
    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="procedure_progress")
    procedure_code = models.CharField("démarche", max_length=60)
    level = models.CharField("niveau noté par l'intervenant·e", max_length=10)
    person_level = models.CharField("niveau selon la personne", max_length=10, blank=True)
    person_answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "progression sur une démarche"
        verbose_name_plural = "progressions sur les démarches"
        ordering = ["session__occurred_on", "id"]
        indexes = [models.Index(fields=["person", "procedure_code"])]
        constraints = [
            models.UniqueConstraint(fields=["session", "person", "procedure_code"], name="progress_once_per_session")
        ]


class Mandate(models.Model):
    """A mandate the person gives a mediator or their referent to act for them on some themes, for a
    set time. It exists only once the person consents; the person revokes it in one step."""

    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="mandates")
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mandates_held")
    themes = models.JSONField("thèmes")
    duration = models.CharField("durée", max_length=12, choices=MandateDuration.choices)
    reference = models.CharField("référence", max_length=20, unique=True)
    #: SHA-256 of the mandate's text as printed and shown for consent.
    text_hash = models.CharField(max_length=64)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    consent_method = models.CharField(max_length=10, choices=ConsentMethod.choices, blank=True)
    consented_at = models.DateTimeField(null=True, blank=True)
    refused_at = models.DateTimeField(null=True, blank=True)
    starts_on = models.DateField("à partir du", null=True, blank=True)
    ends_on = models.DateField("jusqu'au", null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reminded_on = models.DateField(null=True, blank=True)
    renewal_of = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="renewals")
    #: The delegation (ladder level 9) this mandate is, once consented.
    delegation = models.OneToOneField(
        "goals.Delegation", on_delete=models.SET_NULL, null=True, blank=True, related_name="mandate"
    )

    class Meta:
        verbose_name = "mandat"
        verbose_name_plural = "mandats"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["holder", "ends_on"]), models.Index(fields=["person", "-created_at"])]


class MandateAct(models.Model):
    """Something the holder did for the person under a mandate: shown to the person, act by act."""

    mandate = models.ForeignKey(Mandate, on_delete=models.PROTECT, related_name="acts")
    procedure_code = models.CharField("démarche", max_length=60)
    what = models.CharField("ce qui a été fait", max_length=300)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    occurred_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "acte sous mandat"
        verbose_name_plural = "actes sous mandat"
        ordering = ["-occurred_at", "-id"]
