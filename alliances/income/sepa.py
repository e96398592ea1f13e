"""SEPA credit-transfer files (pain.001.001.03) for the guaranteed income, with sepaxml."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.conf import settings
from sepaxml import SepaTransfer

SCHEMA = "pain.001.001.03"


def build_transfer_file(
    payments: Iterable[dict[str, object]], *, execution_date: date, message_id: str
) -> tuple[str, int, Decimal]:
    """payments: dicts with name, iban, bic, amount (Decimal), end_to_end_id, description.

    Returns the XML (validated against the pain.001 schema by sepaxml), the count and the sum."""
    config = {
        "name": settings.RMG_DEBTOR_NAME,
        "IBAN": settings.RMG_DEBTOR_IBAN,
        "BIC": settings.RMG_DEBTOR_BIC,
        "batch": True,
        "currency": "EUR",
    }
    transfer = SepaTransfer(config, schema=SCHEMA, clean=True)
    transfer.msg_id = message_id[:35]
    count, total = 0, Decimal(0)
    for payment in payments:
        amount = Decimal(str(payment["amount"]))
        entry = {
            "name": str(payment["name"])[:70],
            "IBAN": str(payment["iban"]),
            "amount": int((amount * 100).to_integral_value()),
            "execution_date": execution_date,
            "description": str(payment["description"])[:140],
            "endtoend_id": str(payment["end_to_end_id"])[:35],
        }
        if payment.get("bic"):
            entry["BIC"] = str(payment["bic"])
        transfer.add_payment(entry)
        count += 1
        total += amount
    xml = transfer.export(validate=True).decode("utf-8")
    return xml, count, total
