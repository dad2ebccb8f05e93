"""Charts in headless Chromium: drawn under the real CSP, accessible, localised, htmx-aware.

The page comes from the test-only urlconf ``tests/browser/chart_urls.py`` (the real page shell with
two charts and a button that swaps in a third through htmx).
"""

import pytest

from hallbar.web.charts import CHART_LIBRARY

from .conftest import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.urls("tests.browser.chart_urls")]

PAGE = "/test-charts/"

# Collects CSP violations from the start of every document (the page's own CSP stays in force).
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
    window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
});
"""

PAINTED_PIXELS = """(selector) => {
    const canvas = document.querySelector(selector);
    const { width, height } = canvas;
    const pixels = canvas.getContext('2d').getImageData(0, 0, width, height).data;
    let painted = 0;
    for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] > 0) painted += 1; }
    return { painted, total: width * height };
}"""


def open_chart_page(page, path: str = PAGE):
    """Open ``path`` watching console errors, page errors and CSP violations; returns the error list."""
    errors = []

    def on_console(message):
        # The browser's own favicon request 404s on every page; that is not the charts' business.
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            errors.append(f"{message.text} ({message.location.get('url')})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(WATCH_CSP)
    page.emulate_media(reduced_motion="reduce")
    page.goto(path)
    return errors


def wait_until_drawn(page, count: int) -> None:
    page.wait_for_function(
        "(count) => document.querySelectorAll('figure[data-chart-state=drawn]').length === count", arg=count
    )


def assert_painted(page, selector: str) -> None:
    result = page.evaluate(PAINTED_PIXELS, selector)
    assert result["painted"] > result["total"] * 0.01, f"{selector} looks blank: {result}"


def test_charts_are_drawn_under_the_csp_and_pass_axe(page):
    errors = open_chart_page(page)
    wait_until_drawn(page, 2)
    assert_painted(page, "#trend canvas")
    assert_painted(page, "#status canvas")
    info = page.evaluate(
        """() => {
            const trend = Chart.getChart(document.querySelector('#trend canvas'));
            const status = Chart.getChart(document.querySelector('#status canvas'));
            return {
                animation: trend.options.animation,
                ticks: trend.scales.y.ticks.map((tick) => tick.label),
                datasets: trend.data.datasets.map((d) => ({ dash: d.borderDash, point: d.pointStyle })),
                legend: trend.legend.legendItems.map((item) => item.text),
                statusAxis: status.options.indexAxis,
                lang: document.documentElement.lang,
            };
        }"""
    )
    assert info["lang"] == "sv"
    assert info["animation"] is False, "prefers-reduced-motion: the chart must not animate"
    assert any("," in label for label in info["ticks"]), f"Swedish ticks should use decimal commas: {info['ticks']}"
    assert not any("." in label for label in info["ticks"]), info["ticks"]
    # Each kind of line differs by dash pattern and point shape, not only by colour.
    styles = [(tuple(d["dash"] or ()), d["point"]) for d in info["datasets"][:4]]
    assert len(set(styles)) == 4, styles
    # The band's lower edge has no legend entry of its own.
    assert info["legend"] == [
        "Measured",
        "Target",
        "Trend",
        "Similar municipalities, median",
        "Similar municipalities",
    ]
    assert info["statusAxis"] == "y"

    # Keyboard: the table opens from its summary with Enter.
    page.focus("#trend summary")
    page.keyboard.press("Enter")
    assert page.locator("#trend details").evaluate("(details) => details.open")
    assert page.locator("#trend table").is_visible()
    assert page.locator("#trend table tbody tr").count() == 6

    assert_no_axe_violations(page, "chart page with an open data table")
    assert page.evaluate("() => window.__cspViolations") == []
    assert errors == []


def test_a_chart_swapped_in_by_htmx_is_drawn_and_cleaned_up(page):
    errors = open_chart_page(page)
    wait_until_drawn(page, 2)
    page.click("button[hx-get]")
    page.wait_for_function("() => document.querySelector('#slot figure[data-chart-state=drawn]') !== null")
    assert_painted(page, "#slot canvas")
    # Swapping again replaces the chart; the old Chart instance is destroyed, not leaked.
    page.click("button[hx-get]")
    page.wait_for_timeout(300)
    wait_until_drawn(page, 3)
    assert page.evaluate("() => Object.keys(Chart.instances).length") == 3
    assert page.evaluate("() => window.__cspViolations") == []
    assert errors == []


def test_pages_without_charts_do_not_load_chart_js(page, live_server):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    errors = open_chart_page(page, "/accounts/login/")
    page.wait_for_load_state("load")
    assert page.evaluate("() => typeof window.HallbarCharts") == "object"
    assert page.evaluate("() => typeof window.Chart") == "undefined"
    assert not [url for url in requested if CHART_LIBRARY in url]
    assert errors == []


def test_without_chart_js_the_table_is_opened_instead(page):
    page.route(f"**/{CHART_LIBRARY}", lambda route: route.abort())
    page.goto(PAGE)
    page.wait_for_selector("#trend.chart--failed")
    assert page.locator("#trend details").evaluate("(details) => details.open")
    assert page.locator("#trend .chart__error").is_visible()
    assert page.locator("#trend table").is_visible()
    assert not page.locator("#trend canvas").is_visible()


def test_without_javascript_the_data_is_still_there(chromium_browser, live_server):
    context = chromium_browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(PAGE)
        assert page.locator("#trend .chart__fallback").is_visible()
        assert page.locator("#trend table caption").count() == 1
        cells = page.locator("#trend table tbody tr").first.locator("td").all_text_contents()
        assert cells[0] == "0,40"  # Swedish decimals from the server
        page.click("#trend summary")
        assert page.locator("#trend table").is_visible()
    finally:
        context.close()
