"""Deleting a climate budget, a measure and a sector responsibility through the pages: refused with the
service's reason (actions started, an adopted budget), otherwise deleted, and back where the user came from."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from hallbar.accounts.roles import Role
from hallbar.climate import budget_services
from hallbar.climate.models import ClimateBudget, Measure, SectorResponsibility

from .budget_data import hand_budget_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def _url(name, pk):
    return reverse(f"climate:{name}", args=[pk])


def _said(response) -> str:
    """The newest message (unread ones from earlier redirects, never followed here, come first)."""
    return [str(message) for message in get_messages(response.wsgi_request)][-1]


def test_a_measure_with_actions_is_kept_and_one_without_is_deleted(hand_budget, client_for):
    client = client_for(hand_budget.world.user(Role.COORDINATOR))
    budget_url = hand_budget.budget.get_absolute_url()
    budget_services.add_action(hand_budget.buses, title="Upphandla elbussar")
    assert client.get(_url("budget-measure-delete", hand_budget.buses.pk)).status_code == 200  # the confirmation
    response = client.post(_url("budget-measure-delete", hand_budget.buses.pk))
    assert response.status_code == 302 and response.url == budget_url
    assert _said(response) == "The measure cannot be deleted: actions were started for it."
    assert Measure.objects.filter(pk=hand_budget.buses.pk).exists()
    response = client.post(_url("budget-measure-delete", hand_budget.heat_pumps.pk))
    assert response.url == budget_url and _said(response) == f"{hand_budget.heat_pumps} was deleted."
    assert not Measure.objects.filter(pk=hand_budget.heat_pumps.pk).exists()


def test_a_responsibility_is_removed_by_its_button_only(hand_budget, client_for):
    client = client_for(hand_budget.world.user(Role.COORDINATOR))
    responsibility = hand_budget.budget.responsibilities.first()
    url = _url("budget-responsibility-delete", responsibility.pk)
    assert client.get(url).status_code == 405  # no confirmation page: a button on the budget's page
    response = client.post(url)
    assert response.url == hand_budget.budget.get_absolute_url()
    assert _said(response) == f"{responsibility} was deleted."
    assert not SectorResponsibility.objects.filter(pk=responsibility.pk).exists()


def test_an_adopted_budget_keeps_its_parts_and_a_draft_is_deleted(hand_budget, client_for):
    client = client_for(hand_budget.world.user(Role.COORDINATOR))
    budget = hand_budget.budget
    responsibility = budget.responsibilities.first()
    budget_services.adopt(budget, user=None)
    response = client.post(_url("budget-responsibility-delete", responsibility.pk))
    assert response.url == budget.get_absolute_url() and "it is adopted" in _said(response)
    assert SectorResponsibility.objects.filter(pk=responsibility.pk).exists()
    response = client.post(_url("budget-delete", budget.pk))
    assert response.url == budget.get_absolute_url() and "it is adopted" in _said(response)
    ClimateBudget.objects.filter(pk=budget.pk).update(status=ClimateBudget.Status.DRAFT)
    response = client.post(_url("budget-delete", budget.pk))
    assert response.url == reverse("climate:budget-list") and _said(response) == f"{budget} was deleted."
    assert not ClimateBudget.objects.filter(pk=budget.pk).exists()
