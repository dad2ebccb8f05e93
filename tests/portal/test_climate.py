"""The public climate figures (the organisation itself published) and adopted climate budgets: publication
rules, isolation, the open-data files against the read models, and the cache retired by climate writes."""

import csv
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hallbar.climate import budget_queries, budget_services
from hallbar.climate import services as climate_services
from hallbar.climate import status as climate_status
from hallbar.climate.models import BudgetMethod, EmissionRelease
from hallbar.climate.releases import make_release_current
from hallbar.organisations.models import ContentVersion, Municipality
from hallbar.portal import services
from hallbar.portal.models import Publication
from hallbar.portal.publishable import address, data_url, home_url, public_url
from tests.climate.factories import climate_budget_for, method_for

from .factories import portal_on, published

pytestmark = pytest.mark.django_db

LINKOPING, NORRKOPING = "0580", "0581"


def in_municipality(world, code):
    world.organisation.municipality = Municipality.objects.get(code=code)
    world.organisation.save()
    return world.organisation


def adopted_budget(world):
    budget = climate_budget_for(world.organisation, world.unit)
    return budget_services.adopt(budget, user=world.user("coordinator"))


def climate_url(organisation) -> str:
    return reverse("portal:climate", kwargs=address(organisation))


def rows_of(body: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))


def test_climate_figures_answer_not_found_until_published(world_a, client):
    organisation = portal_on(in_municipality(world_a, LINKOPING))
    assert client.get(climate_url(organisation)).status_code == 404
    assert client.get(data_url(organisation, organisation, "csv")).status_code == 404
    assert "Climate figures" not in client.get(home_url(organisation)).content.decode()
    published(organisation)
    response = client.get(climate_url(organisation))
    assert response.status_code == 200
    assert "Climate figures" in client.get(home_url(organisation)).content.decode()


def test_the_page_shows_emissions_by_sector_and_the_budget_status(world_a, client):
    organisation = published(in_municipality(world_a, LINKOPING))
    overview = climate_status.overview(organisation, climate_status.municipalities())
    body = client.get(climate_url(organisation)).content.decode()
    release = overview.history.release
    assert "<title>Climate figures of A kommun – A kommun</title>" in body
    assert "Emissions in Linköping" in body and release.name in body and release.unit in body
    assert release.citation in body  # the source (SMHI, Nationella emissionsdatabasen) is cited
    assert "<table" in body and 'id="climate-history"' in body  # the chart renders its data as a table
    assert str(overview.method) in body  # the preset's name and version
    assert "Remaining budget on 1 January" in body and "Needed annual reduction" in body
    assert "Reduction path" in body and "Gap between trend and path" in body
    assert 'href="' + reverse("climate:method-detail", args=[overview.method.pk]) not in body  # no internal links


def test_a_draft_budget_cannot_be_published_and_an_adopted_one_can(world_a, client):
    organisation = published(in_municipality(world_a, LINKOPING))
    draft = climate_budget_for(organisation, world_a.unit)
    with pytest.raises(ValidationError):
        services.publish(draft)
    budget = adopted_budget(world_a)
    url = public_url(budget, organisation)
    assert client.get(url).status_code == 404
    published(budget)
    body = client.get(url).content.decode()
    assert budget.title in body and "Fossilfria tjänstebilar" in body and "Ceilings and reductions" in body
    assert budget.title in client.get(climate_url(organisation)).content.decode()


def test_coordinators_are_told_why_a_draft_is_not_published(world_a, client):
    draft = climate_budget_for(world_a.organisation, world_a.unit)
    client.force_login(world_a.user("coordinator"))
    response = client.post(
        reverse("portal:publish", args=["climate.climatebudget", draft.pk]), {"publish": "1"}, follow=True
    )
    assert "Only an adopted climate budget can be published" in response.content.decode()
    assert not Publication.objects.filter(object_id=draft.pk).exists()


def test_another_organisations_figures_never_show(world_a, world_b, client):
    own = published(in_municipality(world_a, LINKOPING))
    other = published(in_municipality(world_b, NORRKOPING))
    budget = published(adopted_budget(world_b))
    body = client.get(climate_url(own)).content.decode()
    assert "Linköping" in body and "Norrköping" not in body and budget.title not in body
    foreign = reverse("portal:climate-budget", kwargs={**address(own), "pk": budget.pk, "slug": "klimatbudget-2026"})
    assert client.get(foreign).status_code == 404
    foreign_data = reverse("portal:climate-budget-data", kwargs={**address(own), "pk": budget.pk, "format": "csv"})
    assert client.get(foreign_data).status_code == 404
    assert client.get(public_url(budget, other)).status_code == 200


def test_data_files_hold_the_read_models_numbers(world_a, client):
    organisation = published(in_municipality(world_a, LINKOPING))
    overview = climate_status.overview(organisation, climate_status.municipalities())
    rows = rows_of(client.get(data_url(organisation, organisation, "csv")).content.decode())
    totals = {int(row["year"]): row["value"] for row in rows if row["measure"] == "emissions_total"}
    expected = dict(zip(overview.history.years, overview.history.total, strict=True))
    assert totals and all(
        float(value.replace(",", ".")) == pytest.approx(expected[year]) for year, value in totals.items()
    )
    assert {row["sector"] for row in rows if row["measure"] == "emissions"} == {
        label for label, _values in overview.history.by_sector
    }
    document = json.loads(client.get(data_url(organisation, organisation, "json")).content)
    assert document["licence"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "A kommun" in document["licence_statement"]
    remaining = next(row for row in document["rows"] if row["measure"] == "remaining_budget")
    assert remaining["value"] == pytest.approx(overview.status.remaining_t)
    assert remaining["year"] == overview.status.current_year
    path = {row["year"]: row["value"] for row in document["rows"] if row["measure"] == "reduction_path"}
    years = overview.status.chart_years
    assert path == pytest.approx({y: v for y, v in zip(years, overview.status.path, strict=True) if v is not None})

    budget = published(adopted_budget(world_a))
    ceilings = json.loads(client.get(data_url(budget, organisation, "json")).content)["rows"]
    sums = budget_queries.budget_page(budget).year_sums
    assert [(row["year"], row["ceiling"], row["remaining_gap"]) for row in ceilings] == [
        (row.year, pytest.approx(row.ceiling_t), pytest.approx(row.gap_t)) for row in sums
    ]


def test_the_catalogue_lists_the_climate_datasets(world_a, client):
    organisation = published(in_municipality(world_a, LINKOPING))
    budget = published(adopted_budget(world_a))
    document = client.get(reverse("portal:catalogue", kwargs=address(organisation))).json()
    titles = {entry["dcterms:title"]["@value"] for entry in document["dcat:dataset"]}
    assert {"Climate figures: A kommun", f"Climate budget: {budget.title}"} <= titles
    downloads = {d["dcat:downloadURL"]["@id"] for e in document["dcat:dataset"] for d in e["dcat:distribution"]}
    assert f"http://testserver{data_url(organisation, organisation, 'csv')}" in downloads


def version(organisation) -> int:
    return ContentVersion.objects.filter(organisation=organisation).values_list("number", flat=True).first() or 0


def test_climate_writes_retire_the_cached_page(world_a, client):
    organisation = published(in_municipality(world_a, LINKOPING))
    url = climate_url(organisation)
    assert client.get(url)["X-Portal-Cache"] == "miss"
    assert client.get(url)["X-Portal-Cache"] == "hit"

    # A new emission release becomes current (shared data: every organisation's pages).
    before = version(organisation)
    current = EmissionRelease.objects.get(kind=EmissionRelease.Kind.TERRITORIAL, is_current=True)
    other = EmissionRelease.objects.filter(kind=EmissionRelease.Kind.TERRITORIAL).exclude(pk=current.pk).first()
    if other is not None:
        make_release_current(other)
        make_release_current(current)
    else:
        current.save()
    assert version(organisation) > before
    assert client.get(url)["X-Portal-Cache"] == "miss"

    # The organisation chooses another preset.
    before = version(organisation)
    climate_services.choose_method(organisation, method_for(organisation))
    assert version(organisation) > before

    # A shipped preset's new version.
    before = version(organisation)
    BudgetMethod.objects.filter(organisation=None).first().save()
    assert version(organisation) > before

    # A budget is adopted.
    before = version(organisation)
    adopted_budget(world_a)
    assert version(organisation) > before

    # The climate figures are taken down: at once.
    client.get(url)
    assert services.unpublish(organisation)
    assert client.get(url).status_code == 404
