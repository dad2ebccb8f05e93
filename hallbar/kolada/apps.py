from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _load_catalogue(sender, using="default", verbosity=1, **kwargs):
    from .reference import load_snapshot

    report = load_snapshot(using=using)
    if verbosity >= 1 and report is not None and report.changed:
        print(report.summary())


class KoladaConfig(AppConfig):
    name = "hallbar.kolada"
    verbose_name = _("Kolada key figures")

    def ready(self) -> None:
        from hallbar.core.jobs import register_daily
        from hallbar.history import registry

        from . import models, tasks

        registry.track(models.PeerGroup)
        register_daily(tasks.refresh_all_values)
        post_migrate.connect(_load_catalogue, sender=self, dispatch_uid="hallbar-load-kolada-catalogue")
