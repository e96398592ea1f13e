"""Records readings. Each side makes its own; nothing ever merges or overwrites them."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import own_person_id, require
from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record
from alliances.core.validation import today
from alliances.persons.models import Person

from .enums import Side
from .instruments import Instrument, instrument_get
from .models import Reading

MAX_WORDS = 2000


def _value(instrument: Instrument, code: str, raw: Any) -> int:
    message = (
        f"« {instrument.items[code]} » : choisissez une valeur de {instrument.scale_min} à {instrument.scale_max}."
    )
    if isinstance(raw, bool):
        raise ValidationError({code: message})
    try:
        value = int(str(raw).strip())
    except (TypeError, ValueError) as error:
        raise ValidationError({code: message}) from error
    if str(value) != str(raw).strip() or not instrument.scale_min <= value <= instrument.scale_max:
        raise ValidationError({code: message})
    return value


def _clean(
    instrument: Instrument, values: dict[str, Any], words: dict[str, str]
) -> tuple[dict[str, int], dict[str, str]]:
    items = instrument.items
    unknown = sorted(set(values) - set(items)) + sorted(set(words) - set(items))
    if unknown:
        raise ValidationError({"values": f"Élément inconnu pour cet instrument : {', '.join(unknown)}."})
    cleaned_values = {code: _value(instrument, code, raw) for code, raw in values.items() if str(raw).strip() != ""}
    cleaned_words = {code: str(text).strip() for code, text in words.items() if str(text).strip()}
    too_long = [code for code, text in cleaned_words.items() if len(text) > MAX_WORDS]
    if too_long:
        raise ValidationError({too_long[0]: f"Le texte est trop long ({MAX_WORDS} caractères au plus)."})
    if instrument.levels and "level" not in cleaned_values:
        raise ValidationError({"level": "Choisissez un niveau sur l'échelle."})
    if not cleaned_values and not cleaned_words:
        raise ValidationError({"values": "La lecture est vide : répondez à au moins une question."})
    return cleaned_values, cleaned_words


@transaction.atomic
def reading_record(
    *,
    actor: User,
    person: Person,
    instrument_code: str,
    values: dict[str, Any],
    words: dict[str, str] | None = None,
    comment: str = "",
    taken_on: date | None = None,
    together: bool = False,
) -> Reading:
    """Records one reading. The person's own account records the person's side; a worker records their side,
    or the person's side when it is filled in together on screen (`together`)."""
    require(actor, Action.CHANGE, person, Category.BONDS)
    instrument = instrument_get(instrument_code)
    if instrument is None:
        raise ValidationError({"instrument": "Instrument inconnu."})
    is_person = own_person_id(actor) == person.pk
    side = Side.PERSON if is_person or together else Side.WORKER
    taken_on = taken_on or today()
    if taken_on > today():
        raise ValidationError({"taken_on": "La date de la lecture ne peut pas être dans le futur."})
    cleaned_values, cleaned_words = _clean(instrument, values, words or {})
    reading = Reading.objects.create(
        person=person,
        instrument=instrument.code,
        version=instrument.version,
        side=side,
        together=together and not is_person,
        taken_on=taken_on,
        values=cleaned_values,
        words=cleaned_words,
        comment=comment.strip(),
        author=actor,
    )
    audit_record(
        actor=actor,
        person_id=person.pk,
        category=Category.BONDS,
        action=AuditAction.WRITE,
        detail=f"lecture {instrument.code} ({side})",
    )
    return reading
