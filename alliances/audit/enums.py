from django.db import models


class AuditAction(models.TextChoices):
    READ = "read", "Consultation"
    WRITE = "write", "Modification"
    #: The guaranteed income's monthly steps: what they are, not an officer's "modification" of the file.
    COMPUTE = "compute", "Calcul"
    PAY = "pay", "Versement"
