"""Read models of the report pages."""

from django.db.models import Count, Max, Q

from .models import Report, ReportVersion


def report_list(scope):
    """The organisation's reports with their number of versions and whether one is approved."""
    return (
        scope.filter(Report.objects.all())
        .select_related("plan")
        .annotate(
            version_count=Count("versions"),
            approved_count=Count("versions", filter=Q(versions__approved_at__isnull=False)),
            last_generated=Max("versions__finished_at"),
        )
        .order_by("-year", "title", "pk")
    )


def versions_of(report: Report):
    return report.versions.select_related("requested_by", "approved_by")


def is_busy(report: Report) -> bool:
    return report.versions.filter(status__in=[ReportVersion.Status.QUEUED, ReportVersion.Status.RUNNING]).exists()
