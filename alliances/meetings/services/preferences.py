"""The person's reminders and rhythm of meetings, and the worker's calendar feed."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import (
    can_keep_agenda,
    require,
)
from alliances.accounts.models import User
from alliances.persons.models import Person

from ..enums import ReminderChannel, Rhythm
from ..models import (
    CalendarFeed,
    MeetingRhythm,
    ReminderPreference,
    feed_digest,
)
from ..reminders import reminders_reschedule
from .shared import record_change


@transaction.atomic
def reminder_preference_set(
    *, actor: User, person: Person, channel: str, email: str = "", phone: str = ""
) -> ReminderPreference:
    """The person chooses how to be reminded, or opts out. A channel needs a contact for it: when the
    address or number is missing, it can be given with the choice (saved to the file at the same time)."""
    from alliances.persons.services import person_update

    require(actor, Action.CHANGE, person, Category.MEETINGS)
    if channel not in ReminderChannel.values:
        raise ValidationError({"channel": "Choisissez un moyen de rappel dans la liste."})
    if channel == ReminderChannel.EMAIL and not person.email:
        if not email.strip():
            raise ValidationError(
                {"email": "Aucune adresse électronique n'est connue. Écrivez-la ici, ou choisissez le SMS."}
            )
        person = person_update(actor=actor, person=person, email=email.strip())
    if channel == ReminderChannel.SMS and not person.phone:
        if not phone.strip():
            raise ValidationError(
                {"phone": "Aucun numéro de téléphone n'est connu. Écrivez-le ici, ou choisissez le courriel."}
            )
        person = person_update(actor=actor, person=person, phone=phone.strip())
    preference, _ = ReminderPreference.objects.update_or_create(person=person, defaults={"channel": channel})
    reminders_reschedule(person=person)
    record_change(actor, person.pk, f"rappels : {channel}")
    return preference


@transaction.atomic
def rhythm_set(*, actor: User, person: Person, rhythm: str) -> MeetingRhythm:
    """The rhythm agreed with the person; either side records it."""
    require(actor, Action.CHANGE, person, Category.MEETINGS)
    if rhythm not in Rhythm.values:
        raise ValidationError({"rhythm": "Choisissez un rythme dans la liste."})
    agreed, _ = MeetingRhythm.objects.update_or_create(
        person=person, defaults={"rhythm": rhythm, "agreed_on": timezone.localdate(), "recorded_by": actor}
    )
    record_change(actor, person.pk, f"rythme : {rhythm}")
    return agreed


@transaction.atomic
def calendar_feed_renew(*, actor: User) -> str:
    """A new private feed secret for the worker; the former address stops working. Returns the secret,
    which is not stored (only its digest is) and so can be shown once."""
    if not can_keep_agenda(actor):
        raise ValidationError({"feed": "Seuls les référent·es et les médiateur·rices ont un agenda."})
    secret = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(worker=actor, defaults={"digest": feed_digest(secret)})
    return secret


@transaction.atomic
def calendar_feed_revoke(*, actor: User) -> None:
    CalendarFeed.objects.filter(worker=actor).delete()
