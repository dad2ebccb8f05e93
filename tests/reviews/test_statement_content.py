"""What the statement says, assembled from the other apps, and how it reads (labels, numbers)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from hallbar.aspects.models import Aspect
from hallbar.obligations.models import Evaluation, Obligation
from hallbar.plans.models import Plan
from hallbar.reviews.statement import content
from hallbar.reviews.statement.presentation import present
from tests.aspects.factories import ActivityFactory, AspectFactory
from tests.context.factories import version
from tests.documents.factories import document_for
from tests.indicators.factories import IndicatorFactory, IndicatorValueFactory
from tests.obligations.factories import EvaluationFactory, ObligationFactory
from tests.plans.factories import GoalFactory, PlanFactory, TargetFactory

from .statement_factories import StatementFactory, source_for

pytestmark = pytest.mark.django_db


def with_data(world, size: int = 2):
    """An organisation with ``size`` goals (each with a measured target), significant aspects and
    obligations, plus records the statement must leave out."""
    organisation = world.organisation
    plan = PlanFactory(organisation=organisation, title="Miljöprogram", status=Plan.Status.ADOPTED)
    PlanFactory(organisation=organisation, title="Utkast", status=Plan.Status.DRAFT)
    PlanFactory(organisation=organisation, title="Gammalt program", status=Plan.Status.ADOPTED, valid_to_year=2020)
    indicator = IndicatorFactory(organisation=organisation, title="Utsläpp")
    for year, value in {2021: 5.0, 2022: 4.6, 2023: 4.1, 2024: 3.7, 2025: 3.2, 2026: 0.5}.items():
        IndicatorValueFactory(indicator=indicator, year=year, value=value)
    activity = ActivityFactory(organisation=organisation, unit=world.unit, name="Fastigheter")
    for number in range(size):
        goal = GoalFactory(plan=plan, title=f"Mål {number}", order=number)
        TargetFactory(goal=goal, title=f"Delmål {number}", indicator=indicator, baseline_value=5, target_value=1)
        aspect = AspectFactory(activity=activity, name=f"Energi {number}", is_significant=True)
        aspect.goals.add(goal)
        AspectFactory(
            activity=activity,
            name=f"Upphandling {number}",
            is_significant=True,
            influence=Aspect.Influence.INDIRECT,
            channel=Aspect.Channel.PROCUREMENT,
            occurs_abroad=True,
        )
        obligation = ObligationFactory(organisation=organisation, title=f"Krav {number}")
        EvaluationFactory(obligation=obligation, result=Evaluation.Result.MET, date=date(2025, 3, 1))
    AspectFactory(activity=activity, name="Buller", is_significant=False)
    AspectFactory(activity=activity, name="Arbetsmiljö", is_significant=True, dimension=Aspect.Dimension.SOCIAL)
    partly = ObligationFactory(organisation=organisation, title="Egenkontroll", reference="SFS 1998:808")
    EvaluationFactory(
        obligation=partly, result=Evaluation.Result.PARTLY, date=date(2025, 6, 1), findings="Rutin saknas."
    )
    EvaluationFactory(obligation=partly, result=Evaluation.Result.MET, date=date(2026, 2, 1))  # after the year
    ObligationFactory(organisation=organisation, title="Ny kemikalieregel")  # never evaluated
    ObligationFactory(organisation=organisation, title="Upphävd", status=Obligation.Status.REPEALED)
    source_for(organisation)
    document_for(organisation)
    version(organisation, approved_on=date(2024, 5, 1), units=[world.administration, world.unit])
    return StatementFactory(organisation=organisation, year=2025)


def test_the_content_of_a_statement(world_a):
    statement = with_data(world_a)
    data = content.build(statement)

    assert data["organisation"] == {"name": "A kommun", "description": statement.description}
    assert data["scope"]["units"] == ["A förvaltning", "A enhet"]
    assert data["policy"]["title"] == "Miljöpolicy" and data["policy"]["body"] == "Vi minskar vår klimatpåverkan."

    direct, indirect = data["aspects"]["direct"], data["aspects"]["indirect"]
    assert [aspect["name"] for aspect in direct] == ["Energi 0", "Energi 1"]
    assert direct[0]["goals"] == ["Mål 0"] and direct[0]["unit"] == "A enhet"
    assert [aspect["name"] for aspect in indirect] == ["Upphandling 0", "Upphandling 1"]
    assert indirect[0]["channel"] == "procurement" and indirect[0]["abroad"] is True

    assert [plan["title"] for plan in data["plans"]] == ["Miljöprogram"]
    target = data["plans"][0]["goals"][0]["targets"][0]
    # Values up to 2025 only: the 2026 value does not count for the 2025 statement.
    assert target["latest"] == {"year": 2025, "value": 3.2}
    assert target["status"] == "on_track"

    energy = data["core_indicators"][0]
    assert energy["a"] == {"title": "Energianvändning", "unit": "MWh"}
    assert [(row["year"], row["r"]) for row in energy["figures"]] == [
        (2023, pytest.approx(5.0)),
        (2024, pytest.approx(4.75)),
        (2025, pytest.approx(4.32)),
    ]
    assert [area["area"] for area in data["core_indicators"]] == [
        "energy",
        "material",
        "water",
        "waste",
        "biodiversity",
        "emissions",
    ]
    assert data["core_indicators"][1] == {"area": "material", "a": None, "b": None, "note": "", "figures": []}

    compliance = data["compliance"]
    assert compliance["counts"] == {"met": 2, "partly": 1, "not_met": 0, "not_evaluated": 1}
    assert compliance["total"] == 4
    assert [item["title"] for item in compliance["not_fully_met"]] == ["Egenkontroll", "Ny kemikalieregel"]
    assert compliance["not_fully_met"][0] == {
        "title": "Egenkontroll",
        "reference": "SFS 1998:808",
        "result": "partly",
        "date": "2025-06-01",
        "findings": "Rutin saknas.",
    }


def test_an_organisation_without_data_gets_an_empty_statement(world_a):
    data = content.build(StatementFactory(organisation=world_a.organisation))
    assert data["policy"] is None and data["scope"] is None and data["plans"] == []
    assert data["aspects"] == {"direct": [], "indirect": []}
    assert data["compliance"]["total"] == 0
    with translation.override("en"):
        assert present(data)["status_counts"] == []


def test_the_queries_do_not_grow_with_the_data(world_a, world_b):
    small, large = with_data(world_a, size=1), with_data(world_b, size=6)
    counts = []
    for statement in (small, large):
        with CaptureQueriesContext(connection) as queries:
            content.build(statement)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 14


def test_the_presented_statement_labels_and_numbers(world_a):
    data = content.build(with_data(world_a))
    with translation.override("en"):
        page = present(data)
        energy = page["core_indicators"][0]
        assert energy["label"] == "Energy efficiency"
        assert energy["r_unit"] == "MWh / anställda"
        assert [(row["year"], row["r"], row["change"]) for row in energy["rows"]] == [
            (2023, "5", None),
            (2024, "4.75", "-5 %"),
            (2025, "4.32", "-9.1 %"),
        ]
        assert energy["rows"][0]["a"] == "12,000"
        target = page["plans"][0]["goals"][0]["targets"][0]
        assert target["path"] == "5 ton CO2e/invånare (2019) → 1 ton CO2e/invånare (2030)"
        assert target["latest"] == "3.2 ton CO2e/invånare (2025)"
        assert target["status_text"] == "On track"
        assert page["status_counts"] == [
            {"code": "on_track", "symbol": "✓", "label": "On track", "modifier": "on-track", "count": 2}
        ]
        aspect = page["aspects"]["indirect"][0]
        assert (aspect["effect"], aspect["channel"]) == ("Negative", "Procurement")
        assert page["aspects"]["direct"][0]["handling"] == ["Goals: Mål 0"]
        assert aspect["impact_text"] == "Klimatförändringar (negative)"
        assert aspect["handling"] == ["Not yet handled"]
        assert [(row["label"], row["count"]) for row in page["compliance"]["counts"]] == [
            ("Met", 2),
            ("Partly met", 1),
            ("Not met", 0),
            ("Not evaluated", 1),
        ]
        material = page["core_indicators"][1]
        assert material["a"] is None and material["rows"] == []
    with translation.override("sv"):
        energy = present(data)["core_indicators"][0]
        assert energy["rows"][2]["r"] == "4,32" and energy["rows"][0]["a"] == "12\xa0000"


def test_a_year_without_b_says_why_r_is_missing(world_a):
    statement = with_data(world_a)
    source = source_for(world_a.organisation)
    source.b_indicator.values.filter(year=2024).update(value=0)
    with translation.override("en"):
        rows = present(content.build(statement))["core_indicators"][0]["rows"]
    assert (rows[1]["r"], rows[1]["gap"]) == (None, "Not reported: B is zero or negative.")
    assert rows[2]["change"] is None
