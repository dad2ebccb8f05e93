"""The demo builds from real data, twice without duplicating anything, and its pages render."""

from io import BytesIO

from django.apps import apps
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from hallbar.accounts.models import User
from hallbar.actions.models import Action
from hallbar.aspects.models import Aspect
from hallbar.aspects.rules import with_handled
from hallbar.audits.models import Audit
from hallbar.demo import DEMO_PASSWORD, build_demo
from hallbar.documents.models import ControlledDocument
from hallbar.indicators.models import Indicator
from hallbar.maturity.calculations import mean
from hallbar.maturity.models import Assessment
from hallbar.nonconformities.models import Nonconformity
from hallbar.obligations.models import Obligation
from hallbar.plans.models import Plan
from hallbar.plans.queries import plan_tree
from hallbar.reporting.models import ReportingRound
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
    assert len(logins) == 8
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
    assert Action.objects.filter(reason_type=None).count() == 6 and ReportingRound.objects.count() == 2
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
