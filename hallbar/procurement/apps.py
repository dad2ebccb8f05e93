from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _load_reference(sender, using="default", verbosity=1, **kwargs):
    from .reference import load_reference

    cpv, criteria = load_reference(using=using)
    if verbosity >= 2:
        print(f"Procurement reference data: {cpv} CPV codes, {criteria} criteria.")


class ProcurementConfig(AppConfig):
    name = "hallbar.procurement"
    verbose_name = _("Procurement")

    def ready(self) -> None:
        from hallbar.history import registry

        from . import models

        registry.track(models.Procurement, models.ContractCheck, models.ContractedSupplier)
        post_migrate.connect(_load_reference, sender=self, dispatch_uid="hallbar-load-procurement-reference")
