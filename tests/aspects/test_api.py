"""The aspects API: reads scoped, writes through the services, scoring, criteria for coordinators."""

from django.utils import timezone

from hallbar.accounts.roles import Role
from hallbar.actions.services import create_action
from hallbar.aspects import services
from hallbar.aspects.models import Activity, Aspect, AspectReview, SignificanceCriterion
from tests.plans.factories import GoalFactory

from .factories import AspectFactory, aspect_for


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_aspects_are_scoped_filtered_and_carry_their_significance(world_a, world_b, api):
    mine = aspect_for(world_a.organisation, world_a.unit)
    aspect_for(world_b.organisation, world_b.unit)
    direct = AspectFactory(activity__organisation=world_a.organisation, condition="emergency")
    client = api(world_a.user(Role.READER))
    assert ids(client.get("/api/v1/aspects/")) == {mine.pk, direct.pk}
    assert ids(client.get("/api/v1/aspects/?is_significant=true")) == {mine.pk}
    assert ids(client.get("/api/v1/aspects/?influence=indirect&channel=procurement")) == {mine.pk}
    assert ids(client.get("/api/v1/aspects/?condition=emergency")) == {direct.pk}
    assert ids(client.get("/api/v1/aspects/?is_handled=false")) == {direct.pk}
    assert ids(client.get(f"/api/v1/aspects/?unit={world_a.unit.pk}")) == {mine.pk}
    assert client.get("/api/v1/aspects/?channel=bogus").status_code == 400
    row = client.get(f"/api/v1/aspects/{mine.pk}/").json()
    assert (row["result"], row["is_significant"], row["is_handled"], len(row["scores"])) == (20, True, True, 5)
    assert ids(client.get("/api/v1/activities/")) == {mine.activity_id, direct.activity_id}
    assert len(ids(client.get("/api/v1/significance-criteria/"))) == 5
    assert ids(client.get("/api/v1/aspect-reviews/")) == set(
        AspectReview.objects.filter(organisation=world_a.organisation).values_list("pk", flat=True)
    )


def test_activities_and_aspects_are_written_through_the_services(world_a, world_b, api):
    client = api(world_a.user(Role.EDITOR))
    data = {"organisation": world_a.organisation.pk, "unit": world_a.unit.pk, "name": "Vinterväghållning"}
    response = client.post("/api/v1/activities/", data, format="json")
    assert response.status_code == 201, response.content
    activity = Activity.objects.get(pk=response.json()["id"])
    assert client.post("/api/v1/activities/", {**data, "unit": world_a.sibling.pk}, format="json").status_code == 403

    aspect = {"activity": activity.pk, "name": "Saltning", "impact": "Påverkan på grundvatten", "influence": "indirect"}
    response = client.post("/api/v1/aspects/", aspect, format="json")
    assert response.status_code == 400 and "channel" in response.json()
    foreign_goal = GoalFactory(plan__organisation=world_b.organisation)
    response = client.post(
        "/api/v1/aspects/", {**aspect, "channel": "other", "goals": [foreign_goal.pk]}, format="json"
    )
    assert response.status_code == 400 and "goals" in response.json()
    response = client.post("/api/v1/aspects/", {**aspect, "channel": "other", "is_significant": True}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["is_significant"] is False and response.json()["result"] is None

    created = Aspect.objects.get(pk=response.json()["id"])
    response = client.delete(f"/api/v1/activities/{activity.pk}/")
    assert response.status_code == 400 and "Saltning" in response.json()["detail"]
    create_action(organisation=world_a.organisation, title="Saltsilo", reason=created)
    response = client.delete(f"/api/v1/aspects/{created.pk}/")
    assert response.status_code == 400 and "1 action: Saltsilo" in response.json()["detail"]


def test_scoring_through_the_api(world_a, api):
    aspect = AspectFactory(activity__organisation=world_a.organisation, activity__unit=world_a.unit)
    services.ensure_settings(world_a.organisation)
    criteria = services.active_criteria(world_a.organisation)
    scores = [{"criterion": criterion.pk, "score": 5} for criterion in criteria]
    url = f"/api/v1/aspects/{aspect.pk}/score/"
    assert (
        api(world_a.user(Role.READER)).post(url, {"scores": scores, "rationale": "x"}, format="json").status_code == 403
    )
    client = api(world_a.user(Role.EDITOR))
    response = client.post(url, {"scores": scores[:4], "rationale": "Mätt."}, format="json")
    assert response.status_code == 400 and "Score every active criterion" in str(response.json())
    response = client.post(url, {"scores": scores, "rationale": ""}, format="json")
    assert response.status_code == 400 and "rationale" in response.json()
    response = client.post(url, {"scores": scores, "rationale": "Mätt av energisamordnaren."}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["result"], body["is_significant"], body["is_handled"]) == (25, True, False)

    response = client.patch(f"/api/v1/aspects/{aspect.pk}/", {"impact": "Klimat"}, format="json")
    assert response.status_code == 400 and "must be handled" in str(response.json())
    control = {"operational_control": "Månatlig energiuppföljning.", "impact": "Klimat"}
    response = client.patch(f"/api/v1/aspects/{aspect.pk}/", control, format="json")
    assert response.status_code == 200 and response.json()["is_handled"] is True


def test_criteria_are_changed_by_coordinators_only(world_a, api):
    aspect_for(world_a.organisation, world_a.unit)
    data = {"organisation": world_a.organisation.pk, "name_sv": "Vatten", "order": 6}
    assert api(world_a.user(Role.EDITOR)).post("/api/v1/significance-criteria/", data, format="json").status_code == 403
    client = api(world_a.user(Role.COORDINATOR))
    response = client.post("/api/v1/significance-criteria/", data, format="json")
    assert response.status_code == 201, response.content
    created = response.json()["id"]
    used = SignificanceCriterion.objects.get(organisation=world_a.organisation, key="legal")
    response = client.delete(f"/api/v1/significance-criteria/{used.pk}/")
    assert response.status_code == 400 and "significance score" in response.json()["detail"]
    assert client.delete(f"/api/v1/significance-criteria/{created}/").status_code == 204


def test_reviews_are_recorded_by_the_caller(world_a, api):
    client = api(world_a.user(Role.EDITOR))
    data = {"organisation": world_a.organisation.pk, "unit": world_a.unit.pk, "notes": "Genomgång."}
    response = client.post("/api/v1/aspect-reviews/", data, format="json")
    assert response.status_code == 201, response.content
    review = AspectReview.objects.get()
    assert (review.reviewed_by, review.date) == (world_a.user(Role.EDITOR), timezone.localdate())
    assert client.post("/api/v1/aspect-reviews/", {**data, "unit": None}, format="json").status_code == 403
    assert client.patch(f"/api/v1/aspect-reviews/{review.pk}/", {"notes": "x"}, format="json").status_code == 405
