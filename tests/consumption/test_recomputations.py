"""Recomputing the footprint in the background: asked for on the results page or started by an own factor,
with its progress on the page and how it ended."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hallbar.accounts.roles import Role
from hallbar.consumption import services
from hallbar.consumption.models import Recomputation

from .factories import imported_for


@pytest.fixture
def imported(world_a):
    return imported_for(world_a.organisation, world_a.unit)


def test_a_recomputation_records_how_it_ended(world_a, imported):
    job = services.start_recompute(world_a.organisation, world_a.user(Role.COORDINATOR))
    assert job.status == Recomputation.Status.QUEUED and not job.is_finished
    job = services.run_recompute(job)
    assert job.status == Recomputation.Status.DONE and job.total_count == imported.aggregates.count()
    assert job.finished_at is not None and job.requested_by == world_a.user(Role.COORDINATOR)


def test_a_recomputation_is_run_once(world_a, imported):
    job = services.run_recompute(services.start_recompute(world_a.organisation, None))
    Recomputation.objects.filter(pk=job.pk).update(total_count=0)
    assert services.run_recompute(job).total_count == 0  # a task delivered twice does nothing


def test_a_year_without_a_price_index_is_refused_before_it_is_queued(world_a, imported):
    settings = services.settings_for(world_a.organisation)
    settings.price_index = {"2023": 100}
    settings.save()
    with pytest.raises(ValidationError, match="no value for 2024"):
        services.start_recompute(world_a.organisation, None)
    assert not Recomputation.objects.exists()


def test_a_failed_recomputation_says_why_on_the_results_page(client_for, world_a, imported, monkeypatch):
    def refuse(organisation):
        raise ValidationError("The price index has no value for 2024.")

    monkeypatch.setattr(services, "recompute", refuse)
    job = services.run_recompute(services.start_recompute(world_a.organisation, None))
    assert job.status == Recomputation.Status.FAILED and job.message == "The price index has no value for 2024."
    page = client_for(world_a.user(Role.READER)).get(reverse("consumption:overview")).content.decode()
    assert "failed, and the figures below are unchanged" in page and "no value for 2024" in page


def test_the_progress_polls_until_the_recomputation_has_ended(client_for, world_a, imported):
    client = client_for(world_a.user(Role.READER))
    job = services.start_recompute(world_a.organisation, None)
    page = client.get(reverse("consumption:overview")).content.decode()
    assert f'hx-get="{job.get_absolute_url()}"' in page and "<progress" in page
    polled = client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true")
    assert polled.status_code == 200 and "<progress" in polled.content.decode()
    services.run_recompute(job)
    assert client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true")["HX-Refresh"] == "true"
    assert client.get(job.get_absolute_url()).status_code == 302  # not a page of its own


def test_saving_an_own_factor_starts_a_recomputation_without_a_requester(world_a, imported):
    from .factories import own_factor_for

    own_factor_for(world_a.organisation)
    job = Recomputation.objects.get(organisation=world_a.organisation)
    assert job.requested_by is None


def test_another_organisations_recomputation_is_not_found(client_for, world_a, world_b):
    job = services.start_recompute(world_b.organisation, None)
    response = client_for(world_a.user(Role.ADMINISTRATOR)).get(job.get_absolute_url(), HTTP_HX_REQUEST="true")
    assert response.status_code == 404
