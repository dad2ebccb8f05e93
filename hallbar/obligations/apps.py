from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObligationsConfig(AppConfig):
    name = "hallbar.obligations"
    verbose_name = _("Compliance obligations")

    def ready(self) -> None:
        from hallbar.core.jobs import register_daily
        from hallbar.history import registry

        from . import models, tasks

        registry.track(models.Obligation, models.Evaluation)
        register_daily(tasks.send_overdue_evaluation_reminders)
