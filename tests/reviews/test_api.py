"""The reviews API: read only, scoped to the caller's organisations, with filters."""

from hallbar.accounts.roles import Role
from hallbar.reviews.models import Status

from .factories import DecisionFactory, ReviewFactory, management_review_for


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_reviews_are_read_with_their_inputs_conclusions_and_decisions(world_a, world_b, api):
    review = management_review_for(world_a.organisation, world_a.unit)
    approved = ReviewFactory(
        organisation=world_a.organisation, status=Status.APPROVED, date=review.date.replace(year=2020)
    )
    foreign = ReviewFactory(organisation=world_b.organisation)
    client = api(world_a.user(Role.READER))
    earlier = review.organisation.management_reviews.get(title="Ledningens genomgång 2025")
    assert ids(client.get("/api/v1/management-reviews/")) == {review.pk, approved.pk, earlier.pk}
    assert ids(client.get("/api/v1/management-reviews/?status=approved")) == {approved.pk}
    assert ids(client.get("/api/v1/management-reviews/?year=2020")) == {approved.pk}
    assert client.get("/api/v1/management-reviews/?status=bogus").status_code == 400
    assert client.get(f"/api/v1/management-reviews/{foreign.pk}/").status_code == 404
    row = client.get(f"/api/v1/management-reviews/{review.pk}/").json()
    assert row["status"] == "preparation" and row["period_end"] == review.period_end.isoformat()
    assert row["inputs"]["sections"]["aspects"]["significant"][0]["name"] == "Energianvändning i byggnader"
    assert [decision["kind"] for decision in row["decisions"]] == ["resources"]


def test_decisions_are_read_and_filtered(world_a, world_b, api):
    review = ReviewFactory(organisation=world_a.organisation)
    decision = DecisionFactory(review=review, kind="resources")
    other = DecisionFactory(review=ReviewFactory(organisation=world_a.organisation), kind="other")
    foreign = DecisionFactory(review=ReviewFactory(organisation=world_b.organisation))
    client = api(world_a.user(Role.AUDITOR))
    assert ids(client.get("/api/v1/review-decisions/")) == {decision.pk, other.pk}
    assert ids(client.get(f"/api/v1/review-decisions/?review={review.pk}")) == {decision.pk}
    assert ids(client.get("/api/v1/review-decisions/?kind=other")) == {other.pk}
    assert client.get(f"/api/v1/review-decisions/{foreign.pk}/").status_code == 404


def test_the_api_does_not_write_reviews(world_a, api):
    review = ReviewFactory(organisation=world_a.organisation)
    client = api(world_a.user(Role.ADMINISTRATOR))
    assert client.post("/api/v1/management-reviews/", {"title": "Ny"}).status_code == 405
    assert client.patch(f"/api/v1/management-reviews/{review.pk}/", {"title": "Ändrad"}).status_code == 405
    assert client.delete(f"/api/v1/management-reviews/{review.pk}/").status_code == 405
