"""Chart specs (hallbar/web/charts.py) → the {% chart %} figure: table, summary, data, locale formatting."""

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template import engines
from django.utils import translation

from hallbar.web.charts import (
    CHART_LIBRARY,
    BarChart,
    LineChart,
    Series,
    SeriesKind,
    chart_context,
    format_number,
)

ROOT = Path(__file__).resolve().parents[2]
NBSP = "\xa0"


def emissions(**overrides) -> LineChart:
    options = {
        "title": "Emissions",
        "unit": "t/inh",
        "x_labels": [2019, 2020, 2021, 2022],
        "series": [
            Series("Measured", [5.1, None, 4.6, 1234.5]),
            Series("Target", [None, None, None, 3], SeriesKind.TARGET),
            Series("Trend", [5.0, 4.8, 4.6, 4.4], SeriesKind.TREND),
            Series("Peer median", [4.5, 4.4, 4.3, 4.2], SeriesKind.PEER_MEDIAN),
            Series.band("Peers", lower=[4, 4, 3.9, 3.8], upper=[6, 5.8, 5.5, 5.4]),
        ],
    }
    return LineChart(**{**options, **overrides})


def statuses(**overrides) -> BarChart:
    options = {
        "title": "Actions by unit",
        "unit": "actions",
        "categories": ["Culture", "Environment"],
        "series": [Series("Done", [3, 1]), Series("Late", [None, 2])],
    }
    return BarChart(**{**options, **overrides})


def render(template: str, language: str = "en", **context) -> str:
    with translation.override(language):
        return engines["django"].from_string("{% load charts %}" + template).render(context)


def table_rows(html: str) -> list[list[str]]:
    """Each body row as [row header, cell, …], hidden text included, tags stripped."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        rows.append([re.sub(r"<[^>]+>", "", cell).strip() for cell in cells])
    return rows


def chart_data(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/json">(.*?)</script>', html, re.S).group(1))


# --- Numbers in the active language -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "value", "decimals", "expected"),
    [
        ("sv", 1234.5, None, f"1{NBSP}234,5"),
        ("en", 1234.5, None, "1,234.5"),
        ("sv", 3, 1, "3,0"),
        ("en", Decimal("2.125"), 2, "2.13"),
        ("sv", 0.333333, None, "0,333"),
        ("en", 2.0, None, "2"),
        ("en", -0.0001, None, "0"),
        ("sv", 1_000_000, None, f"1{NBSP}000{NBSP}000"),
        ("en", 0.0625, None, "0.063"),
        ("en", -2.5, 0, "-3"),
        ("en", 12, 2, "12.00"),
    ],
)
def test_format_number_follows_the_language(language, value, decimals, expected):
    with translation.override(language):
        assert format_number(value, decimals) == expected


def test_table_uses_swedish_decimals_and_shows_gaps_as_no_value():
    html = render("{% chart spec %}", "sv", spec=emissions())
    rows = table_rows(html)
    assert rows[0][:2] == ["2019", "5,1"]
    assert rows[3][:2] == ["2022", f"1{NBSP}234,5"]
    # The gap in 2020: a dash for the eye, "no value" for screen readers.
    assert '<td class="num"><span aria-hidden="true">–</span><span class="visually-hidden">' in html
    assert rows[1][1].endswith(translation.gettext("no value")) or rows[1][1].startswith("–")


def test_table_in_english_uses_points_and_commas():
    rows = table_rows(render("{% chart spec %}", "en", spec=emissions()))
    assert rows[3][1] == "1,234.5"
    assert rows[1][1] == "–no value"


def test_table_structure_caption_and_headers():
    html = render('{% chart spec id="emissions" %}', spec=emissions())
    assert '<figure class="chart chart--line" id="emissions" data-chart="line">' in html
    assert "<figcaption" in html and "Emissions" in html
    assert '<caption id="emissions-table">Emissions (t/inh)</caption>' in html
    assert 'aria-labelledby="emissions-table"' in html
    headers = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', html)
    assert headers == [
        "Period",
        "Measured",
        "Target",
        "Trend",
        "Peer median",
        "Peers, lower quartile",
        "Peers, upper quartile",
    ]
    assert html.count('<th scope="row">') == 4
    assert "<details" in html and "<summary>Show the data as a table</summary>" in html


def test_canvas_is_an_image_with_a_summary_of_first_and_last_values():
    html = render("{% chart spec %}", "sv", spec=emissions())
    label = re.search(r'<canvas role="img" aria-label="([^"]*)"', html).group(1)
    assert "Emissions (t/inh), 2019–2022" in label
    # Swedish numbers; the words between them are the Swedish translation ("för", "till").
    assert re.search(rf"Measured: 5,1 \w+ 2019, 1{NBSP}234,5 \w+ 2022\.", label)
    assert re.search(r"Target: 3 \w+ 2022\.", label)  # a single value
    assert re.search(r"Peers: 3,8 \w+ 5,4 \w+ 2022\.", label)  # the band's latest range


def test_json_data_keeps_gaps_and_kinds_for_the_script():
    data = chart_data(render("{% chart spec %}", spec=emissions(decimals=1)))
    assert data["type"] == "line"
    assert data["labels"] == ["2019", "2020", "2021", "2022"]
    assert data["decimals"] == 1
    assert [s["kind"] for s in data["series"]] == ["measured", "target", "trend", "peer_median", "peer_band"]
    assert data["series"][0]["values"] == [5.1, None, 4.6, 1234.5]
    band = data["series"][4]
    assert band["upper"] == [6, 5.8, 5.5, 5.4]
    assert band["lowerLabel"] == "Peers, lower quartile"


def test_fixed_decimals_apply_to_table_and_summary():
    html = render("{% chart spec %}", "sv", spec=emissions(decimals=2))
    assert table_rows(html)[0][1] == "5,10"
    assert re.search(r"Target: 3,00 \w+ 2022\.", html)


def test_decimal_values_and_nan_gaps():
    spec = LineChart("Share", "%", ["2023", "2024"], [Series("Measured", [Decimal("12.5"), float("nan")])])
    html = render("{% chart spec %}", "sv", spec=spec)
    assert table_rows(html)[0] == ["2023", "12,5"]
    with translation.override("sv"):
        assert table_rows(html)[1][1] == "–" + translation.gettext("no value")
    assert chart_data(html)["series"][0]["values"] == [12.5, None]
    assert re.search(r"Measured: 12,5 \w+ 2023\.", html)


def test_untrusted_text_is_escaped_everywhere():
    spec = LineChart("<b>x</b>", "", ["2024"], [Series("<script>alert(1)</script>", [1])])
    html = render("{% chart spec %}", spec=spec)
    assert "<b>x</b>" not in html and "<script>alert" not in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert "\\u003Cscript\\u003E" in html  # inside the json_script data


# --- Bar charts --------------------------------------------------------------------------------------


def test_stacked_bar_table_has_a_total_column_and_summary():
    html = render("{% chart spec %}", "en", spec=statuses())
    headers = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', html)
    assert headers == ["Category", "Done", "Late", "Total"]
    assert table_rows(html) == [["Culture", "3", "–no value", "3"], ["Environment", "1", "2", "3"]]
    label = re.search(r'aria-label="([^"]*)"', html).group(1)
    assert label.startswith("Bar chart: Actions by unit (actions), 2 categories.")
    assert "Done: 4 in total. Late: 2 in total." in label
    data = chart_data(html)
    assert data["type"] == "bar" and data["stacked"] is True and data["horizontal"] is False


def test_unstacked_or_single_series_bar_has_no_total():
    html = render("{% chart spec %}", spec=statuses(stacked=False, horizontal=True, category_title="Unit"))
    headers = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', html)
    assert headers == ["Unit", "Done", "Late"]
    assert chart_data(html)["horizontal"] is True


def test_bar_totals_mix_decimals_and_floats():
    spec = statuses(series=[Series("A", [Decimal("1.5"), 1]), Series("B", [0.25, None])])
    with translation.override("en"):
        context = chart_context(spec)
    assert [row["cells"][-1] for row in context["table"]["rows"]] == ["1.75", "1"]


# --- Empty charts and bad specs ------------------------------------------------------------------------


def test_a_chart_without_values_says_so_and_draws_nothing():
    spec = LineChart("Emissions", "t", ["2023", "2024"], [Series("Measured", [None, None])])
    html = render("{% chart spec %}", spec=spec)
    assert "No values to show yet." in html
    assert "<canvas" not in html and "application/json" not in html and "data-chart=" not in html


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: LineChart("t", "", ["2023"], [Series("A", [1, 2])]), "has 2 values for 1 x labels"),
        (lambda: Series("Peers", [1], SeriesKind.PEER_BAND), "needs upper values"),
        (lambda: Series.band("Peers", [1, 2], [3]), "2 lower but 1 upper"),
        (lambda: Series("A", [1], upper=[2]), "only a peer_band series"),
        (lambda: BarChart("t", "", ["x"], [Series("A", [1], SeriesKind.TARGET)]), "only has measured series"),
        (lambda: Series("A", ["1"]), "is not a number"),
        (lambda: Series("A", [True]), "is not a number"),
        (lambda: Series("A", [1], "sideways"), "sideways"),
    ],
)
def test_bad_specs_fail_with_a_clear_message(build, message):
    with pytest.raises((ValueError, TypeError), match=message):
        build()


def test_the_tag_refuses_something_that_is_not_a_chart():
    with pytest.raises(TypeError, match="needs a LineChart or BarChart"):
        render("{% chart spec %}", spec={"title": "x"})


def test_random_ids_differ_between_charts():
    html = render("{% chart spec %}{% chart spec %}", spec=statuses())
    ids = re.findall(r'<figure [^>]*id="([^"]+)"', html)
    assert len(ids) == 2 and ids[0] != ids[1]


# --- The vendored library --------------------------------------------------------------------------------


def test_chart_scripts_points_charts_js_at_the_vendored_library():
    html = render("{% chart_scripts %}")
    assert html == (
        f'<script src="{settings.STATIC_URL}hallbar/charts.js" '
        f'data-chart-library="{settings.STATIC_URL}{CHART_LIBRARY}" defer></script>'
    )


def test_vendored_chart_js_matches_package_json_and_has_its_licence():
    package = json.loads((ROOT / "package.json").read_text())
    version = package["devDependencies"]["chart.js"]
    assert CHART_LIBRARY == f"vendor/chart-{version}.umd.min.js"
    path = Path(finders.find(CHART_LIBRARY))
    assert path.read_text().startswith(f"/*!\n * Chart.js v{version}\n")
    notice = (path.parent / "THIRD-PARTY.md").read_text()
    assert "Chart.js Contributors" in notice and "Jukka Kurkela" in notice
    # One version only, and no source-map reference: ManifestStaticFilesStorage would fail on the missing map.
    assert [p.name for p in path.parent.glob("chart-*.js")] == [path.name]
    for vendored in path.parent.glob("*.js"):
        assert "sourceMappingURL" not in vendored.read_text(), vendored.name
