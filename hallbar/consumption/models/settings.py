"""How an organisation converts its SEK spend into the currency and price year of the spend factors."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hallbar.organisations.models import Organisation

# Defaults, shown and editable on the settings page (sources in docs/methods/spend-based-footprint.md).
DEFAULT_SEK_PER_USD = Decimal("10.12")
DEFAULT_RATE_SOURCE = "Sveriges riksbank, annual average exchange rate USD/SEK 2022 (rounded)"
# Swedish CPI (KPI), annual averages rebased to 2022 = 100 from SCB's published annual changes
# (2020 +0.5 %, 2021 +2.2 %, 2022 +8.4 %, 2023 +8.5 %, 2024 +2.8 %). 2025 is PROVISIONAL: the mean of
# SCB's twelve-month changes January–August 2025 (+0.73 %), the latest available to the project;
# replace it with SCB's annual average when it is published.
DEFAULT_PRICE_INDEX = {
    "2019": 89.82,
    "2020": 90.27,
    "2021": 92.25,
    "2022": 100.0,
    "2023": 108.5,
    "2024": 111.54,
    "2025": 112.35,
}
DEFAULT_INDEX_SOURCE = "SCB, KPI annual average change, rebased to 2022 = 100 (2025 provisional, January–August)"


class ConsumptionSettings(models.Model):
    organisation_lookup = "organisation"

    organisation = models.OneToOneField(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="consumption_settings"
    )
    sek_per_usd = models.DecimalField(
        _("SEK per USD"),
        max_digits=8,
        decimal_places=4,
        default=DEFAULT_SEK_PER_USD,
        validators=[MinValueValidator(Decimal("0.0001"), _("An exchange rate is more than zero."))],
        help_text=_("The exchange rate in the price year of the spend factors."),
    )
    rate_source = models.CharField(_("source of the exchange rate"), max_length=200, default=DEFAULT_RATE_SOURCE)
    price_index = models.JSONField(
        _("price index"),
        default=dict,
        help_text=_("Swedish price level per year, price year of the factors = 100."),
    )
    index_source = models.CharField(_("source of the price index"), max_length=200, default=DEFAULT_INDEX_SOURCE)
    unit_prices = models.JSONField(
        _("own average prices"),
        default=dict,
        blank=True,
        help_text=_("Activity factor code → year → SEK excluding VAT per unit; replaces the shipped price."),
    )

    class Meta:
        verbose_name = _("consumption footprint settings")
        verbose_name_plural = _("consumption footprint settings")

    def __str__(self) -> str:
        return str(_("Conversion settings"))

    def get_absolute_url(self) -> str:
        return reverse("consumption:settings")
