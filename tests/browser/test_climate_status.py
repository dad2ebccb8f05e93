"""The climate status page with content (the generic walk in test_accessibility.py sees it for an
organisation without a municipality): axe in both languages, for a municipality with a spent budget and
for a county administrative board, and its charts drawn."""

import pytest
from django.urls import reverse

from hallbar.climate.models import ClimateSettings
from hallbar.organisations.models import County, Municipality, Organisation
from tests.climate.factories import method_for

from .conftest import axe_violations, format_violations, login

pytestmark = pytest.mark.browser


def check(page, who: str, problems: list[str]) -> None:
    for language in ("sv", "en"):
        if language == "en":
            with page.expect_navigation():
                page.click("form.language-switcher button[name=language][value=en]")
        page.goto(reverse("climate:status"))
        page.wait_for_selector("figure.chart canvas")
        assert page.locator("figure.chart").count() == 3, f"{who}: expected three charts"
        violations = axe_violations(page)
        if violations:
            problems.append(f"the climate status page of {who} ({language}):\n{format_violations(violations)}")


def test_climate_status_pages_are_accessible(new_page, world_a):
    organisation = world_a.organisation
    organisation.municipality = Municipality.objects.get(code="0580")
    organisation.save()
    small = method_for(organisation, budget_t=1_000_000)  # a spent budget: the warning is shown too
    ClimateSettings.objects.create(organisation=organisation, method=small)
    problems: list[str] = []
    page = new_page()
    login(page, world_a.user("coordinator"))
    check(page, "a municipality", problems)
    assert page.locator("text=The budget is already spent").count() == 1

    organisation.kind, organisation.municipality = Organisation.Kind.COUNTY_BOARD, None
    organisation.county = County.objects.get(code="05")
    organisation.save()
    ClimateSettings.objects.filter(organisation=organisation).delete()
    page = new_page()
    login(page, world_a.user("coordinator"))
    check(page, "a county administrative board", problems)
    assert not problems, "\n".join(problems)
