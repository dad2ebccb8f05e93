"""Background fetching: "Fetch now", the self-scheduling refresh, and the kolada_refresh command."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks import default_task_backend

from hallbar.indicators.models import IndicatorValue
from hallbar.kolada import services, tasks
from hallbar.kolada.models import FetchStatus, KoladaState
from tests.factories import OrganisationFactory
from tests.indicators.factories import IndicatorFactory

from .conftest import FakeTransport
from .factories import link_to_municipality, peer_group_for

pytestmark = pytest.mark.django_db

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


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


def test_the_immediate_backend_cannot_schedule():
    assert not default_task_backend.supports_defer
    assert tasks.schedule_next() is None
    assert KoladaState.get().next_refresh_at is None


@override_settings(TASKS=DUMMY, KOLADA_REFRESH_HOURS=12)
def test_the_scheduled_refresh_runs_and_enqueues_its_next_run(offline, stockholm, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = tasks.schedule_next(now=True)
    [queued] = default_task_backend.results
    assert queued.task.run_after == first and queued.args == [first.isoformat()]

    with django_capture_on_commit_callbacks(execute=True):
        summary = tasks.scheduled_refresh.call(first.isoformat())
    assert summary.startswith("Kolada: 63 values for 1 KPIs")
    assert IndicatorValue.objects.filter(organisation=stockholm).count() == 21
    following = KoladaState.get().next_refresh_at
    assert following - timezone.now() > timedelta(hours=11)
    assert default_task_backend.results[-1].task.run_after == following


@override_settings(TASKS=DUMMY)
def test_a_superseded_run_does_nothing(offline, stockholm, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        old = tasks.schedule_next(now=True)
        tasks.schedule_next(now=True)  # restarted: a new chain replaces the old one
    assert tasks.scheduled_refresh.call(old.isoformat()) == "superseded"
    assert not IndicatorValue.objects.exists()
    assert len(default_task_backend.results) == 2


@override_settings(TASKS=DUMMY)
def test_the_command_starts_the_schedule(django_capture_on_commit_callbacks):
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("kolada_refresh", "--schedule", stdout=out)
    assert "Scheduled Kolada refresh enqueued" in out.getvalue()
    assert len(default_task_backend.results) == 1


def test_the_command_refuses_to_schedule_without_a_deferring_backend():
    with pytest.raises(CommandError, match="cron"):
        call_command("kolada_refresh", "--schedule")


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
