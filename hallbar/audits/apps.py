from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditsConfig(AppConfig):
    name = "hallbar.audits"
    verbose_name = _("Internal audits")

    def ready(self) -> None:
        from hallbar.history import registry

        from . import models

        registry.track(models.AuditProgramme, models.Audit, models.ChecklistItem, models.Finding)
