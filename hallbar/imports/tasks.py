"""Large imports are committed by the background worker (``manage.py db_worker``)."""

from django_tasks import task


@task()
def commit_import(job_id: int) -> None:
    """Commit one job as the person who uploaded it; the job's status and report show the outcome."""
    from hallbar.history.context import acting_as

    from .models import ImportJob
    from .services import ImportRejected, commit

    job = ImportJob.objects.select_related("organisation", "uploaded_by").get(pk=job_id)
    if job.status != ImportJob.Status.COMMITTING:
        return  # already done (a task delivered twice)
    with acting_as(job.uploaded_by):
        try:
            commit(job)
        except ImportRejected:
            pass  # errors found at commit time are the job's report, not a failure of the task
