from datetime import datetime

from django import template

register = template.Library()


@register.filter
def phone_fr(value: str | None) -> str:
    """+33612345678 → 06 12 34 56 78 (other numbers unchanged)."""
    if not value:
        return ""
    if value.startswith("+33") and len(value) == 12:
        digits = "0" + value[3:]
        return " ".join(digits[i : i + 2] for i in range(0, 10, 2))
    return value


@register.filter(expects_localtime=True)
def day_at(value: datetime | None, day_format: str = "j F Y") -> str:
    """A moment as « 5 décembre 2026 à 18:12 », in the language of the page ("5 December 2026 at 18:12")."""
    from django.template.defaultfilters import date as date_filter
    from django.template.defaultfilters import time as time_filter
    from django.utils.translation import gettext

    if not value:
        return ""
    return gettext("%(day)s à %(time)s") % {"day": date_filter(value, day_format), "time": time_filter(value, "H:i")}


@register.filter
def euros(value: object) -> str:
    """1234.5 → « 1 234,50 € » (French format)."""
    if value is None or value == "":
        return "—"
    from alliances.core.money import euros as in_euros

    return in_euros(float(value))  # type: ignore[arg-type]


@register.filter
def decimal_fr(value: object) -> str:
    """1.30 → « 1,3 » (French decimal comma, no trailing zeros)."""
    from decimal import Decimal

    from alliances.income.engine.top_up import decimal_fr as as_french

    if value is None or value == "":
        return "—"
    return as_french(Decimal(str(value)))


@register.filter
def signed_euros(value: object) -> str:
    """A change: « +12,00 € », « −12,00 € » (a true minus sign), « 0,00 € »."""
    if value is None or value == "":
        return "—"
    amount = float(value)  # type: ignore[arg-type]
    sign = "+" if amount > 0 else "−" if amount < 0 else ""
    return sign + euros(abs(amount))


@register.filter
def benefit_label(value: str) -> str:
    from alliances.rights.enums import Benefit

    try:
        return str(Benefit(value).label)
    except ValueError:
        return value


@register.filter
def procedure_label_of(code: str) -> str:
    """The label of an online procedure of the catalogue, from its code."""
    from alliances.mediation.catalogue import catalogue

    procedure = catalogue().procedure(code)
    return procedure.label if procedure else code


@register.filter
def level_label_of(code: str) -> str:
    """ "Fait avec moi"… from a co-learning level's code."""
    from alliances.mediation.catalogue import catalogue

    level = catalogue().level(code)
    return level.label if level else code


@register.filter
def small_count(value: int) -> str:
    """A count shown to a manager: from 1 to 4 it reads "< 5", so no one can be singled out."""
    return "< 5" if 0 < int(value) < 5 else str(value)


@register.filter
def level_staff_label_of(code: str) -> str:
    """ "Faite avec la personne"… a co-learning level as staff pages say it (never "moi")."""
    from alliances.mediation.catalogue import catalogue

    level = catalogue().level(code)
    return level.staff_label if level else code


@register.filter
def staff_voice(line: str) -> str:
    """An income explanation line written for the person, as a staff page says it (« la personne »)."""
    from alliances.income.engine.voice import staff_voice as about_the_person

    return about_the_person(line)


@register.filter
def her_language(line: str) -> str:
    """An income explanation line, in the language of the page (French as the engine wrote it)."""
    from alliances.income.said import income_line_said

    return income_line_said(line)


@register.filter
def rights_said(paragraph: str) -> str:
    """A rights explanation, in the language of the page (French as the engine wrote it)."""
    from alliances.rights.said import rights_said as said

    return said(paragraph)


@register.filter
def peer_reason_said(reason: str) -> str:
    """Why a peer was proposed, in the language of the page (French as it was stored)."""
    from alliances.peers.said import reason_said

    return reason_said(reason)


@register.filter
def message_said(text: str) -> str:
    """A message of her space, in the language of the page (French as it was written)."""
    from alliances.notifications.said import message_said as said

    return said(text)


@register.filter
def to_person(label: object, own: bool) -> str:
    """A staff label in the person's words when the page is the person's own (`is_own`)."""
    from alliances.www.own_words import to_person as in_their_words

    return in_their_words(str(label)) if own else str(label)
