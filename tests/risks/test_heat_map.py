"""The heat map: counts per cell before and after treatment, levels written out, links to the
filtered register, and the default selection (risks that are not closed)."""

import re

from django.urls import reverse

from hallbar.accounts.roles import Role
from hallbar.accounts.scoping import Scope
from hallbar.risks import queries
from hallbar.risks.models import RiskMatrix

from .factories import RiskFactory


def cells(heat_map) -> dict:
    return {
        (cell.likelihood, cell.consequence): cell.count for row in heat_map.rows for cell in row.cells if cell.count
    }


def test_counts_per_cell_before_and_after_treatment(world_a, world_b):
    org = world_a.organisation
    RiskFactory(
        organisation=org, inherent_likelihood=4, inherent_consequence=5, residual_likelihood=2, residual_consequence=5
    )
    RiskFactory(
        organisation=org, inherent_likelihood=4, inherent_consequence=5, residual_likelihood=2, residual_consequence=2
    )
    RiskFactory(organisation=org, inherent_likelihood=1, inherent_consequence=2)
    RiskFactory(organisation=world_b.organisation, inherent_likelihood=4, inherent_consequence=5)
    scope = Scope(world_a.user(Role.READER), org)
    matrix = queries.matrix_for(org)
    risks = queries.risk_list(scope)
    inherent = queries.heat_map(risks, matrix, queries.INHERENT)
    residual = queries.heat_map(risks, matrix, queries.RESIDUAL)
    assert cells(inherent) == {(4, 5): 2, (1, 2): 1}
    assert (inherent.total, inherent.not_assessed) == (3, 0)
    assert cells(residual) == {(2, 5): 1, (2, 2): 1}
    assert (residual.total, residual.not_assessed) == (2, 1)


def test_grid_follows_the_matrix(world_a):
    matrix = RiskMatrix(organisation=world_a.organisation, likelihood_levels=3, consequence_levels=4)
    heat_map = queries.heat_map(queries.risk_list(Scope(world_a.user(Role.READER), world_a.organisation)), matrix)
    assert [row.likelihood for row in heat_map.rows] == [3, 2, 1]  # the most likely at the top
    assert [cell.consequence for cell in heat_map.rows[0].cells] == [1, 2, 3, 4]
    # 3 × 4 defaults: medium from 3, high from 6, very high from 9
    assert [(cell.score, cell.level) for cell in heat_map.rows[0].cells] == [
        (3, "medium"),
        (6, "high"),
        (9, "very_high"),
        (12, "very_high"),
    ]
    assert [value for value, _label in heat_map.consequence_labels] == [1, 2, 3, 4]


def test_page_shows_counts_with_levels_as_text_and_links_to_the_register(world_a, english):
    flood = RiskFactory(organisation=world_a.organisation, inherent_likelihood=4, inherent_consequence=5)
    RiskFactory(organisation=world_a.organisation, inherent_likelihood=4, inherent_consequence=5, status="closed")
    RiskFactory(organisation=world_a.organisation, kind="opportunity", inherent_likelihood=4, inherent_consequence=5)
    english.force_login(world_a.user(Role.READER))
    response = english.get(reverse("risks:heat-map"))
    assert response.status_code == 200
    inherent, residual = response.context["maps"]
    assert cells(inherent) == {(4, 5): 1}  # by default: risks, not opportunities, and not closed ones
    assert residual.not_assessed == 1
    page = response.content.decode()
    assert "Very high (20)" in page and "Low (1)" in page
    assert "<caption>Number by likelihood and consequence, before treatment (1 in all)</caption>" in page
    link = re.search(r'<a href="(/risks/\?[^"]*likelihood=4[^"]*)">1<', page).group(1).replace("&amp;", "&")
    assert "kind=risk" in link and "status=not_closed" in link and "assessment=inherent" in link
    assert [risk.pk for risk in english.get(link).context["risks"]] == [flood.pk]

    response = english.get(reverse("risks:heat-map") + "?kind=&status=")
    assert cells(response.context["maps"][0]) == {(4, 5): 3}  # all kinds and statuses, when chosen
