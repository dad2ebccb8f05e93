"""The shared indicator panel: members side by side for one measure, as a table and a chart."""

from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from hallbar.web.charts import LineChart, Series, SeriesKind

from .. import queries
from ..forms import PanelForm
from .base import NetworkMixin


def panel_chart(panel: dict, title: str) -> LineChart:
    years = panel["years"]
    series = []
    for row in panel["rows"]:
        if row.shares_own:
            label = _("%(organisation)s: own values") % {"organisation": row.organisation}
            series.append(Series(label, [row.own.get(year) for year in years]))
        if row.kolada:
            label = _("%(organisation)s: Kolada") % {"organisation": row.organisation}
            # Drawn dash-dot with diamonds, so Kolada lines differ from own values by more than colour.
            series.append(Series(label, [row.kolada.get(year) for year in years], SeriesKind.PEER_MEDIAN))
    return LineChart(
        title=title, unit=panel["unit"], x_labels=[str(year) for year in years], series=series, x_title=_("Year")
    )


class PanelView(NetworkMixin, TemplateView):
    template_name = "networks/panel.html"

    def get_context_data(self, **kwargs):
        measures = queries.measures(self.network)
        form = PanelForm(self.request.GET or None, measures=measures)
        context = {"form": form, "measures": measures}
        key = form.chosen_key()
        if key:
            panel = queries.panel(self.network, key)
            labels = {m.key: m.label for m in measures}
            title = labels.get(key) or (str(panel["kpi"]) if panel["kpi"] else panel["kpi_id"] or "")
            years = panel["years"]
            table = [
                (row, [row.own.get(y) for y in years], [row.kolada.get(y) for y in years]) for row in panel["rows"]
            ]
            context.update(panel=panel, title=title, table=table, chart=panel_chart(panel, title))
        return super().get_context_data(**context, **kwargs)
