from django.db import models


class AllyRole(models.TextChoices):
    REFERENT = "referent", "Référent·e unique"
    MEDIATOR = "mediator", "Médiateur·rice socionumérique pair"
    PEER = "peer", "Pair"
    PARTNER = "partner", "Partenaire"
    OTHER = "other", "Autre allié·e choisi·e par la personne"
