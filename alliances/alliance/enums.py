from django.db import models


class AllyRole(models.TextChoices):
    REFERENT = "referent", "Référent·e unique"
    MEDIATOR = "mediator", "Médiateur·rice socionumérique pair"
    PEER = "peer", "Pair"
    PARTNER = "partner", "Partenaire"
    OTHER = "other", "Autre allié·e choisi·e par la personne"


class LinkType(models.TextChoices):
    """The four kinds of alliance link of the paper; every interaction and action is tagged with some."""

    CONSIDERATION = "consideration", "Considération"
    CAPACITATION = "capacitation", "Capacitation"
    ADAPTATION = "adaptation", "Adaptation"
    FACILITATION = "facilitation", "Facilitation"
