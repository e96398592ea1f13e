import calendar
from datetime import date, timedelta

from django.db import models

from alliances.core.months import add_months


class MandateDuration(models.TextChoices):
    """The four lengths a mandate may have (after Aidants Connect); never more than a year."""

    DAY = "day", "1 jour"
    MONTH = "month", "1 mois"
    SIX_MONTHS = "six_months", "6 mois"
    YEAR = "year", "1 an"


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
    SPACE = "space", "Confirmé dans l'espace personnel"
    PRINTED = "printed", "Signé sur le mandat imprimé"


class MandateStatus(models.TextChoices):
    TO_CONFIRM = "to_confirm", "À confirmer par la personne"
    ACTIVE = "active", "En cours"
    REVOKED = "revoked", "Révoqué"
    EXPIRED = "expired", "Terminé"
    REFUSED = "refused", "Refusé par la personne"
