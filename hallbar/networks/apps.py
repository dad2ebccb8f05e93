from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "hallbar.networks"
    verbose_name = _("Networks")

    def ready(self) -> None:
        from hallbar.history import registry

        from . import models

        registry.track(models.Network, models.NetworkMembership, models.SharedIndicator)
