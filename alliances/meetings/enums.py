from django.db import models
from django.utils.translation import gettext_lazy as _


class PlaceKind(models.TextChoices):
    OFFICE = "office", _("Dans les locaux du CCAS")
    HOME = "home", _("À domicile")
    PHONE = "phone", _("Par téléphone")
    VIDEO = "video", _("En visioconférence")
    CHOSEN = "chosen", _("Un autre lieu, au choix (café, association…)")


class MeetingStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposé")
    AGREED = "agreed", _("Convenu")
    HELD = "held", _("Tenu")
    MISSED = "missed", _("Manqué")
    MOVED = "moved", _("Déplacé")
    CANCELLED = "cancelled", _("Annulé")


class ReminderChannel(models.TextChoices):
    EMAIL = "email", _("Courriel")
    SMS = "sms", _("SMS")
    NONE = "none", _("Pas de rappel")


class ReminderState(models.TextChoices):
    PENDING = "pending", _("À envoyer")
    SENT = "sent", _("Envoyé")
    SKIPPED = "skipped", _("Pas envoyé")


class Rhythm(models.TextChoices):
    """The default rhythm agreed with the person; the next meeting is suggested from it."""

    WEEKLY = "weekly", _("Toutes les semaines")
    FORTNIGHTLY = "fortnightly", _("Toutes les deux semaines")
    MONTHLY = "monthly", _("Tous les mois")
    BIMONTHLY = "bimonthly", _("Tous les deux mois")
    NONE = "none", _("Pas de rythme fixe")


#: The number of days between two meetings, for each rhythm.
RHYTHM_DAYS = {Rhythm.WEEKLY: 7, Rhythm.FORTNIGHTLY: 14, Rhythm.MONTHLY: 30, Rhythm.BIMONTHLY: 61}
