from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "hallbar.reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from hallbar.history import registry

        from . import models

        registry.track(models.Report, models.ReportVersion)
