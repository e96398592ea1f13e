from django.db import models


class PlaceKind(models.TextChoices):
    OFFICE = "office", "Dans les locaux du CCAS"
    HOME = "home", "À domicile"
    PHONE = "phone", "Par téléphone"
    VIDEO = "video", "En visioconférence"
    CHOSEN = "chosen", "Un autre lieu, au choix (café, association…)"


class MeetingStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposé"
    AGREED = "agreed", "Convenu"
    HELD = "held", "Tenu"
    MISSED = "missed", "Manqué"
    MOVED = "moved", "Déplacé"
    CANCELLED = "cancelled", "Annulé"


class ReminderChannel(models.TextChoices):
    EMAIL = "email", "Courriel"
    SMS = "sms", "SMS"
    NONE = "none", "Pas de rappel"


class ReminderState(models.TextChoices):
    PENDING = "pending", "À envoyer"
    SENT = "sent", "Envoyé"
    SKIPPED = "skipped", "Pas envoyé"


class Rhythm(models.TextChoices):
    """The default rhythm agreed with the person; the next meeting is suggested from it."""

    WEEKLY = "weekly", "Toutes les semaines"
    FORTNIGHTLY = "fortnightly", "Toutes les deux semaines"
    MONTHLY = "monthly", "Tous les mois"
    BIMONTHLY = "bimonthly", "Tous les deux mois"
    NONE = "none", "Pas de rythme fixe"


#: The number of days between two meetings, for each rhythm.
RHYTHM_DAYS = {Rhythm.WEEKLY: 7, Rhythm.FORTNIGHTLY: 14, Rhythm.MONTHLY: 30, Rhythm.BIMONTHLY: 61}
