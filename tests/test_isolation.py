"""Organisation isolation, generated from the URL configuration.

For every URL pattern of the UI and the API, for every role a user of organisation A can have,
requests that name an object of organisation B must answer 403 or 404 (or 405), must not change it,
and list pages must not show B's data. New URL patterns and new organisation-owned models are
covered automatically; the test fails with instructions when it does not know how to build one.
"""

from dataclasses import dataclass

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver

from hallbar.accounts.models import Invitation, Membership
from hallbar.accounts.roles import Role
from hallbar.actions.models import Action, ActionPlan, FollowUpSettings, ProgressUpdate
from hallbar.aspects.models import Activity, Aspect, AspectReview, AspectScore, AspectSettings, SignificanceCriterion
from hallbar.audits.models import Audit, AuditProgramme, ChecklistItem, Finding
from hallbar.chemicals.models import ArticleMatch, PhaseOutSubstance, Screening, ScreeningArticle, SubstanceList
from hallbar.climate.models import (
    BudgetMethod,
    ClimateBudget,
    ClimateSettings,
    EmissionRelease,
    Measure,
    MeasureEffect,
    SectorResponsibility,
)
from hallbar.consumption.models import (
    AccountMapping,
    ConsumptionSettings,
    EmissionFactor,
    FactorSet,
    LedgerAggregate,
    LedgerImport,
    OwnFactor,
    Recomputation,
    SupplierAggregate,
)
from hallbar.context.models import InterestedParty, ScanItem, ScopeStatement
from hallbar.dialogue.models import Contribution
from hallbar.documents.models import ControlledDocument, DocumentVersion, Evidence
from hallbar.examples.models import Example, ExampleAttachment, ExampleOrigin
from hallbar.frameworks.models import FrameworkItem, ItemMapping, Library
from hallbar.history.models import ChangeRecord
from hallbar.imports.models import ImportJob
from hallbar.indicators.models import Indicator, IndicatorValue
from hallbar.kolada.models import FetchStatus, GroupMember, KoladaState, Kpi, KpiValue, MunicipalityGroup, PeerGroup
from hallbar.maturity.models import Answer as MaturityAnswer
from hallbar.maturity.models import Assessment as MaturityAssessment
from hallbar.networks.models import Network, NetworkMembership, SharedIndicator
from hallbar.nonconformities.models import Nonconformity, ReferenceCounter, StageChange, Why
from hallbar.obligations.models import Evaluation, Obligation
from hallbar.organisations.models import County, Municipality, Organisation, OrganisationUnit
from hallbar.plans.models import FocusArea, Goal, Plan, Target
from hallbar.portal import services as portal_services
from hallbar.portal.models import PortalSettings, Publication
from hallbar.portal.publishable import prefix_for
from hallbar.procurement.models import (
    ContractCheck,
    ContractedSupplier,
    CpvCode,
    Criterion,
    NationalFigures,
    Procurement,
)
from hallbar.reporting.models import ReportingRound, UnitReport
from hallbar.reports.models import Report, ReportVersion
from hallbar.reviews.models import CoreIndicatorSource, EnvironmentalStatement, ManagementReview
from hallbar.reviews.models import Decision as ReviewDecision
from hallbar.risks.models import Risk, RiskMatrix

from .actions.factories import FollowUpSettingsFactory, action_for
from .aspects.factories import aspect_for, review_for
from .audits.factories import audit_for
from .chemicals.factories import PhaseOutSubstanceFactory, flagged_article_for, screening_for
from .climate.factories import climate_budget_for, climate_settings_for, method_for
from .consumption.factories import (
    consumption_settings_for,
    imported_for,
    mapping_for,
    own_factor_for,
    recomputation_for,
)
from .context.factories import party_for, scan_item_for, scope_draft_for
from .dialogue.factories import contribution_for
from .documents.factories import document_for, evidence_on
from .examples.factories import attachment_on, example_for, origin_for, withdrawn_example_for
from .factories import InvitationFactory
from .imports.factories import job_for
from .indicators.factories import indicator_for
from .kolada.factories import fetch_status_for, peer_group_for
from .maturity.factories import assessment_for
from .networks.factories import network_for, shared_indicator_for
from .nonconformities.factories import nonconformity_for, reference_counter_for
from .obligations.factories import obligation_for
from .plans.factories import plan_tree_for
from .procurement.factories import check_for, procurement_for, supplier_for
from .reporting.factories import report_for, round_for
from .reports.factories import version_for as report_version_for
from .reviews.factories import management_review_for
from .reviews.statement_factories import source_for, statement_for
from .risks.factories import RiskMatrixFactory, risk_for

# Shared reference data: the same for every organisation, so not subject to isolation.
REFERENCE_MODELS = {
    Library,
    FrameworkItem,
    ItemMapping,
    Municipality,
    County,
    Kpi,
    MunicipalityGroup,
    GroupMember,
    KpiValue,
    KoladaState,
    CpvCode,
    Criterion,
    NationalFigures,
    SubstanceList,
    FactorSet,
    EmissionFactor,
    EmissionRelease,
}

# How to get an object of organisation B for each organisation-owned model.
# A new model with ``organisation_lookup`` must be added here (the test below says so).
OBJECT_FACTORIES = {
    Organisation: lambda world: world.organisation,
    OrganisationUnit: lambda world: world.unit,
    Membership: lambda world: Membership.objects.filter(organisation=world.organisation).first(),
    Invitation: lambda world: InvitationFactory(organisation=world.organisation),
    ChangeRecord: lambda world: ChangeRecord.objects.filter(organisation=world.organisation).first(),
    Plan: lambda world: plan_tree_for(world.organisation, world.unit),
    FocusArea: lambda world: plan_tree_for(world.organisation, world.unit).focus_areas.first(),
    Goal: lambda world: plan_tree_for(world.organisation, world.unit).goals.first(),
    Target: lambda world: Target.objects.filter(goal__plan=plan_tree_for(world.organisation, world.unit)).first(),
    Indicator: lambda world: indicator_for(world.organisation, world.unit),
    IndicatorValue: lambda world: indicator_for(world.organisation, world.unit).values.first(),
    ReportingRound: lambda world: round_for(world.organisation, world.unit),
    UnitReport: lambda world: report_for(world.organisation, world.unit),
    PeerGroup: lambda world: peer_group_for(world.organisation),
    FetchStatus: lambda world: fetch_status_for(world.organisation),
    ActionPlan: lambda world: action_for(world.organisation, world.unit).action_plan,
    Action: lambda world: action_for(world.organisation, world.unit),
    ProgressUpdate: lambda world: action_for(world.organisation, world.unit).progress_updates.first(),
    FollowUpSettings: lambda world: FollowUpSettingsFactory(organisation=world.organisation),
    ImportJob: lambda world: job_for(world.organisation),
    InterestedParty: lambda world: party_for(world.organisation, world.unit),
    ScanItem: lambda world: scan_item_for(world.organisation, world.unit),
    ScopeStatement: lambda world: scope_draft_for(world.organisation, world.unit),
    Activity: lambda world: aspect_for(world.organisation, world.unit).activity,
    Aspect: lambda world: aspect_for(world.organisation, world.unit),
    AspectScore: lambda world: aspect_for(world.organisation, world.unit).scores.first(),
    SignificanceCriterion: lambda world: aspect_for(world.organisation, world.unit).scores.first().criterion,
    AspectSettings: lambda world: aspect_for(world.organisation, world.unit).activity.organisation.aspect_settings,
    AspectReview: lambda world: review_for(world.organisation, world.unit),
    ControlledDocument: lambda world: document_for(world.organisation, world.unit),
    DocumentVersion: lambda world: document_for(world.organisation, world.unit).versions.get(number=1),
    Evidence: lambda world: evidence_on(document_for(world.organisation, world.unit)),
    Nonconformity: lambda world: nonconformity_for(world.organisation, world.unit),
    Why: lambda world: nonconformity_for(world.organisation, world.unit).whys.first(),
    StageChange: lambda world: nonconformity_for(world.organisation, world.unit).stage_changes.first(),
    ReferenceCounter: lambda world: reference_counter_for(world.organisation),
    Obligation: lambda world: obligation_for(world.organisation, world.unit),
    Evaluation: lambda world: obligation_for(world.organisation, world.unit).evaluations.first(),
    Risk: lambda world: risk_for(world.organisation, world.unit),
    RiskMatrix: lambda world: RiskMatrixFactory(organisation=world.organisation),
    AuditProgramme: lambda world: audit_for(world.organisation, world.unit).programme,
    Audit: lambda world: audit_for(world.organisation, world.unit),
    ChecklistItem: lambda world: audit_for(world.organisation, world.unit).checklist.filter(clause__isnull=True).get(),
    Finding: lambda world: audit_for(world.organisation, world.unit).findings.filter(kind="minor").get(),
    MaturityAssessment: lambda world: assessment_for(world.organisation, world.unit),
    MaturityAnswer: lambda world: assessment_for(world.organisation, world.unit).answers.first(),
    ManagementReview: lambda world: management_review_for(world.organisation, world.unit),
    ReviewDecision: lambda world: management_review_for(world.organisation, world.unit).decisions.first(),
    EnvironmentalStatement: lambda world: statement_for(world.organisation, world.unit),
    CoreIndicatorSource: lambda world: source_for(world.organisation, world.unit),
    PhaseOutSubstance: lambda world: PhaseOutSubstanceFactory(organisation=world.organisation),
    Screening: lambda world: screening_for(world.organisation, world.unit),
    ScreeningArticle: lambda world: flagged_article_for(world.organisation, world.unit),
    ArticleMatch: lambda world: flagged_article_for(world.organisation, world.unit).matches.first(),
    Procurement: lambda world: procurement_for(world.organisation, world.unit),
    ContractCheck: lambda world: check_for(world.organisation, world.unit),
    ContractedSupplier: lambda world: supplier_for(world.organisation, world.unit),
    ConsumptionSettings: lambda world: consumption_settings_for(world.organisation),
    AccountMapping: lambda world: mapping_for(world.organisation),
    LedgerImport: lambda world: imported_for(world.organisation, world.unit),
    LedgerAggregate: lambda world: imported_for(world.organisation, world.unit).aggregates.first(),
    SupplierAggregate: lambda world: imported_for(world.organisation, world.unit).supplier_aggregates.first(),
    OwnFactor: lambda world: own_factor_for(world.organisation),
    Recomputation: lambda world: recomputation_for(world.organisation),
    BudgetMethod: lambda world: method_for(world.organisation),
    ClimateSettings: lambda world: climate_settings_for(world.organisation),
    ClimateBudget: lambda world: climate_budget_for(world.organisation, world.unit),
    SectorResponsibility: lambda world: climate_budget_for(world.organisation, world.unit).responsibilities.first(),
    Measure: lambda world: climate_budget_for(world.organisation, world.unit).measures.first(),
    MeasureEffect: lambda world: (
        climate_budget_for(world.organisation, world.unit).measures.first().reported_effects.first()
    ),
    PortalSettings: lambda world: PortalSettings.objects.update_or_create(
        organisation=world.organisation, defaults={"is_enabled": True}
    )[0],
    Publication: lambda world: portal_services.publish(plan_tree_for(world.organisation, world.unit)),
    # Good examples are read by every organisation on purpose (see SHARED_MODELS): here B's withdrawn ones,
    # which no route may show to anyone in A.
    Example: lambda world: withdrawn_example_for(world.organisation, world.unit),
    ExampleAttachment: lambda world: attachment_on(withdrawn_example_for(world.organisation, world.unit)),
    ExampleOrigin: lambda world: origin_for(world.organisation, world.unit),
    Network: lambda world: network_for(world.organisation),
    NetworkMembership: lambda world: network_for(world.organisation).memberships.get(),
    SharedIndicator: lambda world: shared_indicator_for(world.organisation, world.unit),
    Contribution: lambda world: contribution_for(world.organisation, world.unit),
    Report: lambda world: report_version_for(world.organisation, world.unit).report,
    ReportVersion: lambda world: report_version_for(world.organisation, world.unit),
}

# URL keyword arguments that do not name a database object of an organisation.
NON_OBJECT_KWARGS = {"token", "uidb64", "urn", "format", "spec"}  # spec: the key of an import kind
# The public portal's addresses (no login) name the organisation: kind prefix, slug, and a title slug.
PUBLIC_ADDRESS_KWARGS = {"kind", "organisation", "slug"}
NON_OBJECT_KWARGS |= PUBLIC_ADDRESS_KWARGS


def _public_address(world) -> dict:
    """B's records are asked for under A's open portal, where they must not be found either."""
    PortalSettings.objects.update_or_create(organisation=world.organisation, defaults={"is_enabled": True})
    return {"kind": prefix_for(world.organisation), "organisation": world.organisation.slug, "slug": "x"}


SKIPPED_PREFIXES = ("django-admin/",)  # Django's own admin: superusers only, not organisation-scoped


@dataclass
class Route:
    path: str  # regex/route text joined from the resolver tree
    pattern: URLPattern
    name: str

    @property
    def callback(self):
        return self.pattern.callback

    @property
    def kwargs(self) -> list[str]:
        return list(self.pattern.pattern.regex.groupindex)

    @property
    def model(self):
        view_class = getattr(self.callback, "view_class", None) or getattr(self.callback, "cls", None)
        model = getattr(view_class, "model", None)
        if model is None and getattr(view_class, "queryset", None) is not None:
            model = view_class.queryset.model
        return model


def _walk(resolver, prefix="", namespace=""):
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry, route, ns)
        elif isinstance(entry, URLPattern):
            yield Route(route, entry, f"{namespace}{entry.name or ''}")


def all_routes() -> list[Route]:
    return [r for r in _walk(get_resolver()) if not r.path.startswith(SKIPPED_PREFIXES)]


def scoped_models():
    return [m for m in apps.get_models() if getattr(m, "organisation_lookup", None) is not None]


def test_every_organisation_owned_model_has_an_isolation_factory():
    missing = [m._meta.label for m in scoped_models() if m not in OBJECT_FACTORIES]
    assert not missing, f"Add these models to OBJECT_FACTORIES in tests/test_isolation.py: {missing}"


def _object_routes():
    """Routes whose URL names an object: (route, model). Fails loudly for routes it cannot classify."""
    routes, unknown = [], []
    for route in all_routes():
        object_kwargs = [k for k in route.kwargs if k not in NON_OBJECT_KWARGS]
        if not object_kwargs:
            continue
        if object_kwargs == ["label", "pk"]:
            routes.append((route, "by-label"))
            continue
        model = route.model
        if model is None:
            unknown.append(route.path)
        elif model in REFERENCE_MODELS:
            continue
        else:
            routes.append((route, model))
    assert not unknown, (
        "These URL patterns take an object id but the isolation test cannot tell which model: "
        f"{unknown}. Give the view a `model` (or a DRF `queryset`)."
    )
    return routes


def _fill(route: Route, value_by_kwarg: dict) -> str:
    from django.urls import reverse

    return reverse(route.name, kwargs={k: value_by_kwarg[k] for k in route.kwargs})


def _targets(world_b):
    """(model, object, kwargs-builder) for each organisation-owned object of B."""
    return {model: factory(world_b) for model, factory in OBJECT_FACTORIES.items()}


METHODS = ("get", "post", "put", "patch", "delete")


@pytest.mark.parametrize("role", Role.values)
def test_foreign_objects_are_never_reachable(role, world_a, world_b, client):
    client.force_login(world_a.user(role))
    b_objects = _targets(world_b)
    public_address = _public_address(world_a)
    before = {model: model.objects.filter(pk=obj.pk).values().first() for model, obj in b_objects.items()}
    checked = 0
    for route, model in _object_routes():
        if model == "by-label":
            cases = [
                {"label": f"{m._meta.app_label}.{m._meta.model_name}", "pk": obj.pk} for m, obj in b_objects.items()
            ]
        else:
            assert model in b_objects, f"No organisation-B object for {model.__name__} (route {route.path})."
            cases = [{"pk": b_objects[model].pk}]
        for kwargs in cases:
            url = _fill(route, {**kwargs, "format": "json", **public_address})
            for method in METHODS:
                response = getattr(client, method)(url, data={}, content_type="application/json")
                assert response.status_code in (403, 404, 405), (
                    f"{role} of organisation A got {response.status_code} for {method.upper()} {url} "
                    f"({route.name}), which names an object of organisation B."
                )
                checked += 1
    after = {model: model.objects.filter(pk=obj.pk).values().first() for model, obj in b_objects.items()}
    assert after == before, "A request from organisation A changed organisation B's data."
    assert checked > 20


# Organisation-owned models that every organisation reads on purpose (the good examples library), with how
# to get B's shared object. Views open to other organisations say so with ``open_to_all_organisations``
# (read, save, copy); every other route naming such an object must refuse A, and nothing A sends may
# change or delete it.
SHARED_MODELS = {
    Example: lambda world: example_for(world.organisation, world.unit),
    ExampleAttachment: lambda world: attachment_on(example_for(world.organisation, world.unit)),
}


@pytest.mark.parametrize("role", Role.values)
def test_shared_objects_are_read_only_for_other_organisations(role, world_a, world_b, client):
    client.force_login(world_a.user(role))
    shared = {model: factory(world_b) for model, factory in SHARED_MODELS.items()}
    before = {model: model.objects.filter(pk=obj.pk).values().first() for model, obj in shared.items()}
    opened = refused = 0
    for route, model in _object_routes():
        if model not in shared:
            continue
        view_class = getattr(route.callback, "view_class", None) or getattr(route.callback, "cls", None)  # DRF: cls
        url = _fill(route, {"pk": shared[model].pk, "format": "json"})
        for method in METHODS:
            response = getattr(client, method)(url, data={}, content_type="application/json")
            if getattr(view_class, "open_to_all_organisations", False):
                assert response.status_code < 500, f"{method.upper()} {url} failed for a {role} of A."
                opened += 1
            else:
                assert response.status_code in (403, 404, 405), (
                    f"{role} of organisation A got {response.status_code} for {method.upper()} {url} "
                    f"({route.name}), which may only be used by the organisation that shared it."
                )
                refused += 1
    after = {model: model.objects.filter(pk=obj.pk).values().first() for model, obj in shared.items()}
    assert after == before, "A request from organisation A changed or deleted organisation B's shared object."
    assert client.get(shared[Example].get_absolute_url()).status_code == 200  # shared on purpose
    assert opened and refused


def _list_routes():
    return [r for r in all_routes() if not r.kwargs and r.name and not r.path.startswith("i18n/")]


@pytest.mark.parametrize("role", Role.values)
def test_list_pages_and_endpoints_never_show_foreign_data(role, world_a, world_b, client):
    client.force_login(world_a.user(role))
    ChangeRecord.objects.filter(organisation=world_b.organisation)  # B has history from its fixtures
    markers = [world_b.organisation.name, world_b.unit.name, world_b.committee.name, "@b.example.se"]
    for route in _list_routes():
        url = _fill(route, {})
        response = client.get(url)
        if response.status_code != 200:
            continue
        body = _text(response)
        for marker in markers:
            assert marker not in body, f"{role} of organisation A sees '{marker}' of organisation B at {url}."


def _text(response) -> str:
    """A response's text; a PDF's as pypdf reads it (its streams are compressed)."""
    if response.get("Content-Type") == "application/pdf":
        from io import BytesIO

        from pypdf import PdfReader

        return " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    return response.content.decode()


def test_switching_to_a_foreign_organisation_is_refused(world_a, world_b, client):
    client.force_login(world_a.user(Role.ADMINISTRATOR))
    response = client.post("/organisation/switch/", {"organisation": world_b.organisation.pk})
    assert response.status_code == 400
    assert world_b.organisation.name not in client.get("/").content.decode()


def test_history_of_foreign_object_by_label_is_not_found(world_a, world_b, client):
    client.force_login(world_a.user(Role.AUDITOR))
    label = ContentType.objects.get_for_model(OrganisationUnit)
    response = client.get(f"/history/{label.app_label}.{label.model}/{world_b.unit.pk}/")
    assert response.status_code == 404


def _public_pages() -> list[Route]:
    """The public pages and files named by the organisation's address alone (home, climate figures, data)."""
    return [r for r in all_routes() if r.kwargs and set(r.kwargs) <= {"kind", "organisation", "format"}]


def test_public_pages_never_show_another_organisations_published_data(world_a, world_b, client):
    from hallbar.climate import budget_services

    for world, code in ((world_a, "0580"), (world_b, "0581")):
        world.organisation.municipality = Municipality.objects.get(code=code)
        world.organisation.save()
        portal_services.publish(world.organisation)  # its climate figures
    budget = budget_services.adopt(climate_budget_for(world_b.organisation, world_b.unit), user=None)
    for record in (budget, plan_tree_for(world_b.organisation, world_b.unit)):
        portal_services.publish(record)
    address = _public_address(world_a)
    markers = [world_b.organisation.name, world_b.unit.name, budget.title, "Norrköping", "@b.example.se"]
    pages = _public_pages()
    assert {"portal:home", "portal:climate", "portal:climate-data", "portal:catalogue"} <= {r.name for r in pages}
    for route in pages:
        for data_format in ("csv", "json") if "format" in route.kwargs else ("",):
            url = _fill(route, {**address, "format": data_format})
            response = client.get(url)
            assert response.status_code == 200, f"{url} answered {response.status_code}"
            for marker in markers:
                assert marker not in _text(response), f"A's public page {url} shows '{marker}' of organisation B."
