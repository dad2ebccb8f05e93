from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _load_reference(sender, **kwargs) -> None:
    from .reference import load_methods, load_releases

    load_releases()
    load_methods()


class ClimateConfig(AppConfig):
    name = "hallbar.climate"
    verbose_name = _("Climate")

    def ready(self) -> None:
        from hallbar.history import registry

        from . import models

        registry.track(models.BudgetMethod, models.ClimateSettings)
        registry.track(models.ClimateBudget, models.SectorResponsibility, models.Measure, models.MeasureEffect)
        post_migrate.connect(_load_reference, sender=self)
