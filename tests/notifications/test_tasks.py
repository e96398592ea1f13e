from django.core import mail

from alliances.notifications.tasks import send_email


def test_email_goes_through_the_task_queue_and_the_email_backend(db: None) -> None:
    result = send_email(subject="Rendez-vous", body="Bonjour", to=["camille@alliances.test"])
    assert result() == 1  # huey runs immediately in tests; the result holds the return value
    assert mail.outbox[0].subject == "Rendez-vous"
