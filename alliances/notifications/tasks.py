"""Background sending of messages, through Django's email backend (console by default)."""

import logging

from django.core.mail import send_mail
from huey.contrib.djhuey import db_task

logger = logging.getLogger(__name__)


@db_task(retries=3, retry_delay=60)
def send_email(*, subject: str, body: str, to: list[str]) -> int:
    sent = send_mail(subject=subject, message=body, from_email=None, recipient_list=to)
    logger.info("email sent: %s message(s)", sent)  # no address, no content: nothing personal in logs
    return sent


@db_task(retries=3, retry_delay=60)
def notification_send(notification_id: int) -> bool:
    """Sends a notification by its channel, once (a retry after success sends nothing)."""
    return _send_one(notification_id)


@db_task(retries=3, retry_delay=60)
def notifications_send(notification_ids: list[int]) -> int:
    """Sends a batch of notifications (a payment's messages); a retry skips those already sent."""
    return sum(_send_one(notification_id) for notification_id in notification_ids)


def _send_one(notification_id: int) -> bool:
    from django.db import transaction
    from django.utils import timezone
    from django.utils.translation import gettext, override

    from .enums import Channel
    from .models import Notification
    from .said import language_of, message_said
    from .sms import send_sms

    with transaction.atomic():
        notification = Notification.objects.select_for_update().select_related("person").get(pk=notification_id)
        if notification.sent_at is not None:
            return False
        person = notification.person
        with override(language_of(person)):  # in the language she chose
            text = message_said(notification.text)
            body = f"{text}\n" + gettext("Votre espace Alliances : connectez-vous pour répondre.")
        if notification.channel == Channel.EMAIL and person.email:
            sent = send_mail(subject="Alliances", message=body, from_email=None, recipient_list=[person.email]) == 1
        elif notification.channel == Channel.SMS and person.phone:
            sent = send_sms(to=person.phone, body=text)
        else:
            return False
        if sent:
            notification.sent_at = timezone.now()
            notification.save(update_fields=["sent_at"])
        logger.info("notification %s sent: %s", notification.pk, sent)
        return sent


@db_task(retries=3, retry_delay=60)
def send_text(*, to: str, body: str) -> bool:
    """Sends one SMS through the configured backend (console by default)."""
    from .sms import send_sms

    sent = send_sms(to=to, body=body)
    logger.info("sms sent: %s", sent)  # no number, no content: nothing personal in logs
    return sent
