"""Evidence: attaching files to any object, refusing before storing, download and delete by scope."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from hallbar.accounts.roles import Permission, Role
from hallbar.actions.models import Action
from hallbar.documents import services
from hallbar.documents.models import Evidence
from hallbar.documents.queries import evidence_for
from hallbar.frameworks.models import FrameworkItem
from hallbar.history.models import ChangeRecord
from tests.actions.factories import action_for

from .conftest import stored_files
from .files import PDF, upload


@pytest.fixture
def action(world_a):
    return action_for(world_a.organisation, world_a.unit)


def clause(urn="urn:hallbar:iso14001:7.5.3"):
    return FrameworkItem.objects.get(urn=urn)


def test_attach_stores_the_file_at_a_random_path(action, world_a, media_root):
    user = world_a.user(Role.EDITOR)
    evidence = services.attach_evidence(
        action, upload("Protokoll maj.pdf"), user=user, description="Beslut", clauses=[clause()]
    )
    assert (evidence.organisation, evidence.subject, evidence.uploaded_by) == (world_a.organisation, action, user)
    assert (evidence.original_name, evidence.content_type, evidence.size) == (
        "Protokoll maj.pdf",
        "application/pdf",
        len(PDF),
    )
    assert list(evidence.clauses.all()) == [clause()]
    [stored] = stored_files(media_root)
    assert stored.read_bytes() == PDF
    assert "Protokoll" not in evidence.file.name and str(world_a.organisation.pk) not in stored.parent.name
    assert evidence.file.name.startswith("evidence/") and len(stored.stem) == 32
    assert ChangeRecord.objects.filter(object_id=evidence.pk, content_type__model="evidence").exists()
    assert list(evidence_for(action)) == [evidence]


@pytest.mark.parametrize(
    ("name", "content"), [("program.exe", b"MZ"), ("rapport.pdf", b"MZ not a pdf"), ("tom.pdf", b"")]
)
def test_a_refused_file_leaves_nothing_behind(action, world_a, media_root, name, content):
    with pytest.raises(ValidationError):
        services.attach_evidence(action, upload(name, content), user=world_a.user(Role.EDITOR))
    assert not Evidence.objects.exists() and stored_files(media_root) == []


def test_a_too_large_file_leaves_nothing_behind(action, world_a, media_root, settings):
    settings.EVIDENCE_MAX_BYTES = 100
    with pytest.raises(ValidationError) as error:
        services.attach_evidence(action, upload("rapport.pdf", PDF.ljust(101)), user=world_a.user(Role.EDITOR))
    assert error.value.code == "too_large"
    assert not Evidence.objects.exists() and stored_files(media_root) == []


def test_only_clauses_of_standards(action, world_a, media_root):
    goal = FrameworkItem.objects.filter(library__urn="urn:hallbar:library:sdg").first()
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.attach_evidence(action, upload(), user=world_a.user(Role.EDITOR), clauses=[goal])
    assert "not clauses of a standard" in error.value.message_dict["clauses"][0]
    assert not Evidence.objects.exists() and stored_files(media_root) == []


def test_delete_removes_the_file_when_committed(action, world_a, media_root, django_capture_on_commit_callbacks):
    evidence = services.attach_evidence(action, upload(), user=world_a.user(Role.EDITOR))
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_evidence(evidence)
    assert not Evidence.objects.exists() and stored_files(media_root) == []


def test_evidence_permission_defaults_to_change(action, monkeypatch):
    assert services.evidence_permission(action) == Permission.CHANGE
    monkeypatch.setattr(Action, "evidence_permission", Permission.WRITE_FINDINGS, raising=False)
    assert services.evidence_permission(action) == Permission.WRITE_FINDINGS


# Pages ------------------------------------------------------------------------------------------------


def upload_url(subject) -> str:
    return reverse("documents:evidence-upload", args=[subject._meta.label_lower, subject.pk])


def test_upload_page_and_post(action, world_a, client_for, media_root):
    client = client_for(world_a.user(Role.EDITOR))  # editor of the administration, above the action's unit
    page = client.get(upload_url(action))
    assert page.status_code == 200 and 'enctype="multipart/form-data"' in page.content.decode()
    response = client.post(
        upload_url(action),
        {"file": upload("mätning.csv", b"a;b\n1;2\n"), "description": "Mätning", "clauses": [clause().pk]},
    )
    assert response.status_code == 302 and response.url == f"{action.get_absolute_url()}#evidence"
    evidence = Evidence.objects.get()
    assert (evidence.subject, evidence.content_type, list(evidence.clauses.all())) == (action, "text/csv", [clause()])
    assert len(stored_files(media_root)) == 1


def test_a_refused_upload_shows_the_reason_and_stores_nothing(action, world_a, client_for, english, media_root):
    client = client_for(world_a.user(Role.EDITOR))
    response = client.post(upload_url(action), {"file": upload("virus.exe", b"MZ")})
    assert response.status_code == 200
    assert "“virus.exe” is not a type of file that can be stored." in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Evidence.objects.exists() and stored_files(media_root) == []


@pytest.mark.parametrize("role", [Role.READER, Role.AUDITOR])
def test_who_may_not_change_the_subject_may_not_upload(action, world_a, client_for, role, media_root):
    client = client_for(world_a.user(role))
    assert client.get(upload_url(action)).status_code == 403
    assert client.post(upload_url(action), {"file": upload()}).status_code == 403
    assert not Evidence.objects.exists() and stored_files(media_root) == []


def test_an_editor_of_another_unit_may_not_upload(world_a, client_for):
    other = action_for(world_a.organisation, world_a.sibling)
    assert client_for(world_a.user(Role.EDITOR)).post(upload_url(other), {"file": upload()}).status_code == 403


def test_subjects_that_declare_write_findings_take_evidence_from_auditors(action, world_a, client_for, monkeypatch):
    monkeypatch.setattr(Action, "evidence_permission", Permission.WRITE_FINDINGS, raising=False)
    assert client_for(world_a.user(Role.AUDITOR)).post(upload_url(action), {"file": upload()}).status_code == 302
    assert client_for(world_a.user(Role.EDITOR)).post(upload_url(action), {"file": upload()}).status_code == 403


def test_unknown_and_foreign_subjects_are_not_found(action, world_a, world_b, client_for):
    client = client_for(world_a.user(Role.ADMINISTRATOR))
    foreign = action_for(world_b.organisation, world_b.unit)
    assert client.get(upload_url(foreign)).status_code == 404
    assert client.post(upload_url(foreign), {"file": upload()}).status_code == 404
    for label in ("actions.nothing", "nonsense", "frameworks.frameworkitem"):
        assert client.get(reverse("documents:evidence-upload", args=[label, 1])).status_code == 404
    assert not Evidence.objects.exists()


def test_download_only_within_the_scope(action, world_a, world_b, client_for):
    evidence = services.attach_evidence(action, upload("Beslut.pdf"), user=world_a.user(Role.EDITOR))
    url = reverse("documents:evidence-download", args=[evidence.pk])
    response = client_for(world_a.user(Role.READER)).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Beslut.pdf"'
    assert response["Content-Security-Policy"] == "sandbox"
    for role in Role.values:
        assert client_for(world_b.user(role)).get(url).status_code == 404


def test_files_are_not_served_by_their_path(action, world_a, client_for):
    evidence = services.attach_evidence(action, upload(), user=world_a.user(Role.EDITOR))
    client = client_for(world_a.user(Role.ADMINISTRATOR))
    assert client.get(f"/uploads/{evidence.file.name}").status_code == 404
    assert client.get(f"/{evidence.file.name}").status_code == 404


def test_a_missing_file_is_not_found(action, world_a, client_for):
    evidence = services.attach_evidence(action, upload(), user=world_a.user(Role.EDITOR))
    evidence.file.storage.delete(evidence.file.name)
    url = reverse("documents:evidence-download", args=[evidence.pk])
    assert client_for(world_a.user(Role.READER)).get(url).status_code == 404


def test_delete_page(action, world_a, client_for, media_root, django_capture_on_commit_callbacks):
    evidence = services.attach_evidence(action, upload(), user=world_a.user(Role.EDITOR))
    url = reverse("documents:evidence-delete", args=[evidence.pk])
    assert client_for(world_a.user(Role.READER)).post(url).status_code == 403
    client = client_for(world_a.user(Role.EDITOR))
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302 and response.url == f"{action.get_absolute_url()}#evidence"
    assert not Evidence.objects.exists() and stored_files(media_root) == []
