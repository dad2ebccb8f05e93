"""The shared indicator panel: members side by side for one measure, as a table and a chart."""

from django.views.generic import TemplateView

from .. import charts, queries
from ..forms import PanelForm
from .base import NetworkMixin


class PanelView(NetworkMixin, TemplateView):
    template_name = "networks/panel.html"

    def get_context_data(self, **kwargs):
        measures = queries.measures(self.network)
        form = PanelForm(self.request.GET or None, measures=measures)
        context = {"form": form, "measures": measures}
        key = form.chosen_key()
        if key:
            panel = queries.panel(self.network, key)
            title = charts.panel_title(panel, measures)
            context.update(
                panel=panel, title=title, table=charts.panel_table(panel), chart=charts.panel_chart(panel, title)
            )
        return super().get_context_data(**context, **kwargs)
