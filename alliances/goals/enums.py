from django.db import models
from django.utils.translation import gettext_lazy as _


class ProposedBy(models.TextChoices):
    PERSON = "person", _("La personne")
    TOGETHER = "together", _("La personne et son allié·e, ensemble")
    ALLY = "ally", _("Un·e allié·e")


class GoalStatus(models.TextChoices):
    OPEN = "open", _("En cours")
    REACHED = "reached", _("Atteint")
    SET_ASIDE = "set_aside", _("Mis de côté")


class Doer(models.TextChoices):
    PERSON = "person", _("La personne seule")
    TOGETHER = "together", _("Ensemble")
    ALLY = "ally", _("Un·e allié·e pour la personne")


class ActionStatus(models.TextChoices):
    TODO = "todo", _("À faire")
    DOING = "doing", _("En cours")
    DONE = "done", _("Fait")
    DROPPED = "dropped", _("Abandonné")


class DecidedBy(models.TextChoices):
    PERSON = "person", _("La personne")
    TOGETHER = "together", _("Ensemble")
    ALLY = "ally", _("L'allié·e")
