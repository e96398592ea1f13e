"""Fields encrypted at rest with Fernet (AES-128-CBC + HMAC-SHA256, from `cryptography`).

Keys come from the environment (`ALLIANCES_ENCRYPTION_KEYS`: Fernet keys separated by commas, the first
one encrypts, every one decrypts), never from the code and independent of DJANGO_SECRET_KEY. Rotation:
put a new key first, run `manage.py encryption_rotate` (every value re-encrypted with it), then drop
the old key. A value read from the database that is not a Fernet token is a value written before
encryption was enabled: it is returned as is, and `encryption_rotate` encrypts it.

An empty value stays empty (so "no IBAN yet", "file not produced yet" can still be filtered on).
Encrypted columns can be neither searched nor sorted in SQL: no code does, and none may.
"""

import json
from decimal import Decimal
from functools import cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

#: Every Fernet token starts with its version byte 0x80, base64-encoded: "gAAAAA".
_TOKEN_PREFIX = "gAAAAA"  # noqa: S105 (not a secret: the version byte)


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("ALLIANCES_ENCRYPTION_KEYS is empty: set at least one Fernet key.")
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(
            "ALLIANCES_ENCRYPTION_KEYS holds an invalid key: make one with "
            "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
        ) from error


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.ALLIANCES_ENCRYPTION_KEYS))


def encrypt(text: str) -> str:
    return fernet().encrypt(text.encode()).decode()


def decrypt(stored: str) -> str:
    """The clear text of a stored value (a value stored before encryption is returned as is)."""
    if not stored.startswith(_TOKEN_PREFIX):
        return stored
    try:
        return fernet().decrypt(stored.encode()).decode()
    except InvalidToken as error:
        raise ImproperlyConfigured(
            "An encrypted value cannot be read with ALLIANCES_ENCRYPTION_KEYS: is a key missing?"
        ) from error


def rotated(stored: str) -> str | None:
    """The value re-encrypted with the first key, or None when it is empty."""
    if not stored:
        return None
    if not stored.startswith(_TOKEN_PREFIX):
        return encrypt(stored)
    return fernet().rotate(stored.encode()).decode()


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
