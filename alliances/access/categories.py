from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    """What a person's file is made of; sharing is granted per ally and per category."""

    IDENTITY = "identity", _("Identité et contact")
    HOUSEHOLD = "household", _("Foyer et ressources")
    BONDS = "bonds", _("Liens et évaluations")
    PLAN = "plan", _("Projet et objectifs")
    MEETINGS = "meetings", _("Rendez-vous")
    PROCEDURES = "procedures", _("Démarches")
    NOTES = "notes", _("Notes partagées")
    # Not a file section: the sharing settings and the access log themselves.
    CONSENT = "consent", _("Partages")
    AUDIT = "audit", _("Journal d'accès")


#: The categories a person can share with an ally.
SHAREABLE: tuple[Category, ...] = (
    Category.IDENTITY,
    Category.HOUSEHOLD,
    Category.BONDS,
    Category.PLAN,
    Category.MEETINGS,
    Category.PROCEDURES,
    Category.NOTES,
)
