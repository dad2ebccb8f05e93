"""The review as a PDF: its text (read back with pypdf) carries the content of the review page."""

import io

import pypdf
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from hallbar.accounts.roles import Role
from hallbar.reviews import services
from hallbar.reviews.models import Status

from .factories import DecisionFactory, ReviewFactory, management_review_for


def pdf_text(content: bytes) -> str:
    return " ".join("\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages).split())


def test_the_pdf_has_the_facts_every_section_the_conclusions_decisions_and_actions(world_a, client_for):
    review = management_review_for(world_a.organisation, world_a.unit)
    services.save_conclusions(
        review,
        sections={"aspects": "Energianvändningen är fortfarande störst."},
        suitability="Systemet passar kommunen.",
        adequacy="Resurserna räcker inte för klimatanpassningen.",
        effectiveness="Målen nås delvis.",
    )
    services.add_action(review, title="Utöka miljöstrategfunktionen", responsible_unit=world_a.unit)
    client = client_for(world_a.user(Role.READER))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("reviews:pdf", args=[review.pk]))
    page = client.get(review.get_absolute_url()).content.decode()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="management-review-ledningens-genomgang-2026.pdf"'
    text = pdf_text(response.content)
    expected = [
        "A kommun",
        "Ledningens genomgång 2026",
        "Participants Kommundirektör, förvaltningschefer, miljöstrateg",
        # every input section, in order, with what the system holds (Swedish letters survive)
        "1. Actions from previous reviews",
        "Ta fram en kemikalieplan",
        "2. Changes in external and internal issues",
        "Skyfall blir vanligare",
        "Boende i centrum",
        "3. Compliance obligations",
        "Egenkontroll enligt miljöbalken",
        "4. Significant aspects",
        "Energianvändning i byggnader",
        "Energianvändningen är fortfarande störst.",
        "5. Risks and opportunities",
        "Skyfall översvämmar Centrumtunneln",
        "6. Fulfilment of goals and targets",
        "Minskade utsläpp",
        "7. Indicators",
        "8. Actions from plans",
        "Åtgärdsplan för klimatet",
        "9. Audit results",
        "Miljörevision av enheten",
        "10. Nonconformities and corrective actions",
        "Kemikalier utan säkerhetsdatablad",
        "11. Maturity",
        "Stage per question",
        "12. Adequacy of resources",
        "Miljöstrategen är ensam; en halvtidstjänst till behövs.",
        "13. Communication",
        "14. Opportunities for continual improvement",
        # the outputs
        "Conclusions on the management system",
        "Resurserna räcker inte för klimatanpassningen.",
        "Förstärk miljöstrategfunktionen med 50 %.",
        "Utöka miljöstrategfunktionen",
    ]
    missing = [phrase for phrase in expected if phrase not in text]
    assert not missing, f"not in the PDF: {missing}\n\n{text}"
    page_text = " ".join(page.split())
    missing_on_page = [phrase for phrase in expected[3:] if phrase.split(". ", 1)[-1] not in page_text]
    assert not missing_on_page, f"in the PDF but not on the page: {missing_on_page}"


def test_an_approved_review_says_who_approved_it_and_when(world_a, client_for):
    approver = world_a.user(Role.COORDINATOR)
    review = ReviewFactory(
        organisation=world_a.organisation,
        title="Ledningens genomgång 2025",
        status=Status.APPROVED,
        approved_by=approver,
        approved_at=timezone.now(),
        suitability="Systemet passar.",
    )
    DecisionFactory(review=review, kind="system_change", text="Ta med bolagen i ledningssystemet.")
    client = client_for(world_a.user(Role.READER))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = pdf_text(client.get(reverse("reviews:pdf", args=[review.pk])).content)
    assert f"Approved {timezone.localdate().isoformat()}, A coordinator" in text
    assert "Status Approved" in text and "Change to the management system Ta med bolagen i ledningssystemet." in text
    assert "Not part of the assembled inputs." in text  # stored without inputs: said, not an error
