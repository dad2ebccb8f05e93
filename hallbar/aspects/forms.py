from django import forms
from django.utils.translation import gettext_lazy as _

from hallbar.actions.forms import DATE_WIDGET, MULTIPLE_HELP, grouped, members_of
from hallbar.documents.models import ControlledDocument
from hallbar.plans.models import Goal, Target
from hallbar.web.forms import Form, ModelForm, setup_unit_field, unit_label

from .calculations import SCALE
from .models import Activity, Aspect, AspectReview, AspectSettings, SignificanceCriterion

# Shown next to each score (never instead of the number).
SCALE_LABELS = {1: _("very low"), 2: _("low"), 3: _("moderate"), 4: _("high"), 5: _("very high")}


class ActivityForm(ModelForm):
    class Meta:
        model = Activity
        fields = ["name", "kind", "unit", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, organisation, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        setup_unit_field(self.fields["unit"], units)


class AspectForm(ModelForm):
    """The aspect, its kind of influence and how it is handled, in three groups (``fieldsets``)."""

    fieldsets = [
        (_("The aspect and its impact"), ["name", "impact", "dimension", "effect", "life_cycle_stage", "condition"]),
        (_("Direct or indirect"), ["influence", "channel", "occurs_abroad"]),
        (
            _("How the aspect is handled"),
            [
                "goals",
                "targets",
                "operational_control",
                "controlled_document",
                "decision",
                "decision_date",
                "decided_by",
            ],
        ),
    ]

    class Meta:
        model = Aspect
        fields = [
            "name",
            "impact",
            "dimension",
            "effect",
            "life_cycle_stage",
            "condition",
            "influence",
            "channel",
            "occurs_abroad",
            "goals",
            "targets",
            "operational_control",
            "controlled_document",
            "decision",
            "decision_date",
            "decided_by",
        ]
        widgets = {
            "decision_date": DATE_WIDGET,
            "operational_control": forms.Textarea(attrs={"rows": 3}),
            "decision": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.activity = activity
        organisation = activity.organisation
        self.fields["channel"].choices = [("", _("– none (direct aspect) –")), *Aspect.Channel.choices]
        self.fields["controlled_document"].queryset = ControlledDocument.objects.filter(organisation=organisation)
        self.fields["controlled_document"].empty_label = _("– no document –")
        goals = Goal.objects.filter(plan__organisation=organisation).select_related("plan").order_by("plan", "order")
        targets = (
            Target.objects.filter(goal__plan__organisation=organisation)
            .select_related("goal__plan")
            .order_by("goal__plan", "goal__order", "goal", "order")
        )
        choices = {
            "goals": (goals, grouped(goals, lambda goal: goal.plan)),
            "targets": (targets, grouped(targets, lambda target: target.goal.plan, lambda t: f"{t.goal} › {t}")),
        }
        for name, (queryset, grouped_choices) in choices.items():
            field = self.fields[name]
            field.queryset = queryset
            field.widget.choices = grouped_choices
            field.widget.attrs["size"] = 6
            field.help_text = MULTIPLE_HELP

    def grouped_fields(self):
        """(legend, bound fields) for each group, for the template."""
        return [(legend, [self[name] for name in names]) for legend, names in self.fieldsets]


class ScoreForm(Form):
    """One required choice from 1 to 5 per active criterion, and the rationale of the scoring."""

    rationale = forms.CharField(
        label=_("Rationale"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why the aspect gets these scores: facts, measurements, requirements, what people have said."),
        error_messages={"required": _("Write why the aspect got these scores: every scoring needs a rationale.")},
    )

    def __init__(self, *args, criteria, current: dict[int, int], rationale: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        choices = [(value, f"{value} – {SCALE_LABELS[value]}") for value in SCALE]
        for criterion in self.criteria:
            self.fields[self.field_name(criterion)] = forms.TypedChoiceField(
                label=criterion.name,
                help_text=criterion.description,
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                initial=current.get(criterion.pk),
                error_messages={"required": _("Choose a score for this criterion.")},
            )
        self.fields["rationale"].initial = rationale
        self.order_fields([*(self.field_name(criterion) for criterion in self.criteria), "rationale"])
        self._describe()

    @staticmethod
    def field_name(criterion) -> str:
        return f"criterion_{criterion.pk}"

    def criterion_fields(self):
        return [self[self.field_name(criterion)] for criterion in self.criteria]

    def scores(self) -> dict[int, int]:
        return {criterion.pk: self.cleaned_data[self.field_name(criterion)] for criterion in self.criteria}


class AspectSettingsForm(ModelForm):
    class Meta:
        model = AspectSettings
        fields = ["method", "threshold", "review_interval_months"]


class CriterionForm(ModelForm):
    class Meta:
        model = SignificanceCriterion
        fields = ["name_sv", "name_en", "description_sv", "description_en", "order", "active"]
        widgets = {
            "description_sv": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation


class ReviewForm(ModelForm):
    class Meta:
        model = AspectReview
        fields = ["unit", "date", "reviewed_by", "notes"]
        widgets = {"date": DATE_WIDGET, "notes": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, organisation, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        setup_unit_field(self.fields["unit"], units)
        self.fields["reviewed_by"].queryset = members_of(organisation)
        self.fields["reviewed_by"].label_from_instance = lambda user: user.full_name or user.email


# Filters --------------------------------------------------------------------------------------------------


class UnitFilterForm(Form):
    """A GET filter form with a unit (that unit and the units below it); bad values are ignored."""

    unit = forms.ChoiceField(label=_("Unit"), required=False)

    def __init__(self, *args, units, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)
        self.units = {str(unit.pk): unit for unit in units}
        self.fields["unit"].choices = [("", _("All units")), *[(pk, unit_label(u)) for pk, u in self.units.items()]]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = dict(self.cleaned_data)
        data["unit"] = self.units.get(data.get("unit") or "")
        return data


def _all(label, choices):
    return [("", label), *choices]


class AspectFilterForm(UnitFilterForm):
    SIGNIFICANCE = [
        ("significant", _("Significant")),
        ("unhandled", _("Significant, not handled")),
        ("not_significant", _("Not significant")),
    ]

    influence = forms.ChoiceField(
        label=_("Direct or indirect"), required=False, choices=_all(_("Both"), Aspect.Influence.choices)
    )
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=_all(_("All channels"), Aspect.Channel.choices)
    )
    significance = forms.ChoiceField(label=_("Significance"), required=False, choices=_all(_("All"), SIGNIFICANCE))
    condition = forms.ChoiceField(
        label=_("Condition"), required=False, choices=_all(_("All conditions"), Aspect.Condition.choices)
    )
    dimension = forms.ChoiceField(
        label=_("Dimension"), required=False, choices=_all(_("All dimensions"), Aspect.Dimension.choices)
    )
    abroad = forms.BooleanField(label=_("Only impacts that also occur abroad"), required=False)


class ActivityFilterForm(UnitFilterForm):
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=_all(_("All kinds"), Activity.Kind.choices))
