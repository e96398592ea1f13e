"""Local demo: SQLite, console email, no second factor for the demo's staff accounts.

DEBUG is off by default, as a newcomer should see the site (French DSFR error pages, never Django's
debug pages); developers turn it on with `DEBUG=1 make run`.
"""

import os

os.environ.setdefault("DJANGO_DEBUG", os.environ.get("DEBUG", "false"))

from .base import *  # noqa: F403
from .base import VAR_DIR, env_bool

SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-change-me"  # noqa: F405
# A public key for the demo's data only (production refuses to start without its own keys).
ALLIANCES_ENCRYPTION_KEYS = ALLIANCES_ENCRYPTION_KEYS or ["ZGVtby1vbmx5LWtleS1ub3Qtc2VjcmV0LTAwMDAwMDA="]  # noqa: F405
# The demo's staff accounts log in without a TOTP app (production always asks for one).
ALLIANCES_REQUIRE_STAFF_OTP = env_bool("ALLIANCES_REQUIRE_STAFF_OTP", False)
VAR_DIR.mkdir(parents=True, exist_ok=True)
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # noqa: F405
# Static files through WhiteNoise, straight from the apps (no collectstatic for the demo), DEBUG or not.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
