"""Test settings: SQLite by default, PostgreSQL when DATABASE_URL is set; tasks run immediately."""

import os

os.environ.setdefault("DJANGO_DEBUG", "false")

from .base import *  # noqa: F403
from .base import HUEY, VAR_DIR

SECRET_KEY = "test-only-key-not-secret-0123456789abcdef"  # noqa: S105
ALLIANCES_ENCRYPTION_KEYS = ["dGVzdC1vbmx5LWtleS1ub3Qtc2VjcmV0LTAwMDAwMDA="]
DEBUG = False
ALLIANCES_REQUIRE_STAFF_OTP = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
HUEY = {**HUEY, "immediate": True}
HUEY.pop("url", None)
HUEY["huey_class"] = "huey.MemoryHuey"
VAR_DIR.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_FAILURE_LIMIT = 5
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SMS_BACKEND = "alliances.notifications.sms.LocmemSmsBackend"
