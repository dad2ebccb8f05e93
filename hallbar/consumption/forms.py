import math

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hallbar.web.forms import Form, ModelForm, https_formfield, setup_unit_field

from . import conversion
from .models import AccountMapping, ConsumptionSettings, EmissionFactor, FactorSet, OwnFactor

LEDGER_TYPES = (".csv", ".txt", ".xlsx", ".xlsm", ".parquet")


class FootprintFilterForm(Form):
    """The filters above the results (GET; every field optional, bad values are ignored)."""

    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None, required=False)

    def __init__(self, *args, years, units, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *[(year, year) for year in years]]
        setup_unit_field(self.fields["unit"], units, empty_label=_("All units"))

    def filters(self) -> dict:
        return {"year": self.cleaned_data["year"], "unit": self.cleaned_data["unit"]} if self.is_valid() else {}


class MappingFilterForm(Form):
    search = forms.CharField(label=_("Account or name"), required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)

    def filters(self) -> dict:
        return {"search": self.cleaned_data["search"].strip() if self.is_valid() else ""}


class LedgerUploadForm(Form):
    file = forms.FileField(
        label=_("Ledger file"),
        help_text=_(
            "CSV, XLSX or Parquet with the columns date, unit, account, supplier organisation number, supplier "
            "name and amount excl. VAT in SEK; optionally category (or CPV), quantity and quantity unit."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(LEDGER_TYPES):
            raise ValidationError(_("Upload a CSV, XLSX or Parquet file."))
        return upload


class AccountMappingForm(ModelForm):
    class Meta:
        model = AccountMapping
        fields = ["kind", "prefix", "name", "spend_factor", "activity_factor"]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["spend_factor"].queryset = EmissionFactor.objects.filter(
            factor_set__kind=FactorSet.Kind.SPEND
        ).order_by("code")
        self.fields["activity_factor"].queryset = EmissionFactor.objects.filter(
            factor_set__kind=FactorSet.Kind.ACTIVITY
        ).order_by("code")
        self.fields["activity_factor"].empty_label = _("– spend only –")


class ConsumptionSettingsForm(ModelForm):
    price_index_text = forms.CharField(
        label=_("Price index per year"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("One year per line: year = index, with the factors' price year = 100. For example 2023 = 108.5"),
    )
    unit_prices_text = forms.CharField(
        label=_("Own average prices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Used for fuel and electricity lines that have only an amount: SEK excluding VAT per unit of the "
            "activity factor, one per line as factor code year = price. For example diesel-litres 2024 = 15.2 "
            "or electricity-residual-kwh 2024 = 1.35. Replaces the shipped assumption for that year."
        ),
    )

    class Meta:
        model = ConsumptionSettings
        fields = ["sek_per_usd", "rate_source", "index_source"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        index = self.instance.price_index or {}
        self.fields["price_index_text"].initial = "\n".join(f"{year} = {index[year]}" for year in sorted(index))
        prices = self.instance.unit_prices or {}
        self.fields["unit_prices_text"].initial = "\n".join(
            f"{code} {year} = {prices[code][year]}" for code in sorted(prices) for year in sorted(prices[code])
        )

    def clean_price_index_text(self) -> dict:
        index = {}
        for line in self.cleaned_data["price_index_text"].splitlines():
            if not line.strip():
                continue
            year, _sep, value = line.partition("=")
            try:
                year_number, number = int(year.strip()), _number(value)
            except ValueError:
                raise ValidationError(_("Write each line as year = index, for example 2023 = 108.5.")) from None
            if number <= 0:
                raise ValidationError(_("An index is greater than zero."))
            index[str(year_number)] = number
        if not index:
            raise ValidationError(_("Give the index of at least one year."))
        missing = conversion.years_without_index(self.instance.organisation, index)
        if missing:
            raise ValidationError(conversion.missing_index_message(missing))
        return index

    def clean_unit_prices_text(self) -> dict:
        codes = set(
            EmissionFactor.objects.filter(factor_set__kind=FactorSet.Kind.ACTIVITY).values_list("code", flat=True)
        )
        prices: dict[str, dict[str, float]] = {}
        for line in self.cleaned_data["unit_prices_text"].splitlines():
            if not line.strip():
                continue
            key, _sep, value = line.partition("=")
            try:
                code, year = key.split()
                year_number, price = int(year), _number(value)
            except ValueError:
                raise ValidationError(
                    _("Write each line as factor code year = price, for example diesel-litres 2024 = 15.2.")
                ) from None
            if price <= 0:
                raise ValidationError(_("A price is greater than zero."))
            if code not in codes:
                raise ValidationError(_("%(code)s is not the code of an activity factor.") % {"code": code})
            prices.setdefault(code, {})[str(year_number)] = price
        return prices

    def save(self, commit=True):
        self.instance.price_index = self.cleaned_data["price_index_text"]
        self.instance.unit_prices = self.cleaned_data["unit_prices_text"]
        return super().save(commit)


def _number(text: str) -> float:
    """A decimal number written with a comma or a point; "nan" and "inf" are not numbers here."""
    number = float(text.strip().replace(",", "."))
    if not math.isfinite(number):
        raise ValueError(text)
    return number


class OwnFactorForm(ModelForm):
    class Meta:
        model = OwnFactor
        fields = ["replaces", "name", "kg_co2e_per_unit", "source", "url", "year"]
        formfield_callback = https_formfield

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        replaces = self.fields["replaces"]
        replaces.queryset = EmissionFactor.objects.filter(factor_set__kind=FactorSet.Kind.ACTIVITY).select_related(
            "factor_set"
        )
        replaces.label_from_instance = lambda factor: (
            f"{factor.name}: {factor.kg_co2e_per_unit} kg CO2e / {factor.unit} ({factor.factor_set.name})"
        )
