from django import forms
from django.utils.translation import gettext_lazy as _

from hallbar.organisations.models import Municipality
from hallbar.web.forms import Form

from .models import MunicipalityGroup

GROUP_CHOICES_LIMIT = 200


class GroupForm(Form):
    """Choose a Kolada municipality group. The select lists only ``groups`` (search results or the
    groups the own municipality belongs to), but any existing group id is accepted."""

    kolada_group = forms.ModelChoiceField(
        label=_("Kolada municipality group"),
        queryset=MunicipalityGroup.objects.all(),
        error_messages={
            "required": _("Choose a Kolada municipality group."),
            "invalid_choice": _(
                "That group is not in the Kolada catalogue. Search again and choose one from the list."
            ),
        },
    )

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["kolada_group"]
        options = [(group.pk, f"{group.title} ({group.pk})") for group in groups]
        field.widget.choices = [("", _("Choose a group")), *options]


def municipality_choices() -> list:
    groups: dict[str, tuple[str, list]] = {}
    for municipality in Municipality.objects.select_related("county").order_by("county__code", "name"):
        groups.setdefault(municipality.county.code, (municipality.county.name, []))[1].append(
            (municipality.pk, f"{municipality.name} ({municipality.code})")
        )
    return list(groups.values())


class MunicipalitiesForm(Form):
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Municipalities to compare with"),
        queryset=Municipality.objects.all(),
        help_text=_("Grouped by county. Hold Ctrl (Cmd on a Mac) to choose several."),
        error_messages={"required": _("Choose at least one municipality.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["municipalities"]
        field.widget.choices = municipality_choices()
        field.widget.attrs["size"] = 12
