from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "hallbar.plans"
    verbose_name = _("Plans and goals")

    def ready(self) -> None:
        from hallbar.frameworks.views import register_item_section
        from hallbar.history import registry

        from . import models
        from .views import local_goals_section

        registry.track(models.Plan, models.FocusArea, models.Goal, models.Target)
        register_item_section(local_goals_section)
