from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "hallbar.portal"
    verbose_name = _("Public portal and open data")

    def ready(self) -> None:
        from hallbar.history import registry

        from . import models, signals

        registry.track(models.PortalSettings, models.Publication)
        signals.connect()
