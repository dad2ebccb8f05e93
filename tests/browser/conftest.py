"""Browser tests: Debian's headless Chromium driven by Playwright, against pytest-django's live server.

One Chromium serves all browser tests (see ``chromium_browser``); every test gets fresh browser
contexts (no shared cookies).
Playwright never downloads a browser here: it is pointed at ``CHROMIUM_PATH`` (Debian's
``/usr/bin/chromium`` by default). Without it the tests are skipped with a message, except when
``HALLBAR_REQUIRE_BROWSER=1`` (CI), where a missing browser is an error.

The live server needs a transactional database. Flushing it after each test re-runs the post_migrate
signal, which reloads the framework libraries and municipalities, so reference data is always present.
"""

import os
from pathlib import Path

import pytest

from tests.factories import PASSWORD

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

VENDOR_DIR = Path(__file__).parent / "vendor"
# The axe-core release vendored by `make vendor` (pinned in package.json); exactly one is expected.
AXE_FILES = sorted(VENDOR_DIR.glob("axe-*.min.js"))

# How axe gets into the page under test, with the app's strict Content-Security-Policy
# (script-src 'self') left in force: add_script_tag(path=...) inlines the file, which the CSP blocks,
# and bypass_csp would check a page the app never serves. Instead every test context registers the
# vendored file as an init script: Chromium evaluates it through the DevTools protocol at the start of
# each document (like page.evaluate with the file's contents), outside the page's CSP and without any
# request to the server. It only defines ``window.axe``. (Serving it from a same-origin URL through
# page.route works too, but routing turns off Chromium's HTTP cache and made the walk ~20% slower.)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

DEFAULT_TIMEOUT_MS = 10_000


def pytest_collection_modifyitems(items):
    """Everything in this folder is a browser test, also when a module forgets its ``pytestmark``."""
    folder = Path(__file__).parent
    for item in items:
        if folder in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="package")
def chromium_browser():
    """The one headless Chromium shared by all browser tests (skips, or fails in CI, when it is missing).

    Package scope rather than session scope, on purpose: Playwright's sync API keeps an asyncio event
    loop marked as running in the main thread while it is started, and Django then refuses ORM calls
    ("SynchronousOnlyOperation"). The browser tests allow those calls with DJANGO_ALLOW_ASYNC_UNSAFE
    (our test code is synchronous; the loop only drives Chromium) and Playwright is stopped, and the
    variable restored, as soon as the last browser test has run, so the rest of the suite keeps
    Django's check.
    """
    executable = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not Path(executable).is_file() or not os.access(executable, os.X_OK):
        message = (
            f"Chromium not found at {executable}: install the Debian packages chromium and chromium-driver "
            "to run the browser tests"
        )
        if os.environ.get("HALLBAR_REQUIRE_BROWSER") == "1":
            pytest.fail(f"HALLBAR_REQUIRE_BROWSER=1 but {message}", pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_page(chromium_browser, live_server):
    """``new_page()`` opens a page in a fresh browser context (own cookies) on the live server."""
    if len(AXE_FILES) != 1:
        pytest.fail(f"Expected exactly one vendored axe-*.min.js in {VENDOR_DIR}, found {len(AXE_FILES)}")
    contexts = []

    def open_page():
        context = chromium_browser.new_context(base_url=live_server.url)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        context.add_init_script(path=AXE_FILES[0])
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A page in a fresh browser context, logged out."""
    return new_page()


def login(page, user, password: str = PASSWORD) -> None:
    """Log in through the real login form; afterwards the page shows the start page."""
    page.goto("/accounts/login/")
    page.fill("#id_username", user.email)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("form.form button[type=submit]")
    assert "/accounts/login/" not in page.url, f"Logging in as {user.email} failed: still on {page.url}"


def axe_violations(page) -> list[dict]:
    """Run axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is now; returns the violations."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        raise AssertionError(f"axe-core is not loaded in {page.url}: open pages with the new_page/page fixtures")
    # resultTypes only trims the details axe collects for passing rules; every violation is reported.
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    return page.evaluate(
        """async (options) => {
            const results = await axe.run(document, options);
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                targets: v.nodes.map(n => n.target.join(' ')),
            }));
        }""",
        options,
    )


def format_violations(violations: list[dict], max_nodes: int = 3) -> str:
    lines = []
    for violation in violations:
        targets = violation["targets"]
        shown = ", ".join(targets[:max_nodes])
        if len(targets) > max_nodes:
            shown += f" (+{len(targets) - max_nodes} more)"
        lines.append(f"  - {violation['id']} [{violation['impact']}]: {violation['help']} – {shown}")
    return "\n".join(lines)


def assert_no_axe_violations(page, label: str = "") -> None:
    """Fail with a readable list (rule, impact, help, first nodes) when axe finds any violation."""
    violations = axe_violations(page)
    if violations:
        where = f"{label} ({page.url})" if label else page.url
        raise AssertionError(f"axe found {len(violations)} violation(s) on {where}:\n{format_violations(violations)}")
