from django.db import models


class ProposedBy(models.TextChoices):
    PERSON = "person", "La personne"
    TOGETHER = "together", "La personne et son allié·e, ensemble"
    ALLY = "ally", "Un·e allié·e"


class GoalStatus(models.TextChoices):
    OPEN = "open", "En cours"
    REACHED = "reached", "Atteint"
    SET_ASIDE = "set_aside", "Mis de côté"


class Doer(models.TextChoices):
    PERSON = "person", "La personne seule"
    TOGETHER = "together", "Ensemble"
    ALLY = "ally", "Un·e allié·e pour la personne"


class ActionStatus(models.TextChoices):
    TODO = "todo", "À faire"
    DOING = "doing", "En cours"
    DONE = "done", "Fait"
    DROPPED = "dropped", "Abandonné"


class DecidedBy(models.TextChoices):
    PERSON = "person", "La personne"
    TOGETHER = "together", "Ensemble"
    ALLY = "ally", "L'allié·e"
