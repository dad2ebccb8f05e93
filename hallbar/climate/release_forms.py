"""The operators' form for loading an emission release: its description, its files and whether it becomes current."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hallbar.documents.uploads import kind_of, validate_upload
from hallbar.web.forms import Form

from .models import EmissionRelease
from .releases import ReleaseInfo

RELEASE_FILE_KINDS = ("CSV", "XLSX")
SMHI_URL = "https://nationellaemissionsdatabasen.smhi.se/"
RESERVED_KEYS = {"load"}  # /climate/releases/load/ is the load page


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One or more files; each is checked on its own and every refusal is named."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".csv,.xlsx"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files:
            raise ValidationError(self.error_messages["required"], code="required")
        errors, cleaned = [], []
        for upload in files:
            kind = kind_of(upload.name)
            if kind is None or kind.label not in RELEASE_FILE_KINDS:
                errors.append(
                    ValidationError(
                        _("“%(name)s” is neither a CSV nor an Excel (XLSX) file.") % {"name": upload.name},
                        code="file_type",
                    )
                )
                continue
            try:
                validate_upload(upload)
            except ValidationError as error:
                errors.append(error)
                continue
            cleaned.append(super().clean(upload, initial))
        if errors:
            raise ValidationError(errors)
        return cleaned


class ReleaseLoadForm(Form):
    key = forms.SlugField(
        label=_("Key"),
        max_length=64,
        help_text=_("A short name that stays the same, e.g. smhi-2027. Loading a key again replaces that release."),
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    version = forms.CharField(
        label=_("Version"), max_length=32, help_text=_("Raise it when you replace the figures of a release.")
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=EmissionRelease.Kind.choices)
    unit = forms.CharField(label=_("Unit"), max_length=40, initial="t CO2e")
    publisher = forms.CharField(
        label=_("Publisher"), max_length=200, initial="SMHI for Naturvårdsverket (Nationella emissionsdatabasen)"
    )
    citation = forms.CharField(
        label=_("Citation"),
        widget=forms.Textarea(attrs={"rows": 2}),
        initial="Källa: SMHI/Naturvårdsverket, Nationella emissionsdatabasen",
        help_text=_("Shown with every figure of the release."),
    )
    url = forms.URLField(
        label=_("Source address"), max_length=300, required=False, initial=SMHI_URL, assume_scheme="https"
    )
    licence = forms.CharField(label=_("Licence"), max_length=100, required=False, initial="CC BY 4.0")
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("What sets this release apart, e.g. deducted point sources."),
    )
    files = MultipleFileField(
        label=_("Files"),
        help_text=_(
            "One or more CSV or XLSX files: SMHI's Excel export of the national emissions database, or CSV files "
            "in the layouts of the shipped releases."
        ),
    )
    make_current = forms.BooleanField(
        label=_("Make it the current release of its kind"),
        required=False,
        help_text=_("Emission pages show the current release. Leave it unticked to check the release first."),
    )

    def clean_key(self):
        key = self.cleaned_data["key"]
        if key in RESERVED_KEYS:
            raise ValidationError(_("“%(key)s” names a page; choose another key.") % {"key": key}, code="reserved")
        return key

    def release_info(self) -> ReleaseInfo:
        data = self.cleaned_data
        return ReleaseInfo(**{name: data[name] for name in ReleaseInfo.__dataclass_fields__})

    def release_files(self) -> list[tuple[str, bytes]]:
        return [(upload.name, upload.read()) for upload in self.cleaned_data["files"]]
