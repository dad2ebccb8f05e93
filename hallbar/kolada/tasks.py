"""Background jobs that fetch Kolada values.

django-tasks has no scheduler, so the scheduled refresh schedules itself: ``scheduled_refresh``
runs the refresh and then enqueues its next run ``KOLADA_REFRESH_HOURS`` later (``run_after``; the
database backend's ``db_worker`` picks it up when due). The time of the next run is kept in
``KoladaState.next_refresh_at`` and passed to the job; a job whose time is no longer the one in the
state was superseded (someone restarted the chain) and does nothing, so there is only ever one chain.
Start the chain with ``manage.py kolada_refresh --schedule`` or, instead of the chain, run
``manage.py kolada_refresh`` from cron or a systemd timer (see docs/admin-guide.md).
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


def refresh_interval() -> timedelta:
    return timedelta(hours=max(1, getattr(settings, "KOLADA_REFRESH_HOURS", 24)))


@task()
def refresh_organisation_values(organisation_id: int) -> str:
    """ "Fetch now" on the Kolada page: one organisation's linked KPIs (own municipality + peers)."""
    from hallbar.organisations.models import Organisation

    from .services import FetchFailed, refresh_organisation

    organisation = Organisation.objects.select_related("municipality", "county").get(pk=organisation_id)
    try:
        result = refresh_organisation(organisation)
    except FetchFailed as failure:  # recorded in FetchStatus and shown on the page
        return f"failed: {failure.code}"
    return f"{result.written} indicator values written, {result.kept} own values kept"


@task()
def refresh_all_values() -> str:
    """Every linked KPI of every active organisation, once."""
    from .services import refresh_all

    return refresh_all().summary()


def schedule_next(after: datetime | None = None, *, now: bool = False) -> datetime | None:
    """Enqueue the next scheduled refresh, one interval after ``after`` (default: now), or at once with
    ``now``; it supersedes any run scheduled before. None when the task backend cannot run jobs later
    (the immediate backend used in tests): nothing is enqueued then."""
    from .models import KoladaState

    backend = scheduled_refresh.get_backend()
    if not backend.supports_defer:
        return None
    run_at = timezone.now() if now else (after or timezone.now()) + refresh_interval()
    state = KoladaState.get()
    state.next_refresh_at = run_at
    state.save(update_fields=["next_refresh_at"])
    transaction.on_commit(lambda: scheduled_refresh.using(run_after=run_at).enqueue(run_at.isoformat()))
    return run_at


@task()
def scheduled_refresh(scheduled_for: str) -> str:
    """Refresh everything, then schedule the next run; does nothing if a newer chain replaced this one."""
    from .models import KoladaState
    from .services import refresh_all

    expected = KoladaState.get().next_refresh_at
    if expected is None or expected != datetime.fromisoformat(scheduled_for):
        logger.info("Kolada refresh scheduled for %s was superseded; not running it.", scheduled_for)
        return "superseded"
    try:
        summary = refresh_all().summary()
    except Exception:  # keep the chain alive whatever happened; the error is in the log
        logger.exception("Scheduled Kolada refresh failed")
        summary = "failed"
    schedule_next()
    return summary
