"""Importing obligations: a clean file, updates by reference and title, the rules (row + field, nothing
written), editors limited to their units, and the register's export imported again."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone, translation

from hallbar.accounts.scoping import Scope
from hallbar.history.models import ChangeRecord
from hallbar.imports import services as import_services
from hallbar.imports.messages import render_errors
from hallbar.imports.models import ImportJob
from hallbar.imports.registry import get_spec
from hallbar.imports.services import ImportRejected
from hallbar.obligations import services
from hallbar.obligations.models import Obligation
from tests.context.factories import InterestedPartyFactory

from .factories import ObligationFactory

HEADER = (
    "Titel;Typ;Referens;Länk till källan;Vad det kräver av oss;Intressent;Ansvarig enhet;Ansvarig person;"
    "Utvärderingsintervall (månader);Nästa utvärdering;Status\n"
)


def row(
    title="", kind="", reference="", url="", summary="", party="", unit="", person="", months="", due="", status=""
):
    return f"{title};{kind};{reference};{url};{summary};{party};{unit};{person};{months};{due};{status}\n"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def spec():
    return get_spec("obligations")


@pytest.fixture
def upload(world_a, spec):
    """``upload(text, role=...)`` creates a checked obligations import as that role."""

    def make(content, role="coordinator"):
        user = world_a.user(role)
        return import_services.create_job(
            spec=spec,
            organisation=world_a.organisation,
            user=user,
            scope=Scope(user, world_a.organisation),
            filename="krav.csv",
            data=content.encode(),
        )

    return make


def messages_of(spec, job) -> list[str]:
    return [error["message"] for error in render_errors(spec, job.errors)]


def assert_rejected(spec, job, *expected, stored=0):
    assert job.status == ImportJob.Status.PREVIEWED and not job.can_commit
    assert messages_of(spec, job) == list(expected)
    assert Obligation.objects.count() == stored


def test_a_clean_file_creates_obligations(upload, world_a):
    party = InterestedPartyFactory(organisation=world_a.organisation, name="Länsstyrelsen")
    job = upload(
        HEADER
        + row(
            "Egenkontroll",
            "Förordning",
            "SFS 1998:901",
            "https://www.riksdagen.se/",
            "Vi dokumenterar ansvar och kontrollerar verksamheten.",
            "Länsstyrelsen",
            "A enhet",
            "editor@a.example.se",
            "6",
            "2026-03-31",
        )
        + row("Tillstånd för reningsverket", "tillstånd", "M 1234-20", summary="Vi håller gränsvärdena.")
    )
    assert job.can_commit and (job.row_count, job.created_count, job.replaced_count) == (2, 2, 0)
    records_before = ChangeRecord.objects.count()
    import_services.commit(job)
    first = Obligation.objects.get(title="Egenkontroll")
    assert (first.kind, first.reference, first.url) == ("ordinance", "SFS 1998:901", "https://www.riksdagen.se/")
    assert (first.interested_party, first.responsible_unit) == (party, world_a.unit)
    assert first.responsible_person == world_a.user("editor") and first.evaluation_interval_months == 6
    assert first.next_evaluation_date.isoformat() == "2026-03-31" and first.status == "active"
    second = Obligation.objects.get(title="Tillstånd för reningsverket")
    assert (second.kind, second.evaluation_interval_months, second.responsible_unit) == ("permit", 12, None)
    assert second.next_evaluation_date == services.add_months(timezone.localdate(), 12)
    assert ChangeRecord.objects.count() == records_before + 1  # the job's entry, none per obligation
    assert not ChangeRecord.objects.filter(content_type=ContentType.objects.get_for_model(Obligation)).exists()


def test_a_matching_row_updates_and_empty_cells_keep_values(upload, world_a, spec):
    stored = ObligationFactory(
        organisation=world_a.organisation,
        title="Buller från verksamheten",
        reference="NFS 2016:8",
        kind="regulation",
        url="https://www.naturvardsverket.se/",
        evaluation_interval_months=24,
    )
    job = upload(HEADER + row("buller  från VERKSAMHETEN", reference="nfs 2016:8", months="6", status="Upphävd"))
    assert job.can_commit and (job.created_count, job.replaced_count) == (0, 1)
    import_services.commit(job)
    stored.refresh_from_db()
    assert (stored.evaluation_interval_months, stored.status) == (6, "repealed")
    assert (stored.title, stored.kind, stored.url) == (
        "Buller från verksamheten",
        "regulation",
        "https://www.naturvardsverket.se/",
    )
    assert Obligation.objects.count() == 1


def test_rows_are_refused_with_row_and_field(upload, spec):
    job = upload(
        HEADER
        + row("Saknar typ", reference="SFS 1", summary="Något")
        + row("Saknar typ", "Lag", "SFS 1", summary="Igen")
        + row("Utan sammanfattning", "Lag", "SFS 2")
        + row("Fel intervall", "Lag", "SFS 3", summary="x", months="0")
    )
    assert_rejected(
        spec,
        job,
        "row 2, Kind: required for a new obligation",
        "row 3, Title: the same reference and title as row 2",
        "row 4, What it requires of us: required for a new obligation",
        "row 5, Evaluation interval (months): the value '0' is smaller than 1",
    )


def test_the_models_own_rules_refuse_the_commit(upload, spec):
    job = upload(HEADER + row("Fel länk", "Lag", "SFS 1", url="inte en adress", summary="x"))
    assert job.can_commit  # the file's types are right; the model's own validation runs at commit
    with pytest.raises(ImportRejected):
        import_services.commit(job)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert messages_of(spec, job) == ["row 2, Link to the source: Enter a valid URL."]
    assert not Obligation.objects.exists()


def test_editors_import_only_for_their_units(upload, world_a, spec):
    ObligationFactory(organisation=world_a.organisation, title="Gemensamt", reference="SFS 9", kind="law")
    job = upload(
        HEADER
        + row("Egen", "Lag", "SFS 1", summary="x", unit="A enhet")
        + row("Granne", "Lag", "SFS 2", summary="x", unit="A annan förvaltning")
        + row("Alla", "Lag", "SFS 3", summary="x")
        + row("Gemensamt", reference="SFS 9", months="3"),
        role="editor",
    )
    assert_rejected(
        spec,
        job,
        "row 3, Responsible unit: you may not change obligations of the unit 'A annan förvaltning'",
        "row 4, Responsible unit: you may only import obligations for the units you work in; this row is for "
        "the whole organisation",
        "row 5, Title: the stored obligation 'Gemensamt' belongs to the whole organisation or to a unit you may "
        "not change",
        stored=1,
    )


def test_the_exported_register_imports_again_as_updates(world_a, client_for, spec, upload):
    party = InterestedPartyFactory(organisation=world_a.organisation, name="Boende")
    ObligationFactory(
        organisation=world_a.organisation,
        title="Avfall",
        kind="ordinance",
        responsible_unit=world_a.unit,
        responsible_person=world_a.user("editor"),
        interested_party=party,
    )
    ObligationFactory(organisation=world_a.organisation, title="Upphävt", status="repealed", next_evaluation_date=None)
    client = client_for(world_a.user("coordinator"))
    response = client.get(reverse("obligations:list") + "?export=csv")
    exported = b"".join(response.streaming_content).decode("utf-8-sig")
    job = upload(exported)
    assert job.can_commit, messages_of(spec, job)
    assert (job.created_count, job.replaced_count) == (0, 2)
    before = list(Obligation.objects.order_by("pk").values())
    import_services.commit(job)
    assert list(Obligation.objects.order_by("pk").values()) == before
