"""The library pages: search, the example page (contact for signed-in users only), save, share, copy,
edit, withdraw, files; who may do what."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hallbar.actions.models import Action
from hallbar.examples import services
from hallbar.examples.models import Example, ExampleAttachment, SavedExample, Theme
from tests.actions.factories import ActionFactory, ActionPlanFactory, action_for
from tests.documents.files import upload

from .factories import attachment_on, example_for, share, withdrawn_example_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def login(client):
    def as_user(user):
        client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return as_user


def test_the_library_lists_every_organisations_shared_examples(login, world_a, world_b, places):
    example_for(world_b.organisation, world_b.unit)
    withdrawn = withdrawn_example_for(world_b.organisation, world_b.unit)
    page = login(world_a.user("reader")).get(reverse("examples:library")).content.decode()
    assert "Laddplatser vid kommunens förskolor" in page
    assert "B kommun" in page
    assert withdrawn.title not in page
    energy = Theme.objects.get(key="energy")
    filtered = login(world_a.user("reader")).get(reverse("examples:library"), {"theme": energy.pk}).content.decode()
    assert "No examples match the search." in filtered
    by_group = login(world_a.user("reader")).get(reverse("examples:library"), {"skr_group": places[1].skr_group})
    assert "Laddplatser vid kommunens förskolor" in by_group.content.decode()


def test_the_example_page_shows_the_contact_to_other_organisations_but_no_edit(login, world_a, world_b):
    example = example_for(world_b.organisation, world_b.unit)
    response = login(world_a.user("administrator")).get(example.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "anna.andersson@kommun.example.se" in page
    assert reverse("examples:edit", args=[example.pk]) not in page
    assert reverse("examples:withdraw", args=[example.pk]) not in page
    assert "Copy into my action plan" in page


def test_the_library_needs_a_login(client, world_b):
    example = example_for(world_b.organisation, world_b.unit)
    response = client.get(example.get_absolute_url())
    assert response.status_code == 302 and "login" in response["Location"]


def test_sharing_from_an_action(login, world_a):
    action = action_for(world_a.organisation, world_a.unit)
    client = login(world_a.user("editor"))
    form = client.get(reverse("examples:share"), {"action": action.pk}).content.decode()
    assert 'value="Laddinfrastruktur"' in form
    data = {
        "action": action.pk,
        "title": "Laddinfrastruktur i hela kommunen",
        "what_was_done": "Tio laddplatser.",
        "cost_sek": "1250000",
        "result_value": "12.5",
        "result_unit": "ton CO2e",
        "result_text": "Mindre utsläpp.",
        "contact_name": "Anna Andersson",
        "contact_email": "anna@a.example.se",
        "themes": [Theme.objects.get(key="transport").pk],
        "goals": [goal.pk for goal in action.goals.all()],
    }
    response = client.post(reverse("examples:share"), data)
    example = Example.objects.get()
    assert response.status_code == 302 and response["Location"] == example.get_absolute_url()
    assert example.source_action == action and example.shared_by == world_a.user("editor")
    assert str(example.result_value) == "12.500"


def test_a_reader_cannot_share(login, world_a):
    assert login(world_a.user("reader")).get(reverse("examples:share")).status_code == 403


def test_an_editor_can_share_only_actions_of_their_units(login, world_a):
    outside = action_for(world_a.organisation, world_a.sibling)  # the editor works in the administration
    response = login(world_a.user("editor")).post(reverse("examples:share"), {"action": outside.pk, "title": "x"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Example.objects.exists()


def test_save_and_unsave(login, world_a, world_b):
    example = example_for(world_b.organisation, world_b.unit)
    client = login(world_a.user("reader"))
    client.post(reverse("examples:save", args=[example.pk]))
    assert SavedExample.objects.filter(user=world_a.user("reader"), example=example).exists()
    assert "Laddplatser vid kommunens förskolor" in client.get(reverse("examples:saved")).content.decode()
    client.post(reverse("examples:save", args=[example.pk]))
    assert not SavedExample.objects.exists()


def test_copy_into_my_action_plan(login, world_a, world_b):
    example = example_for(world_b.organisation, world_b.unit)
    plan = ActionPlanFactory(organisation=world_a.organisation, responsible_unit=world_a.administration)
    client = login(world_a.user("editor"))
    url = reverse("examples:copy", args=[example.pk])
    ActionPlanFactory(
        organisation=world_a.organisation, title="Annan förvaltnings plan", responsible_unit=world_a.sibling
    )
    form = client.get(url).content.decode()
    assert 'value="Laddplatser vid kommunens förskolor"' in form
    assert plan.title in form and "Annan förvaltnings plan" not in form  # only plans the editor may change
    response = client.post(
        url, {"title": "Laddplatser hos oss", "action_plan": plan.pk, "responsible_unit": world_a.unit.pk}
    )
    action = Action.objects.get(organisation=world_a.organisation, title="Laddplatser hos oss")
    assert response["Location"] == action.get_absolute_url()
    assert action.example_origin.example == example
    page = client.get(example.get_absolute_url()).content.decode()
    assert action.get_absolute_url() in page  # "copied into our action plans"


def test_copy_refuses_a_unit_the_user_may_not_change(login, world_a, world_b):
    example = example_for(world_b.organisation, world_b.unit)
    client = login(world_a.user("editor"))
    response = client.post(
        reverse("examples:copy", args=[example.pk]), {"title": "x", "responsible_unit": world_a.sibling.pk}
    )
    assert response.status_code == 200
    assert not Action.objects.filter(title="x").exists()
    assert login(world_a.user("reader")).get(reverse("examples:copy", args=[example.pk])).status_code == 403


def test_the_owner_edits_and_withdraws(login, world_b):
    example = example_for(world_b.organisation, world_b.unit)
    client = login(world_b.user("coordinator"))
    data = {
        "title": "Laddplatser, etapp 2",
        "what_was_done": example.what_was_done,
        "result_text": example.result_text,
        "contact_name": example.contact_name,
        "contact_email": example.contact_email,
        "themes": [Theme.objects.get(key="energy").pk],
    }
    response = client.post(reverse("examples:edit", args=[example.pk]), data)
    assert response.status_code == 302
    example.refresh_from_db()
    assert example.title == "Laddplatser, etapp 2"
    client.post(reverse("examples:withdraw", args=[example.pk]))
    example.refresh_from_db()
    assert example.withdrawn_at is not None
    assert client.get(example.get_absolute_url()).status_code == 404


def test_a_reader_of_the_owner_cannot_edit(login, world_b):
    example = example_for(world_b.organisation, world_b.unit)
    client = login(world_b.user("reader"))
    assert client.get(reverse("examples:edit", args=[example.pk])).status_code == 403
    assert client.post(reverse("examples:withdraw", args=[example.pk])).status_code == 403
    assert Example.objects.visible().filter(pk=example.pk).exists()


def test_files_are_checked_before_storing_and_readable_by_all(login, world_a, world_b):
    example = example_for(world_b.organisation, world_b.unit)
    owner = login(world_b.user("coordinator"))
    url = reverse("examples:attachment-add", args=[example.pk])
    refused = owner.post(url, {"file": upload("rapport.pdf", b"not a pdf")})
    assert "is not a PDF file, as its name says" in refused.content.decode()
    assert not ExampleAttachment.objects.exists()
    assert owner.post(url, {"file": upload("rapport.pdf")}).status_code == 302
    attachment = ExampleAttachment.objects.get()
    reader = login(world_a.user("reader"))
    download = reader.get(attachment.get_absolute_url())
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert reader.post(reverse("examples:attachment-delete", args=[attachment.pk])).status_code == 404
    owner = login(world_b.user("coordinator"))
    owner.post(reverse("examples:attachment-delete", args=[attachment.pk]))
    assert not ExampleAttachment.objects.exists()


def test_files_of_withdrawn_examples_are_not_served(login, world_a, world_b):
    attachment = attachment_on(withdrawn_example_for(world_b.organisation, world_b.unit))
    assert login(world_a.user("reader")).get(attachment.get_absolute_url()).status_code == 404


def test_the_action_page_links_a_copied_action_back(login, world_a, world_b):
    example = example_for(world_b.organisation, world_b.unit)
    action = services.copy_to_plan(example, organisation=world_a.organisation, title="Kopia")
    client = login(world_a.user("reader"))
    page = client.get(action.get_absolute_url()).content.decode()
    assert f'<a href="{example.get_absolute_url()}">Laddplatser vid kommunens förskolor</a> of B kommun' in page
    services.withdraw(example)
    page = client.get(action.get_absolute_url()).content.decode()
    assert "“Laddplatser vid kommunens förskolor” of B kommun (since withdrawn)" in page
    assert "good example" not in client.get(action_for(world_a.organisation).get_absolute_url()).content.decode()


def test_the_actions_app_does_not_know_the_examples_app():
    """The origin reaches the action page through ``actions.panels``, registered by the examples app."""
    import re
    from pathlib import Path

    import hallbar.actions

    root = Path(hallbar.actions.__file__).parent
    sources = [path for path in root.rglob("*") if path.suffix in {".py", ".html"}]
    mentions = re.compile(r"hallbar\.examples|import examples|examples[/:]")  # modules, templates, URL names
    assert sources
    assert not [str(path) for path in sources if mentions.search(path.read_text(encoding="utf-8"))]


def test_the_library_page_reads_a_fixed_number_of_queries(login, world_a, world_b, places):
    client = login(world_a.user("reader"))
    example_for(world_b.organisation, world_b.unit)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("examples:library"))
    for number in range(3):
        share(ActionFactory(organisation=world_b.organisation), user=world_b.user("editor"), title=f"Exempel {number}")
    with CaptureQueriesContext(connection) as four:
        page = client.get(reverse("examples:library")).content.decode()
    assert "Exempel 2" in page
    assert len(four) == len(one)
