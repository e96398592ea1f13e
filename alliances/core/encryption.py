"""Fields encrypted at rest with AES-256-GCM (authenticated encryption, from `cryptography`).

Keys come from the environment (`ALLIANCES_ENCRYPTION_KEYS`: keys separated by commas, each 32 random
bytes in URL-safe base64, the format of a Fernet key; the first one encrypts, every one decrypts), never
from the code and independent of DJANGO_SECRET_KEY. Each configured key is stretched with HKDF-SHA256
into the AES key actually used, and a stored value names its key by a short fingerprint, so decrypting
never tries keys in turn. Rotation: put a new key first, run `manage.py encryption_rotate` (every value
re-encrypted with it), then drop the old key.

A stored value is `$aes1$` + base64url(key fingerprint (4 bytes) ‖ nonce (12 bytes) ‖ ciphertext ‖ tag).
Values written by the first version (Fernet tokens, "gAAAAA…", 15 µs each to decrypt against 2.5 µs
here: the monthly cycle reads hundreds of thousands) are still read, and `encryption_rotate` rewrites
them in this format. A value read from the database that is neither is a value written before
encryption was enabled: it is returned as is, and `encryption_rotate` encrypts it.

An empty value stays empty (so "no IBAN yet", "file not produced yet" can still be filtered on).
Encrypted columns can be neither searched nor sorted in SQL: no code does, and none may.
"""

import base64
import binascii
import hashlib
import json
import os
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

#: The marker of a value encrypted by this module's current format.
PREFIX = "$aes1$"
#: Every Fernet token (the first format) starts with its version byte 0x80, base64-encoded: "gAAAAA".
_FERNET_PREFIX = "gAAAAA"
_NONCE, _FINGERPRINT = 12, 4
_MISSING_KEY = "An encrypted value cannot be read with ALLIANCES_ENCRYPTION_KEYS: is a key missing?"


@dataclass(frozen=True)
class _Keyring:
    current: bytes  # fingerprint of the key that encrypts
    ciphers: dict[bytes, AESGCM]  # every key that decrypts, by fingerprint
    legacy: MultiFernet  # the same keys, for values of the first format


def _raw(key: str) -> bytes:
    try:
        raw = base64.urlsafe_b64decode(key.encode())
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 32:
        raise ImproperlyConfigured(
            "ALLIANCES_ENCRYPTION_KEYS holds an invalid key: make one with "
            "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
        )
    return raw


@cache
def _keyring(keys: tuple[str, ...]) -> _Keyring:
    if not keys:
        raise ImproperlyConfigured("ALLIANCES_ENCRYPTION_KEYS is empty: set at least one key.")
    ciphers: dict[bytes, AESGCM] = {}
    for key in keys:
        derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"alliances field encryption v1").derive(
            _raw(key)
        )
        ciphers.setdefault(hashlib.sha256(derived).digest()[:_FINGERPRINT], AESGCM(derived))
    first = next(iter(ciphers))
    return _Keyring(first, ciphers, MultiFernet([Fernet(key.encode()) for key in keys]))


def _keys() -> _Keyring:
    return _keyring(tuple(settings.ALLIANCES_ENCRYPTION_KEYS))


def is_encrypted(stored: str) -> bool:
    return stored.startswith(PREFIX)


def encrypt(text: str) -> str:
    keyring = _keys()
    nonce = os.urandom(_NONCE)
    sealed = keyring.ciphers[keyring.current].encrypt(nonce, text.encode(), None)
    return PREFIX + base64.urlsafe_b64encode(keyring.current + nonce + sealed).decode()


def decrypt(stored: str) -> str:
    """The clear text of a stored value (a value stored before encryption is returned as is)."""
    if stored.startswith(PREFIX):
        try:
            raw = base64.urlsafe_b64decode(stored[len(PREFIX) :])
        except (binascii.Error, ValueError) as error:
            raise ImproperlyConfigured(_MISSING_KEY + " (or the value was altered)") from error
        cipher = _keys().ciphers.get(raw[:_FINGERPRINT])
        if cipher is None:
            raise ImproperlyConfigured(_MISSING_KEY)
        body = raw[_FINGERPRINT:]
        try:
            return cipher.decrypt(body[:_NONCE], body[_NONCE:], None).decode()
        except InvalidTag as error:
            raise ImproperlyConfigured(_MISSING_KEY + " (or the value was altered)") from error
    if stored.startswith(_FERNET_PREFIX):
        try:
            return _keys().legacy.decrypt(stored.encode()).decode()
        except InvalidToken as error:
            raise ImproperlyConfigured(_MISSING_KEY) from error
    return stored


def rotated(stored: str) -> str | None:
    """The value re-encrypted with the first key, or None when it is empty or already encrypted with it."""
    if not stored:
        return None
    if stored.startswith(PREFIX) and base64.urlsafe_b64decode(stored[len(PREFIX) :])[:_FINGERPRINT] == (
        _keys().current
    ):
        return None
    return encrypt(decrypt(stored))


class EncryptedMixin:
    """Stored as text: the Fernet token of the field's usual database value."""

    encrypted = True

    def get_internal_type(self) -> str:
        return "TextField"

    def db_type(self, connection: Any) -> str | None:
        return models.TextField().db_type(connection)

    def _clear(self, value: Any) -> str:
        return str(value)

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if hasattr(value, "as_sql"):
            return value
        value = self.get_prep_value(value)  # type: ignore[attr-defined]
        if value is None or value == "":
            return value
        return encrypt(self._clear(value))

    def get_db_prep_save(self, value: Any, connection: Any) -> Any:
        return self.get_db_prep_value(value, connection)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return self.to_python(value)  # type: ignore[attr-defined]
        return self._loaded(decrypt(value))

    def _loaded(self, text: str) -> Any:
        return self.to_python(text)  # type: ignore[attr-defined]


class EncryptedCharField(EncryptedMixin, models.CharField):
    pass


class EncryptedTextField(EncryptedMixin, models.TextField):
    pass


class EncryptedDecimalField(EncryptedMixin, models.DecimalField):
    def get_prep_value(self, value: Any) -> Any:
        return None if value is None else self.to_python(value)

    def _clear(self, value: Any) -> str:
        return str(Decimal(value))


class EncryptedJSONField(EncryptedMixin, models.JSONField):
    """JSON encrypted as a whole (never queried inside)."""

    def get_prep_value(self, value: Any) -> Any:
        return value

    def _clear(self, value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, cls=self.encoder)

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if hasattr(value, "as_sql"):
            return value
        if value is None:
            return None
        return encrypt(self._clear(value))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None:
            return None
        return json.loads(decrypt(value), cls=self.decoder)


def encrypted_fields(model: type[models.Model]) -> list[Any]:
    return [f for f in model._meta.concrete_fields if getattr(f, "encrypted", False)]


def encrypt_existing(app_label: str, model_name: str, *fields: str):  # type: ignore[no-untyped-def]
    """A migration step that encrypts the values stored before a field became encrypted."""

    def run(apps, schema_editor):  # type: ignore[no-untyped-def]
        model = apps.get_model(app_label, model_name)
        manager = model._base_manager
        for pk in manager.values_list("pk", flat=True).iterator(chunk_size=2000):
            row = manager.filter(pk=pk).values(*fields).first()
            changes = {name: value for name, value in row.items() if value not in (None, "", {}, [])}
            if changes:
                manager.filter(pk=pk).update(**changes)

    return run
