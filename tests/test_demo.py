"""The demo builds from real data, twice without duplicating anything, and its pages render."""

from datetime import date
from io import BytesIO

import pytest
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from hallbar.accounts.models import User
from hallbar.accounts.scoping import Scope
from hallbar.actions.models import Action
from hallbar.aspects.models import Aspect
from hallbar.aspects.rules import with_handled
from hallbar.audits.models import Audit
from hallbar.chemicals import services as chemical_services
from hallbar.chemicals.models import ArticleMatch, PhaseOutSubstance, Screening
from hallbar.climate import queries
from hallbar.climate.models import ClimateBudget
from hallbar.consumption.models import LedgerAggregate, LedgerImport
from hallbar.consumption.queries import Filters, footprint
from hallbar.demo import DEMO_PASSWORD, build_demo
from hallbar.dialogue.models import Contribution
from hallbar.documents.models import ControlledDocument
from hallbar.examples.models import Example, ExampleOrigin
from hallbar.indicators.models import Indicator
from hallbar.maturity.calculations import mean
from hallbar.maturity.models import Assessment
from hallbar.networks import queries as network_queries
from hallbar.networks.models import Network, NetworkMembership, SharedIndicator
from hallbar.nonconformities.models import Nonconformity
from hallbar.obligations.models import Obligation
from hallbar.organisations.models import Organisation
from hallbar.plans.models import Plan
from hallbar.plans.queries import plan_tree
from hallbar.portal.models import PortalSettings, Publication
from hallbar.portal.publishable import address, home_url, public_url
from hallbar.procurement.models import ContractCheck, Procurement
from hallbar.procurement.queries import national_comparison
from hallbar.reporting.models import ReportingRound
from hallbar.reports.models import Report, ReportVersion
from hallbar.reviews.models import EnvironmentalStatement, ManagementReview
from hallbar.reviews.statement.content import core_indicators
from hallbar.risks.models import Risk

MANAGEMENT_SYSTEM_APPS = (
    "documents",
    "context",
    "aspects",
    "obligations",
    "risks",
    "nonconformities",
    "audits",
    "maturity",
    "reviews",
)
# The main pages of those apps (besides the records' own pages), as the coordinator sees them.
PAGES = (
    "documents:list",
    "documents:policy",
    "documents:readiness-overview",
    "context:index",
    "context:parties",
    "context:scan",
    "context:pestle",
    "context:scope",
    "aspects:overview",
    "aspects:register",
    "aspects:activity-list",
    "aspects:review-list",
    "obligations:list",
    "obligations:overview",
    "risks:list",
    "risks:heat-map",
    "nonconformities:list",
    "audits:list",
    "maturity:list",
    "reviews:list",
    "reviews:statement-list",
    "reviews:statement-core-indicators",
)


def test_the_demo_has_real_series_and_is_idempotent(db, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        logins = build_demo()
    build_demo()
    assert len(logins) == 11  # the demo organisation's eight and a coordinator of each neighbour
    assert all(user.check_password(DEMO_PASSWORD) for user in User.objects.filter(email__endswith="@demo.hallbar.se"))
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
    programme_actions = Action.objects.filter(action_plan__plan=plan, reason_type=None, example_origin=None)
    assert programme_actions.count() == 6 and ReportingRound.objects.count() == 2
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
    peers = client.get(territorial.get_absolute_url()).context["analysis"]["peers"]
    assert peers["peer_count"] == 22 and peers["rows"][-1].year == 2024 and peers["rows"][-1].own == 736445.343


def _counts() -> dict[str, int]:
    models = [model for app in MANAGEMENT_SYSTEM_APPS for model in apps.get_app_config(app).get_models()]
    return {model._meta.label: model.objects.count() for model in models + [Action, Indicator]}


def test_the_demo_shows_the_management_system(db, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        build_demo()
    first = _counts()
    build_demo()
    assert _counts() == first  # nothing twice
    assert first["risks.Risk"] == 8 and first["obligations.Evaluation"] == 12 and first["aspects.Aspect"] == 9

    policy = ControlledDocument.objects.get(kind="policy").versions.get()
    assert policy.status == "approved" and policy.approved_by_id != policy.author_id
    assert not with_handled(Aspect.objects.filter(is_significant=True)).filter(is_handled=False).exists()
    assert sorted(Obligation.objects.values_list("last_result", flat=True)) == ["met"] * 5 + ["not_met", "partly"]
    assert set(Risk.objects.values_list("status", flat=True)) == {"open", "treated"}
    closed = Audit.objects.get(status="closed")
    assert {finding.kind for finding in closed.findings.all()} == {"minor", "observation", "improvement"}
    from_audit, from_compliance = (
        Nonconformity.objects.get(origin="audit"),
        Nonconformity.objects.get(origin="compliance"),
    )
    assert from_audit.stage == "closed" and from_audit.effectiveness_verified_by_id != from_audit.owner_id
    assert from_compliance.stage == "actions_planned" and from_compliance.whys.count() == 5
    means = [mean(a.answers.values_list("stage", flat=True)) for a in Assessment.objects.order_by("year")]
    assert [a.status for a in Assessment.objects.all()] == ["completed"] * 2 and means[0] < means[1]
    approved, preparing = (
        ManagementReview.objects.get(status="approved"),
        ManagementReview.objects.get(status="preparation"),
    )
    assert approved.decisions.count() == 3 and Action.objects.for_reason(approved).exists()
    statement = EnvironmentalStatement.objects.get()
    energy = next(area for area in core_indicators(statement.organisation, 2025) if area["area"] == "energy")
    assert statement.year == 2025 and not statement.is_validated and energy["figures"][-1]["r"] > 0

    client.force_login(User.objects.get(email="samordnare@demo.hallbar.se"))
    records = [
        policy.document,
        Aspect.objects.filter(is_significant=True).first(),
        Obligation.objects.get(last_result="not_met"),
        Risk.objects.get(status="treated"),
        from_audit,
        from_compliance,
        closed.programme,
        closed,
        Assessment.objects.get(year=2026),
        approved,
        preparing,
        statement,
    ]
    for url in [reverse(name) for name in PAGES] + [record.get_absolute_url() for record in records]:
        assert client.get(url).status_code == 200, url
    pdfs = {
        reverse("audits:report-pdf", args=[closed.pk]): closed.findings.get(kind="minor").title,
        reverse("reviews:pdf", args=[approved.pk]): approved.effectiveness[:40],
        reverse("reviews:statement-pdf", args=[statement.pk]): "Energianvändning i kommunens verksamheter",
    }
    for url, expected in pdfs.items():
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf", url
        text = " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
        assert expected in " ".join(text.split()), url


def test_the_demo_shows_procurement_chemicals_and_the_footprint(db, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        build_demo()
    build_demo()  # nothing twice, and the ledger files are not imported again
    organisation = Organisation.objects.get(official_code="0580")

    # The register: twelve procurements along their workflow, real CPV codes and library criteria.
    assert Procurement.objects.filter(organisation=organisation).count() == 12
    statuses = sorted(Procurement.objects.values_list("status", flat=True))
    assert statuses.count("contracted") == 8 and {"planned", "advertised", "cancelled"} <= set(statuses)
    food = Procurement.objects.get(title="Livsmedel till förskolor, skolor och äldreboenden")
    assert food.cpv_codes.filter(code="15100000").exists() and food.environmental_requirements
    assert set(food.criteria.values_list("key", flat=True)) >= {"food-organic", "animal-welfare-advanced"}
    outcomes = sorted(ContractCheck.objects.values_list("outcome", flat=True))
    assert outcomes.count("deviation") == 1 and outcomes.count("pending") == 3
    deviation = Nonconformity.objects.get(origin="contract")
    assert deviation.stage == "implemented" and Action.objects.for_reason(deviation).get().status == "done"

    # The national comparison: Upphandlingsmyndigheten's 2021 figures summed per buyer, all of them.
    comparison = national_comparison(organisation)
    assert comparison["year"] == 2021 and comparison["own"].procurements == 137  # Linköping in 2021
    assert comparison["rows"][-1].procurements == 18421 and comparison["peers_found"] == 22

    # The screening: 41 preschool articles against the Candidate List and the phase-out list.
    screening = Screening.objects.get(organisation=organisation)
    assert (screening.article_count, screening.flagged_count, screening.unidentified_count) == (41, 17, 9)
    plates = screening.articles.get(name="Tallrik i melamin, barn")
    assert set(plates.matches.values_list("source", "kind", "identifier")) == {
        (ArticleMatch.Source.CANDIDATE_LIST, "cas", "108-78-1"),
        (ArticleMatch.Source.CANDIDATE_LIST, "ec", "203-615-4"),
    }
    doll = screening.articles.get(name="Docka i mjukplast, 40 cm").matches.get()
    assert (doll.source, doll.identifier) == (ArticleMatch.Source.PHASE_OUT, "117-81-7")
    assert not screening.articles.get(name="Handdesinfektion").is_flagged
    assert PhaseOutSubstance.objects.filter(organisation=organisation).count() == 9
    assert chemical_services.screening_actions(screening).count() == 5

    # The footprint: two yearly ledgers imported by the import task, district heating and fuel by activity.
    jobs = LedgerImport.objects.filter(organisation=organisation)
    assert sorted(jobs.values_list("status", flat=True)) == ["done", "done"]
    assert 4000 < sum(jobs.values_list("row_count", flat=True)) < 6000 and all(job.credit_count for job in jobs)
    coordinator = User.objects.get(email="samordnare@demo.hallbar.se")
    result = footprint(Scope(coordinator, organisation), Filters())
    assert [row["year"] for row in result.by_year] == [2024, 2025]
    assert {row["method"] for row in result.by_method} == {"spend", "activity", "unmapped"}
    assert 20_000 < result.by_year[0]["tonnes"] < 40_000 and result.hotspots[0]["tonnes"] > 1_000
    assert [row["account"] for row in result.unmapped] == ["6910"]
    heating_oil = LedgerAggregate.objects.filter(account="6421")
    assert set(heating_oil.values_list("year", "method")) == {(2024, "activity")}  # phased out in 2025

    client.force_login(coordinator)
    pages = [
        reverse("procurement:list"),
        reverse("procurement:shares"),
        reverse("procurement:national"),
        reverse("procurement:checks"),
        food.get_absolute_url(),
        deviation.get_absolute_url(),
        reverse("chemicals:index"),
        screening.get_absolute_url(),
        reverse("chemicals:phase-out-plan", args=[screening.pk]),
        reverse("chemicals:phase-out-list"),
        reverse("consumption:overview"),
        reverse("consumption:totals"),
        reverse("consumption:suppliers"),
        reverse("consumption:imports"),
    ]
    for url in pages:
        assert client.get(url).status_code == 200, url
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # pages follow the request's language
    with translation.override("en"):
        overview = client.get(reverse("consumption:overview"))
        national = client.get(reverse("procurement:national")).content.decode()
    assert overview.context["result"].tonnes == result.tonnes
    assert result.hotspots[0]["mapping__name"] in overview.content.decode()
    assert "All buyers in Sweden" in national and "Linköpings kommun" in national
    covered = [row for row in overview.context["coverage"] if row.is_total]
    assert [row.year for row in covered] == [2025, 2024] and covered[0].amount > covered[1].amount > 0


def test_the_demo_shows_the_climate_budget_and_status(db, client):
    build_demo()
    build_demo()  # the budget is not made twice
    organisation = Organisation.objects.get(official_code="0580")
    budget = ClimateBudget.objects.get(organisation=organisation)
    assert budget.is_adopted and budget.years == [2026, 2027, 2028, 2029]
    assert budget.measures.count() == 5 and budget.responsibilities.count() == 10
    # Ceilings are Linköping's path under the default preset, frozen at adoption.
    method = queries.method_for(organisation)
    budgets = queries.municipal_budgets(method, current_year=date.today().year)
    expected = budgets.path(budget.years)[budgets.row("0580")]
    assert [budget.figures["ceilings"][str(year)] for year in budget.years] == pytest.approx(list(expected))
    cycling = budget.measures.get(title="Utbyggda cykelstråk och laddinfrastruktur")
    assert Action.objects.for_reason(cycling).count() == 1
    assert cycling.reported_effects.get(year=2026).effect_t == 1200

    client.force_login(User.objects.get(email="samordnare@demo.hallbar.se"))
    for url in [reverse("climate:status"), budget.get_absolute_url(), reverse("climate:municipalities")]:
        assert client.get(url).status_code == 200, url


SHARING_MODELS = (Publication, Contribution, Example, ExampleOrigin, Network, NetworkMembership, SharedIndicator)


def test_the_demo_shares_publishes_and_reports(db, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        build_demo()
    first = {model: model.objects.count() for model in (*SHARING_MODELS, Report, ReportVersion, Action)}
    build_demo()
    assert {model: model.objects.count() for model in first} == first  # nothing twice
    organisation = Organisation.objects.get(official_code="0580")

    # The portal: open, CC BY 4.0, the programme, its four goals, four indicators, the action plan, the climate
    # figures and the adopted climate budget.
    settings_ = PortalSettings.objects.get(organisation=organisation)
    assert settings_.is_enabled and settings_.licence == "cc-by-4.0" and settings_.report_problem
    assert Publication.objects.filter(organisation=organisation).count() == 1 + 4 + 4 + 1 + 1 + 1

    # The dialogue: answered, rejected, waiting, and one proposal that became an action.
    statuses = sorted(Contribution.objects.values_list("status", flat=True))
    assert statuses == ["approved"] * 5 + ["pending", "rejected"]
    proposal = Contribution.objects.get(text__startswith="Ploga och sanda")
    assert proposal.answer and Action.objects.for_reason(proposal).get().goals.get() == proposal.goal

    # Good examples of four municipalities; Norrköping's copied into Linköping's action plan.
    examples = Example.objects.visible()
    assert examples.count() == 5 and examples.values("organisation").distinct().count() == 4
    copied = ExampleOrigin.objects.get()
    assert copied.action.organisation == organisation and copied.example.organisation.official_code == "0581"
    assert copied.action.action_plan.plan.organisation == organisation

    # The network: three neighbours active, the county board invited, a panel of three measures.
    network = Network.objects.get(organisation=organisation)
    assert sorted(network.memberships.values_list("status", flat=True)) == ["active"] * 4 + ["invited"]
    keys = [measure.key for measure in network_queries.measures(network)]
    assert len(keys) == 3 and "kpi:N07702" in keys
    emissions = network_queries.panel(network, "kpi:N07702")
    assert len(emissions["rows"]) == 4 and all(row.shares_own and row.own for row in emissions["rows"])
    norrkoping = next(row for row in emissions["rows"] if row.organisation == "Norrköpings kommun")
    assert norrkoping.own[2024] == pytest.approx(norrkoping.kolada[2024])  # synced from Kolada's (SMHI) values
    with translation.override("en"):
        feed_kinds = {item.kind for item in network_queries.feed(network)}
    assert {"Shared indicator", "Shared example", "Published: goal"} <= feed_kinds

    # The report: one generated version, approved, so the report is frozen.
    report = Report.objects.get(organisation=organisation)
    version = report.versions.get()
    assert version.status == "done" and version.is_approved and version.pdf and version.content["sections"]

    client.force_login(User.objects.get(email="samordnare@demo.hallbar.se"))
    internal = [
        reverse("networks:detail", args=[network.pk]),
        reverse("networks:panel", args=[network.pk]) + "?measure=kpi:N07702",
        reverse("examples:library"),
        copied.example.get_absolute_url(),
        copied.action.get_absolute_url(),
        reverse("dialogue:queue"),
        report.get_absolute_url(),
    ]
    for url in internal:
        assert client.get(url).status_code == 200, url
    panel = client.get(internal[1]).content.decode()
    assert "Motala kommun" in panel and "Mjölby kommun" in panel

    client.logout()
    home = home_url(organisation)
    goal = proposal.goal
    public = [home, public_url(goal, organisation), reverse("portal:accessibility", kwargs=address(organisation))]
    public += [public_url(obj.item, organisation) for obj in Publication.objects.filter(organisation=organisation)]
    for url in public:
        assert client.get(url).status_code == 200, url
    page = client.get(public_url(goal, organisation)).content.decode()
    assert "Ryd–centrum" in page and "solglasögon" not in page and "karin.l@example.org" not in page
