"""``{% chart spec %}`` renders a :mod:`hallbar.web.charts` spec; ``{% chart_scripts %}`` loads the drawing code.

    {% load charts %}
    {% chart emissions_chart %}                 {# a LineChart or BarChart built in the view #}
    {% chart status_chart id="action-status" %} {# a fixed id for the <figure>, e.g. to link to it #}

``{% chart_scripts %}`` is in ``base.html`` once: it loads ``hallbar/charts.js`` (small), which fetches
the vendored Chart.js only when the page, or an htmx swap, brings a chart.
"""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString

from hallbar.web.charts import CHART_LIBRARY, chart_context

register = template.Library()


@register.inclusion_tag("web/charts/chart.html")
def chart(spec, id=None):  # noqa: A002 - reads naturally in templates: {% chart spec id="…" %}
    """A figure with caption, canvas (drawn by charts.js) and the same data as a table."""
    return {"chart": chart_context(spec, html_id=id)}


@register.simple_tag
def chart_scripts() -> SafeString:
    """The deferred script tag for charts.js, which knows where the vendored Chart.js lives."""
    return format_html(
        '<script src="{}" data-chart-library="{}" defer></script>',
        static("hallbar/charts.js"),
        static(CHART_LIBRARY),
    )
