from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _load_candidate_list(sender, verbosity=1, **kwargs):
    from .loader import load_bundled

    result = load_bundled()
    if verbosity >= 1 and result.created:
        print(f"Loaded the EU Candidate List {result.substance_list.version}.")


class ChemicalsConfig(AppConfig):
    name = "hallbar.chemicals"
    verbose_name = _("Toxic-free screening")

    def ready(self) -> None:
        from hallbar.history import registry

        from . import models

        registry.track(models.PhaseOutSubstance, models.Screening)
        post_migrate.connect(_load_candidate_list, sender=self, dispatch_uid="hallbar-load-candidate-list")
