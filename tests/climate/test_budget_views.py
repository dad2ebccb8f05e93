"""The climate budget pages: who may do what, the lock after adoption, bad input shown on the form,
and the XLSX/PDF exports carrying the numbers."""

import io

import fastexcel
import pytest
from django.urls import reverse
from pypdf import PdfReader

from hallbar.accounts.roles import Role
from hallbar.actions.models import Action
from hallbar.climate import budget_queries
from hallbar.climate.models import ClimateBudget, Measure, MeasureEffect, Sector, SectorResponsibility

from .budget_data import hand_budget_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def _url(name, pk):
    return reverse(f"climate:{name}", args=[pk])


def test_the_page_shows_sums_allocation_charts_and_sources(hand_budget, client_for):
    client = client_for(hand_budget.world.user(Role.READER))
    response = client.get(hand_budget.budget.get_absolute_url())
    assert response.status_code == 200
    text = response.content.decode()
    assert "Test preset (version 1)" in text and "Test release" in text
    assert "Measures against the reduction path" in text and "Marginal abatement cost curve" in text
    assert "67.03" in text  # the 2021 ceiling
    assert "22.97" in text  # the 2021 gap: 100 − 67.03 − 10
    assert "40.22" in text  # the unit's 2021 ceiling: 67.03 × 0.6
    assert "Not allocated" in text
    assert "60 %" in text and "No unit answers for it" in text  # transport's share; waste has nobody
    assert "Adopt the climate budget" not in text  # readers do not adopt
    menu = client.get(reverse("climate:budget-list")).content.decode()
    assert "Klimatbudget 2020" in menu and "Climate budget" in menu


def test_a_coordinator_adopts_and_the_budget_is_locked(hand_budget, client_for):
    budget = hand_budget.budget
    client = client_for(hand_budget.world.user(Role.COORDINATOR))
    response = client.post(_url("budget-adopt", budget.pk), follow=True)
    assert "The climate budget is adopted and locked." in response.content.decode()
    budget.refresh_from_db()
    assert budget.status == ClimateBudget.Status.ADOPTED and budget.figures["ceilings"]
    response = client.post(
        _url("budget-measure-edit", hand_budget.buses.pk),
        {
            "title": "Changed",
            "unit": hand_budget.world.unit.pk,
            "sector": Sector.TRANSPORT,
            "effect_t": 1,
            "cost_sek": 0,
            "funding_sek": 0,
            "start_year": 2021,
            "lifetime_years": 1,
        },
        follow=True,
    )
    assert "cannot be changed: it is adopted" in response.content.decode()
    assert Measure.objects.get(pk=hand_budget.buses.pk).title == "Buses"
    response = client.post(_url("budget-measure-effect", hand_budget.buses.pk), {"year": 2021, "effect_t": 9})
    assert response.status_code == 302
    assert MeasureEffect.objects.get(measure=hand_budget.buses, year=2021).effect_t == 9


def test_an_editor_writes_measures_of_their_own_units_only(hand_budget, client_for):
    world = hand_budget.world  # the editor works in the administration, above ``unit``, not in ``sibling``
    client = client_for(world.user(Role.EDITOR))
    data = {
        "title": "Cykelvägar",
        "unit": world.unit.pk,
        "sector": Sector.TRANSPORT,
        "effect_t": 5,
        "cost_sek": 500000,
        "funding_sek": 0,
        "start_year": 2021,
        "lifetime_years": 20,
    }
    assert client.post(_url("budget-measure-create", hand_budget.budget.pk), data).status_code == 302
    assert Measure.objects.filter(title="Cykelvägar", unit=world.unit).exists()
    assert client.get(_url("budget-measure-edit", hand_budget.heat_pumps.pk)).status_code == 403
    assert client.post(_url("budget-adopt", hand_budget.budget.pk)).status_code == 403
    assert client.get(_url("budget-responsibility-create", hand_budget.budget.pk)).status_code == 403
    response = client.post(_url("budget-measure-create", hand_budget.budget.pk), {**data, "unit": world.sibling.pk})
    assert response.status_code == 200 and not Measure.objects.filter(unit=world.sibling, title="Cykelvägar").exists()


def test_bad_input_is_refused_on_the_form_with_the_reason(hand_budget, client_for):
    world = hand_budget.world
    client = client_for(world.user(Role.COORDINATOR))
    response = client.post(
        _url("budget-responsibility-create", hand_budget.budget.pk),
        {"sector": Sector.HEATING, "unit": world.unit.pk, "share_percent": 60},
    )
    assert response.status_code == 200
    assert "would add up to 110 %" in response.content.decode()
    assert not SectorResponsibility.objects.filter(unit=world.unit, sector=Sector.HEATING).exists()
    response = client.post(
        _url("budget-measure-create", hand_budget.budget.pk),
        {
            "title": "Negative",
            "unit": world.unit.pk,
            "sector": Sector.TRANSPORT,
            "effect_t": -3,
            "cost_sek": 0,
            "funding_sek": 0,
            "start_year": 2021,
            "lifetime_years": 1,
        },
    )
    assert response.status_code == 200
    assert "The effect cannot be negative" in response.content.decode()


def test_a_measure_starts_an_action(hand_budget, client_for):
    client = client_for(hand_budget.world.user(Role.COORDINATOR))
    response = client.post(_url("budget-measure-action", hand_budget.buses.pk), {"title": "Upphandla elbussar"})
    assert response.status_code == 302
    action = Action.objects.get(title="Upphandla elbussar")
    assert action.reason == hand_budget.buses and hand_budget.buses.actions.filter(pk=action.pk).exists()


def test_the_xlsx_export_holds_ceilings_allocation_measures_and_gap(hand_budget, client_for):
    client = client_for(hand_budget.world.user(Role.READER))
    response = client.get(reverse("climate:budget-export", args=[hand_budget.budget.pk, "xlsx"]))
    assert response.status_code == 200
    reader = fastexcel.read_excel(b"".join(response.streaming_content))
    assert reader.sheet_names == ["About", "Ceilings and reductions", "Allocation per unit", "Measures", "Follow-up"]

    def rows(name):
        return reader.load_sheet_by_name(name).to_polars().rows(named=True)

    ceilings = {row["Year"]: row for row in rows("Ceilings and reductions")}
    assert ceilings[2021]["Ceiling (t CO2e)"] == pytest.approx(67.0)
    assert ceilings[2021]["Remaining gap (t CO2e)"] == pytest.approx(23.0)  # rounded to one decimal
    measures = {row["Measure"]: row for row in rows("Measures")}
    assert measures["Buses"]["Effect (t CO2e per year)"] == 10
    assert (measures["Buses"]["Cost (SEK)"], measures["Buses"]["Funding (SEK)"]) == (1_000_000, 400_000)
    assert measures["Buses"]["Cost per tonne (SEK per t CO2e)"] == 10_000
    assert measures["Heat pumps"]["Cost per tonne (SEK per t CO2e)"] == 2000
    allocation = {row["Unit"]: row for row in rows("Allocation per unit")}
    assert allocation[hand_budget.world.unit.name]["Ceiling 2021 (t CO2e)"] == pytest.approx(40.2)
    assert allocation["Not allocated"]["Ceiling 2021 (t CO2e)"] == pytest.approx(13.4)


def test_the_pdf_export_holds_the_numbers(hand_budget, client_for):
    client = client_for(hand_budget.world.user(Role.READER))
    response = client.get(reverse("climate:budget-export", args=[hand_budget.budget.pk, "pdf"]))
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for expected in (
        "Klimatbudget 2020",
        "Ceilings and reductions",
        "67",
        "Buses",
        "10,000",
        "Heat pumps",
        "Test preset",
    ):
        assert expected in text


BUDGET_ROUTES = {
    "budget-detail": "budget",
    "budget-edit": "budget",
    "budget-delete": "budget",
    "budget-adopt": "budget",
    "budget-responsibility-create": "budget",
    "budget-measure-create": "budget",
    "budget-responsibility-delete": "responsibility",
    "budget-measure-edit": "measure",
    "budget-measure-delete": "measure",
    "budget-measure-action": "measure",
    "budget-measure-effect": "measure",
}


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.EDITOR, Role.READER])
def test_another_organisations_budget_is_not_found(role, world_a, world_b, client_for):
    from .factories import climate_budget_for

    budget = climate_budget_for(world_b.organisation, world_b.unit)
    objects = {"budget": budget, "responsibility": budget.responsibilities.get(), "measure": budget.measures.get()}
    client = client_for(world_a.user(role))
    for name, kind in BUDGET_ROUTES.items():
        url = _url(name, objects[kind].pk)
        for method in (client.get, client.post):
            assert method(url).status_code in (403, 404, 405), f"{role}: {name}"
    for kind in ("xlsx", "pdf"):
        assert client.get(reverse("climate:budget-export", args=[budget.pk, kind])).status_code == 404
    assert world_b.organisation.name not in client.get(reverse("climate:budget-list")).content.decode()
    budget.refresh_from_db()
    assert budget.status == ClimateBudget.Status.DRAFT and budget.measures.count() == 1


def test_a_coordinator_creates_a_budget_on_the_shipped_data(world_a, client_for):
    from hallbar.climate import queries
    from hallbar.organisations.models import Municipality

    world_a.organisation.municipality = Municipality.objects.get(code="0580")
    world_a.organisation.save()
    client = client_for(world_a.user(Role.COORDINATOR))
    method = queries.method_for(world_a.organisation)
    response = client.post(
        reverse("climate:budget-create"),
        {"title": "Klimatbudget 2027", "budget_year": 2027, "plan_years": 3, "method": method.pk},
    )
    budget = ClimateBudget.objects.get(title="Klimatbudget 2027")
    assert response.status_code == 302 and budget.years == [2027, 2028, 2029, 2030]
    text = client.get(budget.get_absolute_url()).content.decode()
    assert str(method) in text and "Linköping" in text and "Measures against the reduction path" in text
    ceilings = [row.ceiling_t for row in budget_queries.budget_page(budget).year_sums]
    assert all(a > b > 0 for a, b in zip(ceilings, ceilings[1:], strict=False))  # a falling path


def test_without_a_municipality_the_page_says_why_there_are_no_ceilings(world_a, client_for):
    from .factories import climate_budget_for

    budget = climate_budget_for(world_a.organisation, world_a.unit)
    client = client_for(world_a.user(Role.ADMINISTRATOR))
    text = client.get(budget.get_absolute_url()).content.decode()
    assert "not linked to a municipality" in text and "Fossilfria tjänstebilar" in text
    text = client.post(reverse("climate:budget-adopt", args=[budget.pk]), follow=True).content.decode()
    assert "The climate budget cannot be adopted: the organisation is not linked to a municipality" in text


def test_the_page_reads_in_swedish(hand_budget, client_for):
    from django.conf import settings

    client = client_for(hand_budget.world.user(Role.READER))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    response = client.get(hand_budget.budget.get_absolute_url())
    assert response.status_code == 200 and "67,03" in response.content.decode()
