from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "hallbar.reporting"
    verbose_name = _("Reporting rounds")

    def ready(self) -> None:
        from hallbar.core.jobs import register_daily
        from hallbar.history import registry

        from . import models, tasks

        registry.track(models.ReportingRound, models.UnitReport)
        register_daily(tasks.send_deadline_reminders)
