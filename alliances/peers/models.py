from django.conf import settings
from django.db import models
from django.db.models import Q

from alliances.core.encryption import EncryptedTextField

from .enums import OPEN_STATES, MatchState


class PeerProfile(models.Model):
    """A person's offer to help others who live what they lived (opt-in, withdrawable at once).

    Shown to persons searching for a peer, and to their referent, by first name only.
    """

    person = models.OneToOneField("persons.Person", on_delete=models.CASCADE, related_name="peer_profile")
    experiences = models.JSONField("expériences que je veux bien partager", default=list)
    procedures = models.JSONField("démarches que je sais faire", default=list)
    languages = models.JSONField("langues", default=list)
    neighbourhood = models.CharField("quartier", max_length=30, blank=True)
    availability = models.JSONField("disponibilités", default=list)
    capacity = models.PositiveSmallIntegerField("nombre de personnes que je peux aider en même temps")
    #: Matches proposed or agreed today (kept by the services, so that ranking reads no other table).
    open_matches = models.PositiveSmallIntegerField(default=0)
    offered_at = models.DateTimeField("proposé le")
    withdrawn_at = models.DateTimeField("retiré le", null=True, blank=True)
    vocabulary_version = models.PositiveSmallIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "profil de pair"
        verbose_name_plural = "profils de pairs"
        indexes = [models.Index(fields=["withdrawn_at", "open_matches"])]

    def __str__(self) -> str:
        return f"Pair {self.pk}"

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None

    @property
    def has_room(self) -> bool:
        return self.open_matches < self.capacity


class PeerTag(models.Model):
    """One thing a profile offers ("exp:debt", "lang:ar", "proc:ameli_css_claim", "area:blosne"):
    what ranking joins on, rewritten with the profile."""

    profile = models.ForeignKey(PeerProfile, on_delete=models.CASCADE, related_name="tags")
    code = models.CharField(max_length=80)
    #: What sharing it weighs in the ranking (selectors.WEIGHTS by kind), kept here so ranking only sums.
    weight = models.PositiveSmallIntegerField(default=1)

    class Meta:
        indexes = [models.Index(fields=["code", "profile"])]
        constraints = [models.UniqueConstraint(fields=["profile", "code"], name="peer_tag_once")]


class PeerRequest(models.Model):
    """What a person wants from a peer, asked from their space or by their referent on their behalf."""

    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="peer_requests")
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    on_behalf = models.BooleanField("demandé par le ou la référent·e pour la personne", default=False)
    experiences = models.JSONField(default=list)
    languages = models.JSONField(default=list)
    procedures = models.JSONField(default=list)
    neighbourhood = models.CharField(max_length=30, blank=True)
    availability = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "demande de pair"
        verbose_name_plural = "demandes de pair"
        ordering = ["-created_at", "-id"]

    @property
    def wanted_tags(self) -> list[str]:
        tags = [f"exp:{c}" for c in self.experiences]
        tags += [f"lang:{c}" for c in self.languages]
        tags += [f"proc:{c}" for c in self.procedures]
        tags += [f"avail:{c}" for c in self.availability]
        if self.neighbourhood:
            tags.append(f"area:{self.neighbourhood}")
        return tags


class PeerMatch(models.Model):
    """A person and a peer, with consent on both sides: only first names until both said yes."""

    request = models.ForeignKey(PeerRequest, on_delete=models.PROTECT, related_name="matches")
    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="peer_matches")
    peer = models.ForeignKey(PeerProfile, on_delete=models.PROTECT, related_name="matches")
    state = models.CharField("état", max_length=10, choices=MatchState.choices, default=MatchState.PROPOSED)
    #: The reasons shown when the candidate was chosen, kept as they were read.
    reasons = models.JSONField(default=list)
    chosen_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    person_yes_at = models.DateTimeField(null=True, blank=True)
    peer_yes_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    ally = models.OneToOneField(
        "alliance.Ally", on_delete=models.PROTECT, null=True, blank=True, related_name="peer_match"
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "mise en lien avec un pair"
        verbose_name_plural = "mises en lien avec un pair"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "peer"], condition=Q(state__in=OPEN_STATES), name="peer_match_one_open"
            ),
        ]

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class MutualAidContact(models.Model):
    """A contact between a person and their peer, recorded by either: in the journal of both."""

    match = models.ForeignKey(PeerMatch, on_delete=models.PROTECT, related_name="contacts")
    occurred_on = models.DateField("date")
    summary = EncryptedTextField("de quoi il s'agissait")
    link_types = models.JSONField("types de liens", default=list)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    person_entry = models.OneToOneField("alliance.Interaction", on_delete=models.PROTECT, related_name="+")
    peer_entry = models.OneToOneField("alliance.Interaction", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "contact d'entraide"
        verbose_name_plural = "contacts d'entraide"
        ordering = ["-occurred_on", "-id"]
