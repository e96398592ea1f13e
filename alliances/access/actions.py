from django.db import models


class Action(models.TextChoices):
    VIEW = "view", "Consulter"
    CHANGE = "change", "Modifier"
