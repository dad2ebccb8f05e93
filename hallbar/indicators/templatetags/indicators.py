"""Target status and indicator numbers in templates."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from hallbar.core import numbers
from hallbar.indicators.calculations import Assessment, Status

register = template.Library()

# Symbol, text and CSS modifier for each status: the symbol and text carry the meaning, the colour
# only repeats it.
STATUS_DISPLAY = {
    Status.ON_TRACK: ("✓", _("On track"), "on-track"),
    Status.AT_RISK: ("!", _("At risk"), "at-risk"),
    Status.OFF_TRACK: ("✗", _("Off track"), "off-track"),
    Status.NOT_ENOUGH_DATA: ("?", _("Not enough data"), "no-data"),
}


@register.inclusion_tag("indicators/includes/status.html")
def target_status(assessment: Assessment | None, unit: str = ""):
    if assessment is None:
        return {"missing": True}
    symbol, label, modifier = STATUS_DISPLAY[assessment.status]
    return {
        "symbol": symbol,
        "label": label,
        "modifier": modifier,
        "assessment": assessment,
        "projected": numbers.measure(assessment.projected),
        "unit": unit,
    }


@register.simple_tag
def status_badge(status: str, count: int | None = None):
    """A status symbol and text (with a count before the text when given), e.g. "✓ 3 on track"."""
    symbol, label, modifier = STATUS_DISPLAY[Status(status)]
    text = label if count is None else f"{count} {str(label).lower()}"
    return format_html(
        '<span class="status status--{}"><span aria-hidden="true" class="status__symbol">{}</span> {}</span>',
        modifier,
        symbol,
        text,
    )
