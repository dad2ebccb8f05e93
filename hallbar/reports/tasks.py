"""Reports are generated in the background worker (``manage.py db_worker``)."""

from django_tasks import task


@task()
def generate_report(version_id: int) -> None:
    from hallbar.history.context import acting_as

    from .models import ReportVersion
    from .services import generate

    version = ReportVersion.objects.select_related("report__organisation", "report__plan", "requested_by").get(
        pk=version_id
    )
    if version.status != ReportVersion.Status.QUEUED:
        return  # delivered twice
    with acting_as(version.requested_by):
        generate(version)
