"""The procurement pages: register with filters and export, detail, create, edit, status buttons,
guarded delete, shares, CPV search, criteria library, contract follow-up; permissions and query counts."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hallbar.accounts.roles import Role
from hallbar.nonconformities.models import Nonconformity
from hallbar.procurement.models import ContractCheck, Criterion, Procurement

from .factories import ContractCheckFactory, ProcurementFactory, procurement_for

pytestmark = pytest.mark.django_db


def procurement_data(world, **overrides):
    data = {
        "title": "Skolmåltider",
        "reference": "KS 2025/12",
        "responsible_unit": world.unit.pk,
        "year": "2025",
        "procedure": "open",
        "cpv_codes": "15000000, 55524000-9",
        "estimated_value_sek": "5000000",
        "contracted_value_sek": "",
        "contract_start": "",
        "contract_end": "",
        "criteria": [Criterion.objects.get(key="food-organic").pk],
        "description": "",
    }
    return {**data, **overrides}


def test_editor_creates_and_edits_a_procurement_in_their_unit(world_a, client_for):
    client = client_for(world_a.user(Role.EDITOR))
    assert client.get(reverse("procurement:create")).status_code == 200
    response = client.post(reverse("procurement:create"), procurement_data(world_a))
    assert response.status_code == 302, response.context["form"].errors
    procurement = Procurement.objects.get()
    assert procurement.environmental_requirements
    assert sorted(code.code for code in procurement.cpv_codes.all()) == ["15000000", "55524000"]
    assert response["Location"] == procurement.get_absolute_url()

    form = client.get(reverse("procurement:edit", args=[procurement.pk])).context["form"]
    assert form["cpv_codes"].value() in ("15000000, 55524000", "55524000, 15000000")
    response = client.post(
        reverse("procurement:edit", args=[procurement.pk]), procurement_data(world_a, title="Skolmat", criteria=[])
    )
    assert response.status_code == 302
    procurement.refresh_from_db()
    assert procurement.title == "Skolmat"


@pytest.mark.parametrize(
    ("codes", "message"),
    [("1500", "Write each CPV code as eight digits"), ("15000001", "Not CPV codes: 15000001")],
)
def test_bad_cpv_codes_are_explained(world_a, client_for, codes, message):
    client = client_for(world_a.user(Role.COORDINATOR))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(reverse("procurement:create"), procurement_data(world_a, cpv_codes=codes))
    assert response.status_code == 200
    assert message in str(response.context["form"].errors["cpv_codes"])


def test_editor_cannot_make_another_unit_buy(world_a, client_for):
    client = client_for(world_a.user(Role.EDITOR))
    response = client.post(
        reverse("procurement:create"), procurement_data(world_a, responsible_unit=world_a.sibling.pk)
    )
    assert response.status_code == 200
    assert not Procurement.objects.exists()


def test_reader_may_read_but_not_create_or_change(world_a, client_for):
    procurement = procurement_for(world_a.organisation, world_a.unit)
    client = client_for(world_a.user(Role.READER))
    assert client.get(procurement.get_absolute_url()).status_code == 200
    assert client.get(reverse("procurement:create")).status_code == 403
    assert client.get(reverse("procurement:edit", args=[procurement.pk])).status_code == 403
    assert client.post(reverse("procurement:status", args=[procurement.pk]), {"status": "ended"}).status_code == 403
    assert client.get(reverse("procurement:check-outcome", args=[procurement.checks.get().pk])).status_code == 403


def test_another_organisations_procurement_is_not_found(world_a, world_b, client_for):
    procurement = procurement_for(world_b.organisation, world_b.unit)
    client = client_for(world_a.user(Role.ADMINISTRATOR))
    assert client.get(procurement.get_absolute_url()).status_code == 404
    assert client.get(reverse("procurement:check-create", args=[procurement.pk])).status_code == 404


def test_status_buttons_move_or_say_why_not(world_a, client_for):
    procurement = ProcurementFactory(organisation=world_a.organisation, responsible_unit=world_a.unit)
    client = client_for(world_a.user(Role.EDITOR))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(reverse("procurement:status", args=[procurement.pk]), {"status": "contracted"}, follow=True)
    assert "the contracted value is missing" in response.content.decode()
    client.post(reverse("procurement:status", args=[procurement.pk]), {"status": "advertised"})
    procurement.refresh_from_db()
    assert procurement.status == "advertised"


def test_delete_is_refused_with_the_reason_while_checks_exist(world_a, client_for):
    procurement = procurement_for(world_a.organisation, world_a.unit)
    client = client_for(world_a.user(Role.COORDINATOR))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(reverse("procurement:delete", args=[procurement.pk]), follow=True)
    assert "cannot be deleted" in response.content.decode()
    assert Procurement.objects.filter(pk=procurement.pk).exists()
    empty = ProcurementFactory(organisation=world_a.organisation)
    assert client.post(reverse("procurement:delete", args=[empty.pk])).status_code == 302
    assert not Procurement.objects.filter(pk=empty.pk).exists()


def test_register_filters_and_exports(world_a, client_for):
    ProcurementFactory(organisation=world_a.organisation, title="Möbler", year=2024, environmental_requirements=True)
    ProcurementFactory(organisation=world_a.organisation, title="Konsulter", year=2025)
    client = client_for(world_a.user(Role.READER))
    page = client.get(reverse("procurement:list") + "?requirement=environmental").content.decode()
    assert "Möbler" in page and "Konsulter" not in page
    page = client.get(reverse("procurement:list") + "?year=2025&q=kons").content.decode()
    assert "Konsulter" in page and "Möbler" not in page
    response = client.get(reverse("procurement:list") + "?export=csv&requirement=none")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))
    assert [row[0] for row in rows[1:]] == ["Konsulter"]
    assert client.get(reverse("procurement:list") + "?export=xlsx").status_code == 200


def test_register_filters_by_cpv_code(world_a, client_for):
    procurement_for(world_a.organisation, world_a.unit)
    ProcurementFactory(organisation=world_a.organisation, title="Konsulter")
    client = client_for(world_a.user(Role.READER))
    page = client.get(reverse("procurement:list") + "?cpv=158").content.decode()
    assert "Livsmedel till skolor" in page and "Konsulter" not in page


def test_shares_page_and_export(world_a, client_for):
    procurement_for(world_a.organisation, world_a.unit)
    ProcurementFactory(organisation=world_a.organisation, estimated_value_sek=Decimal("500000"))
    client = client_for(world_a.user(Role.READER))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("procurement:shares"))
    assert response.status_code == 200
    total = response.context["rows"][0]
    assert (total.is_total, total.count, total.environmental_count_share) == (True, 2, Decimal("50.0"))
    response = client.get(reverse("procurement:shares") + "?export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))
    assert rows[1][:4] == ["2025", "All units", "2", "50.0"]


def test_cpv_search_and_criteria_pages(world_a, client_for):
    client = client_for(world_a.user(Role.READER))
    page = client.get(reverse("procurement:cpv") + "?q=flygfotogen").content.decode()
    assert "09131000" in page
    response = client.get(reverse("procurement:cpv") + "?q=09131&export=csv")
    assert "Flygfotogen" in b"".join(response.streaming_content).decode("utf-8-sig")
    response = client.get(reverse("procurement:criteria") + "?theme=animal_welfare")
    assert {criterion.theme for criterion in response.context["criteria"]} == {"animal_welfare"}
    assert client.get(reverse("procurement:criteria") + "?export=xlsx").status_code == 200


def test_plan_a_check_record_a_deviation_and_see_the_nonconformity(world_a, client_for):
    procurement = procurement_for(world_a.organisation, world_a.unit)
    client = client_for(world_a.user(Role.EDITOR))
    response = client.post(
        reverse("procurement:check-create", args=[procurement.pk]),
        {"requirement": "Djurskydd", "criterion": "", "method": "on_site_audit", "due_date": "2025-11-01"},
    )
    assert response.status_code == 302
    check = procurement.checks.get(requirement="Djurskydd")
    response = client.post(
        reverse("procurement:check-outcome", args=[check.pk]),
        {"outcome": "deviation", "checked_on": timezone.localdate().isoformat(), "findings": "Transporttid 12 h."},
    )
    assert response.status_code == 302
    nonconformity = Nonconformity.objects.get()
    assert nonconformity.origin == "contract"
    page = client.get(procurement.get_absolute_url()).content.decode()
    assert nonconformity.reference in page


def test_outcome_errors_show_on_the_form(world_a, client_for):
    check = ContractCheckFactory(procurement=ProcurementFactory(organisation=world_a.organisation, status="planned"))
    client = client_for(world_a.user(Role.COORDINATOR))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(
        reverse("procurement:check-outcome", args=[check.pk]), {"outcome": "fulfilled", "checked_on": "2025-01-01"}
    )
    assert response.status_code == 200
    assert "Outcomes are recorded once the contract is signed." in str(response.context["form"].errors)


def test_edit_and_delete_a_check(world_a, client_for):
    check = procurement_for(world_a.organisation, world_a.unit).checks.get()
    client = client_for(world_a.user(Role.EDITOR))
    response = client.post(
        reverse("procurement:check-edit", args=[check.pk]),
        {
            "requirement": "Ekologiskt",
            "criterion": check.criterion_id,
            "method": "self_declaration",
            "due_date": "2025-12-01",
        },
    )
    assert response.status_code == 302
    check.refresh_from_db()
    assert check.method == "self_declaration"
    assert client.post(reverse("procurement:check-delete", args=[check.pk])).status_code == 302
    assert not ContractCheck.objects.filter(pk=check.pk).exists()


def test_follow_up_list_filters(world_a, client_for):
    procurement = procurement_for(world_a.organisation, world_a.unit)
    ContractCheckFactory(procurement=procurement, requirement="Senare", due_date=date(2099, 1, 1))
    client = client_for(world_a.user(Role.READER))
    page = client.get(reverse("procurement:checks") + "?overdue=on").content.decode()
    assert "Andel ekologiska livsmedel" in page and "Senare" not in page
    assert client.get(reverse("procurement:checks") + "?export=xlsx").status_code == 200


def build(world, count):
    for index in range(count):
        procurement = ProcurementFactory(
            organisation=world.organisation,
            responsible_unit=world.unit if index % 2 else world.sibling,
            year=2024 + index % 2,
            estimated_value_sek=Decimal(1000 * (index + 1)),
            environmental_requirements=bool(index % 2),
        )
        procurement.cpv_codes.set(["15000000", "39100000"])
        procurement.criteria.set(Criterion.objects.filter(kind="social")[:2])
        ContractCheckFactory(procurement=procurement)


@pytest.mark.parametrize("page", ["list", "detail", "export", "shares", "checks", "criteria"])
def test_pages_take_a_fixed_number_of_queries(page, world_a, client_for, django_assert_max_num_queries):
    client = client_for(world_a.user(Role.READER))
    build(world_a, 2)

    def get():
        if page == "detail":
            url = Procurement.objects.order_by("pk").last().get_absolute_url()
        elif page == "export":
            url = reverse("procurement:list") + "?export=xlsx"
        else:
            url = reverse(f"procurement:{page}")
        response = client.get(url)
        assert response.status_code == 200

    with CaptureQueriesContext(connection) as small:
        get()
    build(world_a, 8)
    with django_assert_max_num_queries(len(small.captured_queries)):
        get()
