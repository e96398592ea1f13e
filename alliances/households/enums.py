from django.db import models


class MemberRole(models.TextChoices):
    APPLICANT = "applicant", "Demandeur ou demandeuse"
    PARTNER = "partner", "Conjoint ou conjointe"
    CHILD = "child", "Enfant"
    OTHER = "other", "Autre personne du foyer"


class MemberSituation(models.TextChoices):
    """Situations the law reads (the rights engine's member flags)."""

    STUDENT = "student", "Étudiant·e ou lycéen·ne"
    APPRENTICE = "apprentice", "Apprenti·e"
    PREGNANT = "pregnant", "Enceinte"
    ALTERNATING_CUSTODY = "alternating_custody", "En résidence alternée (enfant)"


class IncomeType(models.TextChoices):
    SALARY_NET = "salary_net", "Salaire net"
    UNEMPLOYMENT = "unemployment", "Allocation chômage"
    PENSION = "pension", "Pension de retraite ou d'invalidité"
    CHILD_SUPPORT = "child_support", "Pension alimentaire reçue"
    STUDENT_GRANT = "student_grant", "Bourse d'études"
    SELF_EMPLOYED_SALES = "self_employed_sales", "Micro-entreprise : chiffre d'affaires (vente)"
    SELF_EMPLOYED_SERVICES = "self_employed_services", "Micro-entreprise : chiffre d'affaires (services)"
    SELF_EMPLOYED_LIBERAL = "self_employed_liberal", "Micro-entreprise : chiffre d'affaires (profession libérale)"
    RSA = "rsa", "RSA reçu"
    PPA = "ppa", "Prime d'activité reçue"
    HOUSING_BENEFIT = "aide_logement", "Aide au logement reçue"
    AF = "af", "Allocations familiales reçues"
    ASF = "asf", "Allocation de soutien familial reçue"
    AAH = "aah", "AAH reçue"
    ASPA = "aspa", "ASPA reçue"
    OTHER_BENEFIT = "other_benefit", "Autre prestation reçue"
    OTHER = "other", "Autre revenu"


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
    TENANT = "tenant", "Locataire"
    OWNER = "owner", "Propriétaire"
    HOSTED = "hosted", "Hébergé·e gratuitement"
    HOMELESS = "homeless", "Sans logement"
    OTHER = "other", "Autre situation"
