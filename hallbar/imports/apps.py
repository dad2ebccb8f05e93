from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "hallbar.imports"
    verbose_name = _("Imports and exports")

    def ready(self) -> None:
        from hallbar.history import registry

        from . import models

        registry.track(models.ImportJob)
        # Every installed app's ``imports.py`` registers its ImportSpecs (like admin.py for the admin).
        autodiscover_modules("imports")
