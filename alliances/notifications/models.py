from django.db import models
from django.db.models import Q

from .enums import Channel, NotificationKind


class Notification(models.Model):
    """A short message to a person: always in their space, and sent by the channel they chose."""

    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=30, choices=NotificationKind.choices)
    text = models.CharField("message", max_length=300)
    #: Where to go in the person's space to act on it.
    link = models.CharField(max_length=200, blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    #: Set for messages sent in batches (a payment): one message per person and key, however often it runs.
    key = models.CharField(max_length=60, blank=True, default="")

    class Meta:
        verbose_name = "message"
        verbose_name_plural = "messages"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["person", "-created_at"])]
        constraints = [
            models.UniqueConstraint(fields=["person", "key"], condition=~Q(key=""), name="notification_once_per_key")
        ]
