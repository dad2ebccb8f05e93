"""Settings shared by every environment. Values that differ per installation come from the environment."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PACKAGE_DIR.parent
VAR_DIR = Path(env_str("HALLBAR_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("SECRET_KEY", "insecure-development-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "axes",
    # core
    "hallbar.accounts",
    "hallbar.organisations",
    "hallbar.frameworks",
    "hallbar.history",
    "hallbar.imports",
    "hallbar.indicators",
    "hallbar.kolada",
    "hallbar.plans",
    "hallbar.actions",
    "hallbar.reporting",
    "hallbar.context",
    "hallbar.aspects",
    "hallbar.obligations",
    "hallbar.risks",
    "hallbar.nonconformities",
    "hallbar.audits",
    "hallbar.reviews",
    "hallbar.procurement",
    "hallbar.chemicals",
    "hallbar.consumption",
    "hallbar.climate",
    "hallbar.documents",
    "hallbar.maturity",
    "hallbar.portal",
    "hallbar.dialogue",
    "hallbar.overview",
    "hallbar.networks",
    "hallbar.examples",
    "hallbar.reports",
    # presentation
    "hallbar.web",
    "hallbar.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "hallbar.web.middleware.LanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "hallbar.accounts.middleware.ScopeMiddleware",
    "hallbar.history.middleware.ActorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hallbar.urls"
WSGI_APPLICATION = "hallbar.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hallbar.web.context_processors.shell",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'hallbar.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3
INVITATION_VALID_DAYS = env_int("HALLBAR_INVITATION_VALID_DAYS", 14)

# Login throttling (django-axes): lock a username+IP pair after repeated failures.
AXES_FAILURE_LIMIT = env_int("HALLBAR_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

# Internationalisation: Swedish is the default, English is complete.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Stockholm"
LANGUAGE_COOKIE_NAME = "hallbar_language"
LANGUAGE_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Uploaded files live outside the static tree and are only served through permission-checked views:
# no URL pattern serves MEDIA_URL, so a file's path is never a public address.
MEDIA_ROOT = VAR_DIR / "uploads"
MEDIA_URL = "/uploads/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# E-mail
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Hållbar <noreply@localhost>")
HALLBAR_SITE_URL = env_str("HALLBAR_SITE_URL", "http://127.0.0.1:8000")

# Background work (Django's tasks API through the django-tasks backport).
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# Kolada (RKA's open KPI database): where to fetch from (the refresh is a daily job).
KOLADA_BASE_URL = env_str("HALLBAR_KOLADA_BASE_URL", "https://api.kolada.se/v3")
KOLADA_TIMEOUT = env_int("HALLBAR_KOLADA_TIMEOUT", 30)

# Imports (hallbar.imports): files with more rows are committed by the background worker.
IMPORT_BACKGROUND_ROWS = env_int("HALLBAR_IMPORT_BACKGROUND_ROWS", 20_000)
IMPORT_MAX_BYTES = env_int("HALLBAR_IMPORT_MAX_BYTES", 200 * 1024 * 1024)

# Evidence and document files (hallbar.documents): larger uploads are refused before anything is stored.
EVIDENCE_MAX_BYTES = env_int("HALLBAR_EVIDENCE_MAX_BYTES", 20 * 1024 * 1024)

# Citizen dialogue (hallbar.dialogue): posts per visitor address and per goal in a window, and the
# shortest time between building the page and sending its form (see hallbar/dialogue/spam.py).
HALLBAR_DIALOGUE_RATE_PER_ADDRESS = env_int("HALLBAR_DIALOGUE_RATE_PER_ADDRESS", 5)
HALLBAR_DIALOGUE_RATE_PER_GOAL = env_int("HALLBAR_DIALOGUE_RATE_PER_GOAL", 50)
HALLBAR_DIALOGUE_RATE_WINDOW_SECONDS = env_int("HALLBAR_DIALOGUE_RATE_WINDOW_SECONDS", 60 * 60)
HALLBAR_DIALOGUE_MIN_FILL_SECONDS = env_int("HALLBAR_DIALOGUE_MIN_FILL_SECONDS", 3)
# How many reverse proxies (e.g. nginx) stand in front of Hållbar: the visitor's address is then read from
# X-Forwarded-For as the outermost of them wrote it (0: REMOTE_ADDR is the visitor). Used by rate limits.
HALLBAR_TRUSTED_PROXIES = env_int("HALLBAR_TRUSTED_PROXIES", 0)

# The cache of page fragments and public pages (hallbar.organisations.content, hallbar.portal.cache). Keys
# hold the organisation's content version, kept in the database, so each process's own memory cache
# stays correct. Seconds an entry lives (0: nothing is cached).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}}}
HALLBAR_CONTENT_CACHE_SECONDS = env_int("HALLBAR_CONTENT_CACHE_SECONDS", 15 * 60)

# Security headers that hold everywhere; production.py adds HTTPS-only settings.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["hallbar.api.permissions.ScopedPermission"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.NamespaceVersioning",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": "60/minute"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Hållbar API",
    "DESCRIPTION": "Scriptable access to organisations, units, people, framework libraries, plans, "
    "indicators and their values, actions, the management system (context, aspects, obligations, risks, "
    "documents, audits, nonconformities, maturity, management reviews), procurement, chemicals screening, "
    "the consumption footprint, climate figures, reports, good examples, networks and the moderation of "
    "citizen dialogue. "
    "Every endpoint only shows the organisations the authenticated user is a member of.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "PlanStatusEnum": "hallbar.plans.models.Plan.Status",
        "ValueStatusEnum": "hallbar.indicators.models.IndicatorValue.Status",
        "ActionStatusEnum": "hallbar.actions.models.Action.Status",
        "RiskLevelEnum": "hallbar.risks.models.matrix.Level",
        "RiskScaleSizeEnum": "hallbar.risks.models.matrix.SIZE_CHOICES",
        "RiskStatusEnum": "hallbar.risks.models.risk.Risk.Status",
        "ComplianceResultEnum": "hallbar.obligations.rules.Result",
        "ObligationStatusEnum": "hallbar.obligations.rules.Status",
        "ProcurementStatusEnum": "hallbar.procurement.models.Procurement.Status",
        "ContractCheckMethodEnum": "hallbar.procurement.models.ContractCheck.Method",
        "ContractCheckOutcomeEnum": "hallbar.procurement.models.ContractCheck.Outcome",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
