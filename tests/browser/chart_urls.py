"""A test-only page with charts (used with ``@pytest.mark.urls``): the real URLs plus two chart pages.

The product has no demo page for charts; this one exercises ``{% chart %}`` in the real page shell
(base.html with its CSP, htmx and charts.js), including a chart that arrives through an htmx swap.
"""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from hallbar.urls import handler403, handler404, handler500
from hallbar.urls import urlpatterns as product_urlpatterns
from hallbar.web.charts import BarChart, LineChart, Series, SeriesKind

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]

PAGE = """{% extends "base.html" %}{% load charts %}
{% block title %}Charts{% endblock %}
{% block content %}
<h1>Charts</h1>
{% chart trend id="trend" %}
{% chart status id="status" %}
<button type="button" class="button" hx-get="/test-charts/fragment/" hx-target="#slot">Load another chart</button>
<div id="slot"></div>
{% endblock %}
"""

FRAGMENT = """{% load charts %}{% chart spec %}"""


def trend_chart() -> LineChart:
    return LineChart(
        title="Share of renewable energy",
        unit="%",
        x_labels=[2018, 2019, 2020, 2021, 2022, 2023],
        series=[
            Series("Measured", [0.4, 0.55, None, 0.9, 1.05, 1.2]),
            Series("Target", [None, None, None, None, None, 1.6], SeriesKind.TARGET),
            Series("Trend", [0.38, 0.55, 0.72, 0.88, 1.04, 1.21], SeriesKind.TREND),
            Series("Similar municipalities, median", [0.5, 0.6, 0.7, 0.75, 0.8, 0.9], SeriesKind.PEER_MEDIAN),
            Series.band("Similar municipalities", [0.3, 0.4, 0.5, 0.5, 0.6, 0.7], [0.7, 0.8, 0.9, 1, 1.1, 1.2]),
        ],
        decimals=2,
    )


def status_chart() -> BarChart:
    return BarChart(
        title="Actions by unit",
        unit="actions",
        categories=["Culture committee", "Environment committee", "Municipal executive board"],
        series=[
            Series("Done", [4, 2, 7]),
            Series("Under way", [3, None, 5]),
            Series("Late", [1, 2, 0]),
            Series("Not started", [2, 1, 3]),
        ],
        horizontal=True,
    )


def chart_page(request):
    template = engines["django"].from_string(PAGE)
    return HttpResponse(template.render({"trend": trend_chart(), "status": status_chart()}, request))


def chart_fragment(request):
    template = engines["django"].from_string(FRAGMENT)
    return HttpResponse(template.render({"spec": trend_chart()}, request))


urlpatterns = [
    path("test-charts/", chart_page),
    path("test-charts/fragment/", chart_fragment),
    *product_urlpatterns,
]
