"""Each organisation's risk matrix: the size of its two scales, their labels and the level bands.

Organisations without a saved matrix use the default: 5 × 5, the labels and thresholds of
``data/scales.yaml`` (see :func:`hallbar.risks.queries.matrix_for`). Changed only through
:func:`hallbar.risks.services.save_matrix`, which also recomputes the stored levels of every risk.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hallbar.organisations.models import Organisation

from .. import calculations, defaults
from ..calculations import MAX_LEVELS, MIN_LEVELS

LABEL_MAX_LENGTH = 60
SIZE_CHOICES = [(size, str(size)) for size in range(MIN_LEVELS, MAX_LEVELS + 1)]


class Level(models.TextChoices):
    LOW = calculations.LOW, _("Low")
    MEDIUM = calculations.MEDIUM, _("Medium")
    HIGH = calculations.HIGH, _("High")
    VERY_HIGH = calculations.VERY_HIGH, _("Very high")


# Shown next to the level's text (never instead of it); hidden from screen readers.
LEVEL_SYMBOLS = {Level.LOW: "▁", Level.MEDIUM: "▃", Level.HIGH: "▅", Level.VERY_HIGH: "▇"}


def size_field(verbose_name):
    return models.PositiveSmallIntegerField(
        verbose_name,
        choices=SIZE_CHOICES,
        default=MAX_LEVELS,
        validators=[MinValueValidator(MIN_LEVELS), MaxValueValidator(MAX_LEVELS)],
    )


def threshold_field(verbose_name):
    return models.PositiveSmallIntegerField(verbose_name, null=True, blank=True)


class RiskMatrix(models.Model):
    organisation_lookup = "organisation"

    class BandMethod(models.TextChoices):
        THRESHOLDS = "thresholds", _("By score thresholds")
        CELLS = "cells", _("Cell by cell")

    organisation = models.OneToOneField(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="risk_matrix"
    )
    likelihood_levels = size_field(_("levels of likelihood"))
    consequence_levels = size_field(_("levels of consequence"))
    # One label per level, lowest first; an empty label is the default in the reader's language.
    likelihood_labels = models.JSONField(_("likelihood labels"), default=list, blank=True)
    consequence_labels = models.JSONField(_("consequence labels"), default=list, blank=True)
    band_method = models.CharField(
        _("level bands"), max_length=12, choices=BandMethod.choices, default=BandMethod.THRESHOLDS
    )
    # Empty: the default thresholds for the matrix's size (data/scales.yaml).
    medium_from = threshold_field(_("medium from score"))
    high_from = threshold_field(_("high from score"))
    very_high_from = threshold_field(_("very high from score"))
    cell_levels = models.JSONField(_("level of each cell"), default=list, blank=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["organisation", "pk"]
        verbose_name = _("risk matrix")
        verbose_name_plural = _("risk matrices")

    def __str__(self) -> str:
        return str(_("Risk matrix"))

    def get_absolute_url(self) -> str:
        return reverse("risks:matrix-settings")

    # Reading --------------------------------------------------------------------------------------

    @property
    def saved_thresholds(self) -> tuple:
        return (self.medium_from, self.high_from, self.very_high_from)

    @property
    def thresholds(self) -> calculations.Thresholds:
        """The organisation's thresholds, or the defaults for the matrix's size when none are set."""
        if None in self.saved_thresholds:
            return defaults.thresholds(self.likelihood_levels, self.consequence_levels)
        return self.saved_thresholds

    @property
    def max_score(self) -> int:
        return calculations.max_score(self.likelihood_levels, self.consequence_levels)

    def bands(self) -> calculations.Bands:
        cells = None
        if self.band_method == self.BandMethod.CELLS:
            cells = tuple(tuple(row) for row in self.cell_levels)
        return calculations.Bands(self.likelihood_levels, self.consequence_levels, self.thresholds, cells)

    def level(self, likelihood: int, consequence: int) -> str:
        return self.bands().level(likelihood, consequence)

    def size(self, scale: str) -> int:
        return getattr(self, f"{scale}_levels")

    def labels(self, scale: str) -> list[str]:
        """The label of each level of ``scale`` ("likelihood" or "consequence"), lowest first: the
        organisation's own words where given, otherwise the default in the active language."""
        own = list(getattr(self, f"{scale}_labels") or [])
        fallback = defaults.labels(scale, self.size(scale))
        return [(own[index] if index < len(own) else "") or fallback[index] for index in range(self.size(scale))]

    def choices(self, scale: str) -> list[tuple[int, str]]:
        """``[(1, "1 – Rare"), …]`` for a select."""
        return [(value, f"{value} – {label}") for value, label in enumerate(self.labels(scale), start=1)]

    # Checking -------------------------------------------------------------------------------------

    def clean(self) -> None:
        errors = {}
        for scale in defaults.SCALES:
            labels = getattr(self, f"{scale}_labels")
            if not isinstance(labels, list) or not all(isinstance(label, str) for label in labels):
                errors[f"{scale}_labels"] = _("Give the labels as a list of texts.")
            elif len(labels) > self.size(scale):
                errors[f"{scale}_labels"] = _("There are more labels than levels.")
            elif any(len(label) > LABEL_MAX_LENGTH for label in labels):
                errors[f"{scale}_labels"] = _("A label may be at most %(n)d characters long.") % {"n": LABEL_MAX_LENGTH}
        errors.update(self._threshold_errors())
        if self.band_method == self.BandMethod.CELLS:
            errors.update(self._cell_errors())
        if errors:
            raise ValidationError(errors)

    def _threshold_errors(self) -> dict:
        given = [value is not None for value in self.saved_thresholds]
        if any(given) and not all(given):
            return {"medium_from": _("Give all three thresholds, or none to use the defaults.")}
        if not all(given) or not (self.likelihood_levels and self.consequence_levels):
            return {}
        problems = calculations.threshold_problems(
            self.saved_thresholds, self.likelihood_levels, self.consequence_levels
        )
        messages = {
            "start": _("Medium must begin at a score above 1, so that there is a low band."),
            "order": _("Each threshold must be higher than the one before: medium < high < very high."),
            "maximum": _("No threshold may exceed the highest score of the matrix, %(max)d.") % {"max": self.max_score},
        }
        if not problems:
            return {}
        field = {"start": "medium_from", "order": "high_from", "maximum": "very_high_from"}[problems[0]]
        return {field: [messages[problem] for problem in problems]}

    def _cell_errors(self) -> dict:
        if not calculations.grid_fits(self.cell_levels, self.likelihood_levels, self.consequence_levels):
            return {"cell_levels": _("Choose a level for every cell of the matrix.")}
        decreasing = calculations.decreasing_cells(self.cell_levels)
        if decreasing:
            cells = ", ".join(f"{likelihood} × {consequence}" for likelihood, consequence in decreasing)
            return {
                "cell_levels": _(
                    "A more likely or more serious cell cannot have a lower level than the cell before it. "
                    "Check likelihood × consequence %(cells)s."
                )
                % {"cells": cells}
            }
        return {}
