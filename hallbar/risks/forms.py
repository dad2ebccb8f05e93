from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from hallbar.actions.forms import DATE_WIDGET, MULTIPLE_HELP, members_of
from hallbar.organisations.models import OrganisationUnit
from hallbar.web.forms import Form, ModelForm, setup_unit_field

from . import calculations, defaults
from .models import Level, Risk, RiskMatrix
from .models.matrix import LABEL_MAX_LENGTH
from .queries import ASSESSMENTS, INHERENT, NOT_CLOSED, RESIDUAL, RiskFilters
from .services import LINKS

SCALE_FIELDS = {
    "inherent_likelihood": "likelihood",
    "inherent_consequence": "consequence",
    "residual_likelihood": "likelihood",
    "residual_consequence": "consequence",
}


class RiskForm(ModelForm):
    """Create or edit a risk or opportunity; likelihood and consequence are chosen on the
    organisation's scales, in its words."""

    class Meta:
        model = Risk
        fields = [
            "kind",
            "title",
            "category",
            "description",
            "cause",
            "effect",
            "responsible_unit",
            "owner",
            "inherent_likelihood",
            "inherent_consequence",
            "treatment_strategy",
            "residual_likelihood",
            "residual_consequence",
            "review_date",
            *LINKS,
        ]
        widgets = {
            "review_date": DATE_WIDGET,
            "description": forms.Textarea(attrs={"rows": 3}),
            "cause": forms.Textarea(attrs={"rows": 3}),
            "effect": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, organisation, units, matrix, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        fields = self.fields
        setup_unit_field(self.fields["responsible_unit"], units)
        fields["owner"].queryset = members_of(organisation)
        fields["owner"].empty_label = _("– nobody yet –")
        fields["owner"].label_from_instance = lambda user: f"{user.full_name or user.email} ({user.email})"
        fields["treatment_strategy"].choices = [("", _("– not chosen yet –")), *Risk.Strategy.choices]
        fields["treatment_strategy"].help_text = _(
            "A risk is avoided, reduced, transferred or accepted; an opportunity is pursued, enhanced or accepted."
        )
        for name, scale in SCALE_FIELDS.items():
            optional = name.startswith("residual")
            empty = _("– not assessed –") if optional else _("– choose –")
            field = fields[name]
            fields[name] = forms.TypedChoiceField(
                label=field.label,
                help_text=field.help_text,
                required=not optional,
                coerce=int,
                empty_value=None,
                choices=[("", empty), *matrix.choices(scale)],
            )
        for name in LINKS:
            fields[name].queryset = fields[name].queryset.model.objects.filter(
                **{fields[name].queryset.model.organisation_lookup: organisation}
            )
            fields[name].widget.attrs["size"] = 6
            fields[name].help_text = MULTIPLE_HELP
        self._describe()  # the scale fields were replaced: tie their help texts again


class RiskFilterForm(Form):
    """The filters above the register and the heat map (GET; every field optional, bad values ignored)."""

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    unit = forms.ModelChoiceField(label=_("Responsible unit"), required=False, queryset=OrganisationUnit.objects.none())
    assessment = forms.ChoiceField(
        label=_("Assessment"),
        required=False,
        choices=[(INHERENT, _("Before treatment")), (RESIDUAL, _("After treatment"))],
    )
    level = forms.ChoiceField(label=_("Level"), required=False)
    likelihood = forms.TypedChoiceField(label=_("Likelihood"), required=False, coerce=int, empty_value=None)
    consequence = forms.TypedChoiceField(label=_("Consequence"), required=False, coerce=int, empty_value=None)
    review_overdue = forms.BooleanField(label=_("Only those due for review"), required=False)

    def __init__(self, *args, organisation, matrix, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["kind"].choices = [("", _("Risks and opportunities")), *Risk.Kind.choices]
        fields["status"].choices = [("", _("All statuses")), (NOT_CLOSED, _("Open or treated")), *Risk.Status.choices]
        fields["category"].choices = [("", _("All categories")), *Risk.Category.choices]
        units = OrganisationUnit.objects.filter(organisation=organisation).order_by("path")
        setup_unit_field(fields["unit"], units, empty_label=_("All units"))
        fields["level"].choices = [("", _("All levels")), *Level.choices]
        fields["likelihood"].choices = [("", _("All")), *matrix.choices("likelihood")]
        fields["consequence"].choices = [("", _("All")), *matrix.choices("consequence")]

    HEAT_MAP_FIELDS = ("kind", "status", "category", "unit", "review_overdue")

    def heat_map_fields(self) -> list:
        """The filters that make sense on the heat map (it shows every cell of both assessments)."""
        return [self[name] for name in self.HEAT_MAP_FIELDS]

    def filters(self) -> RiskFilters:
        if not self.is_valid():
            return RiskFilters()
        data = self.cleaned_data
        return RiskFilters(
            kind=data["kind"] or None,
            status=data["status"] or None,
            category=data["category"] or None,
            unit=data["unit"],
            level=data["level"] or None,
            assessment=data["assessment"] if data["assessment"] in ASSESSMENTS else INHERENT,
            likelihood=data["likelihood"],
            consequence=data["consequence"],
            review_overdue=data["review_overdue"],
        )


class RiskMatrixForm(ModelForm):
    """The matrix settings: sizes, a label per level, and the level bands (thresholds, or a level for
    every cell). Label and cell inputs follow the sizes submitted, so a changed size shows its levels
    and cells after saving; empty labels are the defaults, empty cells follow the thresholds."""

    class Meta:
        model = RiskMatrix
        fields = [
            "likelihood_levels",
            "consequence_levels",
            "medium_from",
            "high_from",
            "very_high_from",
            "band_method",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sizes = {scale: self._size(scale) for scale in defaults.SCALES}
        for name in ("medium_from", "high_from", "very_high_from"):
            self.fields[name].widget.attrs["min"] = 2
        default_thresholds = defaults.thresholds(self.sizes["likelihood"], self.sizes["consequence"])
        self.fields["medium_from"].help_text = _(
            "Leave all three empty to use the defaults for this size: %(thresholds)s."
        ) % {"thresholds": ", ".join(str(value) for value in default_thresholds)}
        for scale in defaults.SCALES:
            self._add_label_fields(scale)
        self._add_cell_fields(default_thresholds)
        self._describe()

    def _add_label_fields(self, scale: str) -> None:
        own = list(getattr(self.instance, f"{scale}_labels") or [])
        fallback = defaults.labels(scale, self.sizes[scale])
        label = _("Likelihood, level %(n)d") if scale == "likelihood" else _("Consequence, level %(n)d")
        for level in range(1, self.sizes[scale] + 1):
            self.fields[f"{scale}_label_{level}"] = forms.CharField(
                label=label % {"n": level},
                required=False,
                max_length=LABEL_MAX_LENGTH,
                initial=own[level - 1] if level - 1 < len(own) else "",
                help_text=_("Empty: “%(default)s”.") % {"default": fallback[level - 1]},
            )

    def _add_cell_fields(self, default_thresholds) -> None:
        """A level per cell: the saved one, else what the thresholds give (the defaults for a new size)."""
        matrix = self.instance
        size_l, size_c = self.sizes["likelihood"], self.sizes["consequence"]
        if calculations.grid_fits(matrix.cell_levels, size_l, size_c):
            cells = matrix.cell_levels
        else:
            same_size = (size_l, size_c) == (matrix.likelihood_levels, matrix.consequence_levels)
            thresholds = matrix.thresholds if same_size else default_thresholds
            cells = calculations.cells_from_thresholds(size_l, size_c, thresholds)
        for likelihood in range(1, size_l + 1):
            for consequence in range(1, size_c + 1):
                self.fields[self.cell_name(likelihood, consequence)] = forms.ChoiceField(
                    label=_("Level of likelihood %(likelihood)d × consequence %(consequence)d")
                    % {"likelihood": likelihood, "consequence": consequence},
                    required=False,
                    choices=Level.choices,
                    initial=cells[likelihood - 1][consequence - 1],
                )

    @staticmethod
    def cell_name(likelihood: int, consequence: int) -> str:
        return f"cell_{likelihood}_{consequence}"

    def _size(self, scale: str) -> int:
        name = f"{scale}_levels"
        if self.is_bound:
            value = str(self.data.get(self.add_prefix(name), ""))
            if value.isdigit() and calculations.MIN_LEVELS <= int(value) <= calculations.MAX_LEVELS:
                return int(value)
        return getattr(self.instance, name) or calculations.MAX_LEVELS

    # For the template -------------------------------------------------------------------------------

    def label_fields(self, scale: str) -> list:
        return [self[f"{scale}_label_{level}"] for level in range(1, self.sizes[scale] + 1)]

    def likelihood_label_fields(self):
        return self.label_fields("likelihood")

    def consequence_label_fields(self):
        return self.label_fields("consequence")

    def cell_rows(self) -> list[tuple[int, list]]:
        """(likelihood, [bound cell fields by consequence]) from the highest likelihood down."""
        return [
            (likelihood, [self[self.cell_name(likelihood, con)] for con in range(1, self.sizes["consequence"] + 1)])
            for likelihood in range(self.sizes["likelihood"], 0, -1)
        ]

    def consequences(self) -> list[int]:
        return list(range(1, self.sizes["consequence"] + 1))

    # Cleaning ---------------------------------------------------------------------------------------

    def clean(self):
        data = super().clean()
        size_l, size_c = self.sizes["likelihood"], self.sizes["consequence"]
        for scale in defaults.SCALES:
            labels = [data.get(f"{scale}_label_{level}") or "" for level in range(1, self.sizes[scale] + 1)]
            setattr(self.instance, f"{scale}_labels", labels)
        thresholds = tuple(data.get(name) for name in ("medium_from", "high_from", "very_high_from"))
        if None in thresholds or calculations.threshold_problems(thresholds, size_l, size_c):
            thresholds = defaults.thresholds(size_l, size_c)
        fallback = calculations.cells_from_thresholds(size_l, size_c, thresholds)
        self.instance.cell_levels = [
            [data.get(self.cell_name(lik, con)) or fallback[lik - 1][con - 1] for con in range(1, size_c + 1)]
            for lik in range(1, size_l + 1)
        ]
        return data

    def _update_errors(self, errors):
        """The model's errors about its stored lists (labels, cells) go above the form: those are
        entered in one input per level or cell."""
        if hasattr(errors, "error_dict"):
            remapped: dict[str, list] = {}
            for name, messages in errors.error_dict.items():
                remapped.setdefault(name if name in self.fields else NON_FIELD_ERRORS, []).extend(messages)
            errors = ValidationError(remapped)
        super()._update_errors(errors)
