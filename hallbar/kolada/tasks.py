"""Background jobs that fetch Kolada values.

``refresh_all_values`` is a daily job (registered in ``KoladaConfig.ready`` with
``core.jobs.register_daily``, enqueued by ``manage.py run_daily_jobs`` like every other daily job);
``manage.py kolada_refresh`` runs the same refresh directly. Kolada publishes most values once a
year, so a daily refresh is frequent enough.
"""

from django_tasks import task


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
    """Every linked KPI of every active organisation (the daily job)."""
    from .services import refresh_all

    return refresh_all().summary()
