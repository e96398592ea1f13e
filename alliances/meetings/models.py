import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q

from .enums import MeetingStatus, PlaceKind, ReminderChannel, ReminderState, Rhythm


class Office(models.Model):
    """A CCAS office where meetings can take place, with its address and accessibility."""

    name = models.CharField("nom", max_length=150)
    address = models.CharField("adresse", max_length=300)
    accessibility = models.TextField("accessibilité", blank=True)
    active = models.BooleanField("ouvert", default=True)

    class Meta:
        verbose_name = "lieu d'accueil"
        verbose_name_plural = "lieux d'accueil"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Availability(models.Model):
    """An opening slot of a worker: weekly (`weekday`) or one-off (`on`)."""

    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="availabilities")
    weekday = models.PositiveSmallIntegerField("jour de la semaine", null=True, blank=True)  # 0 = Monday
    on = models.DateField("date", null=True, blank=True)
    starts = models.TimeField("de")
    ends = models.TimeField("à")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "disponibilité"
        verbose_name_plural = "disponibilités"
        ordering = ["worker", "weekday", "on", "starts"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weekday__isnull=False, on__isnull=True) | Q(weekday__isnull=True, on__isnull=False),
                name="availability_weekly_or_one_off",
            ),
            models.CheckConstraint(condition=Q(ends__gt=models.F("starts")), name="availability_ends_after_start"),
        ]


class Absence(models.Model):
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="absences")
    starts_at = models.DateTimeField("du")
    ends_at = models.DateTimeField("au")
    note = models.CharField("note", max_length=200, blank=True)

    class Meta:
        verbose_name = "absence"
        verbose_name_plural = "absences"
        ordering = ["worker", "starts_at"]


class Meeting(models.Model):
    """A meeting between a person and a worker, co-decided: proposed by one side, accepted by the other."""

    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="meetings")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="meetings")
    status = models.CharField("état", max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    #: Set once agreed: the chosen option.
    starts_at = models.DateTimeField("début", null=True, blank=True)
    ends_at = models.DateTimeField("fin", null=True, blank=True)
    place_kind = models.CharField("lieu", max_length=10, choices=PlaceKind.choices, blank=True)
    office = models.ForeignKey(Office, on_delete=models.PROTECT, null=True, blank=True)
    place_text = models.CharField("lieu choisi", max_length=200, blank=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    agreed_at = models.DateTimeField(null=True, blank=True)
    #: The proposal this one replaces (a counter-proposal, or a move).
    previous = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True, related_name="next")
    reason = models.TextField("motif donné par la personne", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "rendez-vous"
        verbose_name_plural = "rendez-vous"
        ordering = ["-starts_at", "-created_at"]
        constraints = [
            # The last slot goes to one person only, even when two take it at once.
            models.UniqueConstraint(
                fields=["worker", "starts_at"], condition=Q(status="agreed"), name="meeting_one_per_worker_slot"
            ),
        ]

    @property
    def place_label(self) -> str:
        if self.place_kind == PlaceKind.OFFICE and self.office is not None:
            return f"{self.office.name}, {self.office.address}"
        if self.place_kind == PlaceKind.CHOSEN:
            return self.place_text
        return self.get_place_kind_display()


class MeetingOption(models.Model):
    """One slot and place offered in a proposal."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="options")
    starts_at = models.DateTimeField("début")
    ends_at = models.DateTimeField("fin")
    place_kind = models.CharField("lieu", max_length=10, choices=PlaceKind.choices)
    office = models.ForeignKey(Office, on_delete=models.PROTECT, null=True, blank=True)
    place_text = models.CharField("lieu choisi", max_length=200, blank=True)
    #: The proposer knows this slot is outside the worker's availability; the other side must agree too.
    outside_availability = models.BooleanField(default=False)

    class Meta:
        ordering = ["starts_at", "id"]


class MeetingEvent(models.Model):
    """The history of a meeting: who proposed, accepted, moved or cancelled what."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    what = models.CharField(max_length=200)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]


class Reminder(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="reminders")
    channel = models.CharField(max_length=10, choices=ReminderChannel.choices)
    due_at = models.DateTimeField()
    state = models.CharField(max_length=10, choices=ReminderState.choices, default=ReminderState.PENDING)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "channel", "due_at"], name="reminder_once"),
        ]


class ReminderPreference(models.Model):
    """How the person wants to be reminded of meetings (or not at all)."""

    person = models.OneToOneField("persons.Person", on_delete=models.CASCADE, related_name="reminder_preference")
    channel = models.CharField("rappels par", max_length=10, choices=ReminderChannel.choices)


class FollowUp(models.Model):
    """After a missed meeting: a task for the referent to take news. Never sent anywhere else."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="follow_up")
    referent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="follow_ups")
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["done_at", "-created_at"]


class MeetingRhythm(models.Model):
    """The rhythm agreed with the person (e.g. monthly). It suggests the next meeting, never imposes it."""

    person = models.OneToOneField("persons.Person", on_delete=models.CASCADE, related_name="meeting_rhythm")
    rhythm = models.CharField("rythme", max_length=12, choices=Rhythm.choices)
    agreed_on = models.DateField("convenu le")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")


def feed_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class CalendarFeed(models.Model):
    """A worker's private calendar feed. Only a digest of the secret is kept; the address is shown once."""

    worker = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)


class Workshop(models.Model):
    """A group session (workshop) with a capacity; persons sign up."""

    title = models.CharField("titre", max_length=150)
    description = models.TextField("description", blank=True)
    starts_at = models.DateTimeField("début")
    ends_at = models.DateTimeField("fin")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, null=True, blank=True, verbose_name="accueil")
    place_text = models.CharField("autre lieu", max_length=200, blank=True)
    capacity = models.PositiveSmallIntegerField("nombre de places")
    organiser = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="workshops")
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    #: A theme (Aidants Connect's ten) or a procedure of the catalogue the workshop is about, if any.
    theme = models.CharField("thème", max_length=20, blank=True)
    procedure_code = models.CharField("démarche", max_length=60, blank=True)
    #: Proposed by a peer or a mediator, a workshop is published once a referent or a manager validates it.
    validated_at = models.DateTimeField("validé le", null=True, blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "atelier"
        verbose_name_plural = "ateliers"
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="workshop_ends_after_start"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="workshop_capacity_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def place_label(self) -> str:
        if self.office is not None:
            return f"{self.office.name}, {self.office.address}"
        return self.place_text


class WorkshopSignup(models.Model):
    """A person's place in a workshop. Leaving keeps the row (dated), so the history stays."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="signups")
    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="workshop_signups")
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "person"], condition=Q(left_at__isnull=True), name="workshop_signup_once"
            ),
        ]
