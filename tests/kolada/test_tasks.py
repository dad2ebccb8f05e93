"""Background fetching: "Fetch now", the daily refresh, and the kolada_refresh command."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from hallbar.core.jobs import daily_jobs
from hallbar.indicators.models import IndicatorValue
from hallbar.kolada import services, tasks
from hallbar.kolada.models import FetchStatus
from tests.factories import OrganisationFactory
from tests.indicators.factories import IndicatorFactory

from .conftest import FakeTransport
from .factories import link_to_municipality, peer_group_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def offline(monkeypatch, make_client):
    """Every client the services make serves the recorded responses."""
    monkeypatch.setattr(services, "default_client", lambda: make_client())


@pytest.fixture
def stockholm():
    organisation = link_to_municipality(OrganisationFactory(), "0180")
    peer_group_for(organisation)
    IndicatorFactory(organisation=organisation, kolada_kpi="N00945")
    return organisation


def test_fetch_now_task_fetches_and_writes(offline, stockholm):
    result = tasks.refresh_organisation_values.enqueue(stockholm.pk)
    assert result.return_value == "21 indicator values written, 0 own values kept"
    assert IndicatorValue.objects.filter(organisation=stockholm).count() == 21


def test_fetch_now_task_records_a_failure_without_failing(monkeypatch, make_client, sleeps, stockholm):
    monkeypatch.setattr(services, "default_client", lambda: make_client(transport=FakeTransport(routes={})))
    result = tasks.refresh_organisation_values.enqueue(stockholm.pk)
    assert result.return_value == "failed: http"  # the recorded routes are empty: 404
    assert FetchStatus.objects.get(organisation=stockholm).error == FetchStatus.Error.HTTP


def test_the_refresh_is_a_daily_job(offline, stockholm):
    assert daily_jobs()["hallbar.kolada.tasks.refresh_all_values"] is tasks.refresh_all_values
    result = tasks.refresh_all_values.enqueue()
    assert result.return_value.startswith("Kolada: 63 values for 1 KPIs")
    assert IndicatorValue.objects.filter(organisation=stockholm).count() == 21


def test_the_command_refreshes_everything_or_one_organisation(offline, stockholm):
    out = StringIO()
    call_command("kolada_refresh", stdout=out)
    assert "63 values for 1 KPIs" in out.getvalue()
    call_command("kolada_refresh", "--organisation", stockholm.slug, stdout=out)
    assert "0 values written" in out.getvalue()  # nothing changed since the first run
    with pytest.raises(CommandError, match="No organisation"):
        call_command("kolada_refresh", "--organisation", "no-such-organisation")


def test_the_command_fails_loudly_when_kolada_is_down(monkeypatch, make_client, stockholm, sleeps):
    def down(url, timeout):
        raise TimeoutError("timed out")

    monkeypatch.setattr(services, "default_client", lambda: make_client(transport=down))
    with pytest.raises(CommandError, match="timed out"):
        call_command("kolada_refresh")
