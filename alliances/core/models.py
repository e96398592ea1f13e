from django.db import models

from .encryption import EncryptedTextField


class DeferredTask(models.Model):
    """A task queued while the queue's storage (Redis) could not be reached, kept until it answers again
    (`queue.py`). Its arguments can be personal (an email's text, a phone number): kept encrypted."""

    message = EncryptedTextField("tâche sérialisée (base64)")
    priority = models.IntegerField(null=True, blank=True)
    name = models.CharField("nom de la tâche", max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tâche en attente de la file"
        verbose_name_plural = "tâches en attente de la file"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.created_at:%Y-%m-%d %H:%M})"
