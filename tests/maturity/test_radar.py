"""The RadarChart spec (hallbar/web/charts.py) → the {% chart %} figure: table, summary, data for charts.js."""

import json
import re

import pytest
from django.template import engines
from django.utils import translation

from hallbar.web.charts import RadarChart, Series, SeriesKind, chart_context

NBSP = "\xa0"


def maturity(**overrides) -> RadarChart:
    options = {
        "title": "Maturity matrix",
        "unit": "",
        "axes": ["Focus", "Scope", "Actors", "Position"],
        "series": [Series("2025", [1, 2, 1, 1]), Series("2026", [2, 2, 3, None])],
        "min_value": 0,
        "max_value": 4,
        "step": 1,
        "decimals": 0,
        "axis_title": "Dimension",
    }
    return RadarChart(**{**options, **overrides})


def render(spec, language="en") -> str:
    with translation.override(language):
        return engines["django"].from_string('{% load charts %}{% chart spec id="radar" %}').render({"spec": spec})


def table_rows(html: str) -> list[list[str]]:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def test_the_table_has_a_row_per_axis_and_a_column_per_series():
    html = render(maturity())
    assert '<figure class="chart chart--radar" id="radar" data-chart="radar">' in html
    assert re.findall(r'<th scope="col"[^>]*>(.*?)</th>', html) == ["Dimension", "2025", "2026"]
    assert table_rows(html) == [
        ["Focus", "1", "2"],
        ["Scope", "2", "2"],
        ["Actors", "1", "3"],
        ["Position", "1", "–no value"],
    ]
    assert '<caption id="radar-table">Maturity matrix</caption>' in html


def test_the_canvas_summary_names_the_highest_and_lowest_axes():
    html = render(maturity())
    label = re.search(r'<canvas role="img" aria-label="([^"]*)"', html).group(1)
    assert label == (
        "Radar chart: Maturity matrix, 4 axes. Scale from 0 to 4. "
        "2025: highest Scope (2), lowest Focus, Actors, Position (1). "
        "2026: highest Actors (3), lowest Focus, Scope (2)."
    )


def test_the_data_for_the_script_carries_the_scale():
    html = render(maturity())
    data = json.loads(re.search(r'<script type="application/json">(.*?)</script>', html, re.S).group(1))
    assert data["type"] == "radar"
    assert data["labels"] == ["Focus", "Scope", "Actors", "Position"]
    assert (data["min"], data["max"], data["step"], data["decimals"]) == (0, 4, 1, 0)
    assert data["series"][1] == {"label": "2026", "kind": "measured", "values": [2, 2, 3, None]}
    assert data["stacked"] is False and data["horizontal"] is False


def test_numbers_follow_the_language_and_an_open_scale_is_not_announced():
    spec = maturity(series=[Series("Mean", [1.25, 2.5, 3.75, 1.25])], decimals=None, max_value=None, step=None)
    html = render(spec, "sv")
    assert table_rows(html)[0] == ["Focus", "1,25"]
    label = re.search(r'aria-label="([^"]*)"', html).group(1)
    assert label.endswith("Mean: högst Actors (3,75), lägst Focus, Position (1,25).")
    with translation.override("en"):
        context = chart_context(spec)
    assert "Scale" not in context["summary"]
    assert (context["data"]["max"], context["data"]["step"]) == (None, None)


def test_a_radar_without_values_draws_nothing():
    html = render(maturity(series=[Series("2026", [None, None, None, None])]))
    assert "No values to show yet." in html and "<canvas" not in html


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"series": [Series("2026", [1, 2])]}, "has 2 values for 4 axes"),
        ({"series": [Series("Target", [1, 2, 3, 4], SeriesKind.TARGET)]}, "only has measured series"),
        ({"min_value": 4, "max_value": 4}, "maximum must be above its minimum"),
    ],
)
def test_bad_radar_specs_fail_with_a_clear_message(overrides, message):
    with pytest.raises(ValueError, match=message):
        maturity(**overrides)


def test_escaped_like_every_chart():
    html = render(maturity(axes=["<b>Focus</b>", "Scope", "Actors", "Position"]))
    assert "<b>Focus</b>" not in html and "&lt;b&gt;Focus&lt;/b&gt;" in html
    assert f"1{NBSP}" not in html  # small numbers: no thousands separator
