"""The nonconformity pages: list with filters and export, the page of one, registering, editing,
the analysis, corrective actions, stage changes, the guarded delete and the permissions."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hallbar.accounts.roles import Role
from hallbar.actions.models import Action
from hallbar.nonconformities import services, workflow
from hallbar.nonconformities.models import Nonconformity, Stage

from .conftest import corrective_action
from .factories import analysed, nonconformity, nonconformity_for


def register_data(world, **overrides):
    data = {
        "title": "Klagomål på buller från återvinningscentralen",
        "origin": "complaint",
        "description": "Boende klagar på tidiga tömningar.",
        "severity": "minor",
        "detected_on": timezone.localdate().isoformat(),
        "responsible_unit": world.unit.pk,
        "owner": world.user(Role.EDITOR).pk,
        "immediate_correction": "",
        "effectiveness_due": "",
    }
    return {**data, **overrides}


# List ---------------------------------------------------------------------------------------------------


def test_list_filters(world_a, client_for):
    major = analysed(world_a.organisation, title="Stort fel", severity="major", responsible_unit=world_a.unit)
    workflow.move(major, "analyse", user=world_a.user(Role.EDITOR))
    complaint = nonconformity(
        world_a.organisation, title="Klagomål", origin="complaint", responsible_unit=world_a.sibling
    )
    late = nonconformity(
        world_a.organisation, title="Sen kontroll", effectiveness_due=timezone.localdate() - timedelta(days=1)
    )
    with_late_action = nonconformity(world_a.organisation, title="Försenad åtgärd")
    corrective_action(with_late_action).__class__.objects.filter(reason_id=with_late_action.pk).update(
        end_date=timezone.localdate() - timedelta(days=3)
    )
    client = client_for(world_a.user(Role.READER))

    def titles(query=""):
        response = client.get(reverse("nonconformities:list") + query)
        assert response.status_code == 200
        return {row.title for row in response.context["nonconformities"]}

    assert titles() == {"Stort fel", "Klagomål", "Sen kontroll", "Försenad åtgärd"}
    assert titles("?stage=analysed") == {major.title}
    assert titles("?origin=complaint") == {complaint.title}
    assert titles("?severity=major") == {major.title}
    assert titles(f"?unit={world_a.sibling.pk}") == {complaint.title}
    assert titles(f"?unit={world_a.administration.pk}") == {major.title}
    assert titles("?overdue=on") == {late.title, with_late_action.title}
    assert titles("?stage=bogus") == titles()


def test_list_exports(world_a, english):
    nonconformity_for(world_a.organisation, world_a.unit)
    english.force_login(world_a.user(Role.READER))
    client = english
    csv = b"".join(client.get(reverse("nonconformities:list") + "?export=csv").streaming_content).decode("utf-8-sig")
    header, row = csv.splitlines()[:2]
    assert header.startswith("Reference;Title;Stage;Origin;Severity;Responsible unit;Owner")
    assert row.startswith(
        f"AV-{timezone.localdate().year}-001;Kemikalier utan säkerhetsdatablad;Reported;Incident;Major;"
    )
    xlsx = client.get(reverse("nonconformities:list") + "?export=xlsx")
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_menu_has_the_list_under_act(world_a, english):
    english.force_login(world_a.user(Role.READER))
    page = english.get(reverse("nonconformities:list")).content.decode()
    assert f'href="{reverse("nonconformities:list")}"' in page and "Nonconformities" in page


# The page of one ------------------------------------------------------------------------------------------


def test_detail_shows_stages_whys_actions_and_timeline(world_a, english):
    item = nonconformity_for(world_a.organisation, world_a.unit)
    corrective_action(item, title="Samla in databladen")
    english.force_login(world_a.user(Role.EDITOR))
    page = english.get(item.get_absolute_url()).content.decode()
    assert item.reference in page and "Kemikalier utan säkerhetsdatablad" in page
    assert 'aria-current="step"' in page and "(current stage)" in page
    assert "Databladen saknades i pärmen." in page and "Ingen ansvarade för pärmen." in page
    assert "Samla in databladen" in page and reverse("nonconformities:add-action", args=[item.pk]) in page
    assert "registered" in page
    assert reverse("nonconformities:analyse", args=[item.pk]) in page
    assert reverse("nonconformities:verify", args=[item.pk]) not in page


def test_detail_of_another_organisation_is_not_found(world_a, world_b, client_for):
    foreign = nonconformity_for(world_b.organisation, world_b.unit)
    client = client_for(world_a.user(Role.ADMINISTRATOR))
    assert client.get(foreign.get_absolute_url()).status_code == 404
    assert client.post(reverse("nonconformities:analyse", args=[foreign.pk])).status_code == 404
    assert client.post(reverse("nonconformities:delete", args=[foreign.pk])).status_code == 404


def build(world, count):
    for index in range(count):
        item = analysed(
            world.organisation, title=f"Avvikelse {index}", responsible_unit=world.unit, owner=world.user(Role.EDITOR)
        )
        corrective_action(item, contact_person=world.user(Role.READER))
        services.save_whys(item, ["Ett", "Två"])
        workflow.move(item, "analyse", user=world.user(Role.EDITOR))


@pytest.mark.parametrize("page", ["list", "detail"])
def test_pages_take_a_fixed_number_of_queries(page, world_a, client_for, django_assert_max_num_queries):
    client = client_for(world_a.user(Role.COORDINATOR))
    build(world_a, 2)

    def url():
        if page == "detail":
            item = Nonconformity.objects.first()
            for index in range(4):
                corrective_action(item, title=f"Extra {index}")
            return item.get_absolute_url()
        return reverse("nonconformities:list")

    with CaptureQueriesContext(connection) as small:
        assert client.get(url()).status_code == 200
    build(world_a, 8)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url()).status_code == 200


# Registering and editing ---------------------------------------------------------------------------------


def test_editor_registers_in_their_units_only(world_a, client_for):
    client = client_for(world_a.user(Role.EDITOR))
    form = client.get(reverse("nonconformities:create")).context["form"]
    assert [value for value, _label in form.fields["origin"].choices] == ["complaint", "incident", "other"]
    assert world_a.sibling not in form.fields["responsible_unit"].queryset
    response = client.post(reverse("nonconformities:create"), register_data(world_a))
    assert response.status_code == 302
    item = Nonconformity.objects.get()
    assert response["Location"] == item.get_absolute_url()
    assert (item.reported_by, item.stage, item.number) == (world_a.user(Role.EDITOR), Stage.REPORTED, 1)
    response = client.post(
        reverse("nonconformities:create"), register_data(world_a, responsible_unit=world_a.sibling.pk)
    )
    assert response.status_code == 200 and Nonconformity.objects.count() == 1
    response = client.post(reverse("nonconformities:create"), register_data(world_a, origin="audit"))
    assert response.status_code == 200 and "origin" in response.context["form"].errors


def test_auditor_raises_for_any_unit_but_reader_cannot(world_a, client_for):
    client = client_for(world_a.user(Role.AUDITOR))
    response = client.post(
        reverse("nonconformities:create"), register_data(world_a, responsible_unit=world_a.sibling.pk)
    )
    assert response.status_code == 302
    assert Nonconformity.objects.get().responsible_unit == world_a.sibling
    client = client_for(world_a.user(Role.READER))
    assert client.get(reverse("nonconformities:create")).status_code == 403
    assert client.post(reverse("nonconformities:create"), register_data(world_a)).status_code == 403


def test_editing_needs_change_on_the_unit_and_an_open_nonconformity(world_a, client_for, english):
    item = nonconformity(world_a.organisation, responsible_unit=world_a.unit)
    assert client_for(world_a.user(Role.READER)).get(reverse("nonconformities:edit", args=[item.pk])).status_code == 403
    english.force_login(world_a.user(Role.EDITOR))
    data = register_data(world_a, origin="incident", title="Nytt namn")
    assert english.post(reverse("nonconformities:edit", args=[item.pk]), data).status_code == 302
    item.refresh_from_db()
    assert item.title == "Nytt namn"
    Nonconformity.objects.filter(pk=item.pk).update(stage=Stage.CLOSED)
    response = english.post(reverse("nonconformities:edit", args=[item.pk]), {**data, "title": "Igen"})
    assert response.status_code == 200
    assert "A closed nonconformity cannot be changed. Reopen it first." in response.content.decode()


def test_raised_nonconformity_keeps_its_origin(world_a, client_for):
    raised = services.raise_nonconformity(
        organisation=world_a.organisation, origin="audit", title="Från revision", responsible_unit=world_a.unit
    )
    client = client_for(world_a.user(Role.EDITOR))
    form = client.get(reverse("nonconformities:edit", args=[raised.pk])).context["form"]
    assert "origin" not in form.fields
    data = register_data(world_a)
    del data["origin"]
    assert client.post(reverse("nonconformities:edit", args=[raised.pk]), data).status_code == 302
    raised.refresh_from_db()
    assert raised.origin == "audit"


def test_analysis_page_saves_method_whys_and_root_cause(world_a, client_for):
    item = nonconformity(world_a.organisation, responsible_unit=world_a.unit)
    client = client_for(world_a.user(Role.EDITOR))
    data = {
        "analysis_method": "five_whys",
        "why_1": "Oljan rann ut.",
        "why_2": "Larmet var avstängt.",
        "why_3": "",
        "why_4": "",
        "why_5": "",
        "analysis_notes": "",
        "root_cause": "Larmet stängdes av vid service och slogs inte på igen.",
    }
    response = client.post(reverse("nonconformities:analysis", args=[item.pk]), data)
    assert response.status_code == 302 and response["Location"].endswith("#analysis")
    item.refresh_from_db()
    assert item.analysis_method == "five_whys" and item.root_cause.startswith("Larmet")
    assert [why.answer for why in item.whys.all()] == ["Oljan rann ut.", "Larmet var avstängt."]
    form = client.get(reverse("nonconformities:analysis", args=[item.pk])).context["form"]
    assert form.fields["why_2"].initial == "Larmet var avstängt."
    response = client.post(reverse("nonconformities:analysis", args=[item.pk]), {**data, "why_2": "", "why_3": "X"})
    assert response.status_code == 200 and item.whys.count() == 2


def test_add_corrective_action(world_a, client_for):
    item = nonconformity(world_a.organisation, responsible_unit=world_a.unit)
    client = client_for(world_a.user(Role.EDITOR))
    form = client.get(reverse("nonconformities:add-action", args=[item.pk])).context["form"]
    assert form.fields["responsible_unit"].initial == world_a.unit.pk
    data = {
        "title": "Sätt upp skylt",
        "responsible_unit": world_a.unit.pk,
        "contact_person": world_a.user(Role.READER).pk,
    }
    response = client.post(reverse("nonconformities:add-action", args=[item.pk]), data)
    assert response.status_code == 302 and response["Location"] == f"{item.get_absolute_url()}#actions"
    action = Action.objects.get(title="Sätt upp skylt")
    assert action.reason == item
    assert (
        client_for(world_a.user(Role.READER)).get(reverse("nonconformities:add-action", args=[item.pk])).status_code
        == 403
    )


# Stage changes -------------------------------------------------------------------------------------------


def test_transition_forms_move_or_say_why_not(world_a, english):
    item = analysed(world_a.organisation, responsible_unit=world_a.unit, root_cause="")
    english.force_login(world_a.user(Role.EDITOR))
    url = reverse("nonconformities:analyse", args=[item.pk])
    page = english.get(url).content.decode()
    assert "The nonconformity cannot be marked as analysed: the root cause has not been stated." in page
    response = english.post(url, {"analyse-comment": "Analys klar"})
    assert response.status_code == 200
    assert "the root cause has not been stated" in response.content.decode()
    services.update_nonconformity(item, root_cause="Ingen rutin.")
    response = english.post(url, {"analyse-comment": "Analys klar"})
    assert response.status_code == 302 and response["Location"].endswith("#stages")
    item.refresh_from_db()
    assert item.stage == Stage.ANALYSED and item.stage_changes.last().comment == "Analys klar"
    page = english.get(item.get_absolute_url()).content.decode()
    assert "is now at the stage “Analysed”" in page and "from Reported to Analysed" in page


def test_only_coordinators_verify_close_and_reopen(world_a, client_for):
    item = nonconformity(world_a.organisation, responsible_unit=world_a.unit)
    Nonconformity.objects.filter(pk=item.pk).update(stage=Stage.CLOSED)
    editor = client_for(world_a.user(Role.EDITOR))
    for name in ("verify", "not-effective", "close", "reopen"):
        assert editor.post(reverse(f"nonconformities:{name}", args=[item.pk])).status_code == 403
    coordinator = client_for(world_a.user(Role.COORDINATOR))
    response = coordinator.post(reverse("nonconformities:reopen", args=[item.pk]), {"reopen-comment": ""})
    assert response.status_code == 200 and response.context["form"].errors
    response = coordinator.post(reverse("nonconformities:reopen", args=[item.pk]), {"reopen-comment": "Återkom"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.stage == Stage.ANALYSED and item.stage_changes.last().is_reopening


# Deleting ------------------------------------------------------------------------------------------------


def test_delete_is_guarded(world_a, english):
    item = nonconformity(world_a.organisation, responsible_unit=world_a.unit)
    corrective_action(item)
    english.force_login(world_a.user(Role.EDITOR))
    url = reverse("nonconformities:delete", args=[item.pk])
    assert english.get(url).status_code == 200
    response = english.post(url, follow=True)
    assert "The nonconformity has corrective actions." in response.content.decode()
    assert Nonconformity.objects.filter(pk=item.pk).exists()
    Action.objects.for_reason(item).delete()
    response = english.post(url)
    assert response.status_code == 302 and not Nonconformity.objects.exists()


def test_reader_cannot_delete(world_a, client_for):
    item = nonconformity(world_a.organisation, responsible_unit=world_a.unit)
    assert (
        client_for(world_a.user(Role.READER)).post(reverse("nonconformities:delete", args=[item.pk])).status_code == 403
    )
