import calendar
from datetime import date, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

from alliances.core.months import add_months


class MandateDuration(models.TextChoices):
    """The four lengths a mandate may have (after Aidants Connect); never more than a year."""

    DAY = "day", _("1 jour")
    MONTH = "month", _("1 mois")
    SIX_MONTHS = "six_months", _("6 mois")
    YEAR = "year", _("1 an")


def mandate_end(duration: str, start: date) -> date:
    """The last day a mandate is in force (a one-day mandate ends the day it starts)."""
    months = {MandateDuration.DAY: 0, MandateDuration.MONTH: 1, MandateDuration.SIX_MONTHS: 6, MandateDuration.YEAR: 12}
    count = months[MandateDuration(duration)]
    if count == 0:
        return start
    first = add_months(start, count)
    same_day = first.replace(day=min(start.day, calendar.monthrange(first.year, first.month)[1]))
    return same_day - timedelta(days=1)


#: Mandates long enough to be reminded of 30 days before they end.
REMINDED_DURATIONS = (MandateDuration.SIX_MONTHS, MandateDuration.YEAR)


class ConsentMethod(models.TextChoices):
    SPACE = "space", _("Confirmé dans l'espace personnel")
    PRINTED = "printed", _("Signé sur le mandat imprimé")


class MandateStatus(models.TextChoices):
    TO_CONFIRM = "to_confirm", _("À confirmer par la personne")
    ACTIVE = "active", _("En cours")
    REVOKED = "revoked", _("Révoqué")
    EXPIRED = "expired", _("Terminé")
    REFUSED = "refused", _("Refusé par la personne")
