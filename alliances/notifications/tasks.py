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
