"""The chemicals pages: overview, lists with filters and exports, the phase-out list, a screening, its
phase-out plan and actions, the Candidate List upload (operators only), permissions and query counts."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hallbar.accounts.roles import Role
from hallbar.actions.models import Action
from hallbar.chemicals import services
from hallbar.chemicals.models import PhaseOutSubstance, Screening, SubstanceList
from tests.factories import UserFactory

from .factories import PhaseOutSubstanceFactory, article, screening_for


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_overview_states_how_complete_the_list_is(world_a, client_for, english):
    screening_for(world_a.organisation, world_a.unit)
    body = client_for(world_a.user(Role.READER)).get(reverse("chemicals:index")).content.decode()
    assert "50 of 251 substances of the EU Candidate List are loaded (37 with CAS numbers, 40 with EC numbers)" in body
    assert "list dated 2025-12-25" in body and "The loaded list is not complete." in body
    assert world_a.unit.name in body and "Artiklar 2026.xlsx" in body


@pytest.mark.parametrize(
    "name", ["chemicals:index", "chemicals:screening-list", "chemicals:candidate-list", "chemicals:phase-out-list"]
)
def test_list_pages_for_readers_and_exports(name, world_a, client_for):
    screening_for(world_a.organisation, world_a.unit)
    PhaseOutSubstanceFactory(organisation=world_a.organisation)
    client = client_for(world_a.user(Role.READER))
    assert client.get(reverse(name)).status_code == 200
    if name != "chemicals:index":
        response = client.get(reverse(name), {"export": "csv", "q": "a"})
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")


def test_candidate_list_filter(world_a, client_for):
    client = client_for(world_a.user(Role.READER))
    body = client.get(reverse("chemicals:candidate-list"), {"q": "141-62-8"}).content.decode()
    assert "decamethyltetrasiloxane" in body and "DBDPE" not in body


def test_screening_page_filter_and_export(world_a, client_for):
    screening = screening_for(world_a.organisation, world_a.unit)
    client = client_for(world_a.user(Role.READER))
    body = client.get(screening.get_absolute_url(), {"flagged": "on"}).content.decode()
    assert "Fogmassa" in body and "Tvål" not in body
    export = client.get(screening.get_absolute_url(), {"export": "csv"})
    text = b"".join(export.streaming_content).decode()
    assert "141-62-8 decamethyltetrasiloxane" in text and "Papper" in text


def test_coordinator_plans_a_phase_out_action(world_a, client_for):
    screening = screening_for(world_a.organisation, world_a.unit)
    flagged = screening.articles.get(is_flagged=True)
    client = client_for(world_a.user(Role.COORDINATOR))
    url = reverse("chemicals:article-action", args=[flagged.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"title": "Byt fogmassa", "responsible_unit": world_a.unit.pk, "end_date": "2026-12-31"}
    )
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.reason == flagged and action.title == "Byt fogmassa"
    plan = client.get(reverse("chemicals:phase-out-plan", args=[screening.pk])).content.decode()
    assert "Byt fogmassa" in plan


def test_readers_and_other_units_cannot_plan(world_a, client_for):
    screening = screening_for(world_a.organisation, world_a.sibling)
    flagged = screening.articles.get(is_flagged=True)
    url = reverse("chemicals:article-action", args=[flagged.pk])
    assert client_for(world_a.user(Role.READER)).get(url).status_code == 403
    assert client_for(world_a.user(Role.EDITOR)).get(url).status_code == 403  # editor of another branch
    clean = screening.articles.get(name="Tvål")
    url = reverse("chemicals:article-action", args=[clean.pk])
    assert client_for(world_a.user(Role.COORDINATOR)).get(url).status_code == 404


def test_deleting_a_screening_with_actions_is_refused_with_the_reason(world_a, client_for, english):
    screening = screening_for(world_a.organisation, world_a.unit)
    services.plan_phase_out(screening.articles.get(is_flagged=True), title="Byt fogmassa")
    client = client_for(world_a.user(Role.COORDINATOR))
    response = client.post(reverse("chemicals:screening-delete", args=[screening.pk]), follow=True)
    assert "cannot be deleted: 1 phase-out actions refer to its articles" in response.content.decode()
    assert Screening.objects.filter(pk=screening.pk).exists()


def test_phase_out_list_is_changed_by_coordinators_not_unit_editors(world_a, client_for, english):
    editor = client_for(world_a.user(Role.EDITOR))
    assert editor.get(reverse("chemicals:phase-out-create")).status_code == 403
    client = client_for(world_a.user(Role.COORDINATOR))
    data = {"name": "Kadmium", "cas_number": "7440-43-8", "ec_number": "", "reason": "Beslut"}
    response = client.post(reverse("chemicals:phase-out-create"), data)
    assert "7440-43-8 is not a valid CAS number" in response.content.decode()
    response = client.post(reverse("chemicals:phase-out-create"), {**data, "cas_number": "7440-43-9"})
    assert response.status_code == 302
    entry = PhaseOutSubstance.objects.get()
    assert entry.organisation == world_a.organisation
    response = client.post(
        reverse("chemicals:phase-out-edit", args=[entry.pk]), {**data, "cas_number": "7440-43-9", "name": "Cd"}
    )
    assert response.status_code == 302
    client.post(reverse("chemicals:phase-out-delete", args=[entry.pk]))
    assert not PhaseOutSubstance.objects.exists()


HEADER = "Substance name,EC No.,CAS No.,Date of inclusion,Reason for inclusion\n"


def test_only_operators_load_the_candidate_list(world_a, client_for, english):
    url = reverse("chemicals:candidate-list-load")
    assert client_for(world_a.user(Role.ADMINISTRATOR)).get(url).status_code == 403
    operator = UserFactory(is_superuser=True, is_staff=True)
    client = client_for(operator)
    assert client.get(url).status_code == 200
    data = {"version": "2026-01", "dated": "2026-01-21", "total_entries": "253", "source": "ECHA"}
    bad = SimpleUploadedFile("export.csv", (HEADER + "water,231-791-2,7732-18-4,05-Nov-2025,x\n").encode())
    response = client.post(url, {**data, "file": bad})
    assert "the check digit of CAS number &#x27;7732-18-4&#x27; is wrong (it should be 5)" in response.content.decode()
    good = SimpleUploadedFile("export.csv", (HEADER + "water,231-791-2,7732-18-5,05-Nov-2025,x\n").encode())
    response = client.post(url, {**data, "file": good})
    assert response.status_code == 302
    assert SubstanceList.objects.first().version == "2026-01"


def test_another_organisations_screening_is_not_found(world_a, world_b, client_for):
    screening = screening_for(world_b.organisation, world_b.unit)
    client = client_for(world_a.user(Role.ADMINISTRATOR))
    assert client.get(screening.get_absolute_url()).status_code == 404
    assert client.get(reverse("chemicals:phase-out-plan", args=[screening.pk])).status_code == 404


def bigger_screening(world, count):
    return services.create_screening(
        organisation=world.organisation,
        unit=world.unit,
        title=f"Lista {count}",
        articles=[article(row, f"Fog {row}", cas=["141-62-8"]) for row in range(2, 2 + count)],
    )


@pytest.mark.parametrize(
    "page", ["index", "screening-list", "screening-detail", "phase-out-plan", "candidate-list", "phase-out-list"]
)
def test_pages_take_a_fixed_number_of_queries(page, world_a, client_for, django_assert_max_num_queries):
    client = client_for(world_a.user(Role.READER))
    small = bigger_screening(world_a, 1)

    def url(screening):
        if page in ("screening-detail", "phase-out-plan"):
            return reverse(f"chemicals:{page}", args=[screening.pk])
        return reverse(f"chemicals:{page}")

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url(small))
    large = bigger_screening(world_a, 20)
    PhaseOutSubstanceFactory.create_batch(5, organisation=world_a.organisation)
    for screening in Screening.objects.all():
        services.plan_phase_out(screening.articles.first(), title="Byt")
    with django_assert_max_num_queries(len(captured.captured_queries)):
        assert client.get(url(large)).status_code == 200


def test_overview_shows_the_latest_screening_of_each_unit(world_a, client_for):
    older = services.create_screening(
        organisation=world_a.organisation, unit=world_a.unit, title="Gammal lista", articles=[article(2, "Tvål")]
    )
    Screening.objects.filter(pk=older.pk).update(screened_at=older.screened_at.replace(year=2020))
    services.create_screening(
        organisation=world_a.organisation, unit=world_a.unit, title="Ny lista", articles=[article(2, "Tvål")]
    )
    body = client_for(world_a.user(Role.READER)).get(reverse("chemicals:index")).content.decode()
    assert "Ny lista" in body and "Gammal lista" not in body


def test_article_search_on_the_screening_page(world_a, client_for):
    screening = screening_for(world_a.organisation, world_a.unit)
    body = client_for(world_a.user(Role.READER)).get(screening.get_absolute_url(), {"q": "7732"}).content.decode()
    assert "Tvål" in body and "Fogmassa" not in body
