"""Publishing item by item: the service and its rules, the history, the settings page and the toggle."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse

from hallbar.accounts.roles import Role
from hallbar.history.models import ChangeRecord
from hallbar.portal import services
from hallbar.portal.models import PortalSettings, Publication
from hallbar.portal.queries import publication_of
from tests.actions.factories import action_for
from tests.indicators.factories import indicator_for
from tests.plans.factories import plan_tree_for

pytestmark = pytest.mark.django_db


def test_publish_is_idempotent_and_unpublish_removes_it(world_a):
    goal = plan_tree_for(world_a.organisation).goals.get()
    user = world_a.user(Role.COORDINATOR)
    first = services.publish(goal, user=user)
    assert services.publish(goal, user=user) == first
    assert first.organisation == world_a.organisation and first.published_by == user
    assert Publication.objects.count() == 1
    assert services.unpublish(goal) is True
    assert services.unpublish(goal) is False
    assert not Publication.objects.exists()


def test_only_the_four_kinds_can_be_published(world_a):
    action = action_for(world_a.organisation)
    with pytest.raises(ValidationError, match="cannot be published"):
        services.publish(action)
    assert not Publication.objects.exists()


def test_publication_of_a_record_of_another_organisation_is_refused(world_a, world_b):
    indicator = indicator_for(world_b.organisation)
    publication = Publication(
        organisation=world_a.organisation,
        content_type=ContentType.objects.get_for_model(indicator),
        object_id=indicator.pk,
    )
    with pytest.raises(ValidationError, match="same organisation"):
        publication.full_clean()


def test_publishing_and_unpublishing_are_in_the_history(world_a):
    plan = plan_tree_for(world_a.organisation)
    publication = services.publish(plan)
    services.unpublish(plan)
    records = ChangeRecord.objects.filter(content_type__model="publication", object_id=str(publication.pk))
    assert sorted(records.values_list("action", flat=True)) == ["create", "delete"]
    assert all(record.organisation_id == world_a.organisation.pk for record in records)
    assert all(record.object_repr == plan.title for record in records)


def test_deleting_a_published_record_deletes_its_publication(world_a):
    indicator = indicator_for(world_a.organisation)
    services.publish(indicator)
    indicator.targets.update(indicator=None)
    indicator.values.all().delete()
    indicator.delete()
    assert not Publication.objects.exists()


def test_coordinator_publishes_from_the_toggle_and_is_sent_back(world_a, client):
    goal = plan_tree_for(world_a.organisation).goals.get()
    client.force_login(world_a.user(Role.COORDINATOR))
    page = client.get(goal.get_absolute_url())
    assert "Publish on the public portal" in page.content.decode()
    url = reverse("portal:publish", args=["plans.goal", goal.pk])
    response = client.post(url, {"publish": "1", "next": goal.get_absolute_url()})
    assert response.status_code == 302 and response["Location"] == goal.get_absolute_url()
    assert publication_of(goal).published_by == world_a.user(Role.COORDINATOR)
    assert "Unpublish" in client.get(goal.get_absolute_url()).content.decode()
    client.post(url, {"publish": "0", "next": "https://evil.example/"})
    assert publication_of(goal) is None


@pytest.mark.parametrize("role", [Role.EDITOR, Role.READER, Role.AUDITOR])
def test_only_coordinators_and_administrators_publish(world_a, client, role):
    goal = plan_tree_for(world_a.organisation).goals.get()
    client.force_login(world_a.user(role))
    assert "Publish on the public portal" not in client.get(goal.get_absolute_url()).content.decode()
    response = client.post(reverse("portal:publish", args=["plans.goal", goal.pk]), {"publish": "1"})
    assert response.status_code == 403
    assert publication_of(goal) is None
    assert client.get(reverse("portal:settings")).status_code == 403


def test_publishing_another_organisations_record_or_an_unknown_kind_is_not_found(world_a, world_b, client):
    goal = plan_tree_for(world_b.organisation).goals.get()
    client.force_login(world_a.user(Role.ADMINISTRATOR))
    assert client.post(reverse("portal:publish", args=["plans.goal", goal.pk]), {"publish": "1"}).status_code == 404
    action = action_for(world_a.organisation)
    assert (
        client.post(reverse("portal:publish", args=["actions.action", action.pk]), {"publish": "1"}).status_code == 404
    )
    assert client.get(reverse("portal:publish", args=["plans.goal", goal.pk])).status_code == 405
    assert not Publication.objects.exists()


def test_settings_page_saves_the_settings_and_lists_records_with_toggles(world_a, client):
    indicator = indicator_for(world_a.organisation)
    services.publish(indicator)
    client.force_login(world_a.user(Role.COORDINATOR))
    page = client.get(reverse("portal:settings")).content.decode()
    assert indicator.title in page and "Klimatplan" in page
    assert page.count("Unpublish") == 1  # only the indicator is published
    response = client.post(
        reverse("portal:settings"),
        {
            "is_enabled": "on",
            "licence": "cc0-1.0",
            "contact_email": "miljo@a.example.se",
            "compliance": "partial",
            "non_accessible_content": "Äldre PDF-filer",
            "assessed_on": "2026-11-30",
        },
    )
    assert response.status_code == 302
    saved = PortalSettings.objects.get(organisation=world_a.organisation)
    assert saved.is_enabled and saved.licence == "cc0-1.0" and saved.assessed_on.isoformat() == "2026-11-30"
    bad = client.post(reverse("portal:settings"), {"licence": "mit", "compliance": "partial", "contact_email": "x"})
    assert bad.status_code == 200
    assert "Enter a valid email address." in bad.content.decode()
