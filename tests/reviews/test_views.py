"""The review pages: list with filters and exports, start, the review page, editing, conclusions,
decisions, actions, refreshing, status steps and deleting — with permissions, other organisations'
reviews and query counts."""

import csv
import io
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from hallbar.accounts.roles import Role
from hallbar.actions.models import Action
from hallbar.reviews import services
from hallbar.reviews.models import Decision, ManagementReview, Status
from tests.context.factories import ScanItemFactory
from tests.factories import MembershipFactory, UserFactory

from .factories import DecisionFactory, ReviewFactory, coordinator_of, management_review_for

TODAY = timezone.localdate()


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def review(world_a):
    return services.start_review(
        organisation=world_a.organisation,
        user=coordinator_of(world_a.organisation),
        title="Ledningens genomgång 2026",
        date=TODAY,
        participants="Kommundirektör",
    )


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# The list --------------------------------------------------------------------------------------------------


def test_the_list_filters_by_year_and_status_and_exports(world_a, client_for, review):
    ReviewFactory(organisation=world_a.organisation, title="Genomgång 2024", date=TODAY.replace(year=TODAY.year - 2))
    ReviewFactory(organisation=world_a.organisation, title="Godkänd", status=Status.APPROVED)
    client = client_for(world_a.user(Role.READER))
    page = client.get(reverse("reviews:list")).content.decode()
    assert "Ledningens genomgång 2026" in page and "Genomgång 2024" in page
    assert reverse("reviews:create") not in page  # readers do not start reviews

    filtered = client.get(reverse("reviews:list"), {"year": TODAY.year - 2}).content.decode()
    assert "Genomgång 2024" in filtered and "Ledningens genomgång 2026" not in filtered
    filtered = client.get(reverse("reviews:list"), {"status": "approved"}).content.decode()
    assert "Godkänd" in filtered and "Ledningens genomgång 2026" not in filtered
    assert client.get(reverse("reviews:list"), {"year": "abc"}).status_code == 200  # a bad value is ignored

    export = client.get(reverse("reviews:list"), {"export": "csv", "status": "preparation"})
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig")), delimiter=";"))
    assert [row[0] for row in rows[1:]] == ["Ledningens genomgång 2026", "Genomgång 2024"]
    xlsx = client.get(reverse("reviews:list"), {"export": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_list_takes_a_fixed_number_of_queries(world_a, client_for, django_assert_max_num_queries):
    for number in range(12):
        review = ReviewFactory(organisation=world_a.organisation, title=f"Genomgång {number}")
        DecisionFactory(review=review)
        services.add_action(review, title=f"Åtgärd {number}")
    client = client_for(world_a.user(Role.COORDINATOR))
    with django_assert_max_num_queries(14):
        response = client.get(reverse("reviews:list"))
    assert response.context["reviews"][0].decision_count == 1 and response.context["reviews"][0].action_count == 1


# Starting and editing ---------------------------------------------------------------------------------------


def test_a_coordinator_starts_a_review_over_the_time_since_the_previous_one(world_a, client_for):
    previous = ReviewFactory(organisation=world_a.organisation, date=TODAY - timedelta(days=100))
    ScanItemFactory(organisation=world_a.organisation, title="Elbilar ökar")
    client = client_for(world_a.user(Role.COORDINATOR))
    assert client.get(reverse("reviews:create")).status_code == 200
    response = client.post(
        reverse("reviews:create"),
        {"title": "Ledningens genomgång 2026", "date": TODAY.isoformat(), "participants": "Kommundirektör"},
    )
    review = ManagementReview.objects.get(title="Ledningens genomgång 2026")
    assert response["Location"] == review.get_absolute_url()
    assert (review.period_start, review.period_end) == (previous.period_end + timedelta(days=1), TODAY)
    assert review.created_by == world_a.user(Role.COORDINATOR)
    page = client.get(review.get_absolute_url()).content.decode()
    assert "Elbilar ökar" in page


def test_starting_needs_the_permission_to_change_the_organisation(world_a, client_for):
    for role in (Role.READER, Role.AUDITOR, Role.EDITOR):  # the editor works in one administration only
        client = client_for(world_a.user(role))
        assert client.get(reverse("reviews:create")).status_code == 403
        assert client.post(reverse("reviews:create"), {"title": "X", "date": TODAY.isoformat()}).status_code == 403
    assert not ManagementReview.objects.exists()


def test_the_form_says_what_is_wrong_in_the_users_language(world_a, client_for, english):
    client = client_for(world_a.user(Role.COORDINATOR))
    response = client.post(
        reverse("reviews:create"),
        {"title": "X", "date": TODAY.isoformat(), "period_start": TODAY.isoformat(), "period_end": "2020-01-01"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["period_end"] == ["The period cannot end before it starts."]
    assert 'aria-invalid="true"' in response.content.decode()


def test_editing_the_details_and_the_period(world_a, client_for, review):
    client = client_for(world_a.user(Role.COORDINATOR))
    assert client.get(reverse("reviews:edit", args=[review.pk])).status_code == 200
    data = {
        "title": "Ledningens genomgång våren 2026",
        "date": TODAY.isoformat(),
        "period_start": (TODAY - timedelta(days=90)).isoformat(),
        "period_end": TODAY.isoformat(),
        "participants": "Kommundirektör, miljöchef",
        "resources_notes": "Budgeten räcker.",
    }
    response = client.post(reverse("reviews:edit", args=[review.pk]), data)
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.title, review.period_start, review.resources_notes) == (
        "Ledningens genomgång våren 2026",
        TODAY - timedelta(days=90),
        "Budgeten räcker.",
    )
    assert review.inputs["period"]["start"] == (TODAY - timedelta(days=90)).isoformat()


def test_a_held_review_keeps_its_period(world_a, client_for, review):
    ManagementReview.objects.filter(pk=review.pk).update(status=Status.HELD)
    client = client_for(world_a.user(Role.COORDINATOR))
    page = client.get(reverse("reviews:edit", args=[review.pk])).content.decode()
    assert 'name="period_start"' in page and "disabled" in page
    data = {
        "title": review.title,
        "date": TODAY.isoformat(),
        "period_start": "2000-01-01",
        "period_end": TODAY.isoformat(),
        "participants": "Kommundirektör, miljöchef",
    }
    assert client.post(reverse("reviews:edit", args=[review.pk]), data).status_code == 302
    review.refresh_from_db()
    assert review.participants == "Kommundirektör, miljöchef" and review.period_start != TODAY.replace(year=2000)


def test_an_approved_review_sends_every_change_page_back_with_the_reason(world_a, client_for, english, review):
    decision = DecisionFactory(review=review)
    ManagementReview.objects.filter(pk=review.pk).update(status=Status.APPROVED)
    client = client_for(world_a.user(Role.COORDINATOR))
    for name, pk in [
        ("reviews:edit", review.pk),
        ("reviews:conclusions", review.pk),
        ("reviews:decision-create", review.pk),
        ("reviews:action-create", review.pk),
        ("reviews:delete", review.pk),
        ("reviews:decision-edit", decision.pk),
        ("reviews:decision-delete", decision.pk),
    ]:
        response = client.get(reverse(name, args=[pk]))
        assert response.status_code == 302 and response["Location"] == review.get_absolute_url(), name
    response = client.post(reverse("reviews:decision-delete", args=[decision.pk]))
    assert "The review cannot be changed: it is approved." in messages_of(response)
    assert Decision.objects.filter(pk=decision.pk).exists()
    page = client.get(review.get_absolute_url()).content.decode()
    assert reverse("reviews:edit", args=[review.pk]) not in page


# The review page and its PDF ----------------------------------------------------------------------------------


def test_the_review_page_shows_every_section_as_an_accessible_section(world_a, client_for, english, review):
    review.conclusions = {"risks": "Skyfallsrisken kräver åtgärder."}
    review.save()
    page = client_for(world_a.user(Role.READER)).get(review.get_absolute_url()).content.decode()
    assert '<h2 id="previous_actions-heading">1. Actions from previous reviews</h2>' in page
    assert '<h2 id="improvement-heading">14. Opportunities for continual improvement</h2>' in page
    assert '<section id="risks" aria-labelledby="risks-heading">' in page
    assert "Skyfallsrisken kräver åtgärder." in page
    assert "<caption>Open nonconformities by stage</caption>" in page
    assert reverse("reviews:edit", args=[review.pk]) not in page  # readers do not change it


def test_the_review_page_takes_a_fixed_number_of_queries(world_a, client_for, django_assert_max_num_queries):
    review = management_review_for(world_a.organisation, world_a.unit)
    for number in range(8):
        DecisionFactory(review=review)
        services.add_action(review, title=f"Åtgärd {number}", responsible_unit=world_a.unit)
    client = client_for(world_a.user(Role.COORDINATOR))
    with django_assert_max_num_queries(16):
        response = client.get(review.get_absolute_url())
    assert len(response.context["actions"]) == 8 and len(response.context["decisions"]) == 9


def test_another_organisations_review_is_not_found(world_a, world_b, client_for):
    other = ReviewFactory(organisation=world_b.organisation)
    decision = DecisionFactory(review=other)
    client = client_for(world_a.user(Role.ADMINISTRATOR))
    for name in ("detail", "pdf", "edit", "conclusions", "decision-create", "action-create", "delete"):
        assert client.get(reverse(f"reviews:{name}", args=[other.pk])).status_code == 404, name
    for name in ("refresh", "transition"):
        assert client.post(reverse(f"reviews:{name}", args=[other.pk]), {"transition": "hold"}).status_code == 404
    assert client.get(reverse("reviews:decision-edit", args=[decision.pk])).status_code == 404


# Conclusions, decisions and actions -------------------------------------------------------------------------------


def test_writing_the_conclusions(world_a, client_for, review):
    client = client_for(world_a.user(Role.COORDINATOR))
    page = client.get(reverse("reviews:conclusions", args=[review.pk])).content.decode()
    assert 'name="section_context"' in page and 'name="suitability"' in page
    response = client.post(
        reverse("reviews:conclusions", args=[review.pk]),
        {"section_context": "Klimatanpassningen växer i betydelse.", "suitability": "Passar.", "adequacy": ""},
    )
    assert response["Location"] == f"{review.get_absolute_url()}#conclusions"
    review.refresh_from_db()
    assert review.conclusions == {"context": "Klimatanpassningen växer i betydelse."}
    assert review.suitability == "Passar."
    assert (
        client_for(world_a.user(Role.READER)).get(reverse("reviews:conclusions", args=[review.pk])).status_code == 403
    )


def test_recording_editing_and_deleting_a_decision(world_a, client_for, review):
    client = client_for(world_a.user(Role.COORDINATOR))
    assert client.get(reverse("reviews:decision-create", args=[review.pk])).status_code == 200
    response = client.post(
        reverse("reviews:decision-create", args=[review.pk]),
        {"kind": "system_change", "text": "Utvidga ledningssystemet till de kommunala bolagen."},
    )
    assert response["Location"] == f"{review.get_absolute_url()}#decisions"
    decision = review.decisions.get()
    assert decision.kind == Decision.Kind.SYSTEM_CHANGE
    response = client.post(
        reverse("reviews:decision-edit", args=[decision.pk]), {"kind": "resources", "text": "Anställ en strateg."}
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.kind, decision.text) == ("resources", "Anställ en strateg.")
    assert "Anställ en strateg." in client.get(review.get_absolute_url()).content.decode()
    assert client.get(reverse("reviews:decision-delete", args=[decision.pk])).status_code == 200
    client.post(reverse("reviews:decision-delete", args=[decision.pk]))
    assert not review.decisions.exists()
    reader = client_for(world_a.user(Role.READER))
    assert reader.post(reverse("reviews:decision-create", args=[review.pk]), {"kind": "other"}).status_code == 403


def test_a_new_action_from_the_review(world_a, client_for, review):
    client = client_for(world_a.user(Role.COORDINATOR))
    assert client.get(reverse("reviews:action-create", args=[review.pk])).status_code == 200
    response = client.post(
        reverse("reviews:action-create", args=[review.pk]),
        {"title": "Inför resfria möten", "responsible_unit": world_a.unit.pk, "end_date": "2027-06-30"},
    )
    assert response["Location"] == f"{review.get_absolute_url()}#actions"
    action = Action.objects.get()
    assert (action.reason, action.responsible_unit, action.title) == (review, world_a.unit, "Inför resfria möten")
    page = client.get(review.get_absolute_url()).content.decode()
    assert "Inför resfria möten" in page and action.get_absolute_url() in page


# Refreshing, status steps and deleting -----------------------------------------------------------------------------


def test_refreshing_the_inputs(world_a, client_for, english, review):
    ScanItemFactory(organisation=world_a.organisation, title="Elbilar ökar")
    assert client_for(world_a.user(Role.READER)).post(reverse("reviews:refresh", args=[review.pk])).status_code == 403
    client = client_for(world_a.user(Role.COORDINATOR))
    response = client.post(reverse("reviews:refresh", args=[review.pk]))
    assert response["Location"] == review.get_absolute_url()
    assert messages_of(response) == ["The inputs were assembled again from the system as it is now."]
    assert "Elbilar ökar" in client.get(review.get_absolute_url()).content.decode()
    ManagementReview.objects.filter(pk=review.pk).update(status=Status.HELD)
    response = client.post(reverse("reviews:refresh", args=[review.pk]))
    assert messages_of(response) == [
        "The inputs cannot be refreshed: the review has been held, so its inputs are kept as they were at the meeting."
    ]
    assert client.get(review.get_absolute_url()).status_code == 200


def test_holding_and_approving_with_the_reasons_when_refused(world_a, client_for, english, review):
    client = client_for(world_a.user(Role.COORDINATOR))
    page = client.get(review.get_absolute_url()).content.decode()
    assert "Mark the review as held" in page
    response = client.post(reverse("reviews:transition", args=[review.pk]), {"transition": "hold"})
    assert messages_of(response) == ["The review is now “Held”."]
    page = client.get(review.get_absolute_url()).content.decode()
    assert "the conclusion on the suitability of the management system is not written." in page
    response = client.post(reverse("reviews:transition", args=[review.pk]), {"transition": "approve"})
    assert "The review cannot be approved: the conclusion on the adequacy of the management system is not written." in (
        messages_of(response)
    )
    ManagementReview.objects.filter(pk=review.pk).update(suitability="Ja.", adequacy="Ja.", effectiveness="Ja.")
    response = client.post(reverse("reviews:transition", args=[review.pk]), {"transition": "approve"})
    assert messages_of(response)[-1] == "The review is now “Approved”."
    review.refresh_from_db()
    assert (review.status, review.approved_by) == (Status.APPROVED, world_a.user(Role.COORDINATOR))


def test_only_coordinators_and_administrators_approve(world_a, client_for, review):
    ManagementReview.objects.filter(pk=review.pk).update(
        status=Status.HELD, suitability="Ja.", adequacy="Ja.", effectiveness="Ja."
    )
    editor = UserFactory()
    MembershipFactory(user=editor, organisation=world_a.organisation, role=Role.EDITOR)  # the whole organisation
    response = client_for(editor).post(reverse("reviews:transition", args=[review.pk]), {"transition": "approve"})
    assert response.status_code == 403
    page = client_for(editor).get(review.get_absolute_url()).content.decode()
    assert "Approve the review" not in page and "Godkänn" not in page
    for role in (Role.READER, Role.AUDITOR):
        response = client_for(world_a.user(role)).post(
            reverse("reviews:transition", args=[review.pk]), {"transition": "hold"}
        )
        assert response.status_code == 403
    review.refresh_from_db()
    assert review.status == Status.HELD


def test_deleting_is_refused_while_actions_name_the_review(world_a, client_for, english, review):
    client = client_for(world_a.user(Role.COORDINATOR))
    action = services.add_action(review, title="Inför resfria möten")
    assert client.get(reverse("reviews:delete", args=[review.pk])).status_code == 200
    response = client.post(reverse("reviews:delete", args=[review.pk]))
    assert response["Location"] == review.get_absolute_url()
    assert messages_of(response) == ["The review cannot be deleted: 1 action was decided at it."]
    action.delete()
    response = client.post(reverse("reviews:delete", args=[review.pk]))
    assert response["Location"] == reverse("reviews:list")
    assert not ManagementReview.objects.exists()
