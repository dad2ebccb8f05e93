from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _load_libraries(sender, using="default", verbosity=1, **kwargs):
    from .loader import load_all

    report = load_all(using=using)
    if verbosity >= 1 and report.changed:
        print(report.summary())


class FrameworksConfig(AppConfig):
    name = "hallbar.frameworks"
    verbose_name = _("Framework libraries")

    def ready(self) -> None:
        post_migrate.connect(_load_libraries, sender=self, dispatch_uid="hallbar-load-libraries")
