from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hallbar.actions.forms import DATE_WIDGET, members_of
from hallbar.actions.models import Action
from hallbar.web.forms import Form, ModelForm, setup_unit_field

from . import calculations, queries
from .models import Decision, ManagementReview, Status
from .sections import SECTIONS

TEXT = forms.Textarea(attrs={"rows": 4})


class ReviewForm(ModelForm):
    """Starting a review, and changing its details. The period may be left empty when starting: it then
    covers the time since the previous review (see :func:`hallbar.reviews.services.start_review`)."""

    class Meta:
        model = ManagementReview
        fields = [
            "title",
            "date",
            "period_start",
            "period_end",
            "participants",
            "resources_notes",
            "communication_notes",
            "improvement_notes",
        ]
        widgets = {
            "date": DATE_WIDGET,
            "period_start": DATE_WIDGET,
            "period_end": DATE_WIDGET,
            "participants": forms.Textarea(attrs={"rows": 3}),
            "resources_notes": TEXT,
            "communication_notes": TEXT,
            "improvement_notes": TEXT,
        }

    def __init__(self, *args, organisation, period_locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        if self.instance.pk is None:
            self.fields["date"].initial = timezone.localdate()
            self.fields["title"].initial = _("Management review %(year)s") % {"year": timezone.localdate().year}
            for name in ("period_start", "period_end"):
                self.fields[name].required = False
            self.fields["period_start"].help_text = _(
                "Leave empty to cover the time since the previous review (a year when there is none)."
            )
            self.fields["period_end"].help_text = _("Leave empty to end the period on the day of the review.")
        elif period_locked:
            for name in ("period_start", "period_end"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("The review has been held: its period and inputs are kept.")
        else:
            self.fields["period_start"].help_text = _("Changing the period assembles the inputs again.")

    def clean(self):
        data = super().clean()
        day = data.get("date")
        if self.instance.pk is None and day and not (data.get("period_start") and data.get("period_end")):
            previous = queries.previous_review(self.instance.organisation, day)
            start, end = calculations.default_period(day, previous.period_end if previous else None)
            data["period_start"] = data.get("period_start") or start
            data["period_end"] = data.get("period_end") or end
        return data


class ConclusionsForm(Form):
    """A conclusion per input section, and the three on the management system as a whole."""

    OVERALL = ("suitability", "adequacy", "effectiveness")

    def __init__(self, *args, review: ManagementReview, **kwargs):
        super().__init__(*args, **kwargs)
        self.review = review
        for section in SECTIONS:
            self.fields[f"section_{section.key}"] = forms.CharField(
                label=section.title,
                help_text=section.asks,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=review.conclusion(section.key),
            )
        for name in self.OVERALL:
            model_field = ManagementReview._meta.get_field(name)
            self.fields[name] = forms.CharField(
                label=model_field.verbose_name.capitalize(),
                help_text=model_field.help_text,
                required=False,
                widget=TEXT,
                initial=getattr(review, name),
            )

    def section_fields(self):
        return [self[f"section_{section.key}"] for section in SECTIONS]

    def overall_fields(self):
        return [self[name] for name in self.OVERALL]

    def conclusions(self) -> dict:
        data = self.cleaned_data
        return {
            "sections": {section.key: data[f"section_{section.key}"] for section in SECTIONS},
            **{name: data[name] for name in self.OVERALL},
        }


class DecisionForm(ModelForm):
    class Meta:
        model = Decision
        fields = ["kind", "text"]
        widgets = {"text": TEXT}

    def __init__(self, *args, review: ManagementReview, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.review = review


class ReviewActionForm(ModelForm):
    """A new action decided at the review (the action's other details are edited on its own page)."""

    class Meta:
        model = Action
        fields = ["title", "description", "responsible_unit", "contact_person", "start_date", "end_date"]
        widgets = {"start_date": DATE_WIDGET, "end_date": DATE_WIDGET, "description": TEXT}

    def __init__(self, *args, organisation, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        contact = self.fields["contact_person"]
        contact.queryset = members_of(organisation)
        contact.empty_label = _("– nobody yet –")
        contact.label_from_instance = lambda user: f"{user.full_name or user.email} ({user.email})"
        setup_unit_field(self.fields["responsible_unit"], units)


class ReviewFilterForm(Form):
    """The filters above the list (GET; every field optional, a bad value is ignored)."""

    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, years, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *[(year, year) for year in years]]
        self.fields["status"].choices = [("", _("All statuses")), *Status.choices]

    def filters(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {"year": data.get("year"), "status": data.get("status") or None}
