from django.conf import settings
from django.db import models
from django.db.models import Q

from alliances.circles.enums import LinkType
from alliances.core.encryption import EncryptedJSONField

from .enums import Benefit, Helper, ProcedureState, RunStatus


class RightsEstimate(models.Model):
    """The latest estimate of a household's rights for a month (OpenFisca-France), with non-take-up."""

    household = models.ForeignKey("households.Household", on_delete=models.CASCADE, related_name="rights_estimates")
    month = models.DateField("mois")
    computed_at = models.DateTimeField("calculé le", auto_now=True)
    benefits = models.JSONField("montants estimés")
    received = models.JSONField("montants reçus déclarés", default=dict)
    css = models.CharField("complémentaire santé solidaire", max_length=20)
    css_contribution = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    non_take_up = models.JSONField("non-recours", default=dict)
    monthly_gap = models.DecimalField("montant mensuel en jeu", max_digits=10, decimal_places=2, default=0)
    explanations = models.JSONField("explications", default=dict)
    run = models.ForeignKey("RightsCheckRun", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    #: What it was computed from (see freshness.py): the household's data version, read before its data…
    inputs_version = models.PositiveBigIntegerField("version des données du foyer", null=True, blank=True)
    #: …and the engine that computed it.
    engine_version = models.CharField("version du moteur", max_length=80, blank=True)
    #: Incomes counted at their last known amount for lack of one this month (engine/stable.py).
    assumptions = models.JSONField("revenus comptés comme stables", default=list, blank=True)

    class Meta:
        verbose_name = "estimation des droits"
        verbose_name_plural = "estimations des droits"
        constraints = [models.UniqueConstraint(fields=["household", "month"], name="estimate_once_per_month")]
        indexes = [models.Index(fields=["month", "-monthly_gap"])]

    def __str__(self) -> str:
        return f"{self.household_id} {self.month:%Y-%m}"


class EstimateRequest(models.Model):
    """A recomputation of one household's estimate, queued (never computed in a page request): pages
    show the last estimate and this request's progress until it is done."""

    household = models.ForeignKey("households.Household", on_delete=models.CASCADE, related_name="+")
    month = models.DateField("mois")
    inputs_version = models.PositiveBigIntegerField("version des données du foyer demandée")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField("demandé le", auto_now_add=True)
    started_at = models.DateTimeField("commencé le", null=True, blank=True)
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)
    error = models.TextField("erreur", blank=True)

    class Meta:
        verbose_name = "demande de calcul des droits"
        verbose_name_plural = "demandes de calcul des droits"
        indexes = [models.Index(fields=["household", "month", "-requested_at"])]

    def __str__(self) -> str:
        return f"{self.household_id} {self.month:%Y-%m} ({self.requested_at:%Y-%m-%d %H:%M})"

    @property
    def pending(self) -> bool:
        return self.finished_at is None


class RightsCheckRun(models.Model):
    """A background check of the whole caseload, or of a filtered part of it, for non-take-up."""

    month = models.DateField("mois")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    filters = models.JSONField("filtres", default=dict)
    status = models.CharField("état", max_length=10, choices=RunStatus.choices, default=RunStatus.PENDING)
    total = models.PositiveIntegerField("foyers à vérifier", default=0)
    done = models.PositiveIntegerField("foyers vérifiés", default=0)
    failed = models.PositiveIntegerField("foyers non calculables", default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "vérification du non-recours"
        verbose_name_plural = "vérifications du non-recours"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.status}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else int(100 * (self.done + self.failed) / self.total)


class Procedure(models.Model):
    """Claiming one right, followed to the end: to check → to claim → submitted → granted or refused…"""

    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="procedures")
    household = models.ForeignKey(
        "households.Household", on_delete=models.SET_NULL, null=True, blank=True, related_name="procedures"
    )
    benefit = models.CharField("droit", max_length=20, choices=Benefit.choices)
    state = models.CharField("état", max_length=20, choices=ProcedureState.choices, default=ProcedureState.TO_CHECK)
    helper = models.CharField("qui aide", max_length=20, choices=Helper.choices, default=Helper.REFERENT)
    helper_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="helped_procedures"
    )
    estimated_amount = models.DecimalField(
        "montant estimé (€ / mois)", max_digits=10, decimal_places=2, null=True, blank=True
    )
    deadline = models.DateField("échéance", null=True, blank=True)
    reminder_on = models.DateField("rappel le", null=True, blank=True)
    reminder_sent_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "démarche"
        verbose_name_plural = "démarches"
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "benefit"],
                condition=~Q(state=ProcedureState.CLOSED),
                name="procedure_one_open_per_benefit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_benefit_display()} — {self.get_state_display()}"


class ProcedureStep(models.Model):
    """A dated step of a procedure. Every step is an act of facilitation (access to rights)."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="steps")
    from_state = models.CharField(max_length=20, choices=ProcedureState.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=ProcedureState.choices)
    occurred_on = models.DateField("date")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField("note", blank=True)
    link_type = models.CharField("type de lien", max_length=20, choices=LinkType.choices, default=LinkType.FACILITATION)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "étape de démarche"
        verbose_name_plural = "étapes de démarche"
        ordering = ["occurred_on", "id"]

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.to_state}"


class ProcedureDocument(models.Model):
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="documents")
    label = models.CharField("pièce", max_length=200)
    provided_on = models.DateField("fournie le", null=True, blank=True)

    class Meta:
        verbose_name = "pièce justificative"
        verbose_name_plural = "pièces justificatives"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.label


class RightsSimulation(models.Model):
    """An estimate of households given in an API request (nothing of the platform's data is read): queued,
    never computed in the request; its requester reads the report once done. The households and the
    report are encrypted, and only their requester ever reads them."""

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    month = models.CharField("mois", max_length=7)
    threshold = models.FloatField("seuil de non-recours")
    households = EncryptedJSONField("foyers")
    status = models.CharField("état", max_length=10, choices=RunStatus.choices, default=RunStatus.PENDING)
    report = EncryptedJSONField("résultat", default=dict, blank=True)
    error = models.TextField("erreur", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "estimation demandée par l'API"
        verbose_name_plural = "estimations demandées par l'API"
        ordering = ["-created_at"]
