from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from . import (
    actions,
    aspects,
    audits,
    chemicals,
    climate,
    consumption,
    context,
    dialogue,
    docs,
    documents,
    examples,
    frameworks,
    history,
    indicators,
    maturity,
    networks,
    nonconformities,
    obligations,
    organisations,
    people,
    plans,
    procurement,
    reports,
    reviews,
    risks,
)

router = DefaultRouter()
# No ".json" suffix routes: the API only speaks JSON, and a suffix would be ambiguous with the dots
# in URNs (``urn:hallbar:sdg:target:13.2`` without its trailing slash would read as format "2").
router.include_format_suffixes = False
router.register("organisations", organisations.OrganisationViewSet, basename="organisation")
router.register("units", organisations.UnitViewSet, basename="unit")
router.register("memberships", people.MembershipViewSet, basename="membership")
router.register("changes", history.ChangeViewSet, basename="change")
router.register("municipalities", organisations.MunicipalityViewSet, basename="municipality")
router.register("counties", organisations.CountyViewSet, basename="county")
router.register("libraries", frameworks.LibraryViewSet, basename="library")
router.register("framework-items", frameworks.ItemViewSet, basename="framework-item")
router.register("mappings", frameworks.MappingViewSet, basename="mapping")
router.register("plans", plans.PlanViewSet, basename="plan")
router.register("focus-areas", plans.FocusAreaViewSet, basename="focus-area")
router.register("goals", plans.GoalViewSet, basename="goal")
router.register("targets", plans.TargetViewSet, basename="target")
router.register("indicators", indicators.IndicatorViewSet, basename="indicator")
router.register("indicator-values", indicators.IndicatorValueViewSet, basename="indicator-value")
router.register("action-plans", actions.ActionPlanViewSet, basename="action-plan")
router.register("actions", actions.ActionViewSet, basename="action")
router.register("progress-updates", actions.ProgressUpdateViewSet, basename="progress-update")
router.register("documents", documents.ControlledDocumentViewSet, basename="document")
router.register("document-versions", documents.DocumentVersionViewSet, basename="document-version")
router.register("evidence", documents.EvidenceViewSet, basename="evidence")
router.register("activities", aspects.ActivityViewSet, basename="activity")
router.register("aspects", aspects.AspectViewSet, basename="aspect")
router.register("significance-criteria", aspects.CriterionViewSet, basename="significance-criterion")
router.register("aspect-reviews", aspects.ReviewViewSet, basename="aspect-review")
router.register("obligations", obligations.ObligationViewSet, basename="obligation")
router.register("compliance-evaluations", obligations.EvaluationViewSet, basename="compliance-evaluation")
router.register("interested-parties", context.InterestedPartyViewSet, basename="interested-party")
router.register("scan-items", context.ScanItemViewSet, basename="scan-item")
router.register("scope-statements", context.ScopeStatementViewSet, basename="scope-statement")
router.register("nonconformities", nonconformities.NonconformityViewSet, basename="nonconformity")
router.register("maturity-assessments", maturity.AssessmentViewSet, basename="maturity-assessment")
router.register("maturity-answers", maturity.AnswerViewSet, basename="maturity-answer")
router.register("risks", risks.RiskViewSet, basename="risk")
router.register("risk-matrices", risks.RiskMatrixViewSet, basename="risk-matrix")
router.register("audit-programmes", audits.ProgrammeViewSet, basename="audit-programme")
router.register("audits", audits.AuditViewSet, basename="audit")
router.register("checklist-items", audits.ChecklistItemViewSet, basename="checklist-item")
router.register("audit-findings", audits.FindingViewSet, basename="audit-finding")
router.register("management-reviews", reviews.ReviewViewSet, basename="management-review")
router.register("review-decisions", reviews.DecisionViewSet, basename="review-decision")
router.register("substance-lists", chemicals.SubstanceListViewSet, basename="substance-list")
router.register("phase-out-substances", chemicals.PhaseOutSubstanceViewSet, basename="phase-out-substance")
router.register("chemical-screenings", chemicals.ScreeningViewSet, basename="chemical-screening")
router.register("screened-articles", chemicals.ScreenedArticleViewSet, basename="screened-article")
router.register("ledger-imports", consumption.LedgerImportViewSet, basename="ledger-import")
router.register("footprint-totals", consumption.FootprintTotalViewSet, basename="footprint-total")
router.register("footprint-supplier-totals", consumption.SupplierTotalViewSet, basename="footprint-supplier-total")
router.register("account-mappings", consumption.AccountMappingViewSet, basename="account-mapping")
router.register("procurements", procurement.ProcurementViewSet, basename="procurement")
router.register("contract-checks", procurement.ContractCheckViewSet, basename="contract-check")
router.register("procurement-criteria", procurement.ProcurementCriterionViewSet, basename="procurement-criterion")
router.register("cpv-codes", procurement.CpvCodeViewSet, basename="cpv-code")
router.register("emission-releases", climate.EmissionReleaseViewSet, basename="emission-release")
router.register("climate-methods", climate.BudgetMethodViewSet, basename="climate-method")
router.register("climate-budgets", climate.MunicipalityBudgetViewSet, basename="climate-budget")
router.register("reports", reports.ReportViewSet, basename="report")
router.register("report-versions", reports.ReportVersionViewSet, basename="report-version")
router.register("examples", examples.ExampleViewSet, basename="example")
router.register("networks", networks.NetworkViewSet, basename="network")
router.register("dialogue-contributions", dialogue.ContributionViewSet, basename="dialogue-contribution")

v1 = [path("me/", people.me, name="me"), *router.urls]

urlpatterns = [
    path("v1/", include((v1, "v1"), namespace="v1")),
    path("v1/schema/", SpectacularAPIView.as_view(api_version="v1"), name="api-schema"),
    path("v1/docs/", docs.ApiDocsView.as_view(), name="api-docs"),
]
