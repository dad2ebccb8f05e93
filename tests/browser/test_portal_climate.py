"""The public climate figures and an adopted climate budget's page, logged out, with content: axe in both
languages (switched with the public language switch), the charts drawn and the print layout's links."""

import pytest

from hallbar.portal.publishable import public_url
from tests.portal.factories import adopted_budget_for

from .conftest import axe_violations, format_violations

pytestmark = pytest.mark.browser


def test_public_climate_pages_are_accessible(new_page, world_a):
    organisation = world_a.organisation
    budget = adopted_budget_for(organisation, world_a.unit)  # the climate figures published too
    urls = {
        "climate figures": public_url(organisation, organisation),
        "climate budget": public_url(budget, organisation),
    }
    problems: list[str] = []
    page = new_page()
    for language in ("sv", "en"):
        for name, url in urls.items():
            page.goto(url)
            if language == "en" and page.locator("html[lang=sv]").count():
                with page.expect_navigation():
                    page.click("form.language-switcher button[name=language][value=en]")
            assert page.locator(f"html[lang={language}]").count() == 1
            if name == "climate figures":
                page.wait_for_selector("figure.chart canvas")
                assert page.locator("figure.chart").count() == 2, "emissions and the budget path"
            violations = axe_violations(page)
            if violations:
                problems.append(f"the public {name} page ({language}):\n{format_violations(violations)}")
    assert not problems, "\n".join(problems)
