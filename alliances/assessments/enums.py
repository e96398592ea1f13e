from django.db import models
from django.utils.translation import gettext_lazy as _


class InstrumentCode(models.TextChoices):
    SOCIAL_BONDS = "social_bonds", _("Liens sociaux")
    HIDDEN_DIMENSIONS = "hidden_dimensions", _("Dimensions cachées de la pauvreté")
    PARTICIPATION_LADDER = "participation_ladder", _("Échelle de participation")


class Side(models.TextChoices):
    """Whose reading it is. Both are kept; the gap is shown, never resolved."""

    PERSON = "person", _("La personne")
    WORKER = "worker", _("Le ou la référent·e")
