from datetime import date

from .engine.rules import DatedValue, Rules, rules_for
from .models import SchemeRule


def rules_in_force(*, month: date) -> Rules:
    """The scheme rules for a month, from the dated values in the database. Raises RulesError."""
    values = [
        DatedValue(name=r.name, valid_from=r.valid_from, value=r.value, source=r.source)
        for r in SchemeRule.objects.all()
    ]
    return rules_for(values, month)
