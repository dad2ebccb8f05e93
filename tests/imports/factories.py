"""Helpers for import tests: a real job, made through the pipeline."""

from hallbar.accounts.models import Membership
from hallbar.accounts.roles import Role
from hallbar.accounts.scoping import Scope
from hallbar.imports import services
from hallbar.imports.models import ImportJob
from hallbar.imports.registry import get_spec

CSV_HEADER = "Indikator;Enhet;År;Period;Värde;Värde kvinnor;Värde män;Status;Källa;Kommentar\n"


def job_for(organisation) -> ImportJob:
    """A checked (not committed) import of the organisation, uploaded by its first coordinator; reused.

    Its file has a good row and a row with an unknown indicator, so its page shows a preview, an
    error and (to the uploader) the column mapping form.
    """
    job = ImportJob.objects.filter(organisation=organisation).first()
    if job is not None:
        return job
    membership = Membership.objects.filter(organisation=organisation, role=Role.COORDINATOR).first()
    user = membership.user if membership else None
    data = CSV_HEADER + "Utsläpp per invånare;;2024;0;4,5;;;;;\nFinns inte;;2024;0;tolv;;;;;\n"
    return services.create_job(
        spec=get_spec("indicator_values"),
        organisation=organisation,
        user=user,
        scope=Scope(user, organisation),
        filename="värden.csv",
        data=data.encode(),
    )
