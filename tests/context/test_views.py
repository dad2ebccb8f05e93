"""The context pages: forms by role and unit, filters and exports, the PESTLE links, the scope versions,
guarded deletes, another organisation's objects (404) and the number of queries."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from hallbar.accounts.roles import Role
from hallbar.actions.services import create_action
from hallbar.context.models import InterestedParty, ScanItem, ScopeStatement
from tests.plans.factories import GoalFactory

from .factories import InterestedPartyFactory, ScanItemFactory, party_for, scan_item_for, scope_draft_for, version


def errors(response) -> dict:
    """The form's errors as the user read them (in English)."""
    with translation.override("en"):
        return {
            field: [str(message) for message in messages] for field, messages in response.context["form"].errors.items()
        }


def party_data(world, **overrides):
    data = {
        "name": "Cykelfrämjandet",
        "category": "civil_society",
        "relevance": "high",
        "needs": "Säkra cykelvägar till skolor.",
        "responsible_unit": world.unit.pk,
        "last_reviewed_on": "2025-05-01",
    }
    return {**data, **overrides}


def scan_data(world, **overrides):
    data = {
        "title": "Elektrifiering av tunga transporter",
        "category": "technological",
        "trend": "growing",
        "impact": "both",
        "impact_size": "large",
        "time_horizon": "medium",
        "source": "Trafikverket",
        "source_url": "https://www.trafikverket.se/",
        "noted_on": "2025-04-01",
        "status": "active",
        "responsible_unit": world.unit.pk,
    }
    return {**data, **overrides}


def scope_data(**overrides):
    data = {"text": "All kommunal verksamhet.", "boundaries": "", "exclusions": "", "valid_from": "2026-01-01"}
    return {**data, "approved_by": "", "approved_on": "", **overrides}


# Menu and landing page --------------------------------------------------------------------------------


def test_landing_page_in_the_plan_menu(world_a, english):
    party_for(world_a.organisation)
    scan_item_for(world_a.organisation)
    scope_draft_for(world_a.organisation)
    english.force_login(world_a.user(Role.READER))
    page = english.get(reverse("context:index")).content.decode()
    assert f'href="{reverse("context:index")}"' in page and "Context of the organisation" in page
    assert "1 interested party" in page and "1 of high relevance" in page and "1 with compliance obligations" in page
    assert "1 active scan item, 1 of which may affect the organisation negatively." in page
    assert "Version 1, valid from 2025-01-01, approved by Kommunstyrelsen." in page
    assert "Version 2 is a draft." in page


# Interested parties -----------------------------------------------------------------------------------


def test_coordinator_records_a_party(world_a, english):
    english.force_login(world_a.user(Role.COORDINATOR))
    response = english.post(reverse("context:party-create"), party_data(world_a))
    assert response.status_code == 302
    party = InterestedParty.objects.get()
    assert (party.organisation, party.responsible_unit, party.relevance) == (world_a.organisation, world_a.unit, "high")
    response = english.post(
        reverse("context:party-edit", args=[party.pk]), party_data(world_a, is_compliance_obligation="on")
    )
    assert response.status_code == 200
    assert errors(response) == {"obligation_note": ["Say which of the needs become compliance obligations."]}
    page = english.get(party.get_absolute_url()).content.decode()
    assert "Säkra cykelvägar till skolor." in page and "None of these needs becomes a compliance obligation." in page


def test_editor_writes_only_for_their_units(world_a, client_for):
    client = client_for(world_a.user(Role.EDITOR))  # editor of the administration
    response = client.post(reverse("context:party-create"), party_data(world_a, responsible_unit=world_a.sibling.pk))
    assert response.status_code == 200 and "responsible_unit" in response.context["form"].errors
    assert client.post(reverse("context:party-create"), party_data(world_a)).status_code == 302
    other = InterestedPartyFactory(organisation=world_a.organisation, responsible_unit=world_a.sibling)
    other_item = ScanItemFactory(organisation=world_a.organisation, responsible_unit=world_a.sibling)
    for url in [
        reverse("context:party-edit", args=[other.pk]),
        reverse("context:party-delete", args=[other.pk]),
        reverse("context:scan-edit", args=[other_item.pk]),
        reverse("context:scan-delete", args=[other_item.pk]),
        reverse("context:scope-create"),
    ]:
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("context:scan-archive", args=[other_item.pk])).status_code == 403
    other_item.refresh_from_db()
    assert other_item.status == "active"


@pytest.mark.parametrize("role", [Role.READER, Role.AUDITOR])
def test_readers_and_auditors_read_only(role, world_a, client_for):
    party, item = party_for(world_a.organisation, world_a.unit), scan_item_for(world_a.organisation, world_a.unit)
    draft = scope_draft_for(world_a.organisation, world_a.unit)
    client = client_for(world_a.user(role))
    for url in [
        reverse("context:index"),
        reverse("context:parties"),
        reverse("context:scan"),
        reverse("context:pestle"),
        reverse("context:scope"),
        party.get_absolute_url(),
        item.get_absolute_url(),
        draft.get_absolute_url(),
    ]:
        assert client.get(url).status_code == 200, url
    for url in [
        reverse("context:party-create"),
        reverse("context:party-edit", args=[party.pk]),
        reverse("context:party-delete", args=[party.pk]),
        reverse("context:scan-create"),
        reverse("context:scan-edit", args=[item.pk]),
        reverse("context:scan-delete", args=[item.pk]),
        reverse("context:scope-create"),
        reverse("context:scope-edit", args=[draft.pk]),
        reverse("context:scope-delete", args=[draft.pk]),
    ]:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"name": "Ändrad", "title": "Ändrad", "text": "Ändrad"}).status_code == 403, url
    assert client.post(reverse("context:scan-archive", args=[item.pk])).status_code == 403
    assert "Edit the" not in client.get(item.get_absolute_url()).content.decode()


def test_another_organisations_objects_are_not_found(world_a, world_b, client_for):
    party, item = party_for(world_b.organisation), scan_item_for(world_b.organisation)
    draft = scope_draft_for(world_b.organisation)
    client = client_for(world_a.user(Role.ADMINISTRATOR))
    for name, obj in [("party", party), ("party-edit", party), ("scan-item", item), ("scan-edit", item)]:
        assert client.get(reverse(f"context:{name}", args=[obj.pk])).status_code == 404
    for name in ("scope-version", "scope-edit", "scope-delete"):
        assert client.get(reverse(f"context:{name}", args=[draft.pk])).status_code == 404
    assert client.post(reverse("context:scan-archive", args=[item.pk])).status_code == 404
    assert "Boende i centrum" not in client.get(reverse("context:parties")).content.decode()


def test_party_filters_and_export(world_a, client_for):
    InterestedPartyFactory(organisation=world_a.organisation, name="Hög", relevance="high", category="businesses")
    InterestedPartyFactory(organisation=world_a.organisation, name="Låg", relevance="low", category="businesses")
    InterestedPartyFactory(organisation=world_a.organisation, name="Besökare", category="visitors")
    client = client_for(world_a.user(Role.READER))
    url = reverse("context:parties")

    def names(query):
        return [party.name for party in client.get(url + query).context["parties"]]

    assert names("?category=businesses") == ["Hög", "Låg"]
    assert names("?category=businesses&relevance=low") == ["Låg"]
    assert names("?relevance=bogus") == ["Hög", "Låg", "Besökare"]  # a bad value is ignored
    response = client.get(url + "?category=visitors&export=csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert response["Content-Disposition"].startswith('attachment; filename="interested-parties-')
    assert "Besökare" in body and "Hög" not in body
    response = client.get(url + "?export=xlsx")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")


# Environmental scan -----------------------------------------------------------------------------------


def test_scan_item_with_goals_and_a_checked_source_address(world_a, english):
    goal = GoalFactory(plan__organisation=world_a.organisation, title="Fossilfria transporter")
    english.force_login(world_a.user(Role.EDITOR))
    response = english.post(reverse("context:scan-create"), scan_data(world_a, source_url="ftp://example.se/x"))
    assert response.status_code == 200
    assert errors(response) == {"source_url": ["Enter a web address starting with https:// or http://."]}
    response = english.post(reverse("context:scan-create"), scan_data(world_a, goals=[goal.pk]))
    assert response.status_code == 302, response.context["form"].errors
    item = ScanItem.objects.get()
    assert list(item.goals.all()) == [goal]
    page = english.get(item.get_absolute_url()).content.decode()
    assert '<a href="https://www.trafikverket.se/" rel="noopener noreferrer">Trafikverket</a>' in page
    assert "Fossilfria transporter" in page and "Both positive and negative (large)" in page


def test_archive_and_status_filter(world_a, english):
    item = scan_item_for(world_a.organisation, world_a.unit)
    english.force_login(world_a.user(Role.EDITOR))
    response = english.post(reverse("context:scan-archive", args=[item.pk]), follow=True)
    assert "Skyfall blir vanligare was archived." in response.content.decode()
    assert not english.get(reverse("context:scan")).context["items"]
    assert list(english.get(reverse("context:scan") + "?status=archived").context["items"]) == [item]
    assert list(english.get(reverse("context:scan") + "?status=all").context["items"]) == [item]
    assert english.get(reverse("context:scan-archive", args=[item.pk])).status_code == 405


def test_pestle_overview_links_to_the_filtered_list(world_a, english):
    ScanItemFactory(organisation=world_a.organisation, category="economic", time_horizon="short", title="Räntor")
    ScanItemFactory(organisation=world_a.organisation, category="legal", time_horizon="short", title="EU-direktiv")
    english.force_login(world_a.user(Role.READER))
    page = english.get(reverse("context:pestle")).content.decode()
    link = f'<a href="{reverse("context:scan")}?category=economic&amp;time_horizon=short">1'
    assert link in page and "Economic, short term (under 2 years)" in page
    assert '<th scope="row">Political</th>' in page and "<caption>" in page
    titles = [
        item.title
        for item in english.get(reverse("context:scan") + "?category=economic&time_horizon=short").context["items"]
    ]
    assert titles == ["Räntor"]


def test_scan_export_has_the_filtered_rows(world_a, client_for):
    scan_item_for(world_a.organisation)
    ScanItemFactory(organisation=world_a.organisation, category="social", title="Åldrande befolkning")
    client = client_for(world_a.user(Role.READER))
    response = client.get(reverse("context:scan") + "?category=environmental&export=csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Skyfall blir vanligare" in body and "https://www.smhi.se/klimat" in body
    assert "Åldrande befolkning" not in body


def test_delete_refused_while_an_action_refers_to_it(world_a, english):
    item = scan_item_for(world_a.organisation, world_a.unit)
    create_action(organisation=world_a.organisation, title="Skyfallsplan", reason=item)
    english.force_login(world_a.user(Role.COORDINATOR))
    response = english.post(reverse("context:scan-delete", args=[item.pk]), follow=True)
    assert "1 action: Skyfallsplan. Archive it instead." in response.content.decode()
    assert ScanItem.objects.filter(pk=item.pk).exists()
    party = party_for(world_a.organisation)
    assert english.post(reverse("context:party-delete", args=[party.pk])).status_code == 302
    assert not InterestedParty.objects.exists()


# Scope ------------------------------------------------------------------------------------------------


def test_scope_written_changed_approved_and_versioned(world_a, english):
    english.force_login(world_a.user(Role.COORDINATOR))
    assert "No version of the scope has been approved yet." in english.get(reverse("context:scope")).content.decode()
    response = english.post(reverse("context:scope-create"), scope_data(units=[world_a.unit.pk]))
    assert response.status_code == 302
    draft = ScopeStatement.objects.get()
    assert english.get(reverse("context:scope-create")).url == reverse("context:scope-edit", args=[draft.pk])

    response = english.post(
        reverse("context:scope-edit", args=[draft.pk]),
        scope_data(units=[world_a.unit.pk], approved_by="Kommunstyrelsen", approved_on="2025-12-01"),
    )
    assert response.status_code == 302
    assert english.get(reverse("context:scope-edit", args=[draft.pk])).status_code == 404  # approved: not a draft

    form = english.get(reverse("context:scope-create")).context["form"]
    assert form.initial == {
        "text": "All kommunal verksamhet.",
        "boundaries": "",
        "exclusions": "",
        "units": [world_a.unit.pk],
    }
    response = english.post(
        reverse("context:scope-create"),
        scope_data(text="Även de kommunala bolagen.", approved_by="Kommunfullmäktige", approved_on="2025-11-01"),
    )
    assert errors(response) == {
        "approved_on": [
            "The current scope, version 1, was approved on 2025-12-01: a new version cannot be approved before that."
        ]
    }
    response = english.post(
        reverse("context:scope-create"),
        scope_data(text="Även de kommunala bolagen.", approved_by="Kommunfullmäktige", approved_on="2025-12-15"),
    )
    assert response.status_code == 302
    page = english.get(reverse("context:scope")).content.decode()
    assert "The current scope (version 2)" in page and "Även de kommunala bolagen." in page
    assert "Replaced" in page and "Change the scope (new version)" in page
    old = english.get(reverse("context:scope-version", args=[draft.pk])).content.decode()
    assert "A later approved version has replaced this one." in old and "All kommunal verksamhet." in old


def test_approval_needs_who_and_when(world_a, english):
    english.force_login(world_a.user(Role.COORDINATOR))
    response = english.post(reverse("context:scope-create"), scope_data(approved_by="Kommunstyrelsen"))
    assert errors(response) == {"approved_on": ["Give both who approved the scope and when, or neither (a draft)."]}
    assert not ScopeStatement.objects.exists()


def test_draft_discarded_but_approved_version_kept(world_a, english):
    draft = scope_draft_for(world_a.organisation)
    english.force_login(world_a.user(Role.ADMINISTRATOR))
    approved = ScopeStatement.objects.get(version=1)
    assert english.post(reverse("context:scope-delete", args=[approved.pk])).status_code == 404
    assert english.post(reverse("context:scope-delete", args=[draft.pk])).status_code == 302
    assert list(ScopeStatement.objects.all()) == [approved]


def test_scope_export_lists_the_versions(world_a, client_for):
    scope_draft_for(world_a.organisation, world_a.unit)
    client = client_for(world_a.user(Role.READER))
    with_language = client.get(reverse("context:scope") + "?export=csv")
    body = b"".join(with_language.streaming_content).decode("utf-8-sig")
    lines = body.strip().splitlines()
    assert len(lines) == 3 and lines[1].startswith("2;") and lines[2].startswith("1;")
    assert "A enhet" in lines[2]


# Queries ----------------------------------------------------------------------------------------------


def build(world, count):
    goal = GoalFactory(plan__organisation=world.organisation)
    for _ in range(count):
        InterestedPartyFactory(organisation=world.organisation, responsible_unit=world.unit)
        item = ScanItemFactory(organisation=world.organisation, responsible_unit=world.unit)
        item.goals.add(goal, GoalFactory(plan=goal.plan))
        statement = version(world.organisation, units=[world.unit, world.sibling])
        statement.approved_by, statement.approved_on = "Kommunstyrelsen", date(2025, 1, 1)
        statement.save()


PAGES = {
    "index": lambda: reverse("context:index"),
    "parties": lambda: reverse("context:parties"),
    "scan": lambda: reverse("context:scan"),
    "pestle": lambda: reverse("context:pestle"),
    "scope": lambda: reverse("context:scope"),
    "party": lambda: InterestedParty.objects.last().get_absolute_url(),
    "scan-item": lambda: ScanItem.objects.last().get_absolute_url(),
    "scope-version": lambda: ScopeStatement.objects.order_by("version").last().get_absolute_url(),
}


@pytest.mark.parametrize("page", list(PAGES))
def test_pages_take_a_fixed_number_of_queries(page, world_a, client_for, django_assert_max_num_queries):
    client = client_for(world_a.user(Role.READER))
    build(world_a, 2)
    with CaptureQueriesContext(connection) as small:
        assert client.get(PAGES[page]()).status_code == 200
    build(world_a, 8)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(PAGES[page]()).status_code == 200


def test_scan_item_shows_and_raises_risks(world_a, world_b, english):
    from tests.risks.factories import RiskFactory

    item = scan_item_for(world_a.organisation, world_a.unit)
    risk = RiskFactory(organisation=world_a.organisation, title="Översvämmad källare")
    opportunity = RiskFactory(organisation=world_a.organisation, title="Grönare gator", kind="opportunity")
    risk.scan_items.add(item)
    opportunity.scan_items.add(item)
    english.force_login(world_a.user(Role.EDITOR))
    page = english.get(item.get_absolute_url()).content.decode()
    assert f'<a href="{risk.get_absolute_url()}">Översvämmad källare</a>' in page and "Grönare gator" in page
    assert f"{reverse('risks:create')}?scan_item={item.pk}&amp;kind=opportunity" in page

    english.force_login(world_a.user(Role.COORDINATOR))
    response = english.post(reverse("context:scan-delete", args=[item.pk]), follow=True)
    assert "2 risks and opportunities: Grönare gator, Översvämmad källare." in response.content.decode()
    assert ScanItem.objects.filter(pk=item.pk).exists()
