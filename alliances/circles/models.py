from django.conf import settings
from django.db import models
from django.db.models import Q

from alliances.core.encryption import EncryptedTextField

from .enums import AllyRole, InteractionKind, LinkType, WovenBond


class AllyQuerySet(models.QuerySet["Ally"]):
    def active(self) -> "AllyQuerySet":
        return self.filter(ended_on__isnull=True)


class Ally(models.Model):
    """A member of a person's circle: the single referent, a mediator, a peer, a partner…"""

    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="allies")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="alliances")
    role = models.CharField("rôle dans le cercle", max_length=20, choices=AllyRole.choices)
    started_on = models.DateField("depuis le")
    ended_on = models.DateField("jusqu'au", null=True, blank=True)
    note = models.CharField("note", max_length=300, blank=True)
    #: The kinds of link this alliance weaves (LinkType values), as the person and the ally see it.
    link_types = models.JSONField("types de liens", default=list, blank=True)

    objects = AllyQuerySet.as_manager()

    class Meta:
        verbose_name = "allié·e"
        verbose_name_plural = "allié·es"
        ordering = ["person", "role", "started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(role=AllyRole.REFERENT, ended_on__isnull=True),
                name="ally_one_active_referent",
            ),
            models.UniqueConstraint(
                fields=["person", "user"], condition=Q(ended_on__isnull=True), name="ally_once_while_active"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.user}"

    @property
    def is_active(self) -> bool:
        return self.ended_on is None


class Handover(models.Model):
    """An explicit change of single referent: dated, with a note. The former referent loses access."""

    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="handovers")
    former = models.ForeignKey(Ally, on_delete=models.PROTECT, related_name="handed_over")
    successor = models.OneToOneField(Ally, on_delete=models.PROTECT, related_name="taken_over")
    on = models.DateField("date du relais")
    note = models.TextField("note de passage de relais")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "passage de relais"
        verbose_name_plural = "passages de relais"
        ordering = ["-on", "-id"]


class Interaction(models.Model):
    """One dated entry of the journal: what happened, who took part, which links and bond it served."""

    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="interactions")
    occurred_on = models.DateField("date")
    kind = models.CharField("nature", max_length=20, choices=InteractionKind.choices)
    summary = EncryptedTextField("ce qui s'est passé")
    link_types = models.JSONField("types de liens", default=list)
    #: Blank only in the person's own words, when she did not say which part of her life it concerns.
    bond = models.CharField("lien servi", max_length=20, choices=WovenBond.choices, blank=True)
    person_took_part = models.BooleanField("la personne était présente", default=True)
    participants = models.ManyToManyField(Ally, related_name="interactions", blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "échange"
        verbose_name_plural = "échanges"
        ordering = ["-occurred_on", "-id"]

    @property
    def link_type_labels(self) -> list[str]:
        labels = dict(LinkType.choices)
        return [str(labels[code]) for code in self.link_types if code in labels]


class PrivateNote(models.Model):
    """A private working note: its author alone ever reads it (not the person, not a manager)."""

    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = EncryptedTextField("note")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "note de travail privée"
        verbose_name_plural = "notes de travail privées"
        ordering = ["-created_at", "-id"]


class Invitation(models.Model):
    """The person invites someone without an account to join her circle, by email or SMS.

    Only the token's SHA-256 digest is stored. It is valid for a fortnight, once."""

    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="invitations")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    name = models.CharField("prénom de la personne invitée", max_length=100)
    note = models.CharField("qui est-ce pour la personne", max_length=100, blank=True)
    email = models.EmailField("adresse électronique", blank=True)
    phone = models.CharField("téléphone", max_length=20, blank=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    ally = models.OneToOneField(Ally, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitation")
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "invitation dans le cercle"
        verbose_name_plural = "invitations dans le cercle"
        ordering = ["-created_at", "-id"]

    @property
    def is_open(self) -> bool:
        from django.utils import timezone

        return self.accepted_at is None and self.cancelled_at is None and self.expires_at > timezone.now()
