from django import forms
from django.utils.translation import gettext_lazy as _

from hallbar.actions.forms import DATE_WIDGET, members_of
from hallbar.actions.models import Action
from hallbar.web.forms import Form, ModelForm, setup_unit_field, unit_label

from .models import MANUAL_ORIGINS, MAX_WHYS, Nonconformity, Origin, Severity, Stage

TEXTAREA = forms.Textarea(attrs={"rows": 3})


def _person_label(user) -> str:
    return f"{user.full_name or user.email} ({user.email})"


class NonconformityForm(ModelForm):
    """Registering (origin: complaint, incident or other) and editing a nonconformity's details."""

    class Meta:
        model = Nonconformity
        fields = [
            "title",
            "origin",
            "description",
            "severity",
            "detected_on",
            "responsible_unit",
            "owner",
            "immediate_correction",
            "no_immediate_correction",
            "effectiveness_due",
        ]
        widgets = {
            "detected_on": DATE_WIDGET,
            "effectiveness_due": DATE_WIDGET,
            "description": forms.Textarea(attrs={"rows": 4}),
            "immediate_correction": TEXTAREA,
        }

    def __init__(self, *args, organisation, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        origin = self.fields["origin"]
        if self.instance.pk is None or self.instance.origin in MANUAL_ORIGINS:
            origin.choices = [(value, label) for value, label in Origin.choices if value in MANUAL_ORIGINS]
        else:  # raised from an audit, an evaluation …: where it came from stays
            del self.fields["origin"]
        owner = self.fields["owner"]
        owner.queryset = members_of(organisation)
        owner.empty_label = _("– nobody yet –")
        owner.label_from_instance = _person_label
        setup_unit_field(self.fields["responsible_unit"], units)


class AnalysisForm(ModelForm):
    """The root-cause analysis: method, up to five whys in order, notes and the conclusion."""

    class Meta:
        model = Nonconformity
        fields = ["analysis_method", "analysis_notes", "root_cause"]
        widgets = {"analysis_notes": forms.Textarea(attrs={"rows": 4}), "root_cause": TEXTAREA}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["analysis_method"].choices = [("", _("– not chosen –")), *Nonconformity.AnalysisMethod.choices]
        answers = {why.position: why.answer for why in self.instance.whys.all()} if self.instance.pk else {}
        fields = dict(self.fields)
        self.fields.clear()
        self.fields["analysis_method"] = fields.pop("analysis_method")
        for position in range(1, MAX_WHYS + 1):
            self.fields[f"why_{position}"] = forms.CharField(
                label=_("Why? (%(number)d)") % {"number": position},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=answers.get(position, ""),
                help_text=_("For the five whys: each answer asks “why?” of the one before.") if position == 1 else "",
            )
        self.fields.update(fields)
        self._describe()

    def answers(self) -> list[str]:
        return [self.cleaned_data.get(f"why_{position}", "") for position in range(1, MAX_WHYS + 1)]


class TransitionForm(Form):
    comment = forms.CharField(label=_("Comment"), required=False, widget=TEXTAREA)

    def __init__(self, *args, transition, **kwargs):
        kwargs["prefix"] = kwargs.get("prefix") or transition.name  # one form per move on the same page
        super().__init__(*args, **kwargs)
        field = self.fields["comment"]
        field.label = transition.comment_label
        field.required = transition.comment_required
        self._describe()


class CorrectiveActionForm(ModelForm):
    """A corrective action: an action with the nonconformity as its reason."""

    class Meta:
        model = Action
        fields = ["title", "description", "responsible_unit", "contact_person", "start_date", "end_date"]
        widgets = {"start_date": DATE_WIDGET, "end_date": DATE_WIDGET, "description": TEXTAREA}

    def __init__(self, *args, nonconformity, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = nonconformity.organisation
        self.fields["responsible_unit"].initial = nonconformity.responsible_unit_id
        person = self.fields["contact_person"]
        person.queryset = members_of(nonconformity.organisation)
        person.empty_label = _("– nobody yet –")
        person.label_from_instance = _person_label
        setup_unit_field(self.fields["responsible_unit"], units)


class NonconformityFilterForm(Form):
    """The filters above the list (GET; every field optional, bad values are ignored)."""

    stage = forms.ChoiceField(label=_("Stage"), required=False)
    origin = forms.ChoiceField(label=_("Origin"), required=False)
    severity = forms.ChoiceField(label=_("Severity"), required=False)
    unit = forms.ChoiceField(label=_("Unit"), required=False)
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)

    def __init__(self, *args, units, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)
        self.units = {str(unit.pk): unit for unit in units}
        self.fields["stage"].choices = [("", _("All stages")), *Stage.choices]
        self.fields["origin"].choices = [("", _("All origins")), *Origin.choices]
        self.fields["severity"].choices = [("", _("All severities")), *Severity.choices]
        self.fields["unit"].choices = [("", _("All units")), *[(key, unit_label(u)) for key, u in self.units.items()]]
        self.fields["overdue"].help_text = _(
            "The effectiveness check date has passed, or a corrective action is overdue."
        )
        self._describe()

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "stage": data.get("stage") or None,
            "origin": data.get("origin") or None,
            "severity": data.get("severity") or None,
            "unit": self.units.get(data.get("unit")),
            "overdue": data.get("overdue", False),
        }
