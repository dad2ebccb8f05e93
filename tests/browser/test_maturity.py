"""The maturity self-assessment in Chromium: the radar charts are drawn and the questionnaire works by keyboard."""

import pytest
from django.urls import reverse

from hallbar.accounts.roles import Role
from hallbar.maturity import services
from hallbar.maturity.matrix import load_matrix
from tests.maturity.factories import assessment_for

from .conftest import assert_no_axe_violations, login
from .test_charts import PAINTED_PIXELS

pytestmark = pytest.mark.browser


def test_the_result_draws_a_radar_per_part_with_the_years_told_apart(new_page, world_a):
    assessment = assessment_for(world_a.organisation, world_a.unit)  # 2026, compared with 2025
    page = new_page()
    login(page, world_a.user(Role.READER))
    page.emulate_media(reduced_motion="reduce")
    page.goto(assessment.get_absolute_url())
    page.wait_for_function("() => document.querySelectorAll('figure[data-chart-state=drawn]').length === 2")
    canvas = "figure[data-chart=radar] canvas"
    result = page.evaluate(PAINTED_PIXELS, canvas)
    assert result["painted"] > result["total"] * 0.01, result
    info = page.evaluate(
        """(selector) => {
            const chart = Chart.getChart(document.querySelector(selector));
            return {
                type: chart.config.type,
                max: chart.scales.r.max,
                ticks: chart.scales.r.ticks.map((tick) => tick.label),
                styles: chart.data.datasets.map((d) => [d.borderDash.join(','), d.pointStyle]),
                legend: chart.legend.legendItems.map((item) => item.text),
            };
        }""",
        canvas,
    )
    assert info["type"] == "radar" and info["max"] == 4
    assert info["ticks"] == ["0", "1", "2", "3", "4"]
    assert info["legend"][0] == "2025" and info["legend"][1].startswith("2026 (")  # the current year is a draft
    assert len(set(map(tuple, info["styles"]))) == 2, "the years differ by dash and point, not only by colour"
    assert_no_axe_violations(page, "the result page")


def test_the_questionnaire_by_keyboard(new_page, world_a):
    assessment = services.create_assessment(organisation=world_a.organisation, unit=world_a.unit, year=2026)
    focus = load_matrix().questions[0]
    page = new_page()
    login(page, world_a.user(Role.COORDINATOR))
    page.goto(reverse("maturity:answers", args=[assessment.pk]))
    assert_no_axe_violations(page, "the questionnaire")
    first = f"#id_stage_{focus.pk}_1"
    page.focus(first)
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")  # radio buttons of one question form one group
    assert page.is_checked(f"#id_stage_{focus.pk}_2") and not page.is_checked(first)
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == f"id_comment_{focus.pk}"
    page.keyboard.type("Indirekt påverkan ingår i upphandlingen.")
    page.focus("button[name=complete]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # Not every question has a stage: the form comes back saying which, and the answer is kept.
    assert page.locator(".form-errors[role=alert]").is_visible()
    assert page.is_checked(f"#id_stage_{focus.pk}_2")
    assert_no_axe_violations(page, "the questionnaire with errors")
    answer = assessment.answers.get(dimension_id=focus.pk)
    assert (answer.stage, answer.comment) == (2, "Indirekt påverkan ingår i upphandlingen.")
