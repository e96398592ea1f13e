from django.db import models
from django.utils.translation import gettext_lazy as _


class RuleName(models.TextChoices):
    GUARANTEED_LEVEL = "guaranteed_level", _("Niveau garanti par unité de consommation (€)")
    SCALE_FIRST_ADULT = "scale_first_adult", _("Échelle : premier adulte")
    SCALE_OTHER_14_PLUS = "scale_other_14_plus", _("Échelle : autre personne de 14 ans ou plus")
    SCALE_CHILD_UNDER_14 = "scale_child_under_14", _("Échelle : enfant de moins de 14 ans")
    CHILD_AGE_LIMIT = "child_age_limit", _("Échelle : âge limite des enfants")
    RESOURCES_MODE = "resources_mode", _("Ressources comptées (declared ou entitled)")
    MINIMUM_PAID = "minimum_paid", _("Montant minimum versé (€)")
    COMMUNE_CODE = "commune_code", _("Commune du dispositif (code INSEE)")
    MINIMUM_AGE = "minimum_age", _("Âge minimum du demandeur")
    REVIEW_CEILING = "review_ceiling", _("Plafond de revue un par un (€)")
    RECOVERY_CAP = "recovery_cap", _("Récupération maximale d'un trop-perçu par mois (€)")
    RESOURCES_PERIOD = "resources_period", _("Période des ressources comptées")
    UNDECLARED_RESOURCES = "undeclared_resources", _("Ressources non déclarées (zero ou hold)")
    OPENING_DELAY_MONTHS = "opening_delay_months", _("Délai d'ouverture d'un cycle (mois)")
    REVIEW_CHANGE_THRESHOLD = "review_change_threshold", _("Écart revu avant approbation (€)")


class CycleStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    COMPUTED = "computed", _("Calculé")
    APPROVED = "approved", _("Approuvé")
    PAID = "paid", _("Payé")
    CLOSED = "closed", _("Clos")


class RunningStep(models.TextChoices):
    """A cycle step run on the task queue, from the moment it is queued until it is done or fails."""

    COMPUTE = "compute", _("Calcul")
    PAY = "pay", _("Paiement")


CYCLE_TRANSITIONS: dict[str, frozenset[str]] = {
    CycleStatus.DRAFT: frozenset({CycleStatus.COMPUTED}),
    CycleStatus.COMPUTED: frozenset({CycleStatus.COMPUTED, CycleStatus.APPROVED}),
    CycleStatus.APPROVED: frozenset({CycleStatus.PAID}),
    CycleStatus.PAID: frozenset({CycleStatus.CLOSED}),
    CycleStatus.CLOSED: frozenset(),
}


class CorrectionKind(models.TextChoices):
    ARREARS = "arrears", _("Rappel (somme due en plus)")
    RECOVERY = "recovery", _("Récupération d'un trop-perçu")
