"""Local demo: SQLite, console email, DEBUG on, no second factor."""

import os

os.environ.setdefault("DJANGO_DEBUG", "true")

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-change-me"  # noqa: F405
# A public key for the demo's data only (production refuses to start without its own keys).
ALLIANCES_ENCRYPTION_KEYS = ALLIANCES_ENCRYPTION_KEYS or ["ZGVtby1vbmx5LWtleS1ub3Qtc2VjcmV0LTAwMDAwMDA="]  # noqa: F405
VAR_DIR.mkdir(parents=True, exist_ok=True)
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
