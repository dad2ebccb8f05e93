from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _load_themes(sender, using="default", **kwargs):
    from .reference import load_themes

    load_themes(using=using)


class ExamplesConfig(AppConfig):
    name = "hallbar.examples"
    verbose_name = _("Good examples")

    def ready(self) -> None:
        from hallbar.actions.panels import register_panel
        from hallbar.history import registry

        from . import models, panels

        registry.track(models.Example, models.ExampleAttachment, models.ExampleOrigin)
        register_panel(panels.origin_panel)
        post_migrate.connect(_load_themes, sender=self, dispatch_uid="hallbar-load-example-themes")
