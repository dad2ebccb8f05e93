"""The obligation pages: register with filters and export, create and edit by unit, recording
evaluations (with the nonconformity they raise), the overview, guarded delete, permissions, queries."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hallbar.accounts.roles import Role
from hallbar.documents.queries import evidence_for
from hallbar.nonconformities.queries import for_source
from hallbar.obligations import services
from hallbar.obligations.models import Evaluation, Obligation
from tests.aspects.factories import AspectFactory
from tests.context.factories import InterestedPartyFactory

from .factories import EvaluationFactory, ObligationFactory, obligation_for

TODAY = timezone.localdate


def obligation_data(world, **overrides):
    data = {
        "title": "Kemikalieförteckning",
        "kind": "law",
        "reference": "SFS 1998:901 26 kap. 6 §",
        "url": "https://www.riksdagen.se/",
        "summary": "Vi ska föra en förteckning över kemiska produkter.",
        "applies_to_units": [world.unit.pk],
        "responsible_unit": world.unit.pk,
        "responsible_person": world.user(Role.EDITOR).pk,
        "evaluation_interval_months": "12",
        "next_evaluation_date": "",
        "status": "active",
    }
    return {**data, **overrides}


def evaluation_data(world, **overrides):
    data = {
        "date": TODAY().isoformat(),
        "evaluator": world.user(Role.EDITOR).pk,
        "result": "met",
        "findings": "",
        "next_evaluation_date": "",
    }
    return {**data, **overrides}


def test_coordinator_registers_and_edits_an_obligation(world_a, client_for):
    client = client_for(world_a.user(Role.COORDINATOR))
    assert client.get(reverse("obligations:create")).status_code == 200
    party = InterestedPartyFactory(organisation=world_a.organisation, name="Tillsynsmyndigheten")
    aspect = AspectFactory(activity__organisation=world_a.organisation, name="Kemikalieanvändning")
    data = obligation_data(world_a, interested_party=party.pk, aspects=[aspect.pk])
    response = client.post(reverse("obligations:create"), data)
    assert response.status_code == 302, response.context["form"].errors
    obligation = Obligation.objects.get()
    assert response["Location"] == obligation.get_absolute_url()
    assert obligation.organisation == world_a.organisation
    assert list(obligation.applies_to_units.all()) == [world_a.unit]
    assert (obligation.interested_party, list(obligation.aspects.all())) == (party, [aspect])
    assert obligation.next_evaluation_date == services.add_months(TODAY(), 12)
    page = client.get(obligation.get_absolute_url()).content.decode()
    assert "SFS 1998:901 26 kap. 6 §" in page and 'href="https://www.riksdagen.se/"' in page
    assert party.get_absolute_url() in page and aspect.get_absolute_url() in page

    response = client.post(
        reverse("obligations:edit", args=[obligation.pk]),
        obligation_data(world_a, title="Nytt namn", status="repealed"),
    )
    assert response.status_code == 302
    obligation.refresh_from_db()
    assert obligation.title == "Nytt namn" and obligation.status == "repealed"


def test_form_errors_name_the_field(world_a, english):
    english.force_login(world_a.user(Role.COORDINATOR))
    response = english.post(reverse("obligations:create"), obligation_data(world_a, reference="", url="inte en länk"))
    errors = response.context["form"].errors
    assert response.status_code == 200 and set(errors) == {"reference", "url"}
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Obligation.objects.exists()


def test_editor_creates_and_edits_only_for_their_units(world_a, client_for):
    client = client_for(world_a.user(Role.EDITOR))  # editor of the administration
    response = client.post(reverse("obligations:create"), obligation_data(world_a, responsible_unit=world_a.sibling.pk))
    assert response.status_code == 200 and "responsible_unit" in response.context["form"].errors
    assert client.post(reverse("obligations:create"), obligation_data(world_a)).status_code == 302

    other = ObligationFactory(organisation=world_a.organisation, responsible_unit=world_a.sibling)
    for name in ("edit", "delete", "evaluate"):
        url = reverse(f"obligations:{name}", args=[other.pk])
        assert client.get(url).status_code == 403, url
        assert client.post(url, obligation_data(world_a)).status_code == 403, url
    other.refresh_from_db()
    assert other.title != "Kemikalieförteckning" and not other.evaluations.exists()


@pytest.mark.parametrize("role", [Role.READER, Role.AUDITOR])
def test_readers_and_auditors_read_only(role, world_a, client_for):
    obligation = obligation_for(world_a.organisation, world_a.unit)
    evaluation = obligation.evaluations.get()
    client = client_for(world_a.user(role))
    for url in [
        reverse("obligations:list"),
        reverse("obligations:overview"),
        obligation.get_absolute_url(),
        evaluation.get_absolute_url(),
    ]:
        assert client.get(url).status_code == 200, url
    for url in [
        reverse("obligations:create"),
        reverse("obligations:edit", args=[obligation.pk]),
        reverse("obligations:delete", args=[obligation.pk]),
        reverse("obligations:evaluate", args=[obligation.pk]),
    ]:
        assert client.get(url).status_code == 403, url
        assert client.post(url, obligation_data(world_a)).status_code == 403, url
    url = reverse("obligations:evaluation-nonconformity", args=[evaluation.pk])
    assert client.post(url).status_code == 403
    assert not for_source(evaluation).exists()
    page = client.get(evaluation.get_absolute_url()).content.decode()
    assert url not in page and reverse("obligations:evaluate", args=[obligation.pk]) not in page


def test_other_organisations_objects_are_not_found(world_a, world_b, client_for):
    obligation = obligation_for(world_b.organisation, world_b.unit)
    client = client_for(world_a.user(Role.ADMINISTRATOR))
    assert client.get(obligation.get_absolute_url()).status_code == 404
    assert client.get(obligation.evaluations.get().get_absolute_url()).status_code == 404
    assert (
        client.post(reverse("obligations:evaluate", args=[obligation.pk]), evaluation_data(world_a)).status_code == 404
    )


def test_a_met_evaluation_with_evidence(world_a, english):
    obligation = ObligationFactory(organisation=world_a.organisation, responsible_unit=world_a.unit)
    english.force_login(world_a.user(Role.EDITOR))
    form = english.get(reverse("obligations:evaluate", args=[obligation.pk]))
    assert form.context["form"]["evaluator"].initial == world_a.user(Role.EDITOR).pk
    page = form.content.decode()
    assert 'enctype="multipart/form-data"' in page and obligation.summary in page
    assert f'<a href="{obligation.get_absolute_url()}">{obligation.title}</a>' in page  # breadcrumb
    evidence = SimpleUploadedFile("rapport.pdf", b"%PDF-1.7\n%%EOF\n", content_type="application/pdf")
    response = english.post(
        reverse("obligations:evaluate", args=[obligation.pk]), {**evaluation_data(world_a), "evidence": evidence}
    )
    assert response.status_code == 302, response.context["form"].errors
    evaluation = Evaluation.objects.get()
    assert response["Location"] == evaluation.get_absolute_url()
    assert evidence_for(evaluation).get().original_name == "rapport.pdf"
    obligation.refresh_from_db()
    assert obligation.last_result == "met" and obligation.next_evaluation_date == services.add_months(TODAY(), 12)
    page = english.get(evaluation.get_absolute_url()).content.decode()
    assert "rapport.pdf" in page and "Raise a nonconformity" not in page
    assert "No nonconformity has been raised from this." in page


def test_a_refused_evidence_file_keeps_the_form(world_a, english):
    obligation = ObligationFactory(organisation=world_a.organisation, responsible_unit=world_a.unit)
    english.force_login(world_a.user(Role.EDITOR))
    evidence = SimpleUploadedFile("program.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = english.post(
        reverse("obligations:evaluate", args=[obligation.pk]), {**evaluation_data(world_a), "evidence": evidence}
    )
    assert response.status_code == 200
    assert "“program.exe” is not a type of file that can be stored." in response.context["form"].errors["evidence"][0]
    assert not Evaluation.objects.exists()


def test_not_met_raises_a_nonconformity_and_shows_its_link(world_a, english):
    obligation = ObligationFactory(organisation=world_a.organisation, responsible_unit=world_a.unit, title="Buller")
    english.force_login(world_a.user(Role.EDITOR))
    url = reverse("obligations:evaluate", args=[obligation.pk])
    response = english.post(url, evaluation_data(world_a, result="not_met"))
    assert response.status_code == 200 and response.context["form"].errors["findings"] == ["Describe what is not met."]
    response = english.post(url, evaluation_data(world_a, result="not_met", findings="Mätningen saknas."), follow=True)
    evaluation = Evaluation.objects.get()
    nonconformity = for_source(evaluation).get()
    page = response.content.decode()
    assert "The requirement is not met: a nonconformity was raised." in page
    assert nonconformity.get_absolute_url() in page and "Not met: Buller" in page


def test_partly_met_offers_a_nonconformity(world_a, english):
    obligation = obligation_for(world_a.organisation, world_a.unit)  # partly met
    evaluation = obligation.evaluations.get()
    english.force_login(world_a.user(Role.EDITOR))
    page = english.get(evaluation.get_absolute_url()).content.decode()
    raise_url = reverse("obligations:evaluation-nonconformity", args=[evaluation.pk])
    assert raise_url in page and "Raise a nonconformity" in page
    response = english.post(raise_url, follow=True)
    page = response.content.decode()
    nonconformity = for_source(evaluation).get()
    assert "A nonconformity was raised from the evaluation." in page and nonconformity.get_absolute_url() in page
    assert raise_url not in page  # offered once
    english.post(raise_url)
    assert for_source(evaluation).count() == 1


def test_a_met_evaluation_cannot_raise_one(world_a, english):
    evaluation = EvaluationFactory(
        obligation__organisation=world_a.organisation, evaluator=world_a.user(Role.EDITOR), result="met"
    )
    english.force_login(world_a.user(Role.COORDINATOR))
    response = english.post(reverse("obligations:evaluation-nonconformity", args=[evaluation.pk]), follow=True)
    assert "A requirement that is met gives no nonconformity." in response.content.decode()
    assert not for_source(evaluation).exists()
    assert english.get(reverse("obligations:evaluation-nonconformity", args=[evaluation.pk])).status_code == 405


def test_a_repealed_obligation_is_not_evaluated(world_a, english):
    obligation = ObligationFactory(organisation=world_a.organisation, status="repealed")
    english.force_login(world_a.user(Role.COORDINATOR))
    response = english.get(reverse("obligations:evaluate", args=[obligation.pk]))
    assert response.status_code == 403 and "A repealed obligation is not evaluated." in response.content.decode()
    assert "Record an evaluation" not in english.get(obligation.get_absolute_url()).content.decode()


def test_guarded_delete_names_the_evaluations(world_a, english):
    obligation = obligation_for(world_a.organisation, world_a.unit)
    english.force_login(world_a.user(Role.COORDINATOR))
    page = english.get(reverse("obligations:delete", args=[obligation.pk])).content.decode()
    assert "mark it repealed instead" in page
    response = english.post(reverse("obligations:delete", args=[obligation.pk]), follow=True)
    assert "cannot be deleted because other records depend on it: 1 compliance evaluation" in response.content.decode()
    assert Obligation.objects.filter(pk=obligation.pk).exists()
    fresh = ObligationFactory(organisation=world_a.organisation)
    response = english.post(reverse("obligations:delete", args=[fresh.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("obligations:list")
    assert not Obligation.objects.filter(pk=fresh.pk).exists()


def test_register_filters_and_flags(world_a, english):
    late = ObligationFactory(
        organisation=world_a.organisation,
        title="Sent",
        kind="permit",
        responsible_unit=world_a.sibling,
        next_evaluation_date=TODAY() - timedelta(days=2),
    )
    ObligationFactory(organisation=world_a.organisation, title="Avtalat", kind="agreement", last_result="partly")
    ObligationFactory(organisation=world_a.organisation, title="Upphävt", status="repealed")
    english.force_login(world_a.user(Role.READER))
    url = reverse("obligations:list")

    def titles(query):
        return {obligation.title for obligation in english.get(url + query).context["obligations"]}

    assert titles("?kind=permit") == {"Sent"}
    assert titles("?overdue=on") == {"Sent"}
    assert titles("?last_result=partly") == {"Avtalat"}
    assert titles("?last_result=none&status=active") == {"Sent"}
    assert titles(f"?unit={world_a.sibling.pk}") == {"Sent"}
    assert len(titles("?kind=bogus")) == 3  # a bad value is ignored, not an error
    page = english.get(url).content.decode()
    assert "Evaluation overdue" in page and "Not evaluated yet" in page
    assert late.get_absolute_url() in page


def test_export_has_the_filters_of_the_page(world_a, client_for):
    ObligationFactory(organisation=world_a.organisation, title="Lagkrav", kind="law")
    ObligationFactory(organisation=world_a.organisation, title="Tillståndet", kind="permit")
    client = client_for(world_a.user(Role.READER))
    response = client.get(reverse("obligations:list") + "?kind=permit&export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 2 and rows[1][0] == "Tillståndet"
    response = client.get(reverse("obligations:list") + "?export=xlsx")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_overview_page(world_a, english):
    ObligationFactory(organisation=world_a.organisation, responsible_unit=world_a.unit, last_result="met")
    ObligationFactory(
        organisation=world_a.organisation,
        title="Försenat krav",
        responsible_unit=world_a.unit,
        next_evaluation_date=TODAY() - timedelta(days=1),
    )
    english.force_login(world_a.user(Role.READER))
    response = english.get(reverse("obligations:overview"))
    page = response.content.decode()
    assert "<caption>Latest evaluation result per responsible unit</caption>" in page
    assert '<th scope="row">A enhet</th>' in page and "Försenat krav" in page
    assert response.context["overview"]["totals"]["overdue"] == 1


def test_the_menu_leads_to_the_register(world_a, client_for):
    page = client_for(world_a.user(Role.READER)).get(reverse("web:dashboard")).content.decode()
    assert f'href="{reverse("obligations:list")}"' in page


def build(world, count):
    editor = world.user(Role.EDITOR)
    for index in range(count):
        obligation = ObligationFactory(
            organisation=world.organisation,
            responsible_unit=world.unit,
            responsible_person=editor,
            next_evaluation_date=TODAY() - timedelta(days=index % 2),
        )
        obligation.applies_to_units.set([world.unit, world.sibling])
        obligation.aspects.set([AspectFactory(activity__organisation=world.organisation)])
        obligation.interested_party = InterestedPartyFactory(organisation=world.organisation)
        obligation.save()
        services.record_evaluation(obligation, evaluator=editor, result="partly", findings="Brister")
    return obligation


@pytest.mark.parametrize("page", ["list", "overview", "detail", "export"])
def test_pages_take_a_fixed_number_of_queries(page, world_a, client_for, django_assert_max_num_queries):
    client = client_for(world_a.user(Role.READER))
    build(world_a, 2)

    def url():
        if page == "detail":
            return Obligation.objects.last().get_absolute_url()
        if page == "export":
            return reverse("obligations:list") + "?export=csv"
        return reverse(f"obligations:{page}")

    def fetch():
        response = client.get(url())
        assert response.status_code == 200
        if page == "export":
            b"".join(response.streaming_content)

    with CaptureQueriesContext(connection) as small:
        fetch()
    build(world_a, 8)
    obligation = Obligation.objects.last()
    for _ in range(3):
        services.record_evaluation(obligation, evaluator=world_a.user(Role.EDITOR), result="met")
    with django_assert_max_num_queries(len(small.captured_queries)):
        fetch()
