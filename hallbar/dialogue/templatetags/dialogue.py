"""``{% dialogue_panel goal %}``: the approved contributions of a published goal and the form, for the
public goal page (included there through ``dialogue/includes/goal.html``)."""

from django import template

from .. import queries, spam
from ..forms import ContributionForm

register = template.Library()


@register.inclusion_tag("dialogue/includes/panel.html", takes_context=True)
def dialogue_panel(context, goal):
    from django.urls import reverse

    return {
        "goal": goal,
        "organisation": context.get("organisation"),
        "entries": queries.public_entries(goal),
        "form": ContributionForm(initial={"started": spam.start_token(goal.pk)}),
        "action_url": reverse("dialogue:submit", kwargs={"pk": goal.pk}),
        "honeypot": spam.HONEYPOT,
    }
