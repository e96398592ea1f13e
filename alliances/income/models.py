from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.db.models import Q

from alliances.core.encryption import EncryptedCharField, EncryptedTextField

from .enums import CorrectionKind, CycleStatus, RuleName, RunningStep


class SchemeRule(models.Model):
    """One dated value of a scheme rule, with its source. Append-only: a new value is a new row."""

    name = models.CharField("règle", max_length=40, choices=RuleName.choices)
    valid_from = models.DateField("en vigueur à partir du")
    value = models.CharField("valeur", max_length=50)
    source = models.CharField("source", max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "règle du dispositif"
        verbose_name_plural = "règles du dispositif"
        ordering = ["name", "-valid_from"]
        constraints = [models.UniqueConstraint(fields=["name", "valid_from"], name="rule_once_per_date")]

    def __str__(self) -> str:
        return f"{self.get_name_display()} = {self.value} ({self.valid_from:%d/%m/%Y})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise ValueError("Une règle datée ne se modifie pas : ajoutez une nouvelle valeur datée.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise ValueError("L'historique des règles est conservé : une règle ne s'efface pas.")


class Enrollment(models.Model):
    """A household's enrolment in the scheme, and the account the top-up is paid into."""

    household = models.OneToOneField("households.Household", on_delete=models.CASCADE, related_name="rmg_enrollment")
    enrolled = models.BooleanField("inscrit au dispositif", default=True)
    since = models.DateField("depuis le")
    iban = EncryptedCharField("IBAN", max_length=34, blank=True)
    bic = models.CharField("BIC", max_length=11, blank=True)
    account_holder = models.CharField("titulaire du compte", max_length=70, blank=True)

    class Meta:
        verbose_name = "inscription au RMG"
        verbose_name_plural = "inscriptions au RMG"

    def __str__(self) -> str:
        return f"{self.household_id} {'inscrit' if self.enrolled else 'non inscrit'}"


class Cycle(models.Model):
    """One month of the scheme: draft → computed → approved → paid → closed."""

    month = models.DateField("mois", unique=True)
    status = models.CharField("état", max_length=10, choices=CycleStatus.choices, default=CycleStatus.DRAFT)
    rules = models.JSONField("règles appliquées", default=dict)
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    computed_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    paid_at = models.DateTimeField(null=True, blank=True)
    total_households = models.PositiveIntegerField("foyers à traiter", default=0)
    progress = models.PositiveIntegerField("foyers traités", default=0)
    #: Why the last step run on the task queue failed, in French (shown on the cycle's page); empty when
    #: it did not, and emptied when a step is started again.
    failure = models.TextField("échec de la dernière étape", blank=True, db_default="")
    failed_at = models.DateTimeField("échec le", null=True, blank=True)
    #: The step queued and not finished yet ("compute" or "pay"), who asked for it, and the last sign of
    #: life of its tasks: a step whose consumer was killed is queued again once it has stalled (`tasks.py`).
    running = models.CharField("étape en cours", max_length=10, choices=RunningStep.choices, blank=True, db_default="")
    running_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    active_at = models.DateTimeField("dernière activité de l'étape", null=True, blank=True)
    #: Entitlements drawn at random when the computation ends, for the second officer to check by hand.
    sample = models.JSONField("échantillon à vérifier", default=list, blank=True, null=True)
    #: The change from last month by group and what else the review counts, once computed (review.py).
    review_figures = models.JSONField("chiffres de la revue", null=True, blank=True)
    #: What the second officer had in front of them when approving (see `cycle_approve`).
    approval_record = models.JSONField("relevé de la revue à l'approbation", null=True, blank=True)

    class Meta:
        verbose_name = "cycle mensuel"
        verbose_name_plural = "cycles mensuels"
        ordering = ["-month"]

    def __str__(self) -> str:
        return f"{self.month:%m/%Y} {self.get_status_display()}"


class CycleChunk(models.Model):
    """A slice of a cycle's households (by id range), computed as one queue task. Planned once per
    cycle: a resumed computation runs only the slices not done."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="chunks")
    first_household_id = models.PositiveBigIntegerField()
    last_household_id = models.PositiveBigIntegerField()
    households = models.PositiveIntegerField("foyers")
    done_at = models.DateTimeField(null=True, blank=True)
    #: Changes of paid months left to the end of the computation (see `corrections.py`).
    deferred = models.JSONField("corrections reportées", null=True, blank=True)

    class Meta:
        verbose_name = "tranche de calcul"
        verbose_name_plural = "tranches de calcul"
        ordering = ["cycle", "first_household_id"]
        constraints = [models.UniqueConstraint(fields=["cycle", "first_household_id"], name="chunk_once_per_cycle")]

    def __str__(self) -> str:
        return f"{self.cycle_id}:{self.first_household_id}-{self.last_household_id}"


class InputSnapshot(models.Model):
    """The frozen inputs of one household for one cycle: what the entitlement was computed from."""

    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="snapshots")
    household = models.ForeignKey("households.Household", on_delete=models.PROTECT, related_name="+")
    data = models.JSONField("données figées")
    #: The household's `inputs_version` up to which this month is settled: read before the inputs were
    #: frozen, then moved on by each check for corrections that left nothing to correct. When the
    #: household's version has moved past it, its inputs may have changed since.
    settled_version = models.PositiveBigIntegerField("version des données prise en compte", null=True, blank=True)
    #: The inputs this month was last settled on, when a correction was computed from other inputs than
    #: the frozen ones (`data` is never rewritten): later changes are compared with them.
    settled_inputs = models.JSONField("données prises en compte par la dernière correction", null=True, blank=True)
    #: The top-up due on the inputs it is settled on (once a correction computed it), and whether an
    #: overpayment is still being recovered (held back by the monthly cap): the next cycles go on
    #: recovering it from this amount, without computing the month again.
    settled_due = models.DecimalField(
        "complément dû sur ces données", max_digits=10, decimal_places=2, null=True, blank=True
    )
    recovery_pending = models.BooleanField("récupération à poursuivre", default=False, db_default=False)
    taken_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "photographie des données"
        constraints = [models.UniqueConstraint(fields=["cycle", "household"], name="snapshot_once_per_cycle")]

    def __str__(self) -> str:
        return f"{self.cycle_id}:{self.household_id}"


class Entitlement(models.Model):
    """What a household is due for a month. Unique per (household, month); never silently rewritten."""

    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="entitlements")
    household = models.ForeignKey("households.Household", on_delete=models.PROTECT, related_name="entitlements")
    month = models.DateField("mois")
    eligible = models.BooleanField("éligible")
    consumption_units = models.DecimalField("unités de consommation", max_digits=5, decimal_places=2)
    guaranteed = models.DecimalField("niveau garanti", max_digits=10, decimal_places=2)
    resources = models.DecimalField("ressources", max_digits=10, decimal_places=2)
    amount = models.DecimalField("complément", max_digits=10, decimal_places=2)
    breakdown = models.JSONField("détail")
    rules = models.JSONField("règles et dates")
    #: Last month's entitlement of the household (None: it had none), kept when computed: the change
    #: from last month is what the second officer reviews first.
    previous_amount = models.DecimalField(
        "complément du mois précédent", max_digits=10, decimal_places=2, null=True, blank=True
    )
    #: Whether any resource (even 0 €) was declared for the month: if not, the officer checks it.
    resources_declared = models.BooleanField("ressources déclarées", default=True, db_default=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "droit mensuel"
        verbose_name_plural = "droits mensuels"
        ordering = ["-month", "household_id"]
        constraints = [
            models.UniqueConstraint(fields=["household", "month"], name="entitlement_once_per_household_month"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="entitlement_amount_not_negative"),
        ]
        indexes = [
            models.Index(fields=["cycle", "-amount", "id"], name="entitlement_cycle_amount"),
            # Payments are planned in household order (the same SEPA files however the computation went).
            models.Index(fields=["cycle", "household"], name="entitlement_cycle_household"),
        ]

    def __str__(self) -> str:
        return f"{self.household_id} {self.month:%m/%Y} {self.amount}"


class Correction(models.Model):
    """A later change of resources for a month already paid: arrears, or the recovery of an overpayment."""

    household = models.ForeignKey("households.Household", on_delete=models.PROTECT, related_name="rmg_corrections")
    month_concerned = models.DateField("mois corrigé")
    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="corrections")
    kind = models.CharField("nature", max_length=10, choices=CorrectionKind.choices)
    amount = models.DecimalField("montant appliqué ce mois", max_digits=10, decimal_places=2)
    difference = models.DecimalField("écart constaté", max_digits=10, decimal_places=2)
    explanation = models.TextField("explication")

    class Meta:
        verbose_name = "ligne de correction"
        verbose_name_plural = "lignes de correction"
        ordering = ["-cycle__month", "month_concerned"]
        constraints = [
            models.UniqueConstraint(fields=["household", "month_concerned", "cycle"], name="correction_once_per_cycle"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.month_concerned:%m/%Y} {self.amount}"


class SepaFile(models.Model):
    """One pain.001 file of a cycle; a large cycle has several (at most RMG_SEPA_MAX_TRANSFERS each)."""

    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="sepa_files")
    sequence = models.PositiveIntegerField("numéro", default=1)
    xml = EncryptedTextField("fichier pain.001", blank=True)  # empty while the file is being produced
    execution_date = models.DateField("date d'exécution demandée", null=True, blank=True)
    count = models.PositiveIntegerField("nombre de virements")
    control_sum = models.DecimalField("somme de contrôle", max_digits=14, decimal_places=2)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "fichier de virements SEPA"
        verbose_name_plural = "fichiers de virements SEPA"
        ordering = ["cycle", "sequence"]
        constraints = [models.UniqueConstraint(fields=["cycle", "sequence"], name="sepa_file_sequence_unique")]

    def __str__(self) -> str:
        return f"SEPA {self.cycle_id}-{self.sequence} ({self.count})"


class Payment(models.Model):
    """One transfer for one entitlement (unique), with corrections of the cycle folded in."""

    entitlement = models.OneToOneField(Entitlement, on_delete=models.PROTECT, related_name="payment")
    amount = models.DecimalField("montant versé", max_digits=10, decimal_places=2)
    corrections_total = models.DecimalField("dont corrections", max_digits=10, decimal_places=2, default=0)
    iban = EncryptedCharField("IBAN", max_length=34)
    bic = models.CharField("BIC", max_length=11, blank=True)
    account_holder = models.CharField("titulaire", max_length=70)
    end_to_end_id = models.CharField(max_length=35, unique=True)
    sepa_file = models.ForeignKey(SepaFile, on_delete=models.PROTECT, null=True, blank=True, related_name="payments")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "paiement"
        verbose_name_plural = "paiements"
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive")]

    def __str__(self) -> str:
        return f"{self.end_to_end_id} {self.amount}"
