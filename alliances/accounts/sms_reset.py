"""Password reset by SMS code, for persons who log in with a phone number and have no email.

A six-digit code, valid `SMS_CODE_MINUTES`, kept only as a salted digest in the shared cache; five wrong
tries and it is gone. Requests are throttled like email resets (per number and per address), and the
answer never says whether a number has an account.
"""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction

from alliances.accounts.models import User
from alliances.accounts.phone import normalize_phone

SMS_CODE_MINUTES = 15
SMS_CODE_TRIES = 5


def _key(phone: str) -> str:
    return "reset:sms:" + hashlib.sha256(f"{settings.SECRET_KEY}:phone:{phone}".encode()).hexdigest()[:32]


def _digest(phone: str, code: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:code:{phone}:{code}".encode()).hexdigest()


def sms_code_send(*, phone: str) -> None:
    """Sends a code if an active account has this number (silently nothing otherwise)."""
    from alliances.notifications.tasks import send_text

    number = normalize_phone(phone)
    if number is None or not User.objects.filter(phone=number, is_active=True).exists():
        return
    code = f"{secrets.randbelow(10**6):06d}"
    cache.set(_key(number), {"digest": _digest(number, code), "tries": 0}, timeout=SMS_CODE_MINUTES * 60)
    body = (
        f"Alliances : votre code pour choisir un nouveau mot de passe est {code}. "
        f"Il marche {SMS_CODE_MINUTES} minutes. Ne le donnez à personne."
    )
    transaction.on_commit(lambda: send_text(to=number, body=body))


def sms_code_use(*, phone: str, code: str, password: str) -> User:
    """Sets the new password if the code is right; counts wrong codes, and forgets the code after too many."""
    number = normalize_phone(phone) or ""
    stored = cache.get(_key(number)) if number else None
    wrong = ValidationError(
        {"code": "Ce code n'est pas bon, ou il a expiré. Vérifiez le SMS ou demandez un nouveau code."}
    )
    if stored is None:
        raise wrong
    if not secrets.compare_digest(stored["digest"], _digest(number, code.strip())):
        stored["tries"] += 1
        if stored["tries"] >= SMS_CODE_TRIES:
            cache.delete(_key(number))
        else:
            cache.set(_key(number), stored, timeout=SMS_CODE_MINUTES * 60)
        raise wrong
    user = User.objects.filter(phone=number, is_active=True).first()
    if user is None:
        raise wrong
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"new_password1": error.messages}) from error
    user.set_password(password)
    user.save(update_fields=["password"])
    cache.delete(_key(number))
    return user
