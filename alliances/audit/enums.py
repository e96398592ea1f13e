from django.db import models


class AuditAction(models.TextChoices):
    READ = "read", "Consultation"
    WRITE = "write", "Modification"
