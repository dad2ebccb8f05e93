"""Ledger imports and recomputation run in the background worker (``manage.py db_worker``)."""

from django_tasks import task


@task()
def run_ledger_import(job_id: int) -> None:
    from hallbar.history.context import acting_as

    from .importing import run_import
    from .models import LedgerImport

    job = LedgerImport.objects.select_related("organisation", "uploaded_by").get(pk=job_id)
    with acting_as(job.uploaded_by):
        run_import(job)


@task()
def run_recomputation(recomputation_id: int) -> None:
    from hallbar.history.context import acting_as

    from .models import Recomputation
    from .services import run_recompute

    job = Recomputation.objects.select_related("organisation", "requested_by").get(pk=recomputation_id)
    with acting_as(job.requested_by):
        run_recompute(job)
