from django.urls import reverse
from django.utils import translation

from hallbar.accounts.roles import Role
from hallbar.chemicals.models import PhaseOutSubstance

from .factories import screening_for


def test_screenings_and_articles_with_matches(world_a, world_b, client_for):
    screening = screening_for(world_a.organisation, world_a.unit)
    screening_for(world_b.organisation, world_b.unit)
    client = client_for(world_a.user(Role.READER))
    screenings = client.get(reverse("v1:chemical-screening-list")).json()
    assert [s["id"] for s in screenings["results"]] == [screening.pk]
    articles = client.get(reverse("v1:screened-article-list"), {"screening": screening.pk}).json()["results"]
    flagged = next(a for a in articles if a["is_flagged"])
    assert flagged["matches"][0]["identifier"] == "141-62-8"
    lists = client.get(reverse("v1:substance-list-list")).json()["results"]
    assert lists[0]["loaded_entries"] == 50 and lists[0]["total_entries"] == 251


def test_phase_out_substances_are_written_through_the_service(world_a, client_for):
    url = reverse("v1:phase-out-substance-list")
    data = {"organisation": world_a.organisation.pk, "name": "Kadmium", "cas_number": "7440-43-8", "reason": "Beslut"}
    client = client_for(world_a.user(Role.COORDINATOR))
    with translation.override("en"):
        response = client.post(url, data, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "cas_number" in response.json()
    response = client.post(url, {**data, "cas_number": "7440-43-9"}, content_type="application/json")
    assert response.status_code == 201
    editor = client_for(world_a.user(Role.EDITOR))
    response = editor.post(url, {**data, "cas_number": "50-00-0"}, content_type="application/json")
    assert response.status_code == 403
    assert PhaseOutSubstance.objects.count() == 1
