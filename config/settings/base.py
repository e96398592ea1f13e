"""Base settings shared by every environment.

Per-environment modules (dev, test, production) only override what differs.
Secrets and connection strings come from the environment, never from the code.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("ALLIANCES_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
# Keys for the fields encrypted at rest (alliances/core/encryption.py; 32 random bytes in URL-safe
# base64, as Fernet makes them): comma-separated, the first encrypts, all decrypt. Development and
# tests set a fixed, public key; production requires one.
ALLIANCES_ENCRYPTION_KEYS = env_list("ALLIANCES_ENCRYPTION_KEYS")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "dsfr",
    "widget_tweaks",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "huey.contrib.djhuey",
    "simple_history",
    "ninja",  # Swagger UI's files, served from here (/api/docs), never from a CDN
    # Domain apps
    "alliances.core",
    "alliances.accounts",
    "alliances.audit",
    "alliances.persons",
    "alliances.households",
    "alliances.circles",
    "alliances.consent",
    "alliances.rights",
    "alliances.income",
    "alliances.assessments",
    "alliances.goals",
    "alliances.mediation",
    "alliances.peers",
    "alliances.meetings",
    "alliances.notifications",
    "alliances.exports",
    "alliances.demo",
    # Web and API
    "alliances.www",
    "alliances.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "alliances.audit.middleware.RequestContextMiddleware",
    "alliances.api.middleware.ApiErrorBodyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Person-facing pages in her language (French, English, Arabic); staff pages stay French.
    "alliances.www.language.LanguageMiddleware",
    "alliances.core.no_store.NoStoreMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Who changed a person's identity, household or incomes: kept with each historical version.
    "simple_history.middleware.HistoryRequestMiddleware",
    "alliances.accounts.middleware.StaffSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Redis unreachable: work kept for later is said on the page; a page that needed Redis says so in French.
    "alliances.www.queue_notice.QueueUnavailableMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "alliances" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dsfr.context_processors.site_config",
                "alliances.www.context_processors.navigation",
            ],
        },
    },
]
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'alliances.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters travel apart from the SQL (no client-side quoting of large id lists and JSON documents).
    DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "alliances.accounts.backends.EmailOrPhoneBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Staff must present a TOTP code whenever DEBUG is off (see accounts.middleware).
ALLIANCES_REQUIRE_STAFF_OTP = env_bool("ALLIANCES_REQUIRE_STAFF_OTP", not DEBUG)
OTP_TOTP_ISSUER = "Alliances"

# django-axes: throttle failed logins per account (whatever the spelling of the identifier) and, with a
# higher limit, per client address (alliances/accounts/throttle.py).
AXES_HANDLER = "alliances.accounts.throttle.AccountAndAddressHandler"
AXES_USERNAME_CALLABLE = "alliances.accounts.throttle.account_key"
AXES_CLIENT_IP_CALLABLE = "alliances.core.client_ip.client_ip"
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_ADDRESS_FAILURE_LIMIT = int(os.environ.get("AXES_ADDRESS_FAILURE_LIMIT", "30"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
# A locked-out attempt is refused at once and does not extend the lockout.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_SENSITIVE_PARAMETERS = ["username", "password", "ip_address"]
# The address is throttled by our handler with its own, higher limit (a CCAS desk shares one address).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
# Login attempts are not listed in Django's admin (they would show persons' logins).
AXES_ENABLE_ADMIN = False
# Password-reset requests: per identifier and per address, within an hour.
RESET_WINDOW_SECONDS = 3600
RESET_REQUESTS_PER_IDENTIFIER = int(os.environ.get("RESET_REQUESTS_PER_IDENTIFIER", "3"))
RESET_REQUESTS_PER_ADDRESS = int(os.environ.get("RESET_REQUESTS_PER_ADDRESS", "20"))
# Behind a TLS proxy: the header it writes the client address into (e.g. X-Forwarded-For) and how many
# proxies stand in front of the application. Unset, the address is the TCP peer's (no header trusted).
ALLIANCES_PROXY_IP_HEADER = os.environ.get("ALLIANCES_PROXY_IP_HEADER", "")
ALLIANCES_PROXY_COUNT = int(os.environ.get("ALLIANCES_PROXY_COUNT", "1"))
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English"), ("ar", "العربية")]
LOCALE_PATHS = [BASE_DIR / "alliances" / "locale"]
LANGUAGE_COOKIE_NAME = "alliances_langue"
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Email and SMS go through pluggable backends; the console is the default.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Alliances <ne-pas-repondre@alliances.localhost>")

# Task queue: huey. SQLite storage on the embedded default, Redis when REDIS_URL is set.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # One cache shared by every process (password-reset throttling counts across web workers).
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    HUEY = {
        # Redis, and the database while Redis cannot be reached: a task queued then is not lost.
        "huey_class": "alliances.core.queue.FallbackRedisHuey",
        "name": "alliances",
        "url": REDIS_URL,
        "immediate": False,
        # Processes by default: a cycle's chunks are CPU-bound Python, which threads would not share out.
        "consumer": {
            "workers": int(os.environ.get("HUEY_WORKERS", "2")),
            "worker_type": os.environ.get("HUEY_WORKER_TYPE", "process"),
        },
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "alliances",
        "filename": str(VAR_DIR / "huey.sqlite3"),
        "immediate": False,
        "consumer": {"workers": 2, "worker_type": "thread"},
    }

# Content Security Policy: no inline script or style; nonces for our own scripts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": ["'none'"],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": ["'none'"],
    }
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads it to send X-CSRFToken
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

DSFR_USE_INTEGRITY_CHECKSUMS = True

NINJA_PAGINATION_PER_PAGE = 50

# Logs carry request ids and object ids, never names, addresses or amounts.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain")
if LOG_FORMAT not in {"plain", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r}: « plain » or « json ».")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "alliances.audit.context.RequestIdLogFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "alliances.core.json_logs.JsonFormatter"},
    },
    "handlers": {
        # LOG_FORMAT=json: one JSON object per line, for a log collector (production's default).
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "numexpr": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "weasyprint": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "fontTools": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
DSFR_MARK_OPTIONAL_FIELDS = True
CSRF_FAILURE_VIEW = "alliances.www.errors.csrf_failure"

# The account the guaranteed income is paid from (SEPA credit transfers). Production sets these.
RMG_DEBTOR_NAME = os.environ.get("RMG_DEBTOR_NAME", "CCAS DE RENNES (DEMONSTRATION)")
RMG_DEBTOR_IBAN = os.environ.get("RMG_DEBTOR_IBAN", "FR7630006000011234567890189")
RMG_DEBTOR_BIC = os.environ.get("RMG_DEBTOR_BIC", "AGRIFRPP")
# Transfers per pain.001 file: a large cycle is split into several validated files.
RMG_SEPA_MAX_TRANSFERS = int(os.environ.get("RMG_SEPA_MAX_TRANSFERS", "10000"))
#: Households per queue task when a cycle is computed (memory per worker grows with it; see BENCHMARKS.md).
RMG_CYCLE_CHUNK = int(os.environ.get("RMG_CYCLE_CHUNK", "5000"))
# A cycle step whose tasks showed no sign of life for this long (a consumer killed, a task lost) is
# queued again by the consumer's watchdog; every task is safe to run twice.
RMG_STALL_SECONDS = int(os.environ.get("RMG_STALL_SECONDS", "180"))


# Meetings: the person may move or cancel up to this many hours before; reminders at these delays.
MEETINGS_CHANGE_DELAY_HOURS = int(os.environ.get("MEETINGS_CHANGE_DELAY_HOURS", "24"))
MEETINGS_REMINDER_DELAYS_HOURS = [
    int(h) for h in os.environ.get("MEETINGS_REMINDER_DELAYS_HOURS", "48,2").split(",") if h.strip()
]
# SMS behind a pluggable backend (console by default); a provider through the environment.
#: Whom a person contacts about her data (the CCAS's data protection officer); shown on « Mes données ».
ALLIANCES_DATA_CONTACT = os.environ.get("ALLIANCES_DATA_CONTACT", "")
SMS_BACKEND = os.environ.get("SMS_BACKEND", "alliances.notifications.sms.ConsoleSmsBackend")
SMS_API_URL = os.environ.get("SMS_API_URL", "")
SMS_API_TOKEN = os.environ.get("SMS_API_TOKEN", "")
SMS_SENDER = os.environ.get("SMS_SENDER", "CCAS")
