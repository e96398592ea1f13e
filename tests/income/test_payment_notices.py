"""Each paid household's persons are told the amount and the date, once, by the channel they chose."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alliances.income.models import SepaFile
from alliances.income.notices import payment_notices_for_file
from alliances.income.services import cycle_approve, cycle_compute, cycle_open, cycle_pay, enrollment_set
from alliances.notifications.enums import NotificationKind
from alliances.notifications.models import Notification
from alliances.notifications.services import channel_for, notify_many

from ..conftest import World
from ..factories import PersonFactory, UserFactory

M = date(2026, 11, 1)


def test_a_payment_tells_her_the_amount_and_the_date_once(world: World, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    officer, second = world.user("officer"), UserFactory.create(officer=True)
    enrollment_set(
        actor=officer,
        household=world.household,
        enrolled=True,
        iban="FR76 3000 6000 0112 3456 7890 189",
        account_holder="Camille Martin",
        since=date(2026, 1, 1),
    )
    cycle = cycle_open(actor=officer, month=M)
    cycle_compute(actor=officer, cycle=cycle)
    cycle_approve(actor=second, cycle=cycle)
    with django_capture_on_commit_callbacks(execute=True):
        cycle_pay(actor=officer, cycle=cycle, execution_date=date(2026, 12, 5))
    note = Notification.objects.get(person=world.person, kind=NotificationKind.PAYMENT_MADE)
    assert note.text == (
        "Votre revenu garanti de novembre 2026 est versé : 867,00 €, le 05/12/2026. "
        "L'argent arrive sur votre compte sous 1 à 3 jours."
    )
    assert (note.link, note.channel) == ("portal:income", channel_for(world.person)) and note.channel != "space"
    note.refresh_from_db()
    assert note.sent_at is not None  # sent by her channel, through the queue
    assert payment_notices_for_file(file_id=SepaFile.objects.get(cycle=cycle).pk) == 0
    assert Notification.objects.filter(kind=NotificationKind.PAYMENT_MADE).count() == 1


@pytest.mark.django_db
def test_telling_many_costs_the_same_few_queries_for_3_or_30_persons() -> None:
    def run(count: int, tag: str) -> int:
        persons = [PersonFactory.create(email=f"{tag}{i}@example.org") for i in range(count)]
        messages = [(p.pk, "Versé :  1\u202f200,00 €.", f"payment:{tag}{p.pk}") for p in persons]
        with CaptureQueriesContext(connection) as queries:
            assert notify_many(kind=NotificationKind.PAYMENT_MADE, messages=messages, link="portal:income") == count
        assert Notification.objects.filter(person=persons[0]).get().text == "Versé : 1\u202f200,00 €."
        return len(queries)

    assert run(3, "a") == run(30, "b")


@pytest.mark.django_db
def test_a_batch_message_is_checked_like_any_other() -> None:
    person = PersonFactory.create()
    with pytest.raises(ValueError, match="sanction"):
        notify_many(kind=NotificationKind.PAYMENT_MADE, messages=[(person.pk, "Une sanction.", "k")])
    with pytest.raises(ValueError, match="key"):
        notify_many(kind=NotificationKind.PAYMENT_MADE, messages=[(person.pk, "Versé.", "")])
    assert not Notification.objects.exists()
