"""The risk pages: register with filters and export, detail, create (with prefills), edit, status
buttons, actions for a risk, guarded delete, the matrix settings; permissions and query counts."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hallbar.accounts.roles import Role
from hallbar.actions.models import Action
from hallbar.risks import services
from hallbar.risks.models import Risk, RiskMatrix
from tests.aspects.factories import AspectFactory
from tests.context.factories import ScanItemFactory

from .factories import RiskFactory, risk_for


def risk_data(world, **overrides):
    data = {
        "kind": "risk",
        "title": "Leverantören går i konkurs",
        "category": "economic",
        "description": "",
        "cause": "Svag ekonomi hos den enda leverantören.",
        "effect": "Skolmåltiderna uteblir.",
        "responsible_unit": world.unit.pk,
        "owner": world.user(Role.EDITOR).pk,
        "inherent_likelihood": "2",
        "inherent_consequence": "5",
        "treatment_strategy": "",
        "residual_likelihood": "",
        "residual_consequence": "",
        "review_date": "2026-09-30",
    }
    return {**data, **overrides}


# Create, edit, delete ----------------------------------------------------------------------------


def test_coordinator_creates_and_edits_a_risk(world_a, client_for):
    client = client_for(world_a.user(Role.COORDINATOR))
    assert client.get(reverse("risks:create")).status_code == 200
    response = client.post(reverse("risks:create"), risk_data(world_a))
    assert response.status_code == 302, response.context["form"].errors
    risk = Risk.objects.get()
    assert (risk.organisation, risk.inherent_score, risk.inherent_level) == (world_a.organisation, 10, "high")
    assert response["Location"] == risk.get_absolute_url()

    response = client.post(
        reverse("risks:edit", args=[risk.pk]),
        risk_data(world_a, treatment_strategy="transfer", residual_likelihood="2", residual_consequence="2"),
    )
    assert response.status_code == 302, response.context["form"].errors
    risk.refresh_from_db()
    assert (risk.treatment_strategy, risk.residual_score, risk.residual_level) == ("transfer", 4, "low")


def test_form_offers_the_matrix_levels_in_the_organisations_words(world_a, english):
    RiskMatrix.objects.create(
        organisation=world_a.organisation, likelihood_levels=3, consequence_levels=4, likelihood_labels=["Sällan"]
    )
    english.force_login(world_a.user(Role.COORDINATOR))
    form = english.get(reverse("risks:create")).context["form"]
    assert list(form.fields["inherent_likelihood"].choices) == [
        ("", "– choose –"),
        (1, "1 – Sällan"),
        (2, "2 – Medium"),
        (3, "3 – High"),
    ]
    assert len(form.fields["inherent_consequence"].choices) == 5
    response = english.post(reverse("risks:create"), risk_data(world_a, inherent_likelihood="5"))
    assert response.status_code == 200 and "inherent_likelihood" in response.context["form"].errors


def test_form_errors_name_the_field(world_a, english):
    english.force_login(world_a.user(Role.COORDINATOR))
    response = english.post(reverse("risks:create"), risk_data(world_a, kind="opportunity", treatment_strategy="avoid"))
    assert response.context["form"].errors["treatment_strategy"] == [
        "This strategy is not for the kind chosen (opportunity). Choose one of: pursue, enhance, accept."
    ]
    response = english.post(reverse("risks:create"), risk_data(world_a, residual_likelihood="2"))
    assert "residual_consequence" in response.context["form"].errors
    assert not Risk.objects.exists()


def test_editor_creates_and_edits_only_for_their_units(world_a, client_for):
    client = client_for(world_a.user(Role.EDITOR))  # editor of the administration
    response = client.post(reverse("risks:create"), risk_data(world_a, responsible_unit=world_a.sibling.pk))
    assert response.status_code == 200 and "responsible_unit" in response.context["form"].errors
    assert client.post(reverse("risks:create"), risk_data(world_a)).status_code == 302
    other = RiskFactory(organisation=world_a.organisation, responsible_unit=world_a.sibling)
    for name in ("edit", "delete", "action-create"):
        assert client.get(reverse(f"risks:{name}", args=[other.pk])).status_code == 403
    assert client.post(reverse("risks:status", args=[other.pk]), {"status": "closed"}).status_code == 403
    assert client.get(reverse("risks:matrix-settings")).status_code == 403


@pytest.mark.parametrize("role", [Role.READER, Role.AUDITOR])
def test_readers_and_auditors_read_only(role, world_a, client_for):
    risk = risk_for(world_a.organisation, world_a.unit)
    client = client_for(world_a.user(role))
    for url in [reverse("risks:list"), reverse("risks:heat-map"), risk.get_absolute_url()]:
        assert client.get(url).status_code == 200, url
    for url in [
        reverse("risks:create"),
        reverse("risks:edit", args=[risk.pk]),
        reverse("risks:delete", args=[risk.pk]),
        reverse("risks:action-create", args=[risk.pk]),
        reverse("risks:matrix-settings"),
    ]:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"title": "Ändrad"}).status_code == 403, url
    assert client.post(reverse("risks:status", args=[risk.pk]), {"status": "closed"}).status_code == 403
    page = client.get(risk.get_absolute_url()).content.decode()
    assert reverse("risks:status", args=[risk.pk]) not in page


def test_other_organisations_risks_are_not_found(world_a, world_b, client_for):
    risk = risk_for(world_b.organisation, world_b.unit)
    client = client_for(world_a.user(Role.ADMINISTRATOR))
    for name in ("detail", "edit", "delete", "action-create"):
        assert client.get(reverse(f"risks:{name}", args=[risk.pk])).status_code == 404
    assert client.post(reverse("risks:status", args=[risk.pk]), {"status": "closed"}).status_code == 404
    assert "Centrumtunneln" not in client.get(reverse("risks:list")).content.decode()


def test_prefill_from_a_query_parameter(world_a, client_for):
    client = client_for(world_a.user(Role.COORDINATOR))
    form = client.get(reverse("risks:create") + "?kind=opportunity").context["form"]
    assert form.initial == {"kind": "opportunity"}
    form = client.get(reverse("risks:create") + "?kind=bogus&scan_item=x").context["form"]
    assert form.initial == {}


def test_raise_a_risk_from_a_scan_item_or_an_aspect(world_a, world_b, client_for):
    scan_item = ScanItemFactory(organisation=world_a.organisation, title="Ökad nederbörd")
    aspect = AspectFactory(activity__organisation=world_a.organisation, name="Dagvatten")
    foreign = ScanItemFactory(organisation=world_b.organisation)
    client = client_for(world_a.user(Role.COORDINATOR))
    form = client.get(reverse("risks:create") + f"?scan_item={scan_item.pk}").context["form"]
    assert form.initial == {"scan_items": [scan_item.pk], "title": "Ökad nederbörd"}
    form = client.get(reverse("risks:create") + f"?aspect={aspect.pk}").context["form"]
    assert form.initial == {"aspects": [aspect.pk], "title": "Dagvatten"}
    assert client.get(reverse("risks:create") + f"?scan_item={foreign.pk}").context["form"].initial == {}

    response = client.post(reverse("risks:create"), risk_data(world_a, scan_items=[scan_item.pk], aspects=[aspect.pk]))
    assert response.status_code == 302, response.context["form"].errors
    risk = Risk.objects.get()
    assert (list(risk.scan_items.all()), list(risk.aspects.all())) == ([scan_item], [aspect])
    page = client.get(risk.get_absolute_url()).content.decode()
    assert f'<a href="{scan_item.get_absolute_url()}">Ökad nederbörd</a>' in page
    response = client.post(reverse("risks:create"), risk_data(world_a, scan_items=[foreign.pk]))
    assert response.status_code == 200 and "scan_items" in response.context["form"].errors


def test_delete_refused_while_actions_treat_the_risk(world_a, english):
    risk = risk_for(world_a.organisation, world_a.unit)
    english.force_login(world_a.user(Role.COORDINATOR))
    assert english.get(reverse("risks:delete", args=[risk.pk])).status_code == 200
    response = english.post(reverse("risks:delete", args=[risk.pk]), follow=True)
    assert response.redirect_chain[-1][0] == risk.get_absolute_url()
    assert "cannot be deleted because actions treat it: 1 action: Bygg fördröjningsmagasin." in (
        response.content.decode()
    )
    assert Risk.objects.filter(pk=risk.pk).exists()
    Action.objects.all().delete()
    response = english.post(reverse("risks:delete", args=[risk.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("risks:list")
    assert not Risk.objects.exists()


# Detail, status, actions -------------------------------------------------------------------------


def test_detail_shows_assessment_actions_and_buttons(world_a, english):
    risk = risk_for(world_a.organisation, world_a.unit)
    english.force_login(world_a.user(Role.COORDINATOR))
    page = english.get(risk.get_absolute_url()).content.decode()
    assert "4 – Likely" in page and "4 – Major" in page
    assert (
        '<span class="risk-level risk-level--very_high"><span aria-hidden="true">▇</span> Very high (16)</span>' in page
    )
    assert "Medium (8)" in page  # after treatment: 2 × 4, medium from 5 to 9
    assert "Bygg fördröjningsmagasin" in page
    assert 'value="treated"' in page and 'value="closed"' in page and 'value="open"' not in page


def test_status_buttons_move_the_risk_or_say_why_not(world_a, english):
    risk = risk_for(world_a.organisation, world_a.unit)
    english.force_login(world_a.user(Role.EDITOR))
    url = reverse("risks:status", args=[risk.pk])
    assert english.get(url).status_code == 405
    response = english.post(url, {"status": "treated"}, follow=True)
    assert (
        "“Skyfall översvämmar Centrumtunneln” cannot be marked as treated: 1 action is still open."
        in response.content.decode()
    )
    Action.objects.update(status=Action.Status.DONE)
    response = english.post(url, {"status": "treated"}, follow=True)
    assert "The status is now: Treated." in response.content.decode()
    risk.refresh_from_db()
    assert risk.status == Risk.Status.TREATED


def test_add_an_action_for_a_risk(world_a, client_for):
    risk = risk_for(world_a.organisation, world_a.unit)
    client = client_for(world_a.user(Role.EDITOR))
    url = reverse("risks:action-create", args=[risk.pk])
    form = client.get(url).context["form"]
    assert form.initial["responsible_unit"] == world_a.unit.pk
    response = client.post(
        url, {"title": "Höj kantstenen", "responsible_unit": world_a.unit.pk, "status": "not_started"}
    )
    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"] == f"{risk.get_absolute_url()}#actions"
    action = Action.objects.get(title="Höj kantstenen")
    assert action.reason == risk and action.organisation == world_a.organisation
    response = client.post(url, {"title": "Annan enhet", "responsible_unit": world_a.sibling.pk, "status": "ongoing"})
    assert response.status_code == 200 and "responsible_unit" in response.context["form"].errors


# Register: filters and export ------------------------------------------------------------------


def test_register_filters(world_a, client_for):
    today = timezone.localdate()
    flood = RiskFactory(
        organisation=world_a.organisation,
        responsible_unit=world_a.unit,
        inherent_likelihood=5,
        inherent_consequence=5,
        review_date=today - timedelta(days=1),
    )
    tourism = RiskFactory(
        organisation=world_a.organisation,
        kind="opportunity",
        category="economic",
        responsible_unit=world_a.sibling,
        inherent_likelihood=1,
        inherent_consequence=2,
        residual_likelihood=2,
        residual_consequence=2,
        status="closed",
        review_date=today - timedelta(days=1),
    )
    client = client_for(world_a.user(Role.READER))

    def listed(query):
        response = client.get(reverse("risks:list") + query)
        assert response.status_code == 200
        return {risk.pk for risk in response.context["risks"]}

    assert listed("") == {flood.pk, tourism.pk}
    assert listed("?kind=opportunity") == {tourism.pk}
    assert listed("?level=very_high") == {flood.pk}
    assert listed("?assessment=residual&level=low") == {tourism.pk}
    assert listed(f"?unit={world_a.administration.pk}") == {flood.pk}  # the unit below it counts
    assert listed("?status=closed") == {tourism.pk}
    assert listed("?status=not_closed") == {flood.pk}
    assert listed("?category=economic") == {tourism.pk}
    assert listed("?review_overdue=on") == {flood.pk}  # a closed one is not due for review
    assert listed("?likelihood=5&consequence=5") == {flood.pk}
    assert listed("?assessment=residual&likelihood=2&consequence=2") == {tourism.pk}
    assert listed("?kind=bogus") == {flood.pk, tourism.pk}  # a bad value is ignored


def test_register_exports_csv_and_xlsx(world_a, english):
    risk_for(world_a.organisation, world_a.unit)
    english.force_login(world_a.user(Role.READER))
    response = english.get(reverse("risks:list") + "?export=csv&kind=risk")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))
    header = dict(zip(rows[0], rows[1], strict=True))
    assert header["Title"] == "Skyfall översvämmar Centrumtunneln"
    assert (header["Score"], header["Level"], header["Residual level"]) == ("16", "Very high", "Medium")
    assert (header["Actions"], header["Open actions"]) == ("1", "1")
    assert len(rows) == 2
    response = english.get(reverse("risks:list") + "?export=xlsx")
    assert response.status_code == 200 and response["Content-Disposition"].endswith('.xlsx"')


# Matrix settings ------------------------------------------------------------------------------


def matrix_data(**overrides):
    data = {
        "likelihood_levels": "5",
        "consequence_levels": "5",
        "band_method": "thresholds",
        "medium_from": "",
        "high_from": "",
        "very_high_from": "",
    }
    return {**data, **overrides}


def test_matrix_settings_save_and_recompute(world_a, english):
    risk = RiskFactory(organisation=world_a.organisation, inherent_likelihood=2, inherent_consequence=3)
    assert risk.inherent_level == "medium"
    english.force_login(world_a.user(Role.COORDINATOR))
    url = reverse("risks:matrix-settings")
    page = english.get(url)
    assert page.status_code == 200 and len([n for n in page.context["form"].fields if n.startswith("cell_")]) == 25
    response = english.post(
        url,
        matrix_data(medium_from="3", high_from="6", very_high_from="12", likelihood_label_1="Nästan aldrig"),
        follow=True,
    )
    assert "The risk matrix was saved. 1 risk or opportunity got a new score or level." in response.content.decode()
    matrix = RiskMatrix.objects.get()
    assert matrix.thresholds == (3, 6, 12) and matrix.likelihood_labels == ["Nästan aldrig"]
    risk.refresh_from_db()
    assert risk.inherent_level == "high"


def test_matrix_settings_validate_thresholds(world_a, english):
    english.force_login(world_a.user(Role.COORDINATOR))
    url = reverse("risks:matrix-settings")
    response = english.post(url, matrix_data(medium_from="8", high_from="6", very_high_from="30"))
    errors = response.context["form"].errors
    assert response.status_code == 200
    assert errors["high_from"] == [
        "Each threshold must be higher than the one before: medium < high < very high.",
        "No threshold may exceed the highest score of the matrix, 25.",
    ]
    assert not RiskMatrix.objects.exists()


def test_matrix_settings_by_cell_and_a_new_size(world_a, english):
    english.force_login(world_a.user(Role.COORDINATOR))
    url = reverse("risks:matrix-settings")
    response = english.post(url, matrix_data(likelihood_levels="3", consequence_levels="3", band_method="cells"))
    assert response.status_code == 302
    matrix = RiskMatrix.objects.get()
    assert matrix.cell_levels == [  # filled from the default thresholds for 3 × 3 (3, 6, 9)
        ["low", "low", "medium"],
        ["low", "medium", "high"],
        ["medium", "high", "very_high"],
    ]
    form = english.get(url).context["form"]
    assert sorted(name for name in form.fields if name.startswith("cell_"))[-1] == "cell_3_3"
    cells = {f"cell_{lik}_{con}": "very_high" for lik in range(1, 4) for con in range(1, 4)}
    response = english.post(
        url,
        matrix_data(likelihood_levels="3", consequence_levels="3", band_method="cells", **{**cells, "cell_3_3": "low"}),
    )
    assert response.status_code == 200
    assert "Check likelihood × consequence 3 × 3." in response.context["form"].non_field_errors()[0]


def test_matrix_settings_refuse_shrinking_below_levels_in_use(world_a, english):
    RiskFactory(organisation=world_a.organisation, title="Storm", inherent_likelihood=5, inherent_consequence=5)
    english.force_login(world_a.user(Role.ADMINISTRATOR))
    response = english.post(reverse("risks:matrix-settings"), matrix_data(likelihood_levels="3"))
    assert response.status_code == 200
    assert "1 risk uses a higher level (“Storm”)" in response.context["form"].errors["likelihood_levels"][0]


# Query counts ----------------------------------------------------------------------------------


def build(world, count: int) -> None:
    for index in range(count):
        risk = RiskFactory(
            organisation=world.organisation,
            responsible_unit=world.unit,
            owner=world.user(Role.EDITOR),
            inherent_likelihood=1 + index % 5,
            inherent_consequence=1 + (index * 2) % 5,
            residual_likelihood=1,
            residual_consequence=1 + index % 3,
        )
        services.add_action(risk, title=f"Åtgärd {index}", responsible_unit=world.unit)


@pytest.mark.parametrize("page", ["list", "heat-map", "detail", "export"])
def test_pages_take_a_fixed_number_of_queries(page, world_a, client_for, django_assert_max_num_queries):
    client = client_for(world_a.user(Role.READER))
    build(world_a, 2)

    def get():
        if page == "detail":
            url = Risk.objects.order_by("pk").last().get_absolute_url()
        elif page == "export":
            url = reverse("risks:list") + "?export=xlsx"
        else:
            url = reverse(f"risks:{page}")
        response = client.get(url)
        assert response.status_code == 200

    with CaptureQueriesContext(connection) as small:
        get()
    build(world_a, 8)
    with django_assert_max_num_queries(len(small.captured_queries)):
        get()
