from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContextConfig(AppConfig):
    name = "hallbar.context"
    verbose_name = _("Context of the organisation")

    def ready(self) -> None:
        from hallbar.history import registry

        from . import models

        registry.track(models.InterestedParty, models.ScanItem, models.ScopeStatement)
