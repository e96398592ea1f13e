"""Production: PostgreSQL (DATABASE_URL), Redis (REDIS_URL), secrets from the environment.

It refuses to start on a setting that would expose persons' data: no secret key or a weak one, the
console email or SMS backend (password-reset links and reminders would land in the logs).
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    ALLIANCES_ENCRYPTION_KEYS,
    DATABASES,
    EMAIL_BACKEND,
    LOGGING,
    REDIS_URL,
    SECRET_KEY,
    SMS_BACKEND,
    STORAGES,
    env_bool,
)

DEBUG = False
# One JSON object per log line for the log collector, unless LOG_FORMAT=plain says otherwise.
LOGGING["handlers"]["console"]["formatter"] = os.environ.get("LOG_FORMAT", "json")  # type: ignore[index]
# Staff always give a second factor in production, whatever DJANGO_DEBUG or other variables say.
ALLIANCES_REQUIRE_STAFF_OTP = True

if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is too weak: at least 50 characters, drawn at random "
        "(python -c 'import secrets; print(secrets.token_urlsafe(64))')."
    )
if not ALLIANCES_ENCRYPTION_KEYS:
    raise ImproperlyConfigured(
        "ALLIANCES_ENCRYPTION_KEYS must be set in production (32-byte keys in URL-safe base64, "
        "comma-separated; the first encrypts): "
        "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
    )
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("Production runs on PostgreSQL: set DATABASE_URL=postgres://…")
if not REDIS_URL:
    raise ImproperlyConfigured("Production runs its task queue on Redis: set REDIS_URL=redis://…")
_LOGGING_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}
if EMAIL_BACKEND in _LOGGING_BACKENDS:
    raise ImproperlyConfigured(
        f"EMAIL_BACKEND={EMAIL_BACKEND} would print password-reset links into the logs or drop them: "
        "set EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and EMAIL_HOST…"
    )
if SMS_BACKEND.rsplit(".", 1)[-1] in {"ConsoleSmsBackend", "LocmemSmsBackend"}:
    raise ImproperlyConfigured(
        f"SMS_BACKEND={SMS_BACKEND} would print messages into the logs: "
        "set SMS_BACKEND=alliances.notifications.sms.HttpSmsBackend and SMS_API_URL, SMS_API_TOKEN."
    )

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
