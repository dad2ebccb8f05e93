from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _load_reference(sender, **kwargs) -> None:
    from .reference import load_factor_sets

    load_factor_sets()


class ConsumptionConfig(AppConfig):
    name = "hallbar.consumption"
    verbose_name = _("Consumption footprint")

    def ready(self) -> None:
        from hallbar.history import registry

        from . import models

        registry.track(models.ConsumptionSettings, models.AccountMapping, models.LedgerImport, models.OwnFactor)
        post_migrate.connect(_load_reference, sender=self)
