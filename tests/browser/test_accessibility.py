"""axe-core (WCAG 2.0/2.1 A and AA rules) over every page of the UI, in headless Chromium.

The pages come from the URL resolver, not from a hand-written list: every URL pattern that answers
GET is visited, so a page added later is checked automatically. URL arguments are filled from objects
the test creates (see ``FILLERS``); a pattern with an argument the test cannot fill fails the suite
with instructions instead of being skipped. Skipped on purpose, and only these: Django's own admin,
the JSON API (its HTML reference at /api/v1/docs/ is walked), the i18n endpoint, logout, file
downloads (``FILE_DOWNLOADS``), and POST-only views (recognised by a GET answering 405).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.db.models import Count
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from hallbar.accounts import services
from hallbar.accounts.models import Invitation, Membership, User
from hallbar.accounts.roles import Role
from hallbar.frameworks.models import FrameworkItem, Library
from hallbar.organisations.models import OrganisationUnit
from hallbar.plans.models import Target
from tests.actions.factories import action_for
from tests.aspects.factories import aspect_for
from tests.audits.factories import audit_for
from tests.chemicals.factories import PhaseOutSubstanceFactory, flagged_article_for, screening_for
from tests.climate.factories import climate_budget_for, method_for
from tests.consumption.factories import imported_for, mapping_for, own_factor_for, recomputation_for
from tests.context.factories import party_for, scan_item_for, scope_draft_for
from tests.dialogue.factories import contribution_for, published_goal
from tests.documents.factories import document_for, evidence_on
from tests.examples.factories import attachment_on, example_for
from tests.factories import MembershipFactory, UserFactory
from tests.imports.factories import job_for
from tests.indicators.factories import indicator_for
from tests.kolada.factories import kolada_demo_for
from tests.maturity.factories import assessment_for
from tests.networks.factories import network_for, shared_indicator_for
from tests.nonconformities.factories import nonconformity_for
from tests.obligations.factories import obligation_for
from tests.plans.factories import plan_tree_for
from tests.portal.factories import adopted_budget_for, climate_published, portal_on, published
from tests.procurement.factories import check_for, procurement_for, supplier_for
from tests.reporting.factories import report_for, round_for
from tests.reports.factories import version_for as report_version_for
from tests.reviews.factories import management_review_for
from tests.reviews.statement_factories import statement_for
from tests.risks.factories import risk_for

from .conftest import axe_violations, format_violations, login

pytestmark = pytest.mark.browser

LOGIN_PATH = "/accounts/login/"

# Pages only Django superusers (the installation's operators) may open. A coordinator must get the
# 403 page there (which is checked too); a superuser walks them in addition.
SUPERUSER_ONLY = {
    "organisations:new",
    "chemicals:candidate-list-load",
    "procurement:national-load",
    "climate:release-load",
    "climate:release-make-current",
}


# --- Which URL patterns are pages -----------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    route: str  # the full pattern, e.g. "organisation/units/<int:pk>/edit/"
    name: str | None  # "namespace:name"
    kwargs: tuple[str, ...]

    @property
    def prefix(self) -> str:
        """The fixed start of the pattern, before its first argument: the key of ``FILLERS``."""
        return re.split(r"[<(]", self.route.replace("^", "").replace("$", ""), maxsplit=1)[0]

    def __str__(self) -> str:
        return f"/{self.route} ({self.name or 'unnamed'})"


def all_routes(patterns=None, prefix: str = "", namespace: str = "") -> list[Route]:
    """Every URL pattern of the project, flattened, with its full route, name and argument names."""
    routes = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace) if part)
            routes += all_routes(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            converters = getattr(entry.pattern, "converters", None)
            names = tuple(converters) if converters is not None else tuple(entry.pattern.regex.groupindex)
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            routes.append(Route(prefix + str(entry.pattern), name, names))
    return routes


# Views that send a stored file as an attachment: Chromium downloads it instead of showing a page.
FILE_DOWNLOADS = {
    "documents:evidence-download",
    "documents:version-file",
    "audits:report-pdf",
    "reviews:pdf",
    "reviews:statement-pdf",
    "portal:catalogue",  # JSON-LD and the open-data files below: data, not pages
    "portal:goal-data",
    "portal:indicator-data",
    "portal:action-plan-data",
    "portal:climate-data",
    "portal:climate-budget-data",
    "climate:budget-export",  # XLSX and PDF
    "overview:summary-pdf",
    "reports:version-file",  # PDF, DOCX and XLSX
    "examples:attachment",
}


def skip_reason(route: Route) -> str | None:
    """Why a pattern is not a page of our UI, or None when it must be walked."""
    if route.route.startswith("django-admin/"):
        return "Django's own admin, not our UI"
    if route.route.startswith("api/v1/") and route.route != "api/v1/docs/":
        return "JSON API endpoint"
    if route.route.startswith("i18n/"):
        return "language endpoint (POST only)"
    if route.name == "accounts:logout":
        return "logout"
    if route.name in FILE_DOWNLOADS:
        return "a file download, not a page"
    return None


def page_routes() -> list[Route]:
    return [route for route in all_routes() if skip_reason(route) is None]


# --- Filling URL arguments ------------------------------------------------------------------------


@dataclass
class Objects:
    """What the URL arguments of the walked pages are filled from."""

    unit: OrganisationUnit
    membership: Membership
    invitation: Invitation
    invitation_token: str
    library: Library
    item: FrameworkItem
    reset_user: User


# (fixed start of the route, argument name) -> value. A new page under an existing prefix is filled
# automatically; a new prefix or argument needs a line here (the walk fails and says so).
FILLERS: dict[tuple[str, str], Callable[[Objects], object]] = {
    ("organisation/units/", "pk"): lambda o: o.unit.pk,
    ("accounts/people/", "pk"): lambda o: o.membership.pk,
    ("accounts/invitations/", "pk"): lambda o: o.invitation.pk,
    ("accounts/invitation/", "token"): lambda o: o.invitation_token,
    ("accounts/password-reset/", "uidb64"): lambda o: urlsafe_base64_encode(force_bytes(o.reset_user.pk)),
    ("accounts/password-reset/", "token"): lambda o: default_token_generator.make_token(o.reset_user),
    ("frameworks/library/", "urn"): lambda o: o.library.urn,
    ("frameworks/item/", "urn"): lambda o: o.item.urn,
    ("history/", "label"): lambda o: "organisations.organisationunit",
    ("history/", "pk"): lambda o: o.unit.pk,
    ("imports/", "spec"): lambda o: "indicator_values",
    ("imports/jobs/", "pk"): lambda o: job_for(o.unit.organisation).pk,
    ("plans/", "pk"): lambda o: plan_tree_for(o.unit.organisation, o.unit).pk,
    ("plans/focus-areas/", "pk"): lambda o: plan_tree_for(o.unit.organisation, o.unit).focus_areas.first().pk,
    ("plans/goals/", "pk"): lambda o: plan_tree_for(o.unit.organisation, o.unit).goals.first().pk,
    ("plans/targets/", "pk"): lambda o: Target.objects.get(goal__plan=plan_tree_for(o.unit.organisation, o.unit)).pk,
    ("indicators/", "pk"): lambda o: indicator_for(o.unit.organisation, o.unit).pk,
    ("indicators/values/", "pk"): lambda o: indicator_for(o.unit.organisation, o.unit).values.first().pk,
    ("reporting/", "pk"): lambda o: round_for(o.unit.organisation, o.unit).pk,
    ("reporting/reports/", "pk"): lambda o: report_for(o.unit.organisation, o.unit).pk,
    ("kolada/kpis/", "kpi_id"): lambda o: kolada_demo_for(o.unit.organisation),
    ("actions/", "pk"): lambda o: action_for(o.unit.organisation, o.unit).pk,
    ("actions/plans/", "pk"): lambda o: action_for(o.unit.organisation, o.unit).action_plan_id,
    ("context/parties/", "pk"): lambda o: party_for(o.unit.organisation, o.unit).pk,
    ("context/scan/", "pk"): lambda o: scan_item_for(o.unit.organisation, o.unit).pk,
    ("context/scope/", "pk"): lambda o: scope_draft_for(o.unit.organisation, o.unit).pk,
    ("aspects/", "pk"): lambda o: aspect_for(o.unit.organisation, o.unit).pk,
    ("aspects/activities/", "pk"): lambda o: aspect_for(o.unit.organisation, o.unit).activity_id,
    ("aspects/criteria/", "pk"): lambda o: aspect_for(o.unit.organisation, o.unit).scores.first().criterion_id,
    ("risks/", "pk"): lambda o: risk_for(o.unit.organisation, o.unit).pk,
    ("obligations/", "pk"): lambda o: obligation_for(o.unit.organisation, o.unit).pk,
    ("obligations/evaluations/", "pk"): lambda o: obligation_for(o.unit.organisation, o.unit).evaluations.first().pk,
    ("documents/", "pk"): lambda o: document_for(o.unit.organisation, o.unit).pk,
    ("documents/versions/", "pk"): lambda o: document_for(o.unit.organisation, o.unit).versions.get(status="draft").pk,
    ("documents/evidence/", "pk"): lambda o: evidence_on(document_for(o.unit.organisation, o.unit)).pk,
    ("documents/evidence-for/", "label"): lambda o: "documents.controlleddocument",
    ("documents/evidence-for/", "pk"): lambda o: document_for(o.unit.organisation, o.unit).pk,
    ("documents/readiness/", "urn"): lambda o: "urn:hallbar:library:iso14001",
    ("nonconformities/", "pk"): lambda o: nonconformity_for(o.unit.organisation, o.unit).pk,
    ("audits/", "pk"): lambda o: audit_for(o.unit.organisation, o.unit).pk,
    ("audits/programmes/", "pk"): lambda o: audit_for(o.unit.organisation, o.unit).programme_id,
    ("audits/questions/", "pk"): lambda o: audit_for(o.unit.organisation, o.unit).checklist.get(clause=None).pk,
    ("audits/findings/", "pk"): lambda o: audit_for(o.unit.organisation, o.unit).findings.get(kind="minor").pk,
    ("maturity/", "pk"): lambda o: assessment_for(o.unit.organisation, o.unit).pk,  # a draft, with 2025 to compare
    ("reviews/", "pk"): lambda o: management_review_for(o.unit.organisation, o.unit).pk,  # in preparation, with data
    ("reviews/decisions/", "pk"): lambda o: management_review_for(o.unit.organisation, o.unit).decisions.get().pk,
    ("reviews/statements/", "pk"): lambda o: statement_for(o.unit.organisation, o.unit).pk,  # a draft
    ("chemicals/screenings/", "pk"): lambda o: screening_for(o.unit.organisation, o.unit).pk,
    ("chemicals/articles/", "pk"): lambda o: flagged_article_for(o.unit.organisation, o.unit).pk,
    ("chemicals/phase-out/", "pk"): lambda o: PhaseOutSubstanceFactory(organisation=o.unit.organisation).pk,
    ("procurement/", "pk"): lambda o: procurement_for(o.unit.organisation, o.unit).pk,
    ("procurement/checks/", "pk"): lambda o: check_for(o.unit.organisation, o.unit).pk,
    ("consumption/imports/", "pk"): lambda o: imported_for(o.unit.organisation, o.unit).pk,
    ("consumption/mappings/", "pk"): lambda o: mapping_for(o.unit.organisation).pk,
    ("climate/releases/", "key"): lambda o: "smhi-2026",  # a shipped release
    ("climate/methods/", "pk"): lambda o: method_for(o.unit.organisation).pk,  # the organisation's own preset
    ("climate/budgets/", "pk"): lambda o: climate_budget_for(o.unit.organisation, o.unit).pk,  # a draft
    ("climate/budgets/responsibilities/", "pk"): lambda o: (
        climate_budget_for(o.unit.organisation, o.unit).responsibilities.first().pk
    ),
    ("climate/budgets/measures/", "pk"): lambda o: climate_budget_for(o.unit.organisation, o.unit).measures.first().pk,
    ("procurement/suppliers/", "pk"): lambda o: supplier_for(o.unit.organisation, o.unit).pk,
    ("consumption/factors/own/", "pk"): lambda o: own_factor_for(o.unit.organisation).pk,
    ("consumption/recompute/", "pk"): lambda o: recomputation_for(o.unit.organisation).pk,
    ("portal/publish/", "label"): lambda o: "plans.plan",
    ("portal/publish/", "pk"): lambda o: plan_tree_for(o.unit.organisation, o.unit).pk,
    # The public portal (no login): its addresses start with arguments, so its pages are keyed by route name.
    ("", "kind"): lambda o: "kommun",
    ("", "organisation"): lambda o: portal_on(o.unit.organisation).slug,
    ("", "slug"): lambda o: "x",  # an old title: redirects to the page's address
    ("portal:plan", "pk"): lambda o: published(plan_tree_for(o.unit.organisation, o.unit)).pk,
    ("portal:goal", "pk"): lambda o: published(plan_tree_for(o.unit.organisation, o.unit).goals.first()).pk,
    ("portal:indicator", "pk"): lambda o: published(indicator_for(o.unit.organisation, o.unit)).pk,
    ("portal:action-plan", "pk"): lambda o: published(action_for(o.unit.organisation, o.unit).action_plan).pk,
    ("portal:climate", "organisation"): lambda o: portal_on(climate_published(o.unit.organisation)).slug,
    ("portal:climate-budget", "pk"): lambda o: adopted_budget_for(o.unit.organisation, o.unit).pk,
    ("dialog/", "pk"): lambda o: contribution_for(o.unit.organisation, o.unit).pk,
    ("dialog/mal/", "pk"): lambda o: published_goal(o.unit.organisation).pk,
    ("networks/", "pk"): lambda o: shared_indicator_for(o.unit.organisation, o.unit).membership.network_id,
    ("networks/members/", "pk"): lambda o: network_for(o.unit.organisation).memberships.get().pk,
    ("reports/", "pk"): lambda o: report_version_for(o.unit.organisation, o.unit).report_id,  # generated
    ("reports/versions/", "pk"): lambda o: report_version_for(o.unit.organisation, o.unit).pk,
    ("examples/", "pk"): lambda o: example_for(o.unit.organisation, o.unit).pk,
    ("examples/files/", "pk"): lambda o: attachment_on(example_for(o.unit.organisation, o.unit)).pk,
}


def unfillable(routes: list[Route]) -> list[str]:
    return [
        f"{route}: argument {kwarg!r} (prefix {route.prefix!r})"
        for route in routes
        for kwarg in route.kwargs
        if (route.prefix, kwarg) not in FILLERS and (route.name, kwarg) not in FILLERS
    ]


def build_url(route: Route, objects: Objects) -> str:
    values = {
        kwarg: FILLERS.get((route.name, kwarg), FILLERS.get((route.prefix, kwarg)))(objects) for kwarg in route.kwargs
    }
    if route.name:
        return reverse(route.name, kwargs=values)
    if "^" in route.route:
        pytest.fail(f"{route} is an unnamed regular-expression pattern: give it a name so the walk can reverse it.")
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda match: str(values[match.group(1)]), route.route)


def page_urls(objects: Objects) -> list[tuple[Route, str]]:
    routes = page_routes()
    missing = unfillable(routes)
    if missing:
        pytest.fail(
            "The accessibility walk does not know how to fill these URL arguments:\n  "
            + "\n  ".join(missing)
            + "\nAdd a filler to FILLERS in tests/browser/test_accessibility.py (and the object it needs to Objects)."
        )
    return [(route, build_url(route, objects)) for route in routes]


def test_every_url_argument_has_a_filler():
    """Runs without a browser: a new URL argument is reported even where Chromium is missing."""
    routes = page_routes()
    assert routes, "no URL patterns found"
    missing = unfillable(routes)
    assert not missing, "Add fillers to FILLERS in tests/browser/test_accessibility.py for:\n  " + "\n  ".join(missing)


# --- Test data --------------------------------------------------------------------------------------


def invite_and_read_token(**kwargs) -> tuple[Invitation, str]:
    """Invite through the real service; the token is only in the e-mail, so read it from there."""
    sent = len(mail.outbox)
    invitation = services.invite(**kwargs)
    assert len(mail.outbox) == sent + 1, "the invitation e-mail was not sent"
    match = re.search(r"/accounts/invitation/([^/\s]+)/", mail.outbox[-1].body)
    assert match, f"no invitation link in the e-mail:\n{mail.outbox[-1].body}"
    return invitation, match.group(1)


def smallest(queryset):
    return queryset.annotate(size=Count("items", distinct=True)).order_by("size", "urn").first()


@pytest.fixture
def objects(world_a) -> Objects:
    coordinator = world_a.user("coordinator")
    invitation, token = invite_and_read_token(
        email="new.person@a.example.se",
        full_name="Ny Person",
        organisation=world_a.organisation,
        unit=world_a.unit,
        role=Role.EDITOR,
        invited_by=coordinator,
    )
    # The smallest library with items and an item with sub-items and cross-mappings keep axe quick
    # while still rendering every part of those templates.
    library = smallest(Library.objects.exclude(kind=Library.Kind.MAPPING).filter(items__isnull=False))
    item = (
        FrameworkItem.objects.filter(children__isnull=False, mappings_out__isnull=False)
        .annotate(size=Count("children", distinct=True))
        .order_by("size", "urn")
        .first()
    )
    assert library and item, "the framework libraries are not loaded"
    return Objects(
        # The administration has a parent, a child and a member: breadcrumbs, tree and table all show.
        unit=world_a.administration,
        membership=Membership.objects.get(user=world_a.user("reader"), organisation=world_a.organisation),
        invitation=invitation,
        invitation_token=token,
        library=library,
        item=item,
        reset_user=world_a.user("reader"),
    )


# --- Walking ---------------------------------------------------------------------------------------


class Walk:
    """Visit pages, run axe on each distinct one, and collect every problem before failing."""

    def __init__(self, page, who: str):
        self.page = page
        self.who = who
        self.checked: list[str] = []
        self.post_only: list[str] = []
        self.problems: list[str] = []
        self.seen: set[str] = set()

    def visit(self, url: str, label: str, expect_status: int = 200, public_only: bool = False) -> None:
        """Check the page at ``url``. With ``public_only``, pages that send visitors to log in are passed over."""
        # Ask first without the browser (same cookies): Chromium shows no page for a bare 405, and
        # pages that only redirect to the log-in need no rendering.
        answer = self.page.request.get(url, max_redirects=0)
        if answer.status == 405:
            self.post_only.append(label)
            return
        if public_only and answer.status == 302 and answer.headers.get("location", "").startswith(LOGIN_PATH + "?"):
            return
        response = self.page.goto(url)
        status = response.status if response else None
        if status != expect_status:
            hint = " (a page only superusers may open belongs in SUPERUSER_ONLY)" if status == 403 else ""
            self.problems.append(f"{label}: GET {url} as {self.who} answered {status}, not {expect_status}{hint}")
            return
        final = self.page.url.split("#", 1)[0]
        if not public_only and url != LOGIN_PATH and final.split("?", 1)[0].endswith(LOGIN_PATH):
            self.problems.append(f"{label}: GET {url} as {self.who} was sent to the log-in page")
            return
        if final in self.seen:
            return  # a redirect to a page already checked (the log-in page sends members to the start page)
        self.seen.add(final)
        self.checked.append(label)
        violations = axe_violations(self.page)
        if violations:
            self.problems.append(f"{label} ({final}) as {self.who}:\n{format_violations(violations)}")


def assert_clean(*walks: Walk) -> None:
    for walk in walks:
        assert walk.checked, f"no page was checked as {walk.who}"
    problems = [problem for walk in walks for problem in walk.problems]
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems)


def switch_language(page, code: str) -> None:
    """Use the header's language button, as a person would."""
    with page.expect_navigation():
        page.click(f"form.language-switcher button[name=language][value={code}]")
    assert page.get_attribute("html", "lang") == code


LANGUAGES = ["sv", "en"]  # Swedish is the default; English is switched to with the header's button


def test_every_page_as_coordinator(new_page, world_a, objects):
    """Every page, logged in as a coordinator (who sees the most buttons), in Swedish and in English."""
    urls = page_urls(objects)
    mapping_library = smallest(Library.objects.filter(kind=Library.Kind.MAPPING))
    linked_from = FrameworkItem.objects.filter(mappings_in__isnull=False).order_by("urn").first()
    # Variants that render other parts of the same templates, and the error pages.
    extras = [
        (mapping_library.get_absolute_url(), "a cross-mapping library", 200),
        (linked_from.get_absolute_url(), "an item linked from other libraries", 200),
        (reverse("organisations:unit-detail", args=[world_a.unit.pk]), "a unit without units below", 200),
        (reverse("frameworks:search") + "?q=klimat", "search results", 200),
        ("/organisation/units/999999999/", "the 404 page", 404),
        (reverse("accounts:accept-invitation", args=["no-such-token"]), "an invalid invitation", 404),
    ]
    page = new_page()
    login(page, world_a.user("coordinator"))
    walks = []
    for language in LANGUAGES:
        if language != "sv":
            switch_language(page, language)
        walk = Walk(page, f"a coordinator ({language})")
        for route, url in urls:
            walk.visit(url, str(route), expect_status=403 if route.name in SUPERUSER_ONLY else 200)
        for url, label, status in extras:
            walk.visit(url, label, status)
        walks.append(walk)
    assert sorted(walks[0].post_only) == sorted(walks[1].post_only)

    # Pages for superusers, walked by one who also is a coordinator in the same organisation.
    operator = UserFactory(email="operator@a.example.se", is_staff=True, is_superuser=True)
    MembershipFactory(user=operator, organisation=world_a.organisation, role=Role.COORDINATOR)
    page = new_page()
    login(page, operator)
    for language in LANGUAGES:
        if language != "sv":
            switch_language(page, language)
        walk = Walk(page, f"a superuser ({language})")
        for route, url in urls:
            if route.name in SUPERUSER_ONLY:
                walk.visit(url, str(route))
        walks.append(walk)
    assert_clean(*walks)


def test_public_pages_logged_out(new_page, world_a, objects):
    """Log-in, password reset and invitation pages as someone who is not logged in, in both languages.

    Every page that answers a visitor is checked, except the API reference: its content is the same
    for everyone and it is walked logged in (in both languages), and at 1,600 elements it is the
    slowest page to check.
    """
    reader = world_a.user("reader")
    _, existing_token = invite_and_read_token(
        email=reader.email, organisation=world_a.organisation, unit=world_a.unit, role=Role.EDITOR, invited_by=reader
    )
    extras = [
        (reverse("accounts:accept-invitation", args=[existing_token]), "invitation for an existing account", 200),
        (reverse("accounts:accept-invitation", args=["no-such-token"]), "an invalid invitation", 404),
    ]
    urls = [(route, url) for route, url in page_urls(objects) if route.name != "api-docs"]

    page = new_page()
    page.goto(LOGIN_PATH)
    # The checker itself works: a field without a label, added to the page, is reported.
    page.evaluate("() => document.querySelector('main').insertAdjacentHTML('beforeend', '<input id=unlabelled>')")
    assert "label" in {violation["id"] for violation in axe_violations(page)}, "axe did not report a missing label"

    walks = []
    for language in LANGUAGES:
        page.goto(LOGIN_PATH)
        if language != "sv":
            switch_language(page, language)
        walk = Walk(page, f"a visitor ({language})")
        for route, url in urls:
            walk.visit(url, str(route), public_only=True)
        for url, label, status in extras:
            walk.visit(url, label, status)
        for name in ["accounts:login", "accounts:password-reset", "password-reset-confirm", "accept-invitation"]:
            assert any(name in label for label in walk.checked), f"{name} is not among the public pages {walk.checked}"
        walks.append(walk)

    # The same invitation, opened by the invited person once logged in.
    page = new_page()
    login(page, reader)
    for language in LANGUAGES:
        if language != "sv":
            switch_language(page, language)
        walk = Walk(page, f"the invited reader ({language})")
        walk.visit(reverse("accounts:accept-invitation", args=[existing_token]), "accepting an invitation")
        walks.append(walk)
    assert_clean(*walks)


# --- Error states ------------------------------------------------------------------------------------

TEXT_INPUTS = ", ".join(
    ["input:not([type])", "textarea"]
    + [f"input[type={kind}]" for kind in ("text", "email", "password", "search", "number", "url", "tel", "date")]
)


def submit_empty(page, url: str) -> None:
    """Open the form, empty every field it lets you empty, submit it, and expect errors back."""
    page.goto(url)
    form = page.locator("main form.form")
    for field in form.locator(TEXT_INPUTS).all():
        if field.is_visible() and field.is_editable():
            field.fill("")
    for select in form.locator("select").all():
        if select.locator("option[value='']").count():
            select.select_option("")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.locator("main [aria-invalid=true]").count(), f"submitting {url} empty showed no field errors"


def test_forms_with_errors(new_page, world_a, objects):
    """Forms after an empty submission: error summary, messages tied to fields, red borders."""
    problems = []

    def check(page, url, who):
        submit_empty(page, url)
        violations = axe_violations(page)
        if violations:
            problems.append(f"{url} submitted empty as {who}:\n{format_violations(violations)}")

    urls = {route.name: url for route, url in page_urls(objects)}
    visitor = new_page()
    for name in ["accounts:login", "accounts:password-reset", "accounts:password-reset-confirm"]:
        check(visitor, urls[name], "a visitor")
    check(visitor, urls["accounts:accept-invitation"], "a visitor")
    switch_language(visitor, "en")
    check(visitor, urls["accounts:login"], "a visitor (en)")

    coordinator = new_page()
    login(coordinator, world_a.user("coordinator"))
    for name in ["organisations:unit-create", "accounts:invite", "accounts:profile"]:
        check(coordinator, urls[name], "a coordinator")
    switch_language(coordinator, "en")
    check(coordinator, urls["organisations:unit-create"], "a coordinator (en)")

    # Repeated failed log-ins lock the account for a while (django-axes): that page is checked too.
    locked = new_page()
    locked.goto(LOGIN_PATH)
    for _attempt in range(10):
        locked.fill("#id_username", "nobody@example.se")
        locked.fill("#id_password", "wrong password")
        with locked.expect_navigation():
            locked.click("form.form button[type=submit]")
        if not locked.locator("#id_username").count():
            break
    assert not locked.locator("#id_username").count(), "the log-in was never locked after repeated failures"
    violations = axe_violations(locked)
    if violations:
        problems.append(f"the locked-out page:\n{format_violations(violations)}")

    assert not problems, "\n".join(problems)
