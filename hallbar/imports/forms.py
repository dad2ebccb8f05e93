from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from hallbar.web.forms import Form

from .services import MAX_FILE_BYTES

ACCEPTED = ".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV (separated by semicolons or commas) or Excel (XLSX). The first row with column names is the header."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB. Split it into smaller files."),
                params={"size": MAX_FILE_BYTES // (1024 * 1024)},
            )
        if not upload.name.lower().endswith((".csv", ".txt", ".xlsx", ".xlsm")):
            raise forms.ValidationError(_("Upload a CSV file (.csv) or an Excel file (.xlsx)."))
        return upload


class MappingForm(Form):
    """One select per expected column: which of the file's columns holds it."""

    def __init__(self, *args, spec, headers, **kwargs):
        super().__init__(*args, **kwargs)
        options = [("", _("— not in the file —")), *[(header, header) for header in headers]]
        for column in spec.columns:
            label = capfirst(column.label)
            self.fields[column.name] = forms.ChoiceField(
                label=f"{label} ({_('required') if column.required else _('optional')})",
                choices=options,
                required=column.required,
                help_text=column.help_text,
            )
        self._describe()
