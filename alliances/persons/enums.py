from django.db import models
from django.utils.translation import gettext_lazy as _


class ContactChannel(models.TextChoices):
    EMAIL = "email", _("Courriel")
    SMS = "sms", _("SMS")
    PHONE = "phone", _("Appel téléphonique")
    POST = "post", _("Courrier postal")
    IN_PERSON = "in_person", _("De vive voix, au rendez-vous")


class RequestKind(models.TextChoices):
    """What a person may ask of her referent from her own space."""

    CORRECTION = "correction", _("Corriger une information fausse")
    HANDOVER = "handover", _("Changer de référent·e")


class RequestTopic(models.TextChoices):
    """Which item of her file a correction is about (her words: she chooses it)."""

    NAME = "name", _("Mon nom ou mes prénoms")
    BIRTH_DATE = "birth_date", _("Ma date de naissance")
    CONTACT = "contact", _("Mon adresse ou mon téléphone")
    HOUSEHOLD = "household", _("Mon foyer")
    INCOMES = "incomes", _("Mes ressources")
    INCOME = "income", _("Mon revenu garanti")
    MEETINGS = "meetings", _("Mes rendez-vous")
    OTHER = "other", _("Autre chose")
    #: The topic of a handover request (never chosen in the correction form).
    REFERENT = "referent", _("Ma ou mon référent·e")


class RequestStatus(models.TextChoices):
    SENT = "sent", _("Envoyée")
    IN_PROGRESS = "in_progress", _("En cours")
    DONE = "done", _("Faite")
    DECLINED = "declined", _("Non retenue")


#: The statuses that close a request.
CLOSED_STATUSES = frozenset({RequestStatus.DONE, RequestStatus.DECLINED})
