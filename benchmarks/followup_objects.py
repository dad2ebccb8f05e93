"""The organisations of bench_followup.py's data set and what hangs off them: units, a coordinator,
a peer group, 2,000 indicators, an adopted plan with targets, actions with progress updates, change
records and two reporting rounds with approved snapshots (see followup_data.py for the values)."""

from datetime import UTC, date, datetime, timedelta

INDICATORS = 2000
ADMINISTRATIONS = [
    "Kommunledningsförvaltningen",
    "Miljöförvaltningen",
    "Samhällsbyggnadsförvaltningen",
    "Utbildningsförvaltningen",
    "Socialförvaltningen",
    "Kultur- och fritidsförvaltningen",
]
UNITS_PER_ADMINISTRATION = 4  # 6 + 24 = 30 units per organisation
FOCUS_AREAS, GOALS_PER_AREA, TARGETS_PER_GOAL = 8, 5, 3  # 40 goals, 120 targets
RESPONSIBLE_INDICATORS = 300  # indicators 0–299 have a responsible unit (10 per unit), the rest none
ACTIONS, CHANGES = 300, 500
STATUSES = ["not_started", "ongoing", "ongoing", "done", "delayed", "ongoing", "done", "cancelled"]
NOW = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


# Organisations and what hangs off them ----------------------------------------------------------------


def create_organisations(municipalities, bench_code: str) -> list[dict]:
    from django.contrib.auth.hashers import make_password

    from hallbar.accounts.models import Membership, User
    from hallbar.kolada.models import MunicipalityGroup, PeerGroup
    from hallbar.organisations.models import Organisation, OrganisationUnit
    from hallbar.organisations.services import create_organisation

    password = make_password("bench-password")
    groups = set(MunicipalityGroup.objects.values_list("pk", flat=True))
    skr_groups = _skr_groups()
    orgs = []
    for municipality in municipalities:
        organisation = create_organisation(Organisation.Kind.MUNICIPALITY, municipality=municipality)
        orgs.append({"organisation": organisation, "code": municipality.code})
    users = User.objects.bulk_create(
        User(
            email=f"samordnare@{org['organisation'].slug}.example",
            full_name=f"Samordnare {org['organisation'].name}",
            password=password,
        )
        for org in orgs
    )
    Membership.objects.bulk_create(
        Membership(user=user, organisation=org["organisation"], role="coordinator")
        for user, org in zip(users, orgs, strict=True)
    )
    administrations = OrganisationUnit.objects.bulk_create(
        OrganisationUnit(organisation=org["organisation"], name=name, kind="administration")
        for org in orgs
        for name in ADMINISTRATIONS
    )
    for unit in administrations:
        unit.path, unit.depth = unit.segment, 0
    OrganisationUnit.objects.bulk_update(administrations, ["path", "depth"], batch_size=2000)
    children = OrganisationUnit.objects.bulk_create(
        OrganisationUnit(
            organisation_id=parent.organisation_id,
            parent=parent,
            name=f"{parent.name.removesuffix('förvaltningen')}enhet {n + 1}",
        )
        for parent in administrations
        for n in range(UNITS_PER_ADMINISTRATION)
    )
    for unit in children:
        unit.path, unit.depth = unit.parent.path + unit.segment, 1
    OrganisationUnit.objects.bulk_update(children, ["path", "depth"], batch_size=2000)
    per_org = len(ADMINISTRATIONS) * UNITS_PER_ADMINISTRATION
    for index, (org, user) in enumerate(zip(orgs, users, strict=True)):
        org["user"] = user
        org["administrations"] = administrations[index * len(ADMINISTRATIONS) : (index + 1) * len(ADMINISTRATIONS)]
        org["units"] = org["administrations"] + children[index * per_org : (index + 1) * per_org]
    PeerGroup.objects.bulk_create(
        PeerGroup(organisation=org["organisation"], basis="group", kolada_group_id=skr_groups[org["code"]])
        for org in orgs
        if skr_groups.get(org["code"]) in groups
    )
    bench = next(org for org in orgs if org["code"] == bench_code)
    User.objects.filter(pk=bench["user"].pk).update(email="bench@example.se", full_name="Bench Samordnare")
    return orgs


def _skr_groups() -> dict[str, str]:
    """Municipality code → its SKR municipality group in Kolada (e.g. G92790 "Större stad", 23 members)."""
    import csv
    from pathlib import Path

    import hallbar.organisations

    path = Path(hallbar.organisations.__file__).parent / "data" / "municipalities.csv"
    with path.open(encoding="utf-8") as handle:
        return {row["kommun_code"]: row["kolada_group_id"] for row in csv.DictReader(handle)}


def create_indicators(orgs, kpis) -> dict[tuple[int, int], int]:
    from hallbar.indicators.models import Indicator

    def unit_of(title: str) -> str:
        return title.rsplit(",", 1)[1].strip()[:100] if "," in title else "st"

    directions = ["increase" if sum(map(ord, kpi.id)) % 3 else "decrease" for kpi in kpis]
    created = Indicator.objects.bulk_create(
        (
            Indicator(
                organisation=org["organisation"],
                title=kpi.title[:300],
                unit=unit_of(kpi.title),
                direction=directions[k],
                source="Kolada",
                kolada_kpi=kpi.id,
                responsible_unit=org["units"][k % len(org["units"])] if k < RESPONSIBLE_INDICATORS else None,
            )
            for org in orgs
            for k, kpi in enumerate(kpis)
        ),
        batch_size=5000,
    )
    return {(index // INDICATORS, index % INDICATORS): indicator.pk for index, indicator in enumerate(created)}


def create_plans_and_actions(orgs, indicator_ids, baseline) -> None:
    from django.contrib.contenttypes.models import ContentType

    from hallbar.actions.models import Action, ActionPlan, ProgressUpdate
    from hallbar.frameworks.models import FrameworkItem
    from hallbar.history.models import ChangeRecord
    from hallbar.indicators.models import Indicator
    from hallbar.plans.models import FocusArea, Goal, Plan, Target

    first = Indicator.objects.filter(pk__in=[indicator_ids[(0, k)] for k in range(120)]).order_by("pk")
    direction_of = dict(enumerate(first.values_list("direction", flat=True)))
    items = list(
        FrameworkItem.objects.filter(parent__isnull=False)
        .order_by("library_id", "order")
        .values_list("pk", flat=True)[:400]
    )
    plans = Plan.objects.bulk_create(
        Plan(
            organisation=org["organisation"],
            title="Miljö- och klimatprogram 2021–2030",
            kind="environmental_programme",
            adopted_by="Kommunfullmäktige",
            adopted_on=date(2021, 3, 15),
            valid_from_year=2021,
            valid_to_year=2030,
            status="adopted",
        )
        for org in orgs
    )
    areas = FocusArea.objects.bulk_create(
        FocusArea(plan=plan, title=f"Fokusområde {a + 1}", order=a) for plan in plans for a in range(FOCUS_AREAS)
    )
    goals = Goal.objects.bulk_create(
        Goal(
            plan=plans[p],
            focus_area=areas[p * FOCUS_AREAS + g // GOALS_PER_AREA],
            title=f"Mål {g + 1}: {'bättre ' * 3}miljö",
            description="Ett långsiktigt mål för kommunens hållbara utveckling.",
            order=g,
            responsible_unit=orgs[p]["administrations"][g % len(ADMINISTRATIONS)],
        )
        for p in range(len(orgs))
        for g in range(FOCUS_AREAS * GOALS_PER_AREA)
    )
    per_plan = FOCUS_AREAS * GOALS_PER_AREA
    targets = []
    for index, goal in enumerate(goals):
        p, g = divmod(index, per_plan)
        for t in range(TARGETS_PER_GOAL):
            k = g * TARGETS_PER_GOAL + t
            start = baseline.get((p, k), 100.0)
            increase = direction_of[k] == "increase"
            targets.append(
                Target(
                    goal=goal,
                    title=f"Delmål {k + 1}",
                    unit="",
                    baseline_year=2015,
                    baseline_value=round(start, 2),
                    target_year=2030,
                    target_value=round(start * (1.3 if increase else 0.7), 2),
                    direction=direction_of[k],
                    indicator_id=indicator_ids[(p, k)],
                    order=t,
                )
            )
    targets = Target.objects.bulk_create(targets, batch_size=5000)
    Goal.framework_items.through.objects.bulk_create(
        Goal.framework_items.through(goal=goal, frameworkitem_id=items[(i * 7 + j) % len(items)])
        for i, goal in enumerate(goals)
        for j in range(2)
    )
    Target.framework_items.through.objects.bulk_create(
        Target.framework_items.through(target=target, frameworkitem_id=items[(i * 11) % len(items)])
        for i, target in enumerate(targets)
    )
    action_plans = ActionPlan.objects.bulk_create(
        ActionPlan(
            organisation=org["organisation"],
            title="Handlingsplan 2024–2026",
            plan=plan,
            valid_from_year=2024,
            valid_to_year=2026,
        )
        for org, plan in zip(orgs, plans, strict=True)
    )
    actions = []
    for p, org in enumerate(orgs):
        for n in range(ACTIONS):
            actions.append(
                Action(
                    organisation=org["organisation"],
                    action_plan=action_plans[p] if n % 4 else None,
                    title=f"Åtgärd {n + 1}",
                    responsible_unit=org["units"][n % len(org["units"])] if n % 10 else None,
                    contact_person=org["user"],
                    start_date=date(2024, 1 + n % 12, 1),
                    end_date=date(2025 + n % 3, 1 + n % 12, 28),
                    status=STATUSES[n % len(STATUSES)],
                    percent_complete=(n * 7) % 101,
                    last_progress_at=NOW - timedelta(days=(n * 13) % 400) if n % 3 else None,
                )
            )
    actions = Action.objects.bulk_create(actions, batch_size=5000)
    Action.goals.through.objects.bulk_create(
        (
            Action.goals.through(action=action, goal=goals[(i // ACTIONS) * per_plan + (i % ACTIONS) % per_plan])
            for i, action in enumerate(actions)
        ),
        batch_size=5000,
    )
    ProgressUpdate.objects.bulk_create(
        (
            ProgressUpdate(
                action=action,
                author=orgs[i // ACTIONS]["user"],
                date=(action.last_progress_at or NOW).date(),
                text="Arbetet fortskrider enligt plan.",
                status=action.status,
                percent_complete=action.percent_complete,
            )
            for i, action in enumerate(actions)
            if action.last_progress_at
        ),
        batch_size=5000,
    )
    action_type = ContentType.objects.get_for_model(Action)
    ChangeRecord.objects.bulk_create(
        (
            ChangeRecord(
                organisation=orgs[p]["organisation"],
                content_type=action_type,
                object_id=str(actions[p * ACTIONS + n % ACTIONS].pk),
                object_repr=f"Åtgärd {n % ACTIONS + 1}",
                action="update",
                changes={"status": ["not_started", "ongoing"]},
                actor=orgs[p]["user"],
            )
            for n in range(CHANGES)
            for p in range(len(orgs))
        ),
        batch_size=5000,
    )
    for p, org in enumerate(orgs):
        org["actions"] = actions[p * ACTIONS : (p + 1) * ACTIONS]


def create_rounds(orgs, indicator_ids) -> None:
    from hallbar.actions.models import Action
    from hallbar.indicators.models import Indicator, IndicatorValue
    from hallbar.reporting.models import ReportingRound, UnitReport

    labels = dict(Action.Status.choices)
    indicators = {
        i.pk: i
        for i in Indicator.objects.filter(responsible_unit__isnull=False).only(
            "pk", "title", "unit", "responsible_unit_id"
        )
    }
    values = {
        (indicator_id, year): value
        for indicator_id, year, value in IndicatorValue.objects.filter(
            indicator_id__in=list(indicators), unit__isnull=True, year__in=[2024, 2025]
        )
        .values_list("indicator_id", "year", "value")
        .order_by()
    }
    by_unit: dict[int, list] = {}
    for indicator in indicators.values():
        by_unit.setdefault(indicator.responsible_unit_id, []).append(indicator)
    rounds, reports = [], []
    for org in orgs:
        actions_by_unit: dict[int, list] = {}
        for action in org["actions"]:
            actions_by_unit.setdefault(action.responsible_unit_id, []).append(action)
        for year, status in ((2024, "closed"), (2025, "open")):
            round_ = ReportingRound(
                organisation=org["organisation"],
                title=f"Årsrapport {year}",
                year=year,
                frequency="yearly",
                deadline=date(year + 1, 2, 15),
                status=status,
            )
            rounds.append(round_)
            for unit in org["units"]:
                snapshot = {
                    "summary": "Verksamheten har i huvudsak gått enligt plan.",
                    "actions": [action_item(action, year, labels) for action in actions_by_unit.get(unit.pk, [])],
                    "indicators": [
                        {
                            "id": i.pk,
                            "title": i.title,
                            "unit": i.unit,
                            "period": str(year),
                            "value": values.get((i.pk, year)),
                            "value_women": None,
                            "value_men": None,
                            "status": "final",
                            "comment": "",
                        }
                        for i in by_unit.get(unit.pk, [])
                    ],
                }
                reports.append(
                    (
                        round_,
                        UnitReport(
                            unit=unit,
                            status="approved",
                            summary=snapshot["summary"],
                            snapshot=snapshot,
                            submitted_at=NOW,
                            reviewed_at=NOW,
                            submitted_by=org["user"],
                            reviewed_by=org["user"],
                        ),
                    )
                )
    ReportingRound.objects.bulk_create(rounds)
    for round_, report in reports:
        report.round = round_
    UnitReport.objects.bulk_create([report for _round, report in reports], batch_size=2000)


def action_item(action, year: int, labels: dict) -> dict:
    """An action as an approved snapshot keeps it; done actions were still ongoing in the 2024 round."""
    status = "ongoing" if year == 2024 and action.status == "done" else action.status
    return {
        "id": action.pk,
        "title": action.title,
        "status": status,
        "status_label": str(labels[status]),
        "percent_complete": action.percent_complete,
        "latest_update": "Arbetet fortskrider enligt plan.",
        "latest_update_date": f"{year}-12-01",
    }
