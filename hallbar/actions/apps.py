from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionsConfig(AppConfig):
    name = "hallbar.actions"
    verbose_name = _("Actions and follow-up")

    def ready(self) -> None:
        from hallbar.core.jobs import register_daily
        from hallbar.history import registry

        from . import models, tasks

        registry.track(models.ActionPlan, models.Action, models.ProgressUpdate, models.FollowUpSettings)
        register_daily(tasks.send_stale_action_reminders)
