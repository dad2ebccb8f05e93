from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NonconformitiesConfig(AppConfig):
    name = "hallbar.nonconformities"
    verbose_name = _("Nonconformities and corrective actions")

    def ready(self) -> None:
        from hallbar.core.jobs import register_daily
        from hallbar.history import registry

        from . import models, tasks

        registry.track(models.Nonconformity, models.Why, models.StageChange)
        register_daily(tasks.send_effectiveness_reminders)
