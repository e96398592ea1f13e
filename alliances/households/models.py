from decimal import Decimal

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from alliances.core.encryption import EncryptedDecimalField

from .enums import HousingStatus, IncomeType, MemberRole

commune_code_validator = RegexValidator(
    r"^(\d{5}|2[AB]\d{3})$", "Le code commune INSEE compte 5 caractères (par exemple 35238 pour Rennes)."
)


class Household(models.Model):
    """A household (foyer): the people who live together and share resources."""

    reference = models.CharField("référence", max_length=20, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    #: Bumped by database triggers whenever a member, the housing or an income of the household changes
    #: (migration 0002), whatever wrote it: the income cycle looks for corrections only where it moved.
    inputs_version = models.PositiveBigIntegerField(
        "version des données de calcul",
        default=0,
        editable=False,
        help_text="Augmente à chaque modification des membres, du logement ou des revenus (déclencheurs).",
    )
    history = HistoricalRecords(excluded_fields=["inputs_version", "updated_at"])

    class Meta:
        verbose_name = "foyer"
        verbose_name_plural = "foyers"
        ordering = ["reference"]

    def __str__(self) -> str:
        return self.reference


class CurrentMemberManager(models.Manager["Member"]):
    """Members who still live in the household: what every reader and calculation sees."""

    def get_queryset(self) -> models.QuerySet["Member"]:
        return super().get_queryset().filter(left_on__isnull=True)


class Member(models.Model):
    """A member of a household. Adults with a file point to their Person; children need not.

    A member who leaves keeps their row and their incomes (`left_on` is set): nothing is erased.
    `objects` (and `household.members`) give the current members; `with_former` gives all of them.
    """

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        "persons.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    first_name = models.CharField("prénom", max_length=150)
    last_name = models.CharField("nom", max_length=150)
    birth_date = models.DateField("date de naissance")
    role = models.CharField("place dans le foyer", max_length=20, choices=MemberRole.choices)
    disability_rate = EncryptedDecimalField(
        "taux d'incapacité reconnu (%)",
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    #: Situations the law reads (MemberSituation values): student, apprentice, pregnancy, alternating custody.
    situations = models.JSONField("situations", default=list, blank=True)
    left_on = models.DateField("a quitté le foyer le", null=True, blank=True)
    history = HistoricalRecords()

    objects = CurrentMemberManager()
    with_former = models.Manager["Member"]()

    class Meta:
        verbose_name = "membre du foyer"
        verbose_name_plural = "membres du foyer"
        ordering = ["household", "role", "birth_date", "id"]
        base_manager_name = "with_former"
        constraints = [
            # A person belongs to one household at most: which household is theirs is never ambiguous.
            models.UniqueConstraint(
                fields=["person"],
                name="member_person_in_one_household",
                condition=Q(person__isnull=False, left_on__isnull=True),
            ),
            models.UniqueConstraint(
                fields=["household"],
                name="member_one_applicant",
                condition=Q(role=MemberRole.APPLICANT, left_on__isnull=True),
            ),
            models.UniqueConstraint(
                fields=["household"],
                name="member_one_partner",
                condition=Q(role=MemberRole.PARTNER, left_on__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def situation_labels(self) -> list[str]:
        from .enums import MemberSituation

        return [str(MemberSituation(value).label) for value in self.situations or [] if value in MemberSituation.values]


class MonthlyIncome(models.Model):
    """One income of one member for one calendar month (month = its first day)."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="incomes")
    income_type = models.CharField("type de ressource", max_length=30, choices=IncomeType.choices)
    month = models.DateField("mois")
    amount = models.DecimalField(
        "montant mensuel (€)", max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "ressource mensuelle"
        verbose_name_plural = "ressources mensuelles"
        ordering = ["member", "-month", "income_type"]
        constraints = [
            models.UniqueConstraint(fields=["member", "income_type", "month"], name="income_unique_per_month"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="income_amount_not_negative"),
            models.CheckConstraint(condition=Q(month__day=1), name="income_month_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self.income_type} {self.month:%Y-%m}"


class Housing(models.Model):
    household = models.OneToOneField(Household, on_delete=models.CASCADE, related_name="housing")
    status = models.CharField("situation de logement", max_length=20, choices=HousingStatus.choices)
    rent = models.DecimalField(
        "loyer mensuel (€)",
        max_digits=8,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    commune_code = models.CharField("code commune INSEE", max_length=5, validators=[commune_code_validator])
    history = HistoricalRecords()

    class Meta:
        verbose_name = "logement"
        verbose_name_plural = "logements"
        constraints = [models.CheckConstraint(condition=Q(rent__gte=0), name="housing_rent_not_negative")]

    def __str__(self) -> str:
        return f"{self.status} {self.commune_code}"
