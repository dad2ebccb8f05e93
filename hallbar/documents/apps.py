from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "hallbar.documents"
    verbose_name = _("Documented information")

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from hallbar.frameworks.views import register_item_section
        from hallbar.history import registry

        from . import models, services
        from .views.readiness import clause_section

        registry.track(models.Evidence, models.ControlledDocument, models.DocumentVersion)
        register_item_section(clause_section)
        for model in (models.Evidence, models.DocumentVersion):
            post_delete.connect(
                services.file_record_deleted, sender=model, dispatch_uid=f"documents-{model.__name__}-file"
            )
