"""The aspects pages: register and overview, activities, aspects, scoring, settings, reviews, permissions."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hallbar.accounts.roles import Role
from hallbar.actions.services import create_action
from hallbar.aspects import services
from hallbar.aspects.models import Activity, Aspect, AspectReview, AspectSettings, SignificanceCriterion
from tests.plans.factories import GoalFactory

from .factories import ActivityFactory, AspectFactory, AspectReviewFactory, aspect_for, score_all


def aspect_data(**overrides):
    data = {
        "name": "Inköp av livsmedel",
        "impact": "Förlust av biologisk mångfald",
        "dimension": "environmental",
        "effect": "negative",
        "life_cycle_stage": "raw_materials",
        "condition": "normal",
        "influence": "indirect",
        "channel": "procurement",
        "occurs_abroad": "on",
    }
    return {**data, **overrides}


# The register and the overview ------------------------------------------------------------------------


def test_register_and_overview_show_unhandled_significant_aspects(world_a, english):
    handled = aspect_for(world_a.organisation, world_a.unit)
    unhandled = AspectFactory(activity__organisation=world_a.organisation, name="Buller från arbetsfordon")
    score_all(unhandled, 5)
    english.force_login(world_a.user(Role.READER))

    page = english.get(reverse("aspects:overview")).content.decode()
    assert "1 significant aspect is not handled" in page and "Buller från arbetsfordon" in page
    assert handled.name not in page.split("The register in numbers")[0]

    page = english.get(reverse("aspects:register")).content.decode()
    assert handled.name in page and "Also abroad" in page
    assert page.count("Not handled</strong>") == 1
    page = english.get(reverse("aspects:register") + "?significance=unhandled").content.decode()
    assert "Buller från arbetsfordon" in page and handled.name not in page


def test_register_filters(world_a, client_for):
    activity = ActivityFactory(organisation=world_a.organisation, unit=world_a.unit)
    other = ActivityFactory(organisation=world_a.organisation, unit=world_a.sibling)
    AspectFactory(activity=activity, name="Energi", condition="normal", dimension="environmental")
    AspectFactory(
        activity=activity, name="Upphandling", influence="indirect", channel="procurement", occurs_abroad=True
    )
    AspectFactory(activity=other, name="Olyckor", condition="emergency", dimension="social")
    client = client_for(world_a.user(Role.READER))
    url = reverse("aspects:register")

    def names(query):
        return {aspect.name for aspect in client.get(url + query).context["aspects"]}

    assert names(f"?unit={world_a.administration.pk}") == {"Energi", "Upphandling"}
    assert names("?influence=indirect") == {"Upphandling"}
    assert names("?channel=procurement&abroad=on") == {"Upphandling"}
    assert names("?condition=emergency") == {"Olyckor"}
    assert names("?dimension=social") == {"Olyckor"}
    assert names("?significance=significant") == set()
    assert len(names("?dimension=bogus")) == 3  # a bad value is ignored, not an error


def test_register_exports(world_a, english):
    aspect_for(world_a.organisation, world_a.unit)
    client = english
    client.force_login(world_a.user(Role.READER))
    response = client.get(reverse("aspects:register") + "?export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Aspect", "Impact", "Activity, product or service", "Unit"]
    row = dict(zip(rows[0], rows[1], strict=True))
    assert (row["Aspect"], row["Score"], row["Significant"], row["Handled"]) == (
        "Energianvändning i byggnader",
        "20",  # 5 criteria × 4
        "Yes",
        "Yes",
    )
    assert (row["Channel of influence"], row["The impact also occurs abroad"]) == ("Procurement", "Yes")
    response = client.get(reverse("aspects:register") + "?export=xlsx")
    assert response.status_code == 200 and response["Content-Disposition"].endswith('.xlsx"')
    for name in ("activity-list", "review-list"):
        response = client.get(reverse(f"aspects:{name}") + "?export=csv")
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")


# Activities -------------------------------------------------------------------------------------------


def test_editor_creates_activities_for_their_units_only(world_a, client_for):
    client = client_for(world_a.user(Role.EDITOR))  # editor of the administration
    data = {"name": "Skolmåltider", "kind": "service", "unit": world_a.unit.pk, "description": ""}
    response = client.post(reverse("aspects:activity-create"), {**data, "unit": world_a.sibling.pk})
    assert response.status_code == 200 and "unit" in response.context["form"].errors
    response = client.post(reverse("aspects:activity-create"), data)
    assert response.status_code == 302
    activity = Activity.objects.get(name="Skolmåltider")
    assert (activity.organisation, activity.unit, activity.kind) == (world_a.organisation, world_a.unit, "service")

    other = ActivityFactory(organisation=world_a.organisation, unit=world_a.sibling)
    for name in ("activity-edit", "activity-delete", "create"):
        assert client.get(reverse(f"aspects:{name}", args=[other.pk])).status_code == 403
        assert client.post(reverse(f"aspects:{name}", args=[other.pk]), data).status_code == 403
    response = client.post(reverse("aspects:activity-edit", args=[activity.pk]), {**data, "name": "Måltider"})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.name == "Måltider"


def test_an_activity_with_aspects_is_not_deleted(world_a, english):
    aspect = AspectFactory(activity__organisation=world_a.organisation, name="Avfall")
    english.force_login(world_a.user(Role.COORDINATOR))
    response = english.post(reverse("aspects:activity-delete", args=[aspect.activity_id]), follow=True)
    assert "1 sustainability aspect: Avfall" in response.content.decode()
    assert Activity.objects.filter(pk=aspect.activity_id).exists()
    empty = ActivityFactory(organisation=world_a.organisation)
    assert english.post(reverse("aspects:activity-delete", args=[empty.pk])).status_code == 302
    assert not Activity.objects.filter(pk=empty.pk).exists()


# Aspects ----------------------------------------------------------------------------------------------


def test_aspects_are_created_on_their_activity(world_a, client_for):
    activity = ActivityFactory(organisation=world_a.organisation, unit=world_a.unit)
    client = client_for(world_a.user(Role.EDITOR))
    url = reverse("aspects:create", args=[activity.pk])
    page = client.get(url).content.decode()
    assert "<legend>" in page and 'id="handling"' in page
    response = client.post(url, aspect_data(channel=""))
    assert response.status_code == 200 and "channel" in response.context["form"].errors
    response = client.post(url, aspect_data())
    assert response.status_code == 302
    aspect = Aspect.objects.get(name="Inköp av livsmedel")
    assert (aspect.activity, aspect.channel, aspect.occurs_abroad, aspect.is_significant) == (
        activity,
        "procurement",
        True,
        False,
    )


def test_a_significant_aspect_cannot_be_saved_unhandled(world_a, english):
    aspect = AspectFactory(activity__organisation=world_a.organisation, activity__unit=world_a.unit)
    score_all(aspect, 5)
    english.force_login(world_a.user(Role.EDITOR))
    url = reverse("aspects:edit", args=[aspect.pk])
    data = aspect_data(influence="direct", channel="", occurs_abroad="")
    response = english.post(url, data)
    assert response.status_code == 200
    assert "This aspect is significant and must be handled" in response.content.decode()
    goal = GoalFactory(plan__organisation=world_a.organisation)
    assert english.post(url, {**data, "goals": [goal.pk]}).status_code == 302
    assert list(Aspect.objects.get(pk=aspect.pk).goals.all()) == [goal]


def test_aspect_page_shows_scores_handling_and_the_abroad_hint(world_a, english):
    aspect = aspect_for(world_a.organisation, world_a.unit)
    english.force_login(world_a.user(Role.READER))
    page = english.get(aspect.get_absolute_url()).content.decode()
    assert "Fossilfri kommun" in page and "Significant" in page and "(result 20)" in page
    assert "Severity" in page and "Scored on" in page and "often occur abroad" not in page
    assert 'href="/aspects/%d/score/"' % aspect.pk not in page  # a reader does not score
    Aspect.objects.filter(pk=aspect.pk).update(occurs_abroad=False)
    assert "often occur abroad" in english.get(aspect.get_absolute_url()).content.decode()


def test_an_aspect_that_an_action_refers_to_is_not_deleted(world_a, english):
    aspect = AspectFactory(activity__organisation=world_a.organisation)
    create_action(organisation=world_a.organisation, title="Solceller", reason=aspect)
    english.force_login(world_a.user(Role.COORDINATOR))
    page = english.get(aspect.get_absolute_url()).content.decode()
    assert "Actions for this aspect" in page and "Solceller" in page
    response = english.post(reverse("aspects:delete", args=[aspect.pk]), follow=True)
    assert "1 action: Solceller" in response.content.decode()
    assert Aspect.objects.filter(pk=aspect.pk).exists()


def test_another_organisations_aspect_is_not_found(world_a, world_b, client_for):
    foreign = aspect_for(world_b.organisation, world_b.unit)
    client = client_for(world_a.user(Role.ADMINISTRATOR))
    for name in ("detail", "edit", "score", "delete"):
        assert client.get(reverse(f"aspects:{name}", args=[foreign.pk])).status_code == 404


# Scoring ----------------------------------------------------------------------------------------------


def test_scoring_form_one_row_per_criterion(world_a, english):
    aspect = AspectFactory(activity__organisation=world_a.organisation, activity__unit=world_a.unit)
    english.force_login(world_a.user(Role.EDITOR))
    url = reverse("aspects:score", args=[aspect.pk])
    response = english.get(url)
    page = response.content.decode()
    criteria = services.active_criteria(world_a.organisation)
    assert len(criteria) == 5 and page.count("<fieldset") == 5 and page.count('type="radio"') == 25
    assert "<legend>Severity" in page and "3 – moderate" in page

    data = {f"criterion_{criterion.pk}": "4" for criterion in criteria}
    response = english.post(url, {**data, f"criterion_{criteria[0].pk}": ""})
    body = response.content.decode()
    assert response.status_code == 200 and "Choose a score for this criterion." in body
    assert "every scoring needs a rationale" in body

    response = english.post(url, {**data, "rationale": "Hög energianvändning enligt energideklarationen."})
    assert response.status_code == 302 and response["Location"].endswith("#handling")
    page = english.get(response["Location"]).content.decode()
    assert "The aspect is significant." in page and "This aspect is significant and must be handled" in page
    aspect.refresh_from_db()
    assert aspect.is_significant and aspect.scored_by == world_a.user(Role.EDITOR)


def test_readers_cannot_score_or_change(world_a, client_for):
    aspect = aspect_for(world_a.organisation, world_a.unit)
    client = client_for(world_a.user(Role.READER))
    for url in [
        reverse("aspects:score", args=[aspect.pk]),
        reverse("aspects:edit", args=[aspect.pk]),
        reverse("aspects:delete", args=[aspect.pk]),
        reverse("aspects:create", args=[aspect.activity_id]),
        reverse("aspects:activity-create"),
        reverse("aspects:review-create"),
        reverse("aspects:settings"),
        reverse("aspects:criterion-create"),
    ]:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"name": "x", "rationale": "x"}).status_code == 403, url


# Settings and criteria --------------------------------------------------------------------------------


def test_settings_for_coordinators_load_the_defaults_and_recompute(world_a, client_for):
    aspect = aspect_for(world_a.organisation, world_a.unit)  # scored 4 × 5 = 20
    assert client_for(world_a.user(Role.EDITOR)).get(reverse("aspects:settings")).status_code == 403
    client = client_for(world_a.user(Role.COORDINATOR))
    page = client.get(reverse("aspects:settings")).content.decode()
    assert "Allvarlighetsgrad" in page and "Intressenternas intresse" in page
    data = {"method": "sum", "threshold": "21", "review_interval_months": "12"}
    assert client.post(reverse("aspects:settings"), data).status_code == 302
    aspect.refresh_from_db()
    assert not aspect.is_significant
    response = client.post(reverse("aspects:settings"), {**data, "threshold": "30"})
    assert "threshold" in response.context["form"].errors
    assert AspectSettings.objects.get(organisation=world_a.organisation).threshold == 21


def test_criteria_are_added_changed_and_guarded(world_a, english):
    aspect_for(world_a.organisation, world_a.unit)
    english.force_login(world_a.user(Role.COORDINATOR))
    data = {"name_sv": "Vattenpåverkan", "name_en": "Water", "order": "6", "active": "on"}
    assert english.post(reverse("aspects:criterion-create"), data).status_code == 302
    new = SignificanceCriterion.objects.get(name_sv="Vattenpåverkan")
    response = english.post(reverse("aspects:criterion-edit", args=[new.pk]), {**data, "name_en": "Water impact"})
    assert response.status_code == 302
    assert english.post(reverse("aspects:criterion-delete", args=[new.pk])).status_code == 302
    assert not SignificanceCriterion.objects.filter(pk=new.pk).exists()

    used = SignificanceCriterion.objects.get(organisation=world_a.organisation, key="severity")
    response = english.post(reverse("aspects:criterion-delete", args=[used.pk]), follow=True)
    assert "1 significance score:" in response.content.decode()
    assert SignificanceCriterion.objects.filter(pk=used.pk).exists()


# Reviews ----------------------------------------------------------------------------------------------


def test_recording_a_review_clears_the_overdue_flag(world_a, english):
    aspect = aspect_for(world_a.organisation, world_a.unit)
    AspectReview.objects.all().delete()
    Activity.objects.filter(pk=aspect.activity_id).update(created_at=timezone.now() - timedelta(days=400))
    english.force_login(world_a.user(Role.COORDINATOR))
    assert "The review of the register is overdue." in english.get(reverse("aspects:register")).content.decode()
    assert "The review is overdue" in english.get(reverse("aspects:overview")).content.decode()

    form = english.get(reverse("aspects:review-create"))
    assert form.context["form"].initial["reviewed_by"] == world_a.user(Role.COORDINATOR).pk
    data = {"unit": "", "date": timezone.localdate().isoformat(), "reviewed_by": world_a.user(Role.EDITOR).pk}
    response = english.post(reverse("aspects:review-create"), {**data, "notes": "Genomgång i ledningsgruppen."})
    assert response.status_code == 302
    page = english.get(reverse("aspects:review-list")).content.decode()
    assert "Genomgång i ledningsgruppen." in page and "The review is overdue" not in page


def test_editor_records_reviews_of_their_units_only(world_a, client_for):
    client = client_for(world_a.user(Role.EDITOR))
    data = {"unit": world_a.sibling.pk, "date": timezone.localdate().isoformat()}
    data["reviewed_by"] = world_a.user(Role.EDITOR).pk
    response = client.post(reverse("aspects:review-create"), data)
    assert response.status_code == 200 and "unit" in response.context["form"].errors
    response = client.post(reverse("aspects:review-create"), {**data, "unit": world_a.unit.pk})
    assert response.status_code == 302
    assert AspectReview.objects.get().unit == world_a.unit


# Query counts -----------------------------------------------------------------------------------------


def build(world, count):
    goal = GoalFactory(plan__organisation=world.organisation)
    for _ in range(count):
        activity = ActivityFactory(organisation=world.organisation, unit=world.unit)
        aspect = AspectFactory(activity=activity, influence="indirect", channel="consumption")
        score_all(aspect, 4)
        aspect.refresh_from_db()
        services.save_aspect(aspect, goals=[goal])
        AspectReviewFactory(organisation=world.organisation, unit=world.unit, reviewed_by=world.user(Role.READER))
    return Aspect.objects.filter(activity__organisation=world.organisation).last()


PAGES = ["overview", "register", "activity-list", "review-list", "activity-detail", "detail"]


@pytest.mark.parametrize("page", PAGES)
def test_pages_take_a_fixed_number_of_queries(page, world_a, client_for, django_assert_max_num_queries):
    client = client_for(world_a.user(Role.READER))
    aspect = build(world_a, 2)

    def url():
        if page == "detail":
            return aspect.get_absolute_url()
        if page == "activity-detail":
            return aspect.activity.get_absolute_url()
        return reverse(f"aspects:{page}")

    with CaptureQueriesContext(connection) as small:
        assert client.get(url()).status_code == 200
    build(world_a, 8)
    for _ in range(5):
        extra = AspectFactory(activity=aspect.activity)
        score_all(extra, 2)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url()).status_code == 200
