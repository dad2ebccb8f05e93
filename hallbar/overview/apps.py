from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OverviewConfig(AppConfig):
    name = "hallbar.overview"
    verbose_name = _("State of sustainability")
