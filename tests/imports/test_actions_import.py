"""Importing actions: template round trips, every kind of bad input (row + field, nothing written),
editors limited to their units, updates of stored actions and links to goals, targets and indicators."""

import datetime
import io
from types import SimpleNamespace

import fastexcel
import pytest
import xlsxwriter
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from hallbar.accounts.scoping import Scope
from hallbar.actions import services as action_services
from hallbar.actions.models import Action
from hallbar.history.models import ChangeRecord
from hallbar.imports import services
from hallbar.imports.messages import render_errors
from hallbar.imports.models import ImportJob
from hallbar.imports.registry import get_spec
from tests.actions.factories import ActionFactory, ActionPlanFactory
from tests.factories import MembershipFactory, UserFactory
from tests.indicators.factories import IndicatorFactory
from tests.plans.factories import GoalFactory, PlanFactory, TargetFactory

SPEC_URL = reverse("imports:spec", args=["actions"])
HEADER = (
    "Titel;Åtgärdsplan;Beskrivning;Ansvarig enhet;Kontaktperson;Status;Startdatum;Slutdatum;Budget;Utfall;"
    "Mål;Delmål;Indikator\n"
)


def row(title="", plan="", description="", unit="", contact="", status="", start="", end="", budget="", outcome=""):
    return f"{title};{plan};{description};{unit};{contact};{status};{start};{end};{budget};{outcome};;;\n"


@pytest.fixture
def spec():
    return get_spec("actions")


@pytest.fixture
def things(world_a):
    organisation = world_a.organisation
    plan = PlanFactory(organisation=organisation, title="Klimatplan")
    goal = GoalFactory(plan=plan, title="Fossilfri kommun")
    return SimpleNamespace(
        action_plan=ActionPlanFactory(organisation=organisation, title="Klimatåtgärder"),
        other_plan=ActionPlanFactory(organisation=organisation, title="Energiplan"),
        goal=goal,
        other_goal=GoalFactory(plan=plan, title="Hållbart resande"),
        target=TargetFactory(goal=goal, title="Minskade utsläpp"),
        indicator=IndicatorFactory(organisation=organisation, title="Utsläpp per invånare"),
    )


@pytest.fixture
def upload(world_a, spec):
    """``upload(text_or_bytes, role=..., filename=...)`` creates a checked actions import as that role."""

    def make(content, role="coordinator", filename="åtgärder.csv"):
        user = world_a.user(role)
        return services.create_job(
            spec=spec,
            organisation=world_a.organisation,
            user=user,
            scope=Scope(user, world_a.organisation),
            filename=filename,
            data=content.encode() if isinstance(content, str) else content,
        )

    return make


@pytest.fixture
def english(client_for):
    def login(user):
        client = client_for(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return login


def messages_of(spec, job) -> list[str]:
    return [error["message"] for error in render_errors(spec, job.errors)]


def assert_rejected(spec, job, *expected, stored=0):
    """Exactly these errors (English), the job cannot be committed, and no action was written."""
    assert job.status == ImportJob.Status.PREVIEWED and not job.can_commit
    assert messages_of(spec, job) == list(expected)
    assert Action.objects.count() == stored


def action_history_count() -> int:
    return ChangeRecord.objects.filter(content_type=ContentType.objects.get_for_model(Action)).count()


# A clean file and its preview -------------------------------------------------------------------------


def test_a_clean_file_creates_actions_with_their_links(upload, things, spec, world_a):
    content = (
        HEADER
        + "Laddplatser vid skolan;Klimatåtgärder;Tio platser;A enhet;editor@a.example.se;Pågående;"
        + f"2025-03-01;31/12 2026;1 250 000;0;Fossilfri kommun;{things.target.pk};Utsläpp per invånare\n"
        + "Kartlägg tjänsteresor;;;;;;;;;;;;\n"
    )
    job = upload(content)
    assert job.can_commit and (job.row_count, job.created_count, job.replaced_count) == (2, 2, 0)
    first = dict(zip([c.name for c in spec.columns], job.preview[0][1:], strict=True))
    assert first["action_plan"] == "Klimatåtgärder" and first["responsible_unit"] == "A enhet"
    assert first["contact_person"] == "editor@a.example.se"
    assert (first["start_date"], first["end_date"], first["budget_sek"]) == ("2025-03-01", "2026-12-31", 1250000)
    records_before = ChangeRecord.objects.count()
    services.commit(job)

    action = Action.objects.get(title="Laddplatser vid skolan")
    assert action.action_plan == things.action_plan and action.responsible_unit == world_a.unit
    assert action.contact_person == world_a.user("editor") and action.status == Action.Status.ONGOING
    assert (action.start_date, action.end_date) == (datetime.date(2025, 3, 1), datetime.date(2026, 12, 31))
    assert (action.budget_sek, action.outcome_sek, action.description) == (1250000, 0, "Tio platser")
    assert list(action.goals.all()) == [things.goal] and list(action.targets.all()) == [things.target]
    assert list(action.indicators.all()) == [things.indicator]
    bare = Action.objects.get(title="Kartlägg tjänsteresor")
    assert (bare.status, bare.responsible_unit, bare.action_plan, bare.budget_sek) == ("not_started", None, None, None)
    assert bare.organisation == world_a.organisation and bare.created_at is not None
    # One history entry for the whole import: the job's, none per action.
    assert ChangeRecord.objects.count() == records_before + 1 and action_history_count() == 0


def test_done_without_an_end_date_follows_the_status_rule(upload, things):
    job = upload(
        HEADER + row("Klart i dag", status="Klar") + row("Klart när det börjar", status="done", start="2099-01-01")
    )
    services.commit(job)
    assert Action.objects.get(title="Klart i dag").end_date == timezone.localdate()
    assert Action.objects.get(title="Klart när det börjar").end_date == datetime.date(2099, 1, 1)


# Template round trips -----------------------------------------------------------------------------------


def test_xlsx_template_round_trip(english, world_a, things):
    client = english(world_a.user("coordinator"))
    page = client.get(SPEC_URL).content.decode()
    assert "Contact person" in page and "The e-mail address of an active member of your organisation." in page
    template = client.get(SPEC_URL + "?template=xlsx")
    reader = fastexcel.read_excel(template.content)
    headers = reader.load_sheet(0).to_polars().columns
    assert headers[:4] == ["Title", "Action plan", "Description", "Responsible unit"]
    assert reader.load_sheet(1, header_row=None).to_polars().height > len(headers)  # help with examples

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer)
    sheet = workbook.add_worksheet("Data")
    date = workbook.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, headers)
    values = {
        "Title": "Solceller på förskolor",
        "Action plan": "Klimatåtgärder",
        "Responsible unit": "A förvaltning",
        "Contact person": "coordinator@a.example.se",
        "Status": "Delayed",
        "Budget (SEK)": 400000,
        "Goal": things.goal.pk,
    }
    for index, header in enumerate(headers):
        if header in values:
            sheet.write(1, index, values[header])
        elif header in ("Start date", "End date"):
            sheet.write_datetime(1, index, datetime.datetime(2025 + (header == "End date"), 4, 1), date)
    sheet.write(2, headers.index("Title"), "Ny belysning")
    workbook.close()

    response = client.post(SPEC_URL, {"file": SimpleUploadedFile("ifylld.xlsx", buffer.getvalue())}, follow=True)
    assert "2 rows are ready to import: 2 new, 0 updated." in response.content.decode()
    job = response.context["object"]
    response = client.post(reverse("imports:job-commit", args=[job.pk]), follow=True)
    assert "2 rows were imported: 2 new, 0 updated." in response.content.decode()
    action = Action.objects.get(title="Solceller på förskolor")
    assert (action.status, action.start_date, action.end_date) == (
        "delayed",
        datetime.date(2025, 4, 1),
        datetime.date(2026, 4, 1),
    )
    assert action.budget_sek == 400000 and action.responsible_unit == world_a.administration
    assert list(action.goals.all()) == [things.goal]
    assert Action.objects.filter(title="Ny belysning", status="not_started").exists()


def test_csv_template_round_trip(english, world_a, things):
    client = english(world_a.user("editor"))
    template = client.get(SPEC_URL + "?template=csv").content.decode("utf-8-sig")
    header, help_row = template.splitlines()[:2]
    assert header.startswith("Title;Action plan;Description;Responsible unit;Contact person;Status;Start date")
    assert help_row.startswith("# required:")
    filled = (
        template + "Cykelparkering;Energiplan;;A enhet;editor@a.example.se;Not started;1.3.2026;31 mars 2026;5000;;;;\n"
    )
    response = client.post(SPEC_URL, {"file": SimpleUploadedFile("mall.csv", filled.encode())}, follow=True)
    job = response.context["object"]
    assert job.can_commit, messages_of(get_spec("actions"), job)
    client.post(reverse("imports:job-commit", args=[job.pk]))
    action = Action.objects.get(title="Cykelparkering")
    assert action.action_plan == things.other_plan and action.end_date == datetime.date(2026, 3, 31)
    assert action.start_date == datetime.date(2026, 3, 1)


def test_an_exported_action_list_imports_again_as_updates(english, world_a, things):
    for title, unit in [("Laddplatser", world_a.unit), ("Hela kommunen", None)]:
        action_services.create_action(
            organisation=world_a.organisation,
            title=title,
            action_plan=things.action_plan,
            responsible_unit=unit,
            contact_person=world_a.user("editor"),
            start_date=datetime.date(2025, 1, 1),
            end_date=datetime.date(2026, 6, 30),
            budget_sek=100000,
            status=Action.Status.ONGOING,
        )
    client = english(world_a.user("coordinator"))
    exported = b"".join(client.get(reverse("actions:list") + "?export=xlsx").streaming_content)
    response = client.post(SPEC_URL, {"file": SimpleUploadedFile("export.xlsx", exported)}, follow=True)
    assert "2 rows are ready to import: 0 new, 2 updated." in response.content.decode()
    before = list(Action.objects.order_by("pk").values())
    client.post(reverse("imports:job-commit", args=[response.context["object"].pk]))
    assert list(Action.objects.order_by("pk").values()) == before


# Bad input: row and field named, nothing written -----------------------------------------------------


def test_end_before_start_names_row_and_field(upload, things, spec):
    job = upload(HEADER + row("A", start="2025-06-01", end="2025-01-01") + row("B", start="1/7 2025", end="30/6 2025"))
    assert_rejected(
        spec,
        job,
        "row 2, End date: the end date 2025-01-01 is before the start date 2025-06-01",
        "row 3, End date: the end date 30/6 2025 is before the start date 2025-07-01",
    )


def test_a_new_start_is_checked_against_the_stored_end(upload, things, spec, world_a):
    ActionFactory(
        organisation=world_a.organisation, title="Befintlig", start_date=None, end_date=datetime.date(2025, 12, 31)
    )
    job = upload(HEADER + row("befintlig", start="2026-02-01"))
    assert_rejected(
        spec, job, "row 2, Start date: the start date 2026-02-01 is after the action's end date 2025-12-31", stored=1
    )


def test_wrong_types_name_row_and_field(upload, things, spec):
    job = upload(
        HEADER
        + row("A", start="31/02/2025", end="snart", status="kanske", budget="12,5", outcome="-5")
        + row("B", start="1850-01-01", budget="1e15")
        + row("", description="Titel saknas")
        + row("x" * 301)
    )
    assert_rejected(
        spec,
        job,
        "row 2, Status: the value 'kanske' is not one of: Not started, Ongoing, Done, Delayed, Cancelled",
        "row 2, Start date: the value '31/02/2025' is not a date; write it as 2025-03-31 or 31/3 2025",
        "row 2, End date: the value 'snart' is not a date; write it as 2025-03-31 or 31/3 2025",
        "row 2, Budget (SEK): the value '12,5' is not a whole number",
        "row 2, Outcome (SEK): the value '-5' is smaller than 0",
        "row 3, Start date: the date 1850-01-01 is outside the years 1900–2100",
        "row 3, Budget (SEK): the value '1e15' is larger than 99999999999999",
        "row 4, Title: a value is required",
        "row 5, Title: the text is longer than 300 characters",
    )


def test_unknown_and_foreign_references(upload, things, spec, world_a, world_b):
    foreign_goal = GoalFactory(plan=PlanFactory(organisation=world_b.organisation))
    gone = UserFactory(email="slutat@a.example.se")
    MembershipFactory(user=gone, organisation=world_a.organisation, is_active=False)
    job = upload(
        HEADER
        + row("A", plan="Finns inte", unit="B enhet")
        + row("B", contact="okand@a.example.se")
        + row("C", contact="slutat@a.example.se")
        + row("D", contact="admin@b.example.se", unit=str(world_b.unit.pk))
        + f"E;;;;;;;;;;{foreign_goal.pk};;\n"
    )
    assert_rejected(
        spec,
        job,
        "row 2, Action plan: 'Finns inte' does not exist in your organisation",
        "row 2, Responsible unit: 'B enhet' does not exist in your organisation",
        "row 3, Contact person: 'okand@a.example.se' does not exist in your organisation",
        "row 4, Contact person: 'slutat@a.example.se' does not exist in your organisation",
        f"row 5, Responsible unit: '{world_b.unit.pk}' does not exist in your organisation",
        "row 5, Contact person: 'admin@b.example.se' does not exist in your organisation",
        f"row 6, Goal: '{foreign_goal.pk}' does not exist in your organisation",
    )


def test_the_same_title_and_action_plan_twice_names_both_rows(upload, things, spec):
    job = upload(
        HEADER
        + row("Laddplatser", plan="Klimatåtgärder")
        + row("Laddplatser", plan="Energiplan")  # another action plan: another action
        + row("laddplatser ", plan=str(things.action_plan.pk))
        + row("Utan plan")
        + row("UTAN  plan")
    )
    assert_rejected(
        spec,
        job,
        "row 4, Title: the same title and action plan as row 2",
        "row 6, Title: the same title and action plan as row 5",
    )


def test_a_row_matching_two_stored_actions_is_refused(upload, things, spec, world_a):
    for _ in range(2):
        ActionFactory(organisation=world_a.organisation, title="Dubblett", action_plan=things.action_plan)
    job = upload(HEADER + row("Dubblett", plan="Klimatåtgärder", status="Klar"))
    assert_rejected(
        spec,
        job,
        "row 2, Title: 2 stored actions have this title and action plan; rename all but one of them first",
        stored=2,
    )


def test_refusals_by_the_model_are_reported_by_row(upload, things, spec, monkeypatch):
    """Whatever the model's own validation still refuses at the commit is reported by row and field."""
    job = upload(HEADER + row("A") + row("B", budget="7"))
    assert job.can_commit

    def clean(action):
        if action.budget_sek:
            raise ValidationError({"budget_sek": "Not in this year's budget."})

    monkeypatch.setattr(Action, "clean", clean)
    with pytest.raises(services.ImportRejected):
        services.commit(job)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and not Action.objects.exists()
    assert messages_of(spec, job) == ["row 3, Budget (SEK): Not in this year's budget."]


# Editors, updates, links --------------------------------------------------------------------------------


def test_editors_import_only_for_their_units(upload, things, spec, world_a):
    ActionFactory(organisation=world_a.organisation, title="Grannens", responsible_unit=world_a.sibling)
    ActionFactory(organisation=world_a.organisation, title="Allas")
    job = upload(
        HEADER
        + row("Egen", unit="A förvaltning")
        + row("Underenhetens", unit="A enhet")
        + row("Annans", unit="A annan förvaltning")
        + row("Hela kommunens")
        + row("Grannens", description="ändrad")
        + row("Allas", unit="A enhet"),
        role="editor",
    )
    assert_rejected(
        spec,
        job,
        "row 4, Responsible unit: you may not change actions of the unit 'A annan förvaltning'",
        "row 5, Responsible unit: you may only import actions for the units you work in; "
        "this row is for the whole organisation",
        "row 6, Title: the stored action 'Grannens' belongs to the whole organisation or to a unit you may not change",
        "row 7, Title: the stored action 'Allas' belongs to the whole organisation or to a unit you may not change",
        stored=2,
    )
    ActionFactory(organisation=world_a.organisation, title="Vår", responsible_unit=world_a.unit)
    job = upload(
        HEADER + row("Egen", unit="A förvaltning") + row("vår", status="Klar", end="2025-05-05"), role="editor"
    )
    assert (job.created_count, job.replaced_count) == (1, 1)
    services.commit(job)
    assert Action.objects.get(title="Vår").status == "done"
    assert Action.objects.get(title="Egen").responsible_unit == world_a.administration


def test_stored_actions_are_updated_and_links_added(upload, things, spec, world_a, english):
    stored = action_services.create_action(
        organisation=world_a.organisation,
        title="Laddplatser vid skolan",
        action_plan=things.action_plan,
        description="Tio platser",
        responsible_unit=world_a.unit,
        contact_person=world_a.user("editor"),
        start_date=datetime.date(2025, 1, 1),
        budget_sek=100000,
        goals=[things.goal],
    )
    other = ActionFactory(organisation=world_a.organisation, title="Laddplatser vid skolan")  # no action plan
    content = (
        HEADER
        + "  LADDPLATSER  vid skolan ;Klimatåtgärder;;;;Klar;;;150 000;90 000;Hållbart resande;Minskade utsläpp;\n"
        + "Laddplatser vid skolan;Energiplan;;;;;;;;;Fossilfri kommun;;\n"
    )
    job = upload(content)
    assert (job.created_count, job.replaced_count) == (1, 1)
    body = english(world_a.user("coordinator")).get(job.get_absolute_url()).content.decode()
    assert "2 rows are ready to import: 1 new, 1 updated." in body
    services.commit(job)

    stored.refresh_from_db()
    assert stored.title == "Laddplatser vid skolan" and stored.description == "Tio platser"  # kept
    assert (stored.status, stored.end_date) == ("done", timezone.localdate())  # the status rule
    assert (stored.budget_sek, stored.outcome_sek) == (150000, 90000)
    assert (stored.responsible_unit, stored.contact_person) == (world_a.unit, world_a.user("editor"))
    assert set(stored.goals.all()) == {things.goal, things.other_goal}  # added, none removed
    assert list(stored.targets.all()) == [things.target]
    other.refresh_from_db()
    assert other.status == Action.Status.ONGOING  # another action plan (none): not this row's
    assert Action.objects.filter(title="Laddplatser vid skolan", action_plan=things.other_plan).count() == 1
    job.refresh_from_db()
    assert (job.status, job.created_count, job.replaced_count) == ("committed", 1, 1)
    body = english(world_a.user("coordinator")).get(job.get_absolute_url()).content.decode()
    assert "1 new, 1 updated." in body


def test_importing_the_same_file_twice_updates_instead_of_duplicating(upload, things):
    content = HEADER + "Laddplatser;Klimatåtgärder;;;;;;;;;Fossilfri kommun;;Utsläpp per invånare\n"
    services.commit(upload(content))
    job = upload(content)
    assert (job.created_count, job.replaced_count) == (0, 1)
    services.commit(job)
    action = Action.objects.get()
    assert list(action.goals.all()) == [things.goal] and list(action.indicators.all()) == [things.indicator]


def test_the_commit_validates_again(upload, things, spec):
    job = upload(HEADER + row("A", plan="Klimatåtgärder"))
    things.action_plan.delete()
    with pytest.raises(services.ImportRejected):
        services.commit(job)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and not Action.objects.exists()
    assert messages_of(spec, job) == ["row 2, Action plan: 'Klimatåtgärder' does not exist in your organisation"]
