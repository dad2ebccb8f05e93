"""The demo's strategic follow-up: a climate and environment programme for Linköping with real series.

Territorial emissions (SMHI) for Linköping and all municipalities, its consumption-based emissions
per resident, and Kolada sample values; see data/README.md for sources and licences. Values that are
not from those sources are marked "Exempelvärden (demo)".
"""

import csv
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from hallbar.actions import services as actions
from hallbar.actions.models import Action, ActionPlan
from hallbar.frameworks.models import FrameworkItem
from hallbar.indicators.models import Indicator, IndicatorValue
from hallbar.kolada import services as kolada
from hallbar.kolada.models import KpiValue, MunicipalityGroup
from hallbar.organisations.models import Organisation, OrganisationUnit
from hallbar.plans.models import FocusArea, Goal, Plan, Target
from hallbar.reporting import services as reporting

DATA = Path(__file__).parent / "data"
CODE = "0580"  # Linköping
SMHI = "SMHI/Naturvårdsverket, Nationella emissionsdatabasen"
DEMO_SOURCE = "Exempelvärden (demo)"
EMISSIONS_KPI = "N07702"  # Kolada: greenhouse-gas emissions, total, t CO2e (from SMHI)
PEER_GROUP = "G92790"  # Kolada/SKR: "Större stad", Linköping's municipality group


def _rows(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def _items(*urns: str) -> list[FrameworkItem]:
    return list(FrameworkItem.objects.filter(urn__in=urns))


def _indicator(organisation, responsible, values: dict[int, float], **fields) -> Indicator:
    indicator = Indicator.objects.create(organisation=organisation, responsible_unit=responsible, **fields)
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            indicator=indicator, organisation=organisation, year=year, value=value, source=fields.get("source", "")
        )
        for year, value in sorted(values.items())
    )
    return indicator


def build_indicators(organisation: Organisation, units: dict[str, OrganisationUnit]) -> dict[str, Indicator]:
    total = {
        int(r["year"]): round(float(r["emissions_t_co2e"]))
        for r in _rows("territorial_emissions.csv")
        if r["kommun_code"] == CODE
    }
    transport = {
        int(r["year"]): round(float(r["emissions_t_co2e"]))
        for r in _rows("territorial_emissions_by_sector_0580.csv")
        if r["sector"] == "Transporter"
    }
    consumption = {
        r["kommun_code"]: float(r["consumption_emissions_kg_co2e_per_capita_2023"])
        for r in _rows("consumption_emissions_per_capita_2023.csv")
    }
    return {
        "territorial": _indicator(
            organisation,
            units["Hållbarhetsenheten"],
            total,
            title="Territoriella utsläpp av växthusgaser",
            unit="ton CO2e",
            direction=Indicator.Direction.DECREASE,
            source=SMHI,
            kolada_kpi=EMISSIONS_KPI,
            method_note="Utsläpp inom kommunens gränser enligt SMHI:s nationella emissionsdatabas. "
            "Exklusive markanvändning (LULUCF) och biogen koldioxid. SMHI reviderar hela serien varje år.",
        ),
        "transport": _indicator(
            organisation,
            units["Gata och park"],
            transport,
            title="Utsläpp från transporter",
            unit="ton CO2e",
            direction=Indicator.Direction.DECREASE,
            source=SMHI,
            method_note="Huvudsektorn Transporter i SMHI:s nationella emissionsdatabas.",
        ),
        "consumption": _indicator(
            organisation,
            units["Hållbarhetsenheten"],
            {2023: round(consumption[CODE] / 1000, 2)},
            title="Konsumtionsbaserade utsläpp per invånare",
            unit="ton CO2e/invånare",
            direction=Indicator.Direction.DECREASE,
            source="Klimatkollen (Klimatbyrån), data för 2023",
            method_note="Genomsnittliga utsläpp från invånarnas konsumtion av mat, resor, boende och varor, även "
            f"utomlands. Sverige i genomsnitt 2023: {consumption['0000'] / 1000:.1f} ton.".replace(".", ",", 1),
        ),
        "organic": _indicator(
            organisation,
            units["Måltidsservice"],
            {2019: 31.0, 2020: 33.5, 2021: 36.0, 2022: 35.2, 2023: 38.9, 2024: 41.3},
            title="Andel ekologiska livsmedel i kommunens måltider",
            unit="%",
            direction=Indicator.Direction.INCREASE,
            source=DEMO_SOURCE,
            method_note="Inköpsvärde av ekologiska livsmedel delat med totalt inköpsvärde för livsmedel.",
        ),
        "chemicals": _indicator(
            organisation,
            units["Förskoleenheten"],
            {2021: 40.0, 2022: 52.0, 2023: 61.0, 2024: 66.0},
            title="Andel förskolor med genomförd kemikalieinventering",
            unit="%",
            direction=Indicator.Direction.INCREASE,
            source=DEMO_SOURCE,
        ),
    }


def build_plan(organisation, units, indicators) -> Plan:
    plan = Plan.objects.create(
        organisation=organisation,
        title="Miljö- och klimatprogram 2024–2030 (demo)",
        kind=Plan.Kind.ENVIRONMENTAL_PROGRAMME,
        status=Plan.Status.ADOPTED,
        adopted_by="Kommunfullmäktige",
        adopted_on=date(2024, 2, 27),
        valid_from_year=2024,
        valid_to_year=2030,
        responsible_unit=units["Kommunledningsförvaltningen"],
        description="Ett exempel på ett kommunövergripande program med mätbara mål, för att visa Hållbar.",
    )
    climate = FocusArea.objects.create(plan=plan, title="Klimat och energi", order=1)
    consumption = FocusArea.objects.create(plan=plan, title="Hållbar konsumtion och giftfri vardag", order=2)

    def goal(area, title, unit, items, order):
        made = Goal.objects.create(plan=plan, focus_area=area, title=title, responsible_unit=units[unit], order=order)
        made.framework_items.set(_items(*items))
        return made

    def target(goal, indicator, title, baseline, to, order=0, items=()):
        (baseline_year, baseline_value), (target_year, target_value) = baseline, to
        made = Target.objects.create(
            goal=goal,
            indicator=indicator,
            title=title,
            unit=indicator.unit,
            order=order,
            baseline_year=baseline_year,
            baseline_value=Decimal(str(baseline_value)),
            target_year=target_year,
            target_value=Decimal(str(target_value)),
            direction=indicator.direction,
        )
        made.framework_items.set(_items(*items))
        return made

    neutral = goal(
        climate,
        "Linköping är klimatneutralt 2030",
        "Hållbarhetsenheten",
        ["urn:hallbar:sdg:target:13.2", "urn:hallbar:miljomal:1", "urn:hallbar:iso37101:purpose:environment"],
        1,
    )
    territorial = indicators["territorial"]
    base = territorial.values.get(year=2020).value
    target(
        neutral,
        territorial,
        "Territoriella utsläpp minskar med 80 procent från 2020",
        (2020, round(base)),
        (2030, round(base * 0.2)),
        items=["urn:hallbar:sdg:target:13.2"],
    )
    transport = goal(
        climate,
        "Fossilfria transporter",
        "Gata och park",
        ["urn:hallbar:sdg:target:11.2", "urn:hallbar:iso37101:issue:mobility"],
        2,
    )
    base = indicators["transport"].values.get(year=2020).value
    target(
        transport,
        indicators["transport"],
        "Utsläppen från transporter halveras",
        (2020, round(base)),
        (2030, round(base * 0.5)),
    )
    consume = goal(
        consumption,
        "Konsumtionen orsakar så lite miljöpåverkan som möjligt",
        "Hållbarhetsenheten",
        ["urn:hallbar:sdg:target:12.2", "urn:hallbar:miljomal:0.7", "urn:hallbar:sdg:target:12.7"],
        1,
    )
    target(
        consume,
        indicators["consumption"],
        "Konsumtionsbaserade utsläpp under 3 ton per invånare",
        (2023, indicators["consumption"].values.get().value),
        (2030, 3),
    )
    target(
        consume,
        indicators["organic"],
        "Minst 60 procent ekologiska livsmedel",
        (2019, 31),
        (2030, 60),
        order=1,
        items=["urn:hallbar:sdg:target:12.7"],
    )
    toxic = goal(
        consumption,
        "En giftfri vardag för barn",
        "Förskoleenheten",
        ["urn:hallbar:miljomal:4", "urn:hallbar:sdg:target:12.4"],
        2,
    )
    target(
        toxic,
        indicators["chemicals"],
        "Alla förskolor har inventerat och fasat ut farliga ämnen",
        (2021, 40),
        (2027, 100),
    )
    return plan


def build_actions(organisation, units, people, plan) -> list[tuple]:
    coordinator, editor = people["samordnare"], people["redaktor"]
    action_plan = ActionPlan.objects.create(
        organisation=organisation,
        title="Åtgärdsplan klimat 2025–2027 (demo)",
        plan=plan,
        valid_from_year=2025,
        valid_to_year=2027,
        responsible_unit=units["Kommunledningsförvaltningen"],
    )
    goals = {goal.title: goal for goal in plan.goals.all()}
    specs = [
        (
            "Laddinfrastruktur vid kommunens arbetsplatser",
            "Fastighetsenheten",
            coordinator,
            Action.Status.ONGOING,
            "Fossilfria transporter",
            2_400_000,
            1_150_000,
            date(2025, 3, 1),
            date(2026, 12, 31),
            "20 av 35 laddplatser är installerade.",
        ),
        (
            "Klimatkrav i upphandling av transporttjänster",
            "Upphandlingsenheten",
            coordinator,
            Action.Status.ONGOING,
            "Fossilfria transporter",
            150_000,
            60_000,
            date(2025, 1, 15),
            date(2026, 6, 30),
            "Kraven är framtagna och används i två pågående upphandlingar.",
        ),
        (
            "Solceller på kommunens skolor",
            "Fastighetsenheten",
            coordinator,
            Action.Status.DONE,
            "Linköping är klimatneutralt 2030",
            5_000_000,
            4_700_000,
            date(2024, 4, 1),
            date(2025, 10, 31),
            "Alla sju anläggningar är i drift.",
        ),
        (
            "Tillsynskampanj om energieffektivisering i företag",
            "Miljökontoret",
            editor,
            Action.Status.DELAYED,
            "Linköping är klimatneutralt 2030",
            300_000,
            90_000,
            date(2025, 9, 1),
            date(2026, 3, 31),
            "Försenad på grund av vakanser; ny plan tas fram.",
        ),
        (
            "Kemikalieinventering i förskolan",
            "Förskoleenheten",
            editor,
            Action.Status.ONGOING,
            "En giftfri vardag för barn",
            200_000,
            120_000,
            date(2024, 1, 1),
            date(2027, 6, 30),
            "Inventering klar på 66 procent av förskolorna.",
        ),
        (
            "Mer vegetariskt i skolmåltiderna",
            "Måltidsservice",
            coordinator,
            Action.Status.NOT_STARTED,
            "Konsumtionen orsakar så lite miljöpåverkan som möjligt",
            0,
            None,
            date(2026, 8, 1),
            date(2027, 6, 30),
            "",
        ),
    ]
    updates = []
    for title, unit, contact, status, goal, budget, outcome, start, end, update in specs:
        action = actions.create_action(
            organisation=organisation,
            title=title,
            action_plan=action_plan,
            responsible_unit=units[unit],
            contact_person=contact,
            start_date=start,
            end_date=end,
            budget_sek=budget,
            outcome_sek=outcome,
            goals=[goals[goal]],
            targets=list(goals[goal].targets.all()),
            status=Action.Status.ONGOING if start < date(2026, 1, 1) else Action.Status.NOT_STARTED,
        )
        if update:
            updates.append((action, contact, status, update))
    return updates


def post_updates(updates) -> None:
    """The progress since the first round; one action's update is long ago, so it shows as stale."""
    for action, contact, status, text in updates:
        actions.post_progress(action, author=contact, text=text, status=status)
    stale = updates[1][0]
    Action.objects.filter(pk=stale.pk).update(last_progress_at=timezone.now() - timedelta(days=200))


def build_rounds(organisation, units, people, updates) -> None:
    """Tertial 1 approved before the latest progress; Tertial 2 partly reported, so it shows what changed."""
    coordinator, editor = people["samordnare"], people["redaktor"]
    reporting_units = [
        units[name]
        for name in (
            "Kommunledningsförvaltningen",
            "Miljö- och samhällsbyggnadsförvaltningen",
            "Utbildningsförvaltningen",
            "Tekniska förvaltningen",
        )
    ]
    first = reporting.open_round(
        organisation=organisation,
        title="Tertial 1 2026",
        year=2026,
        frequency="tertial",
        period=1,
        deadline=date(2026, 5, 15),
        units=reporting_units,
        instructions="Rapportera läget för era åtgärder och de indikatorer ni ansvarar för.",
    )
    for report in first.reports.all():
        reporting.save_report(report, summary="Arbetet går enligt plan.")
        reporting.submit(report, by=editor if report.unit.name.startswith("Miljö") else coordinator)
        reporting.approve(report, by=coordinator)
    reporting.set_round_status(first, first.Status.CLOSED)
    post_updates(updates)
    second = reporting.open_round(
        organisation=organisation,
        title="Tertial 2 2026",
        year=2026,
        frequency="tertial",
        period=2,
        deadline=timezone.localdate() + timedelta(days=10),
        units=reporting_units,
        instructions="Rapportera läget för era åtgärder och de indikatorer ni ansvarar för.",
    )
    environment = second.reports.get(unit__name="Miljö- och samhällsbyggnadsförvaltningen")
    reporting.save_report(environment, summary="Tillsynskampanjen är försenad, se åtgärden.")
    reporting.submit(environment, by=editor)
    technical = second.reports.get(unit__name="Tekniska förvaltningen")
    reporting.save_report(technical, summary="Solcellerna är klara; laddplatserna byggs ut enligt plan.")
    reporting.submit(technical, by=coordinator)
    reporting.approve(technical, by=coordinator)


def build_kolada(organisation) -> None:
    """Real values for the peer comparison without network: the Kolada samples, and SMHI's totals for
    every municipality as N07702 (Kolada publishes N07702 from the same SMHI data; see data/README.md)."""
    now = timezone.now()
    values = [
        KpiValue(
            kpi=r["kpi"],
            municipality_code=r["municipality_id"],
            year=int(r["year"]),
            gender=r["gender"],
            value=float(r["value"]) if r["value"] else None,
            count=int(r["count"] or 0) or None,
            status=r["status"],
            fetched_at=now,
        )
        for r in _rows("kolada_sample_values.csv")
    ]
    values += [
        KpiValue(
            kpi=EMISSIONS_KPI,
            municipality_code=r["kommun_code"],
            year=int(r["year"]),
            gender="T",
            value=float(r["emissions_t_co2e"]),
            status="demo",
            fetched_at=now,
        )
        for r in _rows("territorial_emissions.csv")
    ]
    KpiValue.objects.bulk_create(values, ignore_conflicts=True, batch_size=2000)
    group = MunicipalityGroup.objects.filter(pk=PEER_GROUP).first()
    if group is not None:
        kolada.set_peer_group(organisation, kolada_group=group)


def build_follow_up(organisation: Organisation, people: dict) -> None:
    """Everything above, once: nothing is added when the demo organisation already has a plan."""
    if Plan.objects.filter(organisation=organisation).exists():
        return
    units = {unit.name: unit for unit in OrganisationUnit.objects.filter(organisation=organisation)}
    indicators = build_indicators(organisation, units)
    plan = build_plan(organisation, units, indicators)
    updates = build_actions(organisation, units, people, plan)
    build_rounds(organisation, units, people, updates)
    build_kolada(organisation)
