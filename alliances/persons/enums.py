from django.db import models


class ContactChannel(models.TextChoices):
    EMAIL = "email", "Courriel"
    SMS = "sms", "SMS"
    PHONE = "phone", "Appel téléphonique"
    POST = "post", "Courrier postal"
    IN_PERSON = "in_person", "De vive voix, au rendez-vous"


class RequestKind(models.TextChoices):
    """What a person may ask of her referent from her own space."""

    CORRECTION = "correction", "Corriger une information fausse"
    HANDOVER = "handover", "Changer de référent·e"


class RequestTopic(models.TextChoices):
    """Which item of her file a correction is about (her words: she chooses it)."""

    NAME = "name", "Mon nom ou mes prénoms"
    BIRTH_DATE = "birth_date", "Ma date de naissance"
    CONTACT = "contact", "Mon adresse ou mon téléphone"
    HOUSEHOLD = "household", "Mon foyer"
    INCOMES = "incomes", "Mes ressources"
    INCOME = "income", "Mon revenu garanti"
    MEETINGS = "meetings", "Mes rendez-vous"
    OTHER = "other", "Autre chose"
    #: The topic of a handover request (never chosen in the correction form).
    REFERENT = "referent", "Ma ou mon référent·e"


class RequestStatus(models.TextChoices):
    SENT = "sent", "Envoyée"
    IN_PROGRESS = "in_progress", "En cours"
    DONE = "done", "Faite"
    DECLINED = "declined", "Non retenue"


#: The statuses that close a request.
CLOSED_STATUSES = frozenset({RequestStatus.DONE, RequestStatus.DECLINED})
