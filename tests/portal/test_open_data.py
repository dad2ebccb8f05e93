"""Open data: CSV and JSON per published dataset, and the DCAT-AP-SE style catalogue."""

import json

import pytest

from hallbar.portal.publishable import data_url, home_url, public_url
from tests.actions.factories import action_for
from tests.indicators.factories import indicator_for
from tests.plans.factories import plan_tree_for

from .factories import portal_on, published

pytestmark = pytest.mark.django_db


def test_indicator_values_as_csv(world_a, client):
    indicator = published(indicator_for(world_a.organisation))
    response = client.get(data_url(indicator, world_a.organisation, "csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
    raw = response.content
    assert raw.startswith("\ufeff".encode())
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == "indicator;year;period;value;unit;status;source"
    assert lines[1] == "Utsläpp per invånare;2019;2019;4,5;ton CO2e/invånare;final;Nationella emissionsdatabasen"
    assert lines[3].split(";")[3] == "4"  # a whole number without decimals
    assert len(lines) == 6


def test_indicator_values_as_json_with_the_licence(world_a, client):
    indicator = published(indicator_for(world_a.organisation))
    portal_on(world_a.organisation, licence="cc0-1.0")
    response = client.get(data_url(indicator, world_a.organisation, "json"))
    document = json.loads(response.content)
    assert document["title"] == "Indicator values: Utsläpp per invånare"
    assert document["publisher"] == "A kommun"
    assert document["licence"]["url"] == "https://creativecommons.org/publicdomain/zero/1.0/"
    assert "A kommun" in document["licence_statement"] and "CC0" in document["licence_statement"]
    assert [row["value"] for row in document["rows"]] == [4.5, 4.3, 4.0, 3.9, 3.6]
    assert document["columns"][0] == {"key": "indicator", "title": "indicator"}


def test_goal_target_status_dataset(world_a, client):
    goal = published(plan_tree_for(world_a.organisation).goals.get())
    indicator = indicator_for(world_a.organisation)
    unpublished = json.loads(client.get(data_url(goal, world_a.organisation, "json")).content)
    assert unpublished["rows"][0]["projected_value"] is None  # the trend of an unpublished indicator stays internal
    published(indicator)
    document = json.loads(client.get(data_url(goal, world_a.organisation, "json")).content)
    (row,) = document["rows"]
    assert row["target"] == "Minskade utsläpp"
    assert (row["baseline_year"], row["baseline_value"], row["target_year"], row["target_value"]) == (
        2019,
        4.5,
        2030,
        1.0,
    )
    assert row["status"] in {"on_track", "at_risk", "off_track"}
    assert row["projected_value"] is not None
    lines = client.get(data_url(goal, world_a.organisation, "csv")).content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("goal;target;baseline_year")
    assert lines[1].startswith("Fossilfri kommun;Minskade utsläpp;2019;4,5;2030;1;")


def test_action_progress_dataset_leaves_people_and_money_out(world_a, client):
    action = action_for(world_a.organisation)
    action_plan = published(action.action_plan)
    document = json.loads(client.get(data_url(action_plan, world_a.organisation, "json")).content)
    (row,) = document["rows"]
    assert row == {
        "action_plan": "Åtgärdsplan för klimatet",
        "action": "Laddinfrastruktur",
        "status": "ongoing",
        "percent_complete": 40,
        "start_date": "2025-01-01",
        "end_date": "2027-12-31",
        "overdue": False,
        "responsible_unit": None,
    }
    assert action.contact_person.email not in json.dumps(document)


def test_unpublished_or_foreign_datasets_answer_not_found(world_a, world_b, client):
    portal_on(world_a.organisation)
    indicator = indicator_for(world_a.organisation)
    assert client.get(data_url(indicator, world_a.organisation, "csv")).status_code == 404
    foreign = published(indicator_for(world_b.organisation))
    assert client.get(data_url(foreign, world_a.organisation, "json")).status_code == 404
    assert client.get(data_url(foreign, world_b.organisation, "json")).status_code == 200


def test_catalogue_lists_published_datasets(world_a, client):
    goal = published(plan_tree_for(world_a.organisation).goals.get())
    indicator = published(indicator_for(world_a.organisation))
    action_plan = published(action_for(world_a.organisation).action_plan)
    published(goal.plan)  # a plan is a page, not a dataset
    portal_on(world_a.organisation, contact_email="data@a.example.se")
    response = client.get(f"{home_url(world_a.organisation)}data/katalog.jsonld")
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    catalogue = json.loads(response.content)
    assert catalogue["@type"] == "dcat:Catalog"
    assert catalogue["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    assert catalogue["dcterms:publisher"]["foaf:name"] == "A kommun"
    assert catalogue["dcterms:license"] == {"@id": "https://creativecommons.org/licenses/by/4.0/"}
    datasets = catalogue["dcat:dataset"]
    assert len(datasets) == 3
    by_page = {entry["dcat:landingPage"]["@id"]: entry for entry in datasets}
    entry = by_page[f"http://testserver{public_url(indicator, world_a.organisation)}"]
    assert entry["dcterms:title"] == {"@language": "en", "@value": "Indicator values: Utsläpp per invånare"}
    assert entry["dcterms:language"]["@id"].endswith("/language/ENG")
    assert entry["dcat:contactPoint"]["vcard:hasEmail"] == "mailto:data@a.example.se"
    assert "dcterms:modified" in entry
    formats = {d["dcat:mediaType"]: d["dcat:downloadURL"]["@id"] for d in entry["dcat:distribution"]}
    assert formats == {
        "text/csv": f"http://testserver{data_url(indicator, world_a.organisation, 'csv')}",
        "application/json": f"http://testserver{data_url(indicator, world_a.organisation, 'json')}",
    }
    for url in formats.values():
        assert client.get(url).status_code == 200
    assert f"http://testserver{public_url(action_plan, world_a.organisation)}" in by_page


def test_catalogue_of_a_closed_portal_answers_not_found(world_a, client):
    assert client.get(f"{home_url(world_a.organisation)}data/katalog.jsonld").status_code == 404


def test_catalogue_modified_date_follows_the_newest_value(world_a, client):
    from datetime import UTC, datetime

    from hallbar.indicators.models import IndicatorValue

    indicator = published(indicator_for(world_a.organisation))
    moment = datetime(2030, 5, 17, 8, 0, tzinfo=UTC)
    IndicatorValue.objects.filter(indicator=indicator, year=2023).update(updated_at=moment)
    catalogue = json.loads(client.get(f"{home_url(world_a.organisation)}data/katalog.jsonld").content)
    (entry,) = catalogue["dcat:dataset"]
    assert entry["dcterms:modified"] == {"@type": "xsd:dateTime", "@value": moment.isoformat()}
    assert catalogue["dcterms:modified"] == entry["dcterms:modified"]


def test_csv_cells_have_no_float_noise_and_no_formulas():
    from functools import partial

    from hallbar.imports.exports import csv_cell

    _cell = partial(csv_cell, decimal_separator=",", booleans=("0", "1"))  # as the open data writes them
    cells = [_cell(v) for v in (0.1 + 0.2, 1e-05, 4.5, 1.0, float("nan"), -2.5, True, False)]
    assert cells == ["0,3", "0,00001", "4,5", "1", "", "-2,5", "1", "0"]
    assert _cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'  # titles may come from citizens
    assert _cell("Cykelstråk") == "Cykelstråk"
