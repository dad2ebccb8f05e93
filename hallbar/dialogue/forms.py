from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ANSWER_MAX, NAME_MAX, REASON_MAX, TEXT_MAX, TEXT_MIN, Contribution
from .spam import HONEYPOT


class ContributionForm(forms.Form):
    """The public form; the honeypot and the start token are checked in the view (``spam.py``)."""

    kind = forms.ChoiceField(
        label=_("What would you like to leave?"),
        choices=Contribution.Kind.choices,
        initial=Contribution.Kind.PROPOSAL,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Your proposal or comment"),
        min_length=TEXT_MIN,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("At most %(count)s characters. Shown publicly once a moderator has approved it.")
        % {"count": TEXT_MAX},
    )
    name = forms.CharField(
        label=_("Name (optional)"), max_length=NAME_MAX, required=False, help_text=_("Shown with your text.")
    )
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        help_text=_("Never shown. Only for the organisation, should it want to contact you."),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)


# The honeypot: a text field people never see (hidden by CSS and from assistive technology).
ContributionForm.base_fields[HONEYPOT] = forms.CharField(
    label=_("Leave this field empty"),
    required=False,
    widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejection"),
        max_length=REASON_MAX,
        help_text=_("Internal: not shown to the public."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Public answer"),
        max_length=ANSWER_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown under the contribution on the public goal page. Leave empty to remove the answer."),
    )


class ActionForm(forms.Form):
    title = forms.CharField(label=_("Action title"), max_length=300)
