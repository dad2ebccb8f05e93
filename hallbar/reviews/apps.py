from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "hallbar.reviews"
    verbose_name = _("Management review")

    def ready(self) -> None:
        from hallbar.history import registry

        from . import models

        registry.track(models.ManagementReview, models.Decision)
        registry.track(models.EnvironmentalStatement, models.CoreIndicatorSource)
