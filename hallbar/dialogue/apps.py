from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    name = "hallbar.dialogue"
    verbose_name = _("Citizen dialogue")

    def ready(self) -> None:
        from hallbar.history import registry

        from . import models

        registry.track(models.Contribution)
