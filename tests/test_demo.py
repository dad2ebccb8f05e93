"""The demo builds from real data, twice without duplicating anything, and its pages render."""

from django.core import mail
from django.urls import reverse

from hallbar.accounts.models import User
from hallbar.actions.models import Action
from hallbar.demo import build_demo
from hallbar.indicators.models import Indicator
from hallbar.plans.models import Plan
from hallbar.plans.queries import plan_tree
from hallbar.reporting.models import ReportingRound


def test_the_demo_has_real_series_and_is_idempotent(db, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        logins = build_demo()
    build_demo()
    assert len(logins) == 6
    plan = Plan.objects.get()
    territorial = Indicator.objects.get(title="Territoriella utsläpp av växthusgaser")
    # SMHI, Linköping: 736 445 t in 2024 (2026 release).
    assert territorial.values.get(year=2024).value == 736445
    statuses = {
        target.title: target.assessment.status
        for area in plan_tree(plan)["focus_areas"]
        for goal in area["goals"]
        for target in goal.targets.all()
    }
    assert statuses["Territoriella utsläpp minskar med 80 procent från 2020"] == "off_track"
    assert statuses["Konsumtionsbaserade utsläpp under 3 ton per invånare"] == "not_enough_data"
    assert Action.objects.count() == 6 and ReportingRound.objects.count() == 2
    assert mail.outbox  # submitting reports told the coordinators

    client.force_login(User.objects.get(email="samordnare@demo.hallbar.se"))
    for url in (
        reverse("web:dashboard"),
        plan.get_absolute_url(),
        plan.goals.first().get_absolute_url(),
        territorial.get_absolute_url(),
        ReportingRound.objects.get(title="Tertial 1 2026").get_absolute_url(),
    ):
        assert client.get(url).status_code == 200, url
    peers = client.get(territorial.get_absolute_url()).context["peers"]
    assert peers["peer_count"] == 22 and peers["rows"][-1].year == 2024 and peers["rows"][-1].own == 736445.343
