from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hallbar.actions.forms import DATE_WIDGET, MULTIPLE_HELP, grouped, members_of
from hallbar.aspects.models import Aspect
from hallbar.context.models import InterestedParty
from hallbar.documents.forms import FileInput, file_help
from hallbar.documents.uploads import validate_upload
from hallbar.web.forms import Form, ModelForm, setup_unit_field, unit_label

from .models import Evaluation, Obligation
from .queries import NOT_EVALUATED
from .rules import Result, Status
from .services import default_next_date


def person_label(user) -> str:
    return f"{user.full_name or user.email} ({user.email})"


class WebAddressField(forms.URLField):
    """An address typed without a scheme is taken as https://."""

    def __init__(self, **kwargs):
        super().__init__(assume_scheme="https", **kwargs)


class ObligationForm(ModelForm):
    class Meta:
        model = Obligation
        fields = [
            "title",
            "kind",
            "reference",
            "url",
            "summary",
            "interested_party",
            "applies_to_units",
            "aspects",
            "responsible_unit",
            "responsible_person",
            "evaluation_interval_months",
            "next_evaluation_date",
            "status",
        ]
        widgets = {"next_evaluation_date": DATE_WIDGET, "summary": forms.Textarea(attrs={"rows": 5})}
        field_classes = {"url": WebAddressField}

    def __init__(self, *args, organisation, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        fields = self.fields
        setup_unit_field(self.fields["responsible_unit"], units)
        fields["responsible_person"].queryset = members_of(organisation)
        fields["responsible_person"].empty_label = _("– nobody yet –")
        fields["responsible_person"].label_from_instance = person_label
        fields["interested_party"].queryset = InterestedParty.objects.filter(organisation=organisation).order_by("name")
        fields["interested_party"].empty_label = _("– none –")
        applies = fields["applies_to_units"]
        applies.queryset = organisation.units.filter(is_active=True).order_by("path")
        applies.label_from_instance = unit_label
        applies.widget.attrs["size"] = 8
        applies.help_text = f"{applies.help_text} {MULTIPLE_HELP}"
        aspects = Aspect.objects.filter(activity__organisation=organisation).select_related("activity")
        fields["aspects"].queryset = aspects
        fields["aspects"].widget.choices = grouped(aspects, lambda aspect: aspect.activity)
        fields["aspects"].widget.attrs["size"] = 8
        fields["aspects"].help_text = f"{fields['aspects'].help_text} {MULTIPLE_HELP}"
        fields["evaluation_interval_months"].widget.attrs.update(min=1, max=60)


class EvaluationForm(ModelForm):
    evidence = forms.FileField(label=_("Evidence file"), required=False, widget=FileInput)

    class Meta:
        model = Evaluation
        fields = ["date", "evaluator", "result", "findings", "next_evaluation_date"]
        widgets = {
            "date": DATE_WIDGET,
            "next_evaluation_date": DATE_WIDGET,
            "findings": forms.Textarea(attrs={"rows": 5}),
            "result": forms.RadioSelect,
        }

    def __init__(self, *args, obligation, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.obligation = obligation
        fields = self.fields
        fields["evaluator"].queryset = members_of(obligation.organisation)
        fields["evaluator"].label_from_instance = person_label
        fields["evaluator"].initial = user.pk
        fields["date"].initial = timezone.localdate()
        fields["evidence"].help_text = "{} {}".format(
            _("A document that shows the result, e.g. an inspection report; more can be added afterwards."), file_help()
        )
        fields["next_evaluation_date"].required = False  # the interval decides when empty
        fields["next_evaluation_date"].help_text = _(
            "When empty: the evaluation date plus %(months)s months (the obligation’s interval)."
        ) % {"months": obligation.evaluation_interval_months}

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("The date of an evaluation cannot be in the future."))
        return value

    def clean_evidence(self):
        uploaded = self.cleaned_data.get("evidence")
        if uploaded:
            validate_upload(uploaded)
        return uploaded

    def clean(self):
        data = super().clean()
        if data.get("date") and not data.get("next_evaluation_date"):
            data["next_evaluation_date"] = default_next_date(self.instance.obligation, data["date"])
        return data


class ObligationFilterForm(Form):
    """The filters above the register (GET; every field optional, bad values are ignored)."""

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    unit = forms.ChoiceField(label=_("Unit"), required=False)
    last_result = forms.ChoiceField(label=_("Last result"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    overdue = forms.BooleanField(label=_("Only overdue evaluations"), required=False)

    def __init__(self, *args, units, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)
        self.units = {str(unit.pk): unit for unit in units}
        self.fields["kind"].choices = [("", _("All kinds")), *Obligation.Kind.choices]
        self.fields["unit"].choices = [("", _("All units")), *[(pk, unit_label(u)) for pk, u in self.units.items()]]
        self.fields["last_result"].choices = [
            ("", _("All results")),
            *Result.choices,
            (NOT_EVALUATED, _("Not evaluated yet")),
        ]
        self.fields["status"].choices = [("", _("All statuses")), *Status.choices]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "kind": data.get("kind") or None,
            "unit": self.units.get(data.get("unit")),
            "last_result": data.get("last_result") or None,
            "status": data.get("status") or None,
            "overdue": data.get("overdue", False),
        }
