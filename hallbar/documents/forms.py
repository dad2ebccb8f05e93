from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from hallbar.frameworks.models import FrameworkItem
from hallbar.web.forms import Form, ModelForm, setup_unit_field, unit_label

from .models import ControlledDocument, DocumentVersion
from .rules import Kind
from .services import CLAUSE_LIBRARY_KINDS
from .uploads import ACCEPT, allowed_description, validate_upload

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MULTIPLE_HELP = _("Hold Ctrl (Cmd on a Mac) to choose several.")


def clause_queryset():
    return (
        FrameworkItem.objects.filter(library__kind__in=CLAUSE_LIBRARY_KINDS, is_deprecated=False)
        .select_related("library")
        .order_by("library__urn", "order")
    )


def setup_clauses(field, items=None) -> None:
    """A multiple select of the clauses of standards, grouped by library."""
    items = list(items if items is not None else clause_queryset())
    field.queryset = clause_queryset()
    groups: dict[int, tuple[str, list]] = {}
    for item in items:
        groups.setdefault(item.library_id, (item.library.name, []))[1].append((item.pk, str(item)))
    field.widget.choices = list(groups.values())
    field.widget.attrs["size"] = 8
    field.help_text = MULTIPLE_HELP


class FileInput(forms.FileInput):
    def __init__(self, attrs=None):
        super().__init__({"accept": ACCEPT, **(attrs or {})})


def file_help() -> str:
    return _("Allowed are %(allowed)s.") % {"allowed": allowed_description()}


class UploadCheckMixin:
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded:
            validate_upload(uploaded)
        return uploaded


class EvidenceForm(UploadCheckMixin, Form):
    file = forms.FileField(label=_("File"), widget=FileInput)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    clauses = forms.ModelMultipleChoiceField(
        label=_("Requirement clauses it evidences"), queryset=FrameworkItem.objects.none(), required=False
    )

    def __init__(self, *args, clause_items=None, **kwargs):
        kwargs.setdefault("auto_id", "evidence-%s")
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = file_help()
        setup_clauses(self.fields["clauses"], clause_items)


def members_of(organisation):
    return (
        get_user_model()
        .objects.filter(is_active=True, memberships__organisation=organisation, memberships__is_active=True)
        .distinct()
        .order_by("full_name", "email")
    )


class DocumentForm(ModelForm):
    class Meta:
        model = ControlledDocument
        fields = [
            "kind",
            "title",
            "reference_code",
            "owner",
            "responsible_unit",
            "review_interval_months",
            "next_review_date",
            "clauses",
        ]
        widgets = {"next_review_date": DATE_WIDGET}

    def __init__(self, *args, organisation, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        fields = self.fields
        fields["owner"].queryset = members_of(organisation)
        fields["owner"].empty_label = _("– nobody yet –")
        fields["owner"].label_from_instance = lambda user: f"{user.full_name or user.email} ({user.email})"
        setup_unit_field(fields["responsible_unit"], units)
        fields["next_review_date"].help_text = _("Set when a version is approved; change it here if needed.")
        setup_clauses(fields["clauses"])


class VersionForm(UploadCheckMixin, ModelForm):
    class Meta:
        model = DocumentVersion
        fields = ["body", "change_summary"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14}), "change_summary": forms.Textarea(attrs={"rows": 3})}

    file = forms.FileField(label=_("File"), required=False, widget=FileInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = file_help()
        if self.instance.file:
            self.fields["file"].help_text = _("Choose a file to replace “%(name)s”. %(allowed)s") % {
                "name": self.instance.original_name,
                "allowed": file_help(),
            }
            self.fields["remove_file"] = forms.BooleanField(label=_("Remove the attached file"), required=False)


class DocumentFilterForm(Form):
    """The filters above the document list (GET; every field optional, bad values are ignored)."""

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    unit = forms.ChoiceField(label=_("Responsible unit"), required=False)
    overdue = forms.BooleanField(label=_("Only documents due for review"), required=False)

    def __init__(self, *args, units, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)
        self.units = {str(unit.pk): unit for unit in units}
        self.fields["kind"].choices = [("", _("All kinds")), *Kind.choices]
        self.fields["unit"].choices = [("", _("All units")), *[(pk, unit_label(u)) for pk, u in self.units.items()]]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "kind": data.get("kind") or None,
            "unit": self.units.get(data.get("unit")),
            "overdue": data.get("overdue", False),
        }
