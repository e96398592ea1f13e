from django.db import models


class RuleName(models.TextChoices):
    GUARANTEED_LEVEL = "guaranteed_level", "Niveau garanti par unité de consommation (€)"
    SCALE_FIRST_ADULT = "scale_first_adult", "Échelle : premier adulte"
    SCALE_OTHER_14_PLUS = "scale_other_14_plus", "Échelle : autre personne de 14 ans ou plus"
    SCALE_CHILD_UNDER_14 = "scale_child_under_14", "Échelle : enfant de moins de 14 ans"
    CHILD_AGE_LIMIT = "child_age_limit", "Échelle : âge limite des enfants"
    RESOURCES_MODE = "resources_mode", "Ressources comptées (declared ou entitled)"
    MINIMUM_PAID = "minimum_paid", "Montant minimum versé (€)"
    COMMUNE_CODE = "commune_code", "Commune du dispositif (code INSEE)"
    MINIMUM_AGE = "minimum_age", "Âge minimum du demandeur"
    REVIEW_CEILING = "review_ceiling", "Plafond de revue un par un (€)"
    RECOVERY_CAP = "recovery_cap", "Récupération maximale d'un trop-perçu par mois (€)"
    RESOURCES_PERIOD = "resources_period", "Période des ressources comptées"
    UNDECLARED_RESOURCES = "undeclared_resources", "Ressources non déclarées (zero ou hold)"
    OPENING_DELAY_MONTHS = "opening_delay_months", "Délai d'ouverture d'un cycle (mois)"
    REVIEW_CHANGE_THRESHOLD = "review_change_threshold", "Écart revu avant approbation (€)"


class CycleStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    COMPUTED = "computed", "Calculé"
    APPROVED = "approved", "Approuvé"
    PAID = "paid", "Payé"
    CLOSED = "closed", "Clos"


CYCLE_TRANSITIONS: dict[str, frozenset[str]] = {
    CycleStatus.DRAFT: frozenset({CycleStatus.COMPUTED}),
    CycleStatus.COMPUTED: frozenset({CycleStatus.COMPUTED, CycleStatus.APPROVED}),
    CycleStatus.APPROVED: frozenset({CycleStatus.PAID}),
    CycleStatus.PAID: frozenset({CycleStatus.CLOSED}),
    CycleStatus.CLOSED: frozenset(),
}


class CorrectionKind(models.TextChoices):
    ARREARS = "arrears", "Rappel (somme due en plus)"
    RECOVERY = "recovery", "Récupération d'un trop-perçu"
