"""Factories for controlled documents, versions and evidence (kept with the documents tests)."""

import secrets

import factory
from django.contrib.contenttypes.models import ContentType

from hallbar.accounts.models import Membership
from hallbar.accounts.roles import Role
from hallbar.accounts.scoping import Scope, organisation_id_of
from hallbar.documents import services
from hallbar.documents.models import ControlledDocument, DocumentVersion, Evidence
from tests.factories import OrganisationFactory, UserFactory


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ControlledDocument

    organisation = factory.SubFactory(OrganisationFactory)
    kind = ControlledDocument.Kind.PROCEDURE
    title = factory.Sequence(lambda n: f"Rutin {n}")


class VersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentVersion

    document = factory.SubFactory(DocumentFactory)
    number = factory.Sequence(lambda n: n + 1)
    body = "Så här gör vi."
    author = factory.SubFactory(UserFactory)


def member(organisation, role: str):
    return Membership.objects.filter(organisation=organisation, role=role, is_active=True).order_by("pk").first().user


def approve(version: DocumentVersion, approver) -> DocumentVersion:
    return services.approve_version(version, scope=Scope(approver, version.document.organisation))


def document_for(organisation, unit=None) -> ControlledDocument:
    """The organisation's environmental policy (reused when it exists): version 1 approved by the
    administrator, written by the coordinator, and version 2 in draft."""
    document = ControlledDocument.objects.filter(organisation=organisation, reference_code="POL-01").first()
    if document is not None:
        return document
    author, approver = member(organisation, Role.COORDINATOR), member(organisation, Role.ADMINISTRATOR)
    document = services.save_document(
        ControlledDocument(
            organisation=organisation,
            kind=ControlledDocument.Kind.POLICY,
            title="Miljöpolicy",
            reference_code="POL-01",
            owner=author,
            responsible_unit=unit,
        )
    )
    first = services.create_version(document, author=author, body="Vi minskar vår klimatpåverkan.")
    approve(first, approver)
    services.create_version(document, author=author, body="Vi minskar vår klimatpåverkan kraftigt.")
    return document


def evidence_on(subject, name: str = "protokoll.pdf", user=None, clauses=()) -> Evidence:
    """A row of evidence without writing a file (for pages that do not open it)."""
    evidence = Evidence.objects.create(
        organisation_id=organisation_id_of(subject),
        subject_type=ContentType.objects.get_for_model(type(subject)),
        subject_id=subject.pk,
        file=f"evidence/2026/{secrets.token_hex(16)}.pdf",
        original_name=name,
        content_type="application/pdf",
        size=1234,
        description="Protokoll",
        uploaded_by=user,
    )
    evidence.clauses.set(clauses)
    return evidence
