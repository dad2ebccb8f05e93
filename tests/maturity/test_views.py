"""The maturity pages: list, create, questionnaire, result, workflow buttons, permissions, query counts."""

import csv
import io

import pytest
from django.urls import reverse

from hallbar.accounts.roles import Role
from hallbar.maturity import services
from hallbar.maturity.matrix import load_matrix
from hallbar.maturity.models import Answer, Assessment

from .factories import answer_all, assessment_for, completed


def details(world, **overrides):
    data = {"unit": world.unit.pk, "year": "2026", "assessed_by": "", "participants": "Ledningsgruppen", "notes": ""}
    return {**data, **overrides}


def answers_data(stages: dict | None = None, default=2, **extra):
    """A questionnaire post: ``default`` for every question unless ``stages`` says otherwise (None: no stage)."""
    data = {}
    for question in load_matrix().questions:
        stage = (stages or {}).get(question.pk, default)
        data[f"stage_{question.pk}"] = "" if stage is None else str(stage)
        data[f"comment_{question.pk}"] = f"Därför ({question.item.ref})"
    return {**data, **extra}


# Creating ---------------------------------------------------------------------------------------------


def test_coordinator_creates_an_assessment_and_answers_it(world_a, english):
    english.force_login(world_a.user(Role.COORDINATOR))
    response = english.post(
        reverse("maturity:create"), details(world_a, unit="", assessed_by=world_a.user("editor").pk)
    )
    assessment = Assessment.objects.get()
    assert response.status_code == 302 and response.url == reverse("maturity:answers", args=[assessment.pk])
    assert (assessment.unit, assessment.assessed_by, assessment.status) == (None, world_a.user("editor"), "draft")

    page = english.get(response.url).content.decode()
    focus = load_matrix().questions[0]
    assert '<legend><span class="ref">D1</span> Focus</legend>' in page
    assert f'id="id_stage_{focus.pk}_1"' in page and f'aria-describedby="id_stage_{focus.pk}_1_description"' in page
    assert "The system covers the direct environmental impact" in page  # a stage's description
    assert "Basic conditions" in page and "Management support" in page

    response = english.post(response.url, answers_data({focus.pk: 3}, save="1"), follow=True)
    assert "The answers were saved." in response.content.decode()
    assert assessment.answers.get(dimension_id=focus.pk).stage == 3
    assert assessment.answers.count() == len(load_matrix().questions)
    assessment.refresh_from_db()
    assert assessment.status == "draft"


def test_editor_assesses_only_their_units(world_a, english):
    english.force_login(world_a.user(Role.EDITOR))  # editor of the administration, above the unit
    response = english.post(reverse("maturity:create"), details(world_a, unit=world_a.sibling.pk))
    assert response.status_code == 200 and "unit" in response.context["form"].errors
    response = english.post(reverse("maturity:create"), details(world_a, unit=""))
    assert response.status_code == 200
    assert response.context["form"].errors["unit"] == ["You may only make it the responsibility of a unit you work in."]
    assert english.post(reverse("maturity:create"), details(world_a)).status_code == 302
    assert Assessment.objects.get().unit == world_a.unit


def test_the_same_unit_and_year_twice_is_refused_with_a_message(world_a, english):
    english.force_login(world_a.user(Role.COORDINATOR))
    assert english.post(reverse("maturity:create"), details(world_a)).status_code == 302
    response = english.post(reverse("maturity:create"), details(world_a))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["This unit already has a maturity assessment for that year."]
    assert "This unit already has a maturity assessment for that year." in response.content.decode()
    assert Assessment.objects.count() == 1


# The questionnaire and the workflow -------------------------------------------------------------------


def test_save_and_complete_names_what_is_missing(world_a, english):
    english.force_login(world_a.user(Role.COORDINATOR))
    assessment = services.create_assessment(organisation=world_a.organisation, unit=world_a.unit, year=2026)
    focus, scope = load_matrix().questions[:2]
    url = reverse("maturity:answers", args=[assessment.pk])
    response = english.post(url, answers_data({focus.pk: None, scope.pk: None}, complete="1"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.non_field_errors() == ["The assessment cannot be completed: no stage is chosen for Focus, Scope."]
    assert form.errors[f"stage_{focus.pk}"] == ["Choose a stage to complete the assessment."]
    page = response.content.decode()
    assert f'id="id_stage_{focus.pk}_error1"' in page and 'aria-invalid="true"' in page
    assert "The answers were saved." in page  # the answers given are kept
    assert assessment.answers.filter(stage__isnull=False).count() == len(load_matrix().questions) - 2

    response = english.post(url, answers_data(complete="1"), follow=True)
    assert "The answers were saved and the assessment is completed." in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == "completed"


def test_a_completed_assessment_sends_changes_back_with_the_reason(world_a, english):
    english.force_login(world_a.user(Role.COORDINATOR))
    done = completed(world_a.organisation, world_a.unit, 2025)
    for name in ("edit", "answers", "delete"):
        url = reverse(f"maturity:{name}", args=[done.pk])
        response = english.get(url, follow=True)
        assert response.redirect_chain == [(done.get_absolute_url(), 302)], name
        response = english.post(url, {**details(world_a), **answers_data(default=4)}, follow=True)
        assert response.redirect_chain == [(done.get_absolute_url(), 302)], name
        page = response.content.decode()
        assert (
            "A completed assessment cannot be deleted. Reopen it first." in page
            if name == "delete"
            else "The assessment is completed and cannot be changed. Reopen it first." in page
        )
    assert Assessment.objects.filter(pk=done.pk).exists()
    assert set(done.answers.values_list("stage", flat=True)) != {4}


def test_complete_and_reopen_buttons(world_a, english):
    english.force_login(world_a.user(Role.COORDINATOR))
    draft = services.create_assessment(organisation=world_a.organisation, year=2026)
    page = english.get(draft.get_absolute_url()).content.decode()
    assert (
        reverse("maturity:complete", args=[draft.pk]) in page
        and reverse("maturity:reopen", args=[draft.pk]) not in page
    )
    response = english.post(reverse("maturity:complete", args=[draft.pk]), follow=True)
    assert "The assessment cannot be completed: no stage is chosen for Focus" in response.content.decode()
    answer_all(draft, [2])
    response = english.post(reverse("maturity:complete", args=[draft.pk]), follow=True)
    assert "The assessment is completed." in response.content.decode()
    page = response.content.decode()
    assert (
        reverse("maturity:reopen", args=[draft.pk]) in page and reverse("maturity:answers", args=[draft.pk]) not in page
    )
    response = english.post(reverse("maturity:reopen", args=[draft.pk]), follow=True)
    assert "The assessment is a draft again and can be changed." in response.content.decode()
    assert english.get(reverse("maturity:complete", args=[draft.pk])).status_code == 405


def test_edit_and_delete_a_draft(world_a, english):
    english.force_login(world_a.user(Role.COORDINATOR))
    draft = answer_all(services.create_assessment(organisation=world_a.organisation, year=2026), [1])
    response = english.post(reverse("maturity:edit", args=[draft.pk]), details(world_a, unit="", notes="Ny notering"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.notes == "Ny notering"
    assert english.get(reverse("maturity:delete", args=[draft.pk])).status_code == 200
    response = english.post(reverse("maturity:delete", args=[draft.pk]))
    assert response.status_code == 302 and response.url == reverse("maturity:list")
    assert not Assessment.objects.exists() and not Answer.objects.exists()


# The result page --------------------------------------------------------------------------------------


def test_the_result_shows_radar_table_change_and_next_steps(world_a, english):
    english.force_login(world_a.user(Role.READER))
    assessment = assessment_for(world_a.organisation, world_a.unit)
    page = english.get(assessment.get_absolute_url()).content.decode()
    assert page.count('data-chart="radar"') == 2  # the maturity matrix and the basic conditions
    assert "Radar chart: Maturity matrix: stage by year, 4 axes. Scale from 0 to 4." in page
    assert '<th scope="col">Stage 2025</th>' in page and "Change since 2025" in page
    # Focus: stage 2 now (1 in 2025): the stage above and the next step from stage 2, from the library.
    assert "2: Environment including indirect impact" in page
    assert "Towards stage 3, Environment plus selected social and economic issues:" in page
    assert "Choose a few social and economic issues that matter to the municipality" in page
    # Understanding is at the top.
    assert "The highest stage is reached." in page and "Keep the understanding alive" in page
    assert "Motivering 1" in page
    # A reader sees no buttons that change anything.
    assert reverse("maturity:answers", args=[assessment.pk]) not in page
    assert reverse("maturity:complete", args=[assessment.pk]) not in page


def test_the_result_in_swedish(world_a, client_for):
    assessment = assessment_for(world_a.organisation, world_a.unit)
    page = client_for(world_a.user(Role.READER)).get(assessment.get_absolute_url()).content.decode()
    assert "Grundförutsättningar" in page and "Ledningens stöd" in page
    assert "Välj ut några sociala och ekonomiska frågor" in page


# The list and its export ------------------------------------------------------------------------------


def test_list_filters_and_exports(world_a, english):
    english.force_login(world_a.user(Role.READER))
    unit_assessment = assessment_for(world_a.organisation, world_a.unit)
    completed(world_a.organisation, None, 2024)
    page = english.get(reverse("maturity:list")).content.decode()
    assert unit_assessment.get_absolute_url() in page and "The whole organisation" in page
    response = english.get(reverse("maturity:list"), {"year": "2026"})
    assert [a.pk for a in response.context["assessments"]] == [unit_assessment.pk]
    response = english.get(reverse("maturity:list"), {"unit": "organisation"})
    assert [a.year for a in response.context["assessments"]] == [2024]
    response = english.get(reverse("maturity:list"), {"unit": str(world_a.unit.pk), "year": "nonsense"})
    assert {a.unit for a in response.context["assessments"]} == {world_a.unit}

    response = english.get(reverse("maturity:list"), {"year": "2026", "export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    assert header[:3] == ["Year", "Assessed", "Status"]
    assert "D1 Focus" in header and "B5 Understanding" in header
    assert rows[1][header.index("D1 Focus")] == "2" and rows[1][header.index("Mean stage")] == "2.3"
    response = english.get(reverse("maturity:list"), {"export": "xlsx"})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")


# Permissions ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.READER, Role.AUDITOR])
def test_readers_and_auditors_only_read(role, world_a, client_for):
    assessment = assessment_for(world_a.organisation, world_a.unit)
    client = client_for(world_a.user(role))
    assert client.get(reverse("maturity:list")).status_code == 200
    assert client.get(assessment.get_absolute_url()).status_code == 200
    assert client.get(reverse("maturity:create")).status_code == 403
    for name in ("edit", "delete", "answers", "complete", "reopen"):
        url = reverse(f"maturity:{name}", args=[assessment.pk])
        assert client.post(url, answers_data(complete="1")).status_code == 403, name
    assessment.refresh_from_db()
    assert assessment.status == "draft"


def test_an_editor_does_not_change_another_units_assessment(world_a, client_for):
    sibling = assessment_for(world_a.organisation, world_a.sibling)
    client = client_for(world_a.user(Role.EDITOR))
    assert client.get(sibling.get_absolute_url()).status_code == 200
    assert client.get(reverse("maturity:answers", args=[sibling.pk])).status_code == 403
    assert client.post(reverse("maturity:complete", args=[sibling.pk])).status_code == 403


def test_another_organisations_assessment_is_not_found(world_a, world_b, client_for):
    foreign = assessment_for(world_b.organisation, world_b.unit)
    client = client_for(world_a.user(Role.ADMINISTRATOR))
    for name in ("detail", "edit", "delete", "answers", "complete", "reopen"):
        url = reverse(f"maturity:{name}", args=[foreign.pk])
        assert client.get(url).status_code == 404, name
        assert client.post(url).status_code == (405 if name == "detail" else 404), name
    assert world_b.unit.name not in client.get(reverse("maturity:list")).content.decode()


# Query counts -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("years", [1, 6])
def test_pages_take_a_fixed_number_of_queries(years, world_a, client_for, django_assert_max_num_queries):
    for year in range(2026 - years, 2026):
        completed(world_a.organisation, world_a.unit, year)
    draft = answer_all(services.create_assessment(organisation=world_a.organisation, unit=world_a.unit, year=2026), [2])
    client = client_for(world_a.user(Role.COORDINATOR))
    pages = {
        reverse("maturity:list"): 14,
        reverse("maturity:list") + "?export=csv": 9,
        draft.get_absolute_url(): 12,
        reverse("maturity:answers", args=[draft.pk]): 10,
    }
    for url, limit in pages.items():
        with django_assert_max_num_queries(limit):
            response = client.get(url)
            assert response.status_code == 200, url
            if response.streaming:
                b"".join(response.streaming_content)
