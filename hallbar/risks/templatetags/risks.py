"""Template helpers for risks: a level as symbol and text (never colour alone)."""

from django import template
from django.utils.html import format_html

from hallbar.web.mixins import may_create

from ..models import LEVEL_SYMBOLS, Level

register = template.Library()


@register.simple_tag
def risk_level(level: str, score=None):
    """``<span class="risk-level risk-level--high">▅ High</span>``, followed by the score in brackets
    when given; empty for a level not (yet) assessed."""
    if not level:
        return ""
    text = Level(level).label if score is None else f"{Level(level).label} ({score})"
    return format_html(
        '<span class="risk-level risk-level--{}"><span aria-hidden="true">{}</span> {}</span>',
        level,
        LEVEL_SYMBOLS[level],
        text,
    )


# The record pages that can raise a risk: the model's label → the query parameter of the create form.
RAISED_FROM = {"context.scanitem": "scan_item", "aspects.aspect": "aspect", "obligations.obligation": "obligation"}


@register.inclusion_tag("risks/includes/linked_risks.html", takes_context=True)
def linked_risks(context, source):
    """The risks and opportunities linked to a scan item, aspect or obligation, and (for those who may
    create them) buttons that raise a new one linked to it: ``{% load risks %}{% linked_risks object %}``."""
    scope = context["request"].scope
    return {
        "risks": scope.filter(source.risks.all()).order_by("kind", "title", "pk"),
        "param": RAISED_FROM[source._meta.label_lower],
        "source": source,
        "can_raise": may_create(context["view"]),
    }
