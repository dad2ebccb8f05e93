"""Local development and the demo: debug on, e-mail printed to the console."""

from .base import *  # noqa: F403
from .env import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
STATIC_ROOT = None  # served from the apps' static folders; collectstatic is for production
VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405 - the demo's SQLite database lives here
