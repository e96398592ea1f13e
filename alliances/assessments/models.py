from django.conf import settings
from django.db import models

from alliances.core.encryption import EncryptedJSONField, EncryptedTextField

from .enums import InstrumentCode, Side


class Reading(models.Model):
    """One reading of one instrument, by one side. Readings are never merged nor overwritten."""

    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="readings")
    instrument = models.CharField("instrument", max_length=30, choices=InstrumentCode.choices)
    version = models.PositiveSmallIntegerField("version de l'instrument")
    side = models.CharField("côté", max_length=10, choices=Side.choices)
    #: True when the person's reading was entered together on the worker's screen.
    together = models.BooleanField("fait ensemble à l'écran", default=False)
    taken_on = models.DateField("date")
    #: item code → value on the instrument's scale (bonds indicators, dimension intensity, ladder level).
    values = models.JSONField("valeurs", default=dict)
    #: item code → the person's own words (hidden dimensions, modifying factors).
    words = EncryptedJSONField("avec ses mots", default=dict, blank=True)
    comment = EncryptedTextField("commentaire", blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "lecture"
        verbose_name_plural = "lectures"
        ordering = ["-taken_on", "-id"]
        indexes = [models.Index(fields=["person", "instrument", "side", "taken_on"])]
