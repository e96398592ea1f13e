"""Validation helpers shared by services. Messages are in French, addressed to people."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone


def today() -> date:
    return timezone.localdate()


def check_birth_date(value: date, field: str = "birth_date") -> None:
    if value > today():
        raise ValidationError({field: "La date de naissance ne peut pas être dans le futur."})
    if value.year < 1900:
        raise ValidationError({field: "La date de naissance doit être postérieure à 1900."})


def parse_amount(value: object, field: str, label: str = "Le montant") -> Decimal:
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError) as error:
        raise ValidationError({field: f"{label} doit être un nombre, par exemple 450,00."}) from error
    if not amount.is_finite():
        raise ValidationError({field: f"{label} doit être un nombre, par exemple 450,00."})
    if amount < 0:
        raise ValidationError({field: f"{label} ne peut pas être négatif."})
    if amount >= Decimal("100000000"):
        raise ValidationError({field: f"{label} est trop élevé."})
    return amount


def first_of_month(value: date) -> date:
    return value.replace(day=1)
