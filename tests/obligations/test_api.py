"""The obligations API: reads scoped and filtered, writes through the services, evaluations recorded only."""

from datetime import timedelta

import pytest
from django.utils import timezone

from hallbar.accounts.roles import Role
from hallbar.nonconformities.queries import for_source
from hallbar.obligations import services
from hallbar.obligations.models import Evaluation, Obligation

from .factories import EvaluationFactory, ObligationFactory, obligation_for


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_list_and_filters_are_scoped(world_a, world_b, api):
    evaluated = obligation_for(world_a.organisation, world_a.unit)
    obligation_for(world_b.organisation, world_b.unit)
    late = ObligationFactory(
        organisation=world_a.organisation, kind="permit", next_evaluation_date=timezone.localdate() - timedelta(days=1)
    )
    client = api(world_a.user(Role.READER))
    assert ids(client.get("/api/v1/obligations/")) == {evaluated.pk, late.pk}
    assert ids(client.get("/api/v1/obligations/?overdue=true")) == {late.pk}
    assert ids(client.get("/api/v1/obligations/?kind=permit")) == {late.pk}
    assert ids(client.get("/api/v1/obligations/?last_result=partly")) == {evaluated.pk}
    assert ids(client.get("/api/v1/obligations/?last_result=none")) == {late.pk}
    assert ids(client.get(f"/api/v1/obligations/?responsible_unit={world_a.unit.pk}")) == {evaluated.pk}
    assert client.get("/api/v1/obligations/?kind=bogus").status_code == 400
    row = client.get(f"/api/v1/obligations/{late.pk}/").json()
    assert row["is_overdue"] is True and row["last_result"] == ""
    evaluation = evaluated.evaluations.get()
    assert ids(client.get(f"/api/v1/compliance-evaluations/?obligation={evaluated.pk}")) == {evaluation.pk}
    assert ids(client.get("/api/v1/compliance-evaluations/?result=met")) == set()


def test_create_and_update_go_through_the_services(world_a, world_b, api):
    client = api(world_a.user(Role.EDITOR))
    data = {
        "organisation": world_a.organisation.pk,
        "kind": "regulation",
        "reference": "NFS 2016:8",
        "title": "Mätning av utsläpp",
        "summary": "Vi ska mäta och rapportera utsläpp.",
        "responsible_unit": world_a.unit.pk,
        "applies_to_units": [world_a.unit.pk],
        "evaluation_interval_months": 6,
    }
    response = client.post("/api/v1/obligations/", data, format="json")
    assert response.status_code == 201, response.content
    obligation = Obligation.objects.get(pk=response.json()["id"])
    assert obligation.next_evaluation_date == services.add_months(timezone.localdate(), 6)
    assert list(obligation.applies_to_units.all()) == [world_a.unit]

    assert (
        client.post("/api/v1/obligations/", {**data, "responsible_unit": world_a.sibling.pk}, format="json").status_code
        == 403
    )
    response = client.post("/api/v1/obligations/", {**data, "applies_to_units": [world_b.unit.pk]}, format="json")
    assert response.status_code == 400 and "applies_to_units" in response.json()
    response = client.post("/api/v1/obligations/", {**data, "evaluation_interval_months": 0}, format="json")
    assert response.status_code == 400 and "evaluation_interval_months" in response.json()
    assert Obligation.objects.count() == 1

    response = client.patch(f"/api/v1/obligations/{obligation.pk}/", {"status": "repealed"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "repealed"
    response = client.patch(
        f"/api/v1/obligations/{obligation.pk}/", {"organisation": world_b.organisation.pk}, format="json"
    )
    assert response.status_code == 400


def test_guarded_delete(world_a, api):
    client = api(world_a.user(Role.COORDINATOR))
    evaluated = EvaluationFactory(obligation__organisation=world_a.organisation).obligation
    response = client.delete(f"/api/v1/obligations/{evaluated.pk}/")
    assert response.status_code == 400 and "1 compliance evaluation" in response.json()["dependents"][0]
    fresh = ObligationFactory(organisation=world_a.organisation)
    assert client.delete(f"/api/v1/obligations/{fresh.pk}/").status_code == 204


def test_recording_an_evaluation(world_a, api):
    obligation = ObligationFactory(organisation=world_a.organisation, responsible_unit=world_a.unit)
    editor = world_a.user(Role.EDITOR)
    client = api(editor)
    response = client.post(
        "/api/v1/compliance-evaluations/",
        {"obligation": obligation.pk, "result": "not_met", "findings": "Tillståndet följs inte."},
        format="json",
    )
    assert response.status_code == 201, response.content
    evaluation = Evaluation.objects.get(pk=response.json()["id"])
    assert evaluation.evaluator == editor and evaluation.date == timezone.localdate()
    assert for_source(evaluation).get().reported_by == editor
    obligation.refresh_from_db()
    assert obligation.last_result == "not_met"

    response = client.post(
        "/api/v1/compliance-evaluations/", {"obligation": obligation.pk, "result": "partly"}, format="json"
    )
    assert response.status_code == 400 and response.json()["findings"] == ["Describe what is not met."]
    assert (
        client.patch(f"/api/v1/compliance-evaluations/{evaluation.pk}/", {"findings": "x"}, format="json").status_code
        == 405
    )
    assert client.delete(f"/api/v1/compliance-evaluations/{evaluation.pk}/").status_code == 405


@pytest.mark.parametrize("role", [Role.READER, Role.AUDITOR])
def test_readers_cannot_record_evaluations(role, world_a, api):
    obligation = ObligationFactory(organisation=world_a.organisation)
    response = api(world_a.user(role)).post(
        "/api/v1/compliance-evaluations/", {"obligation": obligation.pk, "result": "met"}, format="json"
    )
    assert response.status_code == 403 and not Evaluation.objects.exists()


def test_editors_evaluate_only_obligations_of_their_units(world_a, api):
    other = ObligationFactory(organisation=world_a.organisation, responsible_unit=world_a.sibling)
    response = api(world_a.user(Role.EDITOR)).post(
        "/api/v1/compliance-evaluations/", {"obligation": other.pk, "result": "met"}, format="json"
    )
    assert response.status_code == 403 and not Evaluation.objects.exists()


def test_a_refusal_of_the_whole_record_is_a_non_field_error(world_a, api):
    # Every API module answers a service's refusal alike (api/errors.py): "__all__" is "non_field_errors".
    obligation = ObligationFactory(organisation=world_a.organisation, status="repealed")
    response = api(world_a.user(Role.COORDINATOR)).post(
        "/api/v1/compliance-evaluations/", {"obligation": obligation.pk, "result": "met"}, format="json"
    )
    assert response.status_code == 400 and "__all__" not in response.json()
    assert response.json()["non_field_errors"] == [
        "A repealed obligation is not evaluated. Make it active again first."
    ]
