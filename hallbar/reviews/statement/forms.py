from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hallbar.indicators.models import Indicator
from hallbar.web.forms import Form, ModelForm

from ..models import EnvironmentalStatement
from ..models.statement import AREA_A, Area

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StatementForm(ModelForm):
    class Meta:
        model = EnvironmentalStatement
        fields = ["year", "statement_date", "description"]
        widgets = {"statement_date": DATE_WIDGET, "description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["year"].widget.attrs.update(min=2000, max=timezone.localdate().year)


class ValidationForm(Form):
    """What the environmental verifier fills in: all three are needed. Whether the validation may be
    recorded (dates, the statement's state) is decided by ``services.validate``."""

    FIELDS = ["verifier_name", "accreditation_number", "validated_on"]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "validation-%s")
        super().__init__(*args, **kwargs)
        self.fields.update(
            forms.fields_for_model(EnvironmentalStatement, fields=self.FIELDS, widgets={"validated_on": DATE_WIDGET})
        )
        for field in self.fields.values():
            field.required = True
        self._describe()


class CoreIndicatorSourcesForm(Form):
    """For each core indicator area: the indicator that supplies A, the one that supplies B, and a note."""

    def __init__(self, *args, indicators, sources, **kwargs):
        super().__init__(*args, **kwargs)
        in_use = {pk for source in sources.values() for pk in (source.a_indicator_id, source.b_indicator_id) if pk}
        choices = Indicator.objects.filter(Q(pk__in=indicators.values("pk")) | Q(pk__in=in_use)).order_by("title", "pk")
        self.areas = []
        for area in Area:
            source = sources.get(area.value)
            names = {part: f"{area.value}-{part}" for part in ("a_indicator", "b_indicator", "note")}
            self.fields[names["a_indicator"]] = forms.ModelChoiceField(
                queryset=choices,
                required=False,
                label=_("A: the indicator with the annual total"),
                help_text=AREA_A[area],
                empty_label=_("– not reported –"),
                initial=source.a_indicator_id if source else None,
            )
            self.fields[names["b_indicator"]] = forms.ModelChoiceField(
                queryset=choices,
                required=False,
                label=_("B: the indicator with the reference figure"),
                help_text=_("The annual reference figure from the organisation's data, e.g. the number of employees."),
                empty_label=_("– not reported –"),
                initial=source.b_indicator_id if source else None,
            )
            self.fields[names["note"]] = forms.CharField(
                required=False,
                label=_("Note"),
                help_text=_(
                    "Shown with the core indicator: how the figures are obtained, or why the area is not relevant "
                    "to the organisation's significant direct aspects."
                ),
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=source.note if source else "",
            )
            for part in ("a_indicator", "b_indicator"):
                self.fields[names[part]].label_from_instance = _indicator_label
            self.areas.append({"area": area, "names": names})
        self._describe()

    def fieldsets(self) -> list[dict]:
        return [
            {"legend": area["area"].label, "fields": [self[name] for name in area["names"].values()]}
            for area in self.areas
        ]

    def choices(self) -> dict[str, dict]:
        """``{area: {"a_indicator", "b_indicator", "note"}}`` for the service."""
        data = self.cleaned_data
        return {
            area["area"].value: {part: data.get(name) for part, name in area["names"].items()} for area in self.areas
        }


def _indicator_label(indicator) -> str:
    return f"{indicator.title} ({indicator.unit})"


class StatementFilterForm(Form):
    """The filters above the list (GET; every field optional, a bad value is ignored)."""

    VALIDATED, DRAFT = "validated", "draft"

    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), (DRAFT, _("Not yet validated")), (VALIDATED, _("Validated"))],
    )

    def __init__(self, *args, years, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *[(year, year) for year in years]]

    def filters(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        status = data.get("status")
        return {"year": data.get("year"), "validated": {self.VALIDATED: True, self.DRAFT: False}.get(status)}
