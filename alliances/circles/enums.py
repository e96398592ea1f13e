from django.db import models
from django.utils.translation import gettext_lazy as _


class AllyRole(models.TextChoices):
    REFERENT = "referent", _("Référent·e unique")
    MEDIATOR = "mediator", _("Médiateur·rice socionumérique pair")
    PEER = "peer", _("Pair")
    PARTNER = "partner", _("Partenaire")
    OTHER = "other", _("Autre allié·e choisi·e par la personne")


class LinkType(models.TextChoices):
    """The four kinds of alliance link of the paper; every interaction and action is tagged with some."""

    CONSIDERATION = "consideration", _("Considération")
    CAPACITATION = "capacitation", _("Capacitation")
    ADAPTATION = "adaptation", _("Adaptation")
    FACILITATION = "facilitation", _("Facilitation")


class WovenBond(models.TextChoices):
    """The five bonds the paper sets out to weave; every goal, action and interaction names one."""

    WORK = "work", _("Lien au travail et à l'activité")
    CITIZENSHIP = "citizenship", _("Lien de citoyenneté")
    FAMILY_FRIENDS = "family_friends", _("Liens familiaux et amicaux")
    PEERS = "peers", _("Liens entre personnes concernées")
    WORKERS = "workers", _("Liens avec les intervenant·es")


class InteractionKind(models.TextChoices):
    MEETING = "meeting", _("Rendez-vous tenu")
    CALL = "call", _("Appel téléphonique")
    WORKSHOP = "workshop", _("Atelier collectif")
    PROCEDURE_STEP = "procedure_step", _("Étape d'une démarche")
    MUTUAL_AID = "mutual_aid", _("Contact d'entraide")
    OTHER = "other", _("Autre")
    #: Written by the person herself, in her own journal: her words, no tags asked of her.
    OWN_WORDS = "own_words", _("Écrit par la personne")
