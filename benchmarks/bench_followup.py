"""Follow-up pages at full size (issue 4): the dashboard, a goal page and an indicator page with peer
comparison, each beside a bare view that reads the same rows with plain ORM calls.

Run:  .venv/bin/python benchmarks/bench_followup.py           (SQLite: var/bench/followup.sqlite3)
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/hallbar_bench_followup \\
          .venv/bin/python benchmarks/bench_followup.py
      Options: --requests N (default 60, per page), --regenerate, --profile (cProfile of one request per page)

The first run generates the data set (see followup_data.py: 290 municipalities × 2,000 indicators ×
20 years, and 2,000 Kolada KPIs × 290 municipalities × 20 years) into its own database, which later
runs reuse (PostgreSQL: the database is dropped and created again by the generator). Requests go
through Django's test Client, logged in as the coordinator of Linköpings kommun. Prints a results
table; record it in docs/benchmarks.md with the command that made it.
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hallbar.settings.test")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench' / 'followup.sqlite3'}")

import django  # noqa: E402

django.setup()

import followup_data  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import path  # noqa: E402

BENCH_CODE = "0580"  # Linköping: 23 peers in its SKR group "Större stad"
TARGET_P95_MS, TARGET_RATIO = 100, 2.0


# Bare views: the same rows as the pages, plain ORM calls, a minimal response --------------------------


def bare_dashboard(request):
    from hallbar.accounts.models import Membership
    from hallbar.actions.models import Action
    from hallbar.history.models import ChangeRecord
    from hallbar.indicators.models import IndicatorValue
    from hallbar.organisations.models import OrganisationUnit
    from hallbar.plans.models import FocusArea, Goal, Plan, Target
    from hallbar.reporting.models import ReportingRound, UnitReport

    org = request.organisation
    plans = list(Plan.objects.filter(organisation=org, status="adopted").order_by("-valid_from_year", "title")[:5])
    goals = list(Goal.objects.filter(plan__in=plans))
    areas = list(FocusArea.objects.filter(plan__in=plans))
    targets = list(Target.objects.filter(goal__in=goals).values_list("goal_id", "indicator_id", "target_value"))
    values = list(
        IndicatorValue.objects.filter(indicator_id__in={t[1] for t in targets}, unit__isnull=True)
        .order_by()
        .values_list("indicator_id", "year", "value")
    )
    actions = list(Action.objects.filter(organisation=org).values("responsible_unit", "status").annotate(n=Count("pk")))
    units = OrganisationUnit.objects.in_bulk({row["responsible_unit"] for row in actions})
    rounds = list(ReportingRound.objects.filter(organisation=org).order_by("-deadline", "-pk")[:2])
    reports = list(UnitReport.objects.filter(round__in=rounds, status="approved").values_list("unit_id", "snapshot"))
    changes = list(ChangeRecord.objects.filter(organisation=org).order_by("-created_at", "-id")[:8])
    people = Membership.objects.filter(organisation=org, is_active=True).count()
    unit_count = OrganisationUnit.objects.filter(organisation=org, is_active=True).count()
    counts = (len(plans), len(goals), len(areas), len(targets), len(values), len(actions), len(units), len(reports))
    return HttpResponse(f"{counts} {len(changes)} {people} {unit_count}", content_type="text/plain")


def bare_goal(request, pk):
    from hallbar.indicators.models import IndicatorValue
    from hallbar.plans.models import Goal

    goal = Goal.objects.select_related("plan", "focus_area", "responsible_unit").get(
        pk=pk, plan__organisation=request.organisation
    )
    targets = list(goal.targets.select_related("indicator"))
    values = list(
        IndicatorValue.objects.filter(indicator_id__in={t.indicator_id for t in targets}, unit__isnull=True)
        .order_by()
        .values_list("indicator_id", "year", "value")
    )
    items, actions = list(goal.framework_items.all()), list(goal.actions.all())
    return HttpResponse(f"{len(targets)} {len(values)} {len(items)} {len(actions)}", content_type="text/plain")


def bare_indicator(request, pk):
    from hallbar.indicators.models import Indicator, IndicatorValue
    from hallbar.kolada.models import GroupMember, KpiValue, PeerGroup
    from hallbar.plans.models import Target

    org = request.organisation
    indicator = Indicator.objects.get(pk=pk, organisation=org)
    values = list(IndicatorValue.objects.filter(indicator=indicator, unit__isnull=True).order_by("year", "period"))
    targets = list(Target.objects.filter(indicator=indicator))
    group = PeerGroup.objects.filter(organisation=org).first()
    if group.basis == "group":
        codes = list(GroupMember.objects.filter(group_id=group.kolada_group_id).values_list("code", flat=True))
    else:
        codes = list(group.municipalities.values_list("code", flat=True))
    peers = list(
        KpiValue.objects.filter(
            kpi=indicator.kolada_kpi, gender="T", municipality_code__in=[org.official_code, *codes]
        ).values_list("municipality_code", "year", "value")
    )
    return HttpResponse(f"{len(values)} {len(targets)} {len(peers)}", content_type="text/plain")


def install_bare_urls() -> None:
    import hallbar.urls

    module = types.ModuleType("bench_followup_urls")
    module.urlpatterns = [
        path("bare/dashboard/", bare_dashboard),
        path("bare/goal/<int:pk>/", bare_goal),
        path("bare/indicator/<int:pk>/", bare_indicator),
        *hallbar.urls.urlpatterns,
    ]
    sys.modules[module.__name__] = module
    settings.ROOT_URLCONF = module.__name__
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]


# Timing -----------------------------------------------------------------------------------------------


def percentile(times: list[float], p: int) -> float:
    return statistics.quantiles(times, n=100, method="inclusive")[p - 1]


def measure(client: Client, urls: list[str], requests: int) -> dict:
    """Warm up on every URL that will be timed once, then time ``requests`` requests cycling through them."""
    for url in urls[:requests]:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(urls[0])
    query_count = len(queries)  # now: the captured list is read from the connection's log, cleared per request
    times = []
    for index in range(requests):
        started = time.perf_counter()
        response = client.get(urls[index % len(urls)])
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return {
        "p50": statistics.median(times),
        "p95": percentile(times, 95),
        "max": max(times),
        "queries": query_count,
    }


def profile(client: Client, url: str) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    client.get(url)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
    return out.getvalue()


def publish_plan(organisation) -> None:
    """Open Linköping's portal and publish its plan, goals and target indicators (idempotent)."""
    from hallbar.indicators.models import Indicator
    from hallbar.plans.models import Goal, Plan
    from hallbar.portal import services as portal_services
    from hallbar.portal.models import PortalSettings

    PortalSettings.objects.update_or_create(organisation=organisation, defaults={"is_enabled": True})
    for model, lookup in ((Plan, "organisation"), (Goal, "plan__organisation"), (Indicator, "organisation")):
        records = model.objects.filter(**{lookup: organisation})
        if model is Indicator:
            records = records.filter(targets__isnull=False).distinct()
        for record in records:
            portal_services.publish(record)


def timed(label: str, visitor: Client, urls: list[str], client: Client, bare: list[str], requests: int) -> list:
    """Two rows: with the cache switched off (``HALLBAR_CONTENT_CACHE_SECONDS=0``: nothing is stored, so
    every request builds the whole page, as the first after a change does), then with the cache (warmed by
    the first request of each URL). ``visitor`` requests the page, ``client`` (logged in) the bare view."""
    from django.test import override_settings

    with override_settings(HALLBAR_CONTENT_CACHE_SECONDS=0):
        fresh = (f"{label} (no cache)", measure(visitor, urls, requests), measure(client, bare, requests))
    return [fresh, (f"{label} (cached)", measure(visitor, urls, requests), measure(client, bare, requests))]


def portal_rows(organisation, goals: list[int], indicators: list[int], client: Client, requests: int) -> list[tuple]:
    """The public portal (issue 8): the goal and indicator pages without login, built afresh and from
    the cache, beside the same bare views (which log in)."""
    from hallbar.indicators.models import Indicator
    from hallbar.plans.models import Goal
    from hallbar.portal.publishable import public_url

    publish_plan(organisation)
    rows = []
    for label, model, pks, bare in (
        ("public goal page", Goal, goals, "/bare/goal/{}/"),
        ("public indicator page", Indicator, indicators, "/bare/indicator/{}/"),
    ):
        records = model.objects.in_bulk(pks)
        urls = [public_url(records[pk], organisation) for pk in pks]
        rows += timed(label, Client(), urls, client, [bare.format(pk) for pk in pks], requests)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--organisations", type=int, default=290, help="fewer only to check the generator quickly")
    options = parser.parse_args()
    vendor = connection.vendor
    if options.regenerate or not followup_data.is_complete(options.organisations):
        print(f"Generating the data set into {settings.DATABASES['default']['NAME']} ({vendor}) …", flush=True)
        started = time.perf_counter()
        followup_data.generate(BENCH_CODE, lambda line: print(line, flush=True), options.organisations)
        print(f"Generation took {time.perf_counter() - started:.0f} s", flush=True)
    print(f"Database size: {followup_data.database_size() / 2**30:.2f} GiB")

    from hallbar.accounts.models import User
    from hallbar.indicators.models import Indicator, IndicatorValue
    from hallbar.kolada.models import KpiValue, PeerGroup
    from hallbar.organisations.models import Municipality
    from hallbar.plans.models import Goal, Target

    install_bare_urls()
    user = User.objects.get(email="bench@example.se")
    organisation = user.memberships.get().organisation
    goals = list(Goal.objects.filter(plan__organisation=organisation).order_by("order").values_list("pk", flat=True))
    indicators = list(
        Target.objects.filter(goal__plan__organisation=organisation)
        .order_by("pk")
        .values_list("indicator_id", flat=True)
    )
    print(
        f"{IndicatorValue.objects.count():,} indicator values, {KpiValue.objects.count():,} Kolada values; "
        f"{organisation.name}: {Indicator.objects.filter(organisation=organisation).count():,} indicators, "
        f"{len(goals)} goals, {len(indicators)} indicators with targets\n",
        flush=True,
    )
    client = Client()
    client.force_login(user)
    pages = [
        ("dashboard", ["/"], ["/bare/dashboard/"]),
        ("goal page", [f"/plans/goals/{pk}/" for pk in goals], [f"/bare/goal/{pk}/" for pk in goals]),
        (
            "indicator page (peers: SKR group)",
            [f"/indicators/{pk}/" for pk in indicators],
            [f"/bare/indicator/{pk}/" for pk in indicators],
        ),
    ]
    rows = [row for label, urls, bare in pages for row in timed(label, client, urls, client, bare, options.requests)]
    rows += portal_rows(organisation, goals, indicators, client, options.requests)
    if options.profile:
        for label, urls, _bare in pages:
            print(f"--- {label}: {urls[0]}\n{profile(client, urls[0])}")

    group = PeerGroup.objects.get(organisation=organisation)
    try:  # the worst case: every municipality is a peer (5,800 Kolada rows per page)
        group.basis = PeerGroup.Basis.MUNICIPALITIES
        group.save(update_fields=["basis"])
        group.municipalities.set(Municipality.objects.all())
        _label, urls, bare = pages[2]
        rows += timed("indicator page (peers: all 290)", client, urls, client, bare, options.requests)
    finally:
        group.municipalities.clear()
        group.basis = PeerGroup.Basis.GROUP
        group.save(update_fields=["basis"])

    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"\nHållbar follow-up pages – {vendor}, Python {sys.version.split()[0]}, {options.requests} requests per page"
    )
    print(f"(load average at the end: {load} on {os.cpu_count()} cores)\n")
    columns = ("page", "backend", "p50", "p95", "max", "bare p50", "bare p95", "ratio", "queries", "target")
    widths = (44, 10, 6, 6, 6, 8, 8, 5, 7, 6)
    print("| " + " | ".join(f"{name:{width}}" for name, width in zip(columns, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (width + 2) for width in widths) + "|")
    for label, page, bare in rows:
        ratio = page["p95"] / bare["p95"]
        met = "met" if page["p95"] < TARGET_P95_MS and ratio <= TARGET_RATIO else "MISSED"
        cells = (
            label,
            vendor,
            *(f"{page[key]:.1f}" for key in ("p50", "p95", "max")),
            *(f"{bare[key]:.1f}" for key in ("p50", "p95")),
            f"{ratio:.2f}",
            f"{page['queries']}/{bare['queries']}",
            met,
        )
        aligned = (
            f"{cell:{'<' if index < 2 else '>'}{width}}"
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        )
        print("| " + " | ".join(aligned) + " |")
    print("\nms per request through the test Client; ratio = p95 / bare p95; queries = page/bare per request.")


if __name__ == "__main__":
    main()
