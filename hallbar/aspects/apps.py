from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AspectsConfig(AppConfig):
    name = "hallbar.aspects"
    verbose_name = _("Sustainability aspects")

    def ready(self) -> None:
        from hallbar.core.jobs import register_daily
        from hallbar.history import registry

        from . import models, tasks

        registry.track(
            models.Activity,
            models.Aspect,
            models.AspectScore,
            models.SignificanceCriterion,
            models.AspectSettings,
            models.AspectReview,
        )
        register_daily(tasks.send_overdue_review_reminders)
