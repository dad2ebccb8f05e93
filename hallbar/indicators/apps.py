from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "hallbar.indicators"
    verbose_name = _("Indicators")

    def ready(self) -> None:
        from hallbar.history import registry

        from . import models

        registry.track(models.Indicator, models.IndicatorValue)
