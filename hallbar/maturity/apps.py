from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaturityConfig(AppConfig):
    name = "hallbar.maturity"
    verbose_name = _("Maturity self-assessment")

    def ready(self) -> None:
        from hallbar.history import registry

        from . import models

        registry.track(models.Assessment, models.Answer)
