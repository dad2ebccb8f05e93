"""The maturity API: scoped reads, writes through the services, the workflow, the result."""

from hallbar.accounts.roles import Role
from hallbar.maturity.matrix import load_matrix
from hallbar.maturity.models import Answer, Assessment

from .factories import assessment_for, completed

FOCUS = "urn:hallbar:maturity-ms:focus"


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_lists_are_scoped_and_filtered(world_a, world_b, api):
    mine = assessment_for(world_a.organisation, world_a.unit)
    earlier = Assessment.objects.get(organisation=world_a.organisation, year=2025)
    whole = completed(world_a.organisation, None, 2024)
    foreign = assessment_for(world_b.organisation, world_b.unit)
    client = api(world_a.user(Role.READER))
    assert ids(client.get("/api/v1/maturity-assessments/")) == {mine.pk, earlier.pk, whole.pk}
    assert ids(client.get("/api/v1/maturity-assessments/?year=2026")) == {mine.pk}
    assert ids(client.get("/api/v1/maturity-assessments/?unit=0")) == {whole.pk}
    assert ids(client.get(f"/api/v1/maturity-assessments/?unit={world_a.unit.pk}&status=completed")) == {earlier.pk}
    assert client.get("/api/v1/maturity-assessments/?status=bogus").status_code == 400
    assert client.get(f"/api/v1/maturity-assessments/{foreign.pk}/").status_code == 404
    answers = client.get(f"/api/v1/maturity-answers/?assessment={mine.pk}").json()
    assert answers["count"] == len(load_matrix().questions)
    assert answers["results"][0]["dimension"] == FOCUS and answers["results"][0]["stage"] == 2
    assert client.get(f"/api/v1/maturity-answers/?assessment={foreign.pk}").json()["count"] == 0


def test_the_result(world_a, api):
    mine = assessment_for(world_a.organisation, world_a.unit)
    response = api(world_a.user(Role.READER)).get(f"/api/v1/maturity-assessments/{mine.pk}/result/")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["summary"] == {"total": 9, "assessed": 9, "mean": "2.3", "lowest": 1, "highest": 4}
    assert body["previous"]["year"] == 2025 and body["mean_change"] == "1.0"
    matrix_part, conditions = body["parts"]
    assert matrix_part["urn"] == "urn:hallbar:maturity-ms:matrix" and matrix_part["mean_change"] == "0.7"
    focus = matrix_part["questions"][0]
    assert (focus["urn"], focus["stage"], focus["previous_stage"], focus["change"], focus["next_stage"]) == (
        FOCUS,
        2,
        1,
        1,
        3,
    )
    assert focus["next_step"].startswith("Choose a few social and economic issues")
    assert conditions["questions"][-1]["next_stage"] is None


def test_create_answer_complete_and_reopen(world_a, api):
    client = api(world_a.user(Role.EDITOR))
    data = {"organisation": world_a.organisation.pk, "unit": world_a.unit.pk, "year": 2026}
    response = client.post("/api/v1/maturity-assessments/", data, format="json")
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert response.json()["status"] == "draft"
    response = client.post("/api/v1/maturity-assessments/", data, format="json")
    assert response.status_code == 400
    assert response.json()["non_field_errors"] == ["This unit already has a maturity assessment for that year."]
    refused = client.post("/api/v1/maturity-assessments/", {**data, "unit": None}, format="json")
    assert refused.status_code == 403  # an editor of a unit does not assess the whole organisation

    answer = {"assessment": pk, "dimension": FOCUS, "stage": 3, "comment": "Indirekt påverkan ingår"}
    response = client.post("/api/v1/maturity-answers/", answer, format="json")
    assert response.status_code == 201, response.content
    answer_id = response.json()["id"]
    response = client.post("/api/v1/maturity-answers/", {**answer, "stage": 2}, format="json")
    assert response.json()["id"] == answer_id  # the same question again updates its answer
    assert client.post("/api/v1/maturity-answers/", {**answer, "stage": 5}, format="json").status_code == 400
    response = client.post("/api/v1/maturity-answers/", {**answer, "stage": None, "comment": ""}, format="json")
    assert response.status_code == 400 and response.json()["non_field_errors"] == ["Give a stage, a comment or both."]

    response = client.post(f"/api/v1/maturity-assessments/{pk}/complete/")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("The assessment cannot be completed: no stage is chosen for Scope")
    for question in load_matrix().questions[1:]:
        answer = {"assessment": pk, "dimension": question.item.urn, "stage": 1}
        assert client.post("/api/v1/maturity-answers/", answer, format="json").status_code == 201
    response = client.post(f"/api/v1/maturity-assessments/{pk}/complete/")
    assert response.status_code == 200 and response.json()["status"] == "completed"

    assert client.patch(f"/api/v1/maturity-answers/{answer_id}/", {"stage": 4}, format="json").status_code == 400
    assert client.patch(f"/api/v1/maturity-assessments/{pk}/", {"notes": "x"}, format="json").status_code == 400
    response = client.delete(f"/api/v1/maturity-assessments/{pk}/")
    assert response.status_code == 400
    assert response.json()["non_field_errors"] == ["A completed assessment cannot be deleted. Reopen it first."]

    response = client.post(f"/api/v1/maturity-assessments/{pk}/reopen/")
    assert response.status_code == 200 and response.json()["status"] == "draft"
    assert client.patch(f"/api/v1/maturity-answers/{answer_id}/", {"stage": 4}, format="json").status_code == 200
    assert client.delete(f"/api/v1/maturity-answers/{answer_id}/").status_code == 204
    assert not Answer.objects.filter(pk=answer_id).exists()
    assert client.delete(f"/api/v1/maturity-assessments/{pk}/").status_code == 204
    assert not Assessment.objects.exists()


def test_readers_and_other_units_do_not_write(world_a, world_b, api):
    sibling = assessment_for(world_a.organisation, world_a.sibling)
    editor = api(world_a.user(Role.EDITOR))
    assert editor.post(f"/api/v1/maturity-assessments/{sibling.pk}/complete/").status_code == 403
    answer = {"assessment": sibling.pk, "dimension": FOCUS, "stage": 4}
    assert editor.post("/api/v1/maturity-answers/", answer, format="json").status_code == 403
    reader = api(world_a.user(Role.READER))
    assert reader.patch(f"/api/v1/maturity-assessments/{sibling.pk}/", {"notes": "x"}, format="json").status_code == 403
    foreign = assessment_for(world_b.organisation)
    coordinator = api(world_a.user(Role.COORDINATOR))
    answer = {"assessment": foreign.pk, "dimension": FOCUS, "stage": 4}
    response = coordinator.post("/api/v1/maturity-answers/", answer, format="json")
    assert response.status_code == 400 and "assessment" in response.json()
    assert coordinator.post(f"/api/v1/maturity-assessments/{foreign.pk}/reopen/").status_code == 404
    moved = {"organisation": world_b.organisation.pk}
    assert coordinator.patch(f"/api/v1/maturity-assessments/{sibling.pk}/", moved, format="json").status_code == 400
