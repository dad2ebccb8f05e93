from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _load_reference(sender, using="default", **kwargs):
    from .reference import load_municipalities

    load_municipalities(using=using)


class OrganisationsConfig(AppConfig):
    name = "hallbar.organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from hallbar.history import registry

        from . import models

        registry.track(models.Organisation, models.OrganisationUnit)
        post_migrate.connect(_load_reference, sender=self, dispatch_uid="hallbar-load-municipalities")
