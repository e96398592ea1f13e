"""Tells each paid household's persons that the guaranteed income was paid: the amount and the date.

One SEPA file's payments at a time (10,000 at most), in batches of a few queries, never one per person;
the same file told twice tells nobody twice (each message is keyed by its payment).
"""

from itertools import groupby

from django.db import transaction

from alliances.core.months import of_month
from alliances.households.models import Member
from alliances.notifications.enums import NotificationKind
from alliances.notifications.services import notify_many

from .engine.top_up import euros
from .models import SepaFile

BATCH = 2000


def payment_text(*, month_of: str, amount: str, day: str) -> str:
    return (
        f"Votre revenu garanti {month_of} est versé : {amount}, le {day}. "
        "L'argent arrive sur votre compte sous 1 à 3 jours."
    )


def payment_notices_for_file(*, file_id: int) -> int:
    """Messages for the payments of one produced SEPA file; returns how many were new."""
    sepa = SepaFile.objects.select_related("cycle").get(pk=file_id)
    if not sepa.xml:
        return 0  # not produced yet: told once the file exists
    month_of = of_month(sepa.cycle.month)
    day = f"{sepa.execution_date:%d/%m/%Y}" if sepa.execution_date else ""
    payments = sepa.payments.order_by("pk").values_list("pk", "amount", "entitlement__household_id")
    created = 0
    after = 0
    while True:
        batch = list(payments.filter(pk__gt=after)[:BATCH])
        if not batch:
            return created
        after = batch[-1][0]
        by_household = {household_id: (pk, amount) for pk, amount, household_id in batch}
        members = (
            Member.objects.filter(household_id__in=by_household, person__isnull=False)
            .order_by("household_id", "person_id")
            .values_list("household_id", "person_id")
        )
        messages = []
        for household_id, rows in groupby(members, key=lambda row: row[0]):
            pk, amount = by_household[household_id]
            text = payment_text(month_of=month_of, amount=euros(amount), day=day)
            messages += [(person_id, text, f"payment:{pk}") for _, person_id in rows]
        with transaction.atomic():
            created += notify_many(kind=NotificationKind.PAYMENT_MADE, messages=messages, link="portal:income")
