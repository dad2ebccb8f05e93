from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "hallbar.accounts"
    verbose_name = _("People and roles")

    def ready(self) -> None:
        from hallbar.history import registry

        from . import models

        registry.track(models.Membership, models.Invitation)
