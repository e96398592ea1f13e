from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberRole(models.TextChoices):
    APPLICANT = "applicant", _("Demandeur ou demandeuse")
    PARTNER = "partner", _("Conjoint ou conjointe")
    CHILD = "child", _("Enfant")
    OTHER = "other", _("Autre personne du foyer")


class MemberSituation(models.TextChoices):
    """Situations the law reads (the rights engine's member flags)."""

    STUDENT = "student", _("Étudiant·e ou lycéen·ne")
    APPRENTICE = "apprentice", _("Apprenti·e")
    PREGNANT = "pregnant", _("Enceinte")
    ALTERNATING_CUSTODY = "alternating_custody", _("En résidence alternée (enfant)")


class IncomeType(models.TextChoices):
    SALARY_NET = "salary_net", _("Salaire net")
    UNEMPLOYMENT = "unemployment", _("Allocation chômage")
    PENSION = "pension", _("Pension de retraite ou d'invalidité")
    CHILD_SUPPORT = "child_support", _("Pension alimentaire reçue")
    STUDENT_GRANT = "student_grant", _("Bourse d'études")
    SELF_EMPLOYED_SALES = "self_employed_sales", _("Micro-entreprise : chiffre d'affaires (vente)")
    SELF_EMPLOYED_SERVICES = "self_employed_services", _("Micro-entreprise : chiffre d'affaires (services)")
    SELF_EMPLOYED_LIBERAL = "self_employed_liberal", _("Micro-entreprise : chiffre d'affaires (profession libérale)")
    RSA = "rsa", _("RSA reçu")
    PPA = "ppa", _("Prime d'activité reçue")
    HOUSING_BENEFIT = "aide_logement", _("Aide au logement reçue")
    AF = "af", _("Allocations familiales reçues")
    ASF = "asf", _("Allocation de soutien familial reçue")
    AAH = "aah", _("AAH reçue")
    ASPA = "aspa", _("ASPA reçue")
    OTHER_BENEFIT = "other_benefit", _("Autre prestation reçue")
    OTHER = "other", _("Autre revenu")


#: Income types that are benefits received, by kind.
BENEFIT_TYPES = frozenset(
    {
        IncomeType.RSA,
        IncomeType.PPA,
        IncomeType.HOUSING_BENEFIT,
        IncomeType.AF,
        IncomeType.ASF,
        IncomeType.AAH,
        IncomeType.ASPA,
        IncomeType.OTHER_BENEFIT,
    }
)


class HousingStatus(models.TextChoices):
    TENANT = "tenant", _("Locataire")
    OWNER = "owner", _("Propriétaire")
    HOSTED = "hosted", _("Hébergé·e gratuitement")
    HOMELESS = "homeless", _("Sans logement")
    OTHER = "other", _("Autre situation")
