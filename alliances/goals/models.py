from django.conf import settings
from django.db import models

from alliances.circles.enums import LinkType, WovenBond

from .enums import ActionStatus, DecidedBy, Doer, GoalStatus, ProposedBy


class Goal(models.Model):
    """A goal in the person's own words, naming the bond it serves and who proposed it."""

    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="goals")
    text = models.TextField("l'objectif, avec les mots de la personne")
    bond = models.CharField("lien servi", max_length=20, choices=WovenBond.choices)
    proposed_by = models.CharField("proposé par", max_length=10, choices=ProposedBy.choices)
    status = models.CharField("état", max_length=10, choices=GoalStatus.choices, default=GoalStatus.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_on = models.DateField("clos le", null=True, blank=True)

    class Meta:
        verbose_name = "objectif"
        verbose_name_plural = "objectifs"
        ordering = ["status", "-created_at", "-id"]

    def __str__(self) -> str:
        return self.text[:60]


class GoalAction(models.Model):
    """A step towards a goal: who does it, by when, its state and the link it weaves."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="actions")
    text = models.CharField("action", max_length=300)
    doer = models.CharField("qui la fait", max_length=10, choices=Doer.choices)
    ally = models.ForeignKey("alliance.Ally", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    due_on = models.DateField("pour le", null=True, blank=True)
    status = models.CharField("état", max_length=10, choices=ActionStatus.choices, default=ActionStatus.TODO)
    link_type = models.CharField("type de lien", max_length=20, choices=LinkType.choices)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "action"
        verbose_name_plural = "actions"
        ordering = ["due_on", "id"]


class Delegation(models.Model):
    """A task the person delegates to an ally (ladder level 9): who decided, consent, revocable."""

    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="delegations")
    ally = models.ForeignKey("alliance.Ally", on_delete=models.PROTECT, related_name="delegations")
    task = models.CharField("ce qui est délégué", max_length=300)
    decided_by = models.CharField("décidé par", max_length=10, choices=DecidedBy.choices)
    person_consented = models.BooleanField("la personne y consent")
    #: Always True: the person can take a delegated task back at any time. Kept as a recorded fact.
    revocable = models.BooleanField("la personne peut y revenir", default=True)
    started_on = models.DateField("depuis le")
    revoked_on = models.DateField("reprise le", null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "délégation"
        verbose_name_plural = "délégations"
        ordering = ["-started_on", "-id"]

    @property
    def chosen(self) -> bool:
        """Level 9 (chosen delegation) rather than level 3 (others decide): the person chose and consents."""
        return self.person_consented and self.decided_by in {DecidedBy.PERSON, DecidedBy.TOGETHER}
