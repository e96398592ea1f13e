from django.db import models


class InstrumentCode(models.TextChoices):
    SOCIAL_BONDS = "social_bonds", "Liens sociaux"
    HIDDEN_DIMENSIONS = "hidden_dimensions", "Dimensions cachées de la pauvreté"
    PARTICIPATION_LADDER = "participation_ladder", "Échelle de participation"


class Side(models.TextChoices):
    """Whose reading it is. Both are kept; the gap is shown, never resolved."""

    PERSON = "person", "La personne"
    WORKER = "worker", "Le ou la référent·e"
