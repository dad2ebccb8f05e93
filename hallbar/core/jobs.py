"""Daily background jobs, registered by the apps that own them.

django-tasks has no scheduler. Each app registers its daily job here in ``AppConfig.ready()``;
``manage.py run_daily_jobs``, run once a day from cron or a systemd timer, enqueues them all (see
docs/admin-guide.md), and the worker (``manage.py db_worker``) runs them.
"""

from collections.abc import Callable

_daily: dict[str, Callable] = {}


def register_daily(task) -> None:
    """Register a django-tasks task (taking no arguments) to be enqueued once a day."""
    _daily[task.module_path] = task


def daily_jobs() -> dict[str, Callable]:
    return dict(sorted(_daily.items()))
