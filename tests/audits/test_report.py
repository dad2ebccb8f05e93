"""The audit report: the PDF's text (read back with pypdf) and its HTML page carry the same content."""

import io

import pypdf
from django.urls import reverse
from django.utils import translation

from hallbar.accounts.roles import Role
from hallbar.audits import queries, report
from hallbar.nonconformities.queries import for_source

from .factories import audit_for


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


def test_the_pdf_holds_scope_team_checklist_findings_nonconformities_and_conclusions(world_a):
    audit = audit_for(world_a.organisation, world_a.unit)
    raised = for_source(audit.findings.get(kind="minor")).get()
    with translation.override("en"):
        text = " ".join(pdf_text(report.build(audit, queries.audit_page(audit)).render()).split())
    expected = [
        "Internal audit report",
        "A kommun",
        "Miljörevision av enheten",
        "Internrevisionsprogram 2026 (2026)",
        # scope: units and clauses with their standard
        "Units audited",
        "A enhet",
        "ISO 14001:2015 – Environmental management systems",
        "8.1",
        # team
        "Lead auditor A auditor",
        # checklist summary: counts per conclusion, questions and answers (Swedish letters survive)
        "Conforms 1",
        "Finding 1",
        "Not checked 2",
        "Hur sorteras farligt avfall på förrådet?",
        "Aspektlistan är uppdaterad i år.",
        # findings by kind, with clause and unit
        "Minor nonconformity (1)",
        "Kemikalierutinen är inte känd",
        "Observation (1)",
        "Sorteringen kan bli tydligare",
        "Major nonconformity (0)",
        # nonconformities raised, conclusions
        raised.reference,
        "Miljöarbetet fungerar i stort; utbildningen behöver förbättras.",
    ]
    missing = [phrase for phrase in expected if phrase not in text]
    assert not missing, f"not in the PDF: {missing}\n\n{text}"


def test_report_pages_and_download(world_a, client_for):
    audit = audit_for(world_a.organisation, world_a.unit)
    client = client_for(world_a.user(Role.READER))
    page = client.get(reverse("audits:report", args=[audit.pk])).content.decode()
    assert "Kemikalierutinen är inte känd" in page and "Miljöarbetet fungerar i stort" in page
    response = client.get(reverse("audits:report-pdf", args=[audit.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="audit-report-miljorevision-av-enheten.pdf"'
    text = pdf_text(response.content)
    assert "Miljörevision av enheten" in text and "Kemikalierutinen är inte känd" in text
