from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RisksConfig(AppConfig):
    name = "hallbar.risks"
    verbose_name = _("Risks and opportunities")

    def ready(self) -> None:
        from hallbar.history import registry

        from . import models

        registry.track(models.RiskMatrix, models.Risk)
