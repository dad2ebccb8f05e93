from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hallbar.actions.forms import DATE_WIDGET, MULTIPLE_HELP, members_of
from hallbar.frameworks.models import FrameworkItem
from hallbar.organisations.models import OrganisationUnit
from hallbar.plans.forms import grouped_choices
from hallbar.web.forms import Form, ModelForm, setup_unit_field, unit_label

from .models import Audit, AuditProgramme, ChecklistItem, Finding
from .models.audit import AUDITABLE_LIBRARIES
from .queries import auditable_clauses

TEXT_AREA = forms.Textarea(attrs={"rows": 3})


def person_label(user) -> str:
    return f"{user.full_name or user.email} ({user.email})"


class ProgrammeForm(ModelForm):
    class Meta:
        model = AuditProgramme
        fields = ["title", "year", "aims", "approved_by", "approved_on"]
        widgets = {"approved_on": DATE_WIDGET, "aims": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["year"].initial = timezone.localdate().year


class AuditForm(ModelForm):
    class Meta:
        model = Audit
        fields = [
            "title",
            "objectives",
            "planned_start",
            "planned_end",
            "units",
            "clauses",
            "lead_auditor",
            "team",
        ]
        widgets = {
            "planned_start": DATE_WIDGET,
            "planned_end": DATE_WIDGET,
            "objectives": TEXT_AREA,
        }

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.programme = programme
        organisation = programme.organisation
        fields = self.fields
        current = Q(pk__in=self.instance.units.all()) if self.instance.pk else Q(pk__in=[])
        fields["units"].queryset = OrganisationUnit.objects.filter(
            Q(organisation=organisation, is_active=True) | current
        ).order_by("path")
        fields["units"].label_from_instance = unit_label
        fields["units"].help_text = _(
            "Leave empty when the audit covers the whole organisation. Hold Ctrl (Cmd on a Mac) to choose several."
        )
        chosen = list(self.instance.clauses.values_list("pk", flat=True)) if self.instance.pk else []
        offered = list(auditable_clauses())
        withdrawn = FrameworkItem.objects.filter(pk__in=chosen, is_deprecated=True).select_related("library")
        fields["clauses"].queryset = FrameworkItem.objects.filter(
            Q(library__urn__in=AUDITABLE_LIBRARIES, is_deprecated=False) | Q(pk__in=chosen)
        )
        fields["clauses"].widget.choices = grouped_choices([*offered, *withdrawn])
        fields["clauses"].help_text = _(
            "Grouped by standard. The checklist gets one question per clause. "
            "Hold Ctrl (Cmd on a Mac) to choose several."
        )
        people = members_of(organisation)
        fields["lead_auditor"].queryset = people
        fields["lead_auditor"].label_from_instance = person_label
        fields["lead_auditor"].empty_label = _("– not chosen yet –")
        fields["lead_auditor"].help_text = _("Must be chosen before the audit starts. Nobody may audit their own unit.")
        fields["team"].queryset = people
        fields["team"].label_from_instance = person_label
        fields["team"].help_text = MULTIPLE_HELP
        for name in ("units", "clauses", "team"):
            fields[name].widget.attrs["size"] = 12 if name == "clauses" else 8


class ChecklistItemForm(ModelForm):
    class Meta:
        model = ChecklistItem
        fields = ["question", "answer", "conclusion"]
        widgets = {"question": TEXT_AREA, "answer": TEXT_AREA}


class ConclusionsForm(ModelForm):
    """The audit team's conclusions, written on the checklist page."""

    class Meta:
        model = Audit
        fields = ["conclusions"]
        widgets = {"conclusions": forms.Textarea(attrs={"rows": 5})}


class QuestionForm(ModelForm):
    class Meta:
        model = ChecklistItem
        fields = ["question"]
        widgets = {"question": TEXT_AREA}

    def __init__(self, *args, audit, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.audit = audit


class FindingForm(ModelForm):
    class Meta:
        model = Finding
        fields = ["kind", "title", "description", "checklist_item", "clause", "unit", "evidence_notes"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5}), "evidence_notes": TEXT_AREA}

    def __init__(self, *args, audit, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.audit = audit
        fields = self.fields
        fields["kind"].help_text = _(
            "A major or minor nonconformity raises a nonconformity as soon as the finding is saved."
        )
        fields["checklist_item"].queryset = audit.checklist.select_related("clause")
        fields["checklist_item"].empty_label = _("– no particular question –")
        fields["checklist_item"].label_from_instance = lambda item: f"{item.order}. {item}"
        fields["clause"].queryset = audit.clauses.order_by("library", "order")
        fields["clause"].empty_label = _("– the question's clause, or none –")
        scope = list(audit.units.all())
        units = OrganisationUnit.objects.filter(organisation_id=audit.programme.organisation_id)
        if scope:
            condition = Q()
            for unit in scope:
                condition |= Q(path__startswith=unit.path)
            units = units.filter(condition)
        setup_unit_field(fields["unit"], units.order_by("path"), empty_label=_("– the whole audit scope –"))


class ProgrammeFilterForm(Form):
    """The filters above the programme list (GET; every field optional, bad values are ignored)."""

    APPROVED, NOT_APPROVED = "yes", "no"

    year = forms.ChoiceField(label=_("Year"), required=False)
    approved = forms.ChoiceField(label=_("Approval"), required=False)

    def __init__(self, *args, years, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *[(str(year), str(year)) for year in years]]
        self.fields["approved"].choices = [
            ("", _("Approved or not")),
            (self.APPROVED, _("Approved")),
            (self.NOT_APPROVED, _("Not yet approved")),
        ]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        approved = {self.APPROVED: True, self.NOT_APPROVED: False}.get(data.get("approved"))
        return {"year": int(data["year"]) if data.get("year") else None, "approved": approved}
