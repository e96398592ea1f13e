from django.db import models


class Category(models.TextChoices):
    """What a person's file is made of; sharing is granted per ally and per category."""

    IDENTITY = "identity", "Identité et contact"
    HOUSEHOLD = "household", "Foyer et ressources"
    BONDS = "bonds", "Liens et évaluations"
    PLAN = "plan", "Projet et objectifs"
    MEETINGS = "meetings", "Rendez-vous"
    PROCEDURES = "procedures", "Démarches"
    NOTES = "notes", "Notes partagées"
    # Not a file section: the sharing settings and the access log themselves.
    CONSENT = "consent", "Partages"
    AUDIT = "audit", "Journal d'accès"


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
