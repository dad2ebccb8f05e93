from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hallbar.actions.forms import members_of
from hallbar.web.forms import Form, ModelForm, setup_unit_field, unit_label

from .matrix import Matrix
from .models import Assessment


class AssessmentForm(ModelForm):
    class Meta:
        model = Assessment
        fields = ["unit", "year", "assessed_by", "participants", "notes"]
        widgets = {"participants": forms.Textarea(attrs={"rows": 3}), "notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, organisation, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        setup_unit_field(self.fields["unit"], units)
        self.fields["assessed_by"].queryset = members_of(organisation)
        self.fields["assessed_by"].empty_label = _("– nobody named –")
        self.fields["assessed_by"].label_from_instance = lambda user: f"{user.full_name or user.email} ({user.email})"
        if self.instance.pk is None:
            self.fields["year"].initial = timezone.localdate().year


class AssessmentFilterForm(Form):
    """The filters above the list (GET; every field optional, a bad value is ignored)."""

    WHOLE = "organisation"

    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    unit = forms.ChoiceField(label=_("Assessed"), required=False)

    def __init__(self, *args, years, units, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)
        self.units = {str(unit.pk): unit for unit in units}
        self.fields["year"].choices = [("", _("All years")), *[(year, year) for year in years]]
        self.fields["unit"].choices = [
            ("", _("All")),
            (self.WHOLE, _("The whole organisation")),
            *[(pk, unit_label(unit)) for pk, unit in self.units.items()],
        ]

    def filters(self) -> dict:
        """The valid filters; a bad value is left out, not the others."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        chosen = data.get("unit")
        return {
            "year": data.get("year"),
            "unit": self.units.get(chosen),
            "whole_organisation": chosen == self.WHOLE,
        }


class QuestionnaireForm(Form):
    """One stage (radio buttons) and one motivation per question of the maturity library."""

    def __init__(self, *args, matrix: Matrix, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.matrix = matrix
        for question in matrix.questions:
            answer = answers.get(question.pk)
            self.fields[self.stage_name(question)] = forms.TypedChoiceField(
                label=question.item.name,
                choices=[(stage.number, stage.name) for stage in question.stages],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                initial=answer.stage if answer else None,
            )
            self.fields[self.comment_name(question)] = forms.CharField(
                label=_("Motivation"),
                help_text=_("Why this stage: examples and evidence."),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=answer.comment if answer else "",
            )
        self._describe()

    @staticmethod
    def stage_name(question) -> str:
        return f"stage_{question.pk}"

    @staticmethod
    def comment_name(question) -> str:
        return f"comment_{question.pk}"

    def parts(self) -> list[dict]:
        """What the template lays out: per part its questions, each with its stage options and comment field."""
        parts = []
        for part in self.matrix.parts:
            questions = []
            for question in part.questions:
                field = self[self.stage_name(question)]
                chosen = str(field.value() or "")
                questions.append(
                    {
                        "question": question,
                        "field": field,
                        "comment": self[self.comment_name(question)],
                        "options": [
                            {
                                "stage": stage,
                                "id": f"{field.auto_id}_{stage.number}",
                                "checked": chosen == str(stage.number),
                            }
                            for stage in question.stages
                        ],
                    }
                )
            parts.append({"part": part, "questions": questions})
        return parts

    def answers(self) -> dict[int, tuple[int | None, str]]:
        data = self.cleaned_data
        return {
            question.pk: (data.get(self.stage_name(question)), data.get(self.comment_name(question), ""))
            for question in self.matrix.questions
        }

    def mark_missing(self, questions) -> None:
        for question in questions:
            self.add_error(self.stage_name(question), _("Choose a stage to complete the assessment."))
