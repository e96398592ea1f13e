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


class WovenBond(models.TextChoices):
    """The five bonds the paper sets out to weave; every goal, action and interaction names one."""

    WORK = "work", "Lien au travail et à l'activité"
    CITIZENSHIP = "citizenship", "Lien de citoyenneté"
    FAMILY_FRIENDS = "family_friends", "Liens familiaux et amicaux"
    PEERS = "peers", "Liens entre personnes concernées"
    WORKERS = "workers", "Liens avec les intervenant·es"


class InteractionKind(models.TextChoices):
    MEETING = "meeting", "Rendez-vous tenu"
    CALL = "call", "Appel téléphonique"
    WORKSHOP = "workshop", "Atelier collectif"
    PROCEDURE_STEP = "procedure_step", "Étape d'une démarche"
    MUTUAL_AID = "mutual_aid", "Contact d'entraide"
    OTHER = "other", "Autre"
    #: Written by the person herself, in her own journal: her words, no tags asked of her.
    OWN_WORDS = "own_words", "Écrit par la personne"
