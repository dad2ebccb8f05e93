"""The "state of sustainability" page (printable) and the same content as a PDF."""

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from hallbar.core.pdf import PdfReport, pdf_response
from hallbar.web.mixins import OrganisationRequiredMixin

from . import presentation, summary


class SummaryView(OrganisationRequiredMixin, TemplateView):
    template_name = "overview/summary.html"
    page_title = gettext_lazy("State of sustainability")

    def get_context_data(self, **kwargs):
        found = summary.build(self.scope, self.organisation)
        return super().get_context_data(
            page_title=self.page_title,
            summary=found,
            sections=presentation.sections(found),
            **kwargs,
        )


class SummaryPdfView(OrganisationRequiredMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        found = summary.build(self.scope, self.organisation)
        return pdf_response(build_pdf(found), f"state-of-sustainability-{found.today.isoformat()}.pdf")


def build_pdf(found: summary.Summary) -> PdfReport:
    report = PdfReport(
        _("State of sustainability"),
        organisation=found.organisation.name,
        subtitle=formats.date_format(found.today, "DATE_FORMAT"),
    )
    for section in presentation.sections(found):
        report.heading(section.title)
        report.paragraph(section.lead)
        if section.headers:
            report.table(section.headers, section.rows, empty=section.empty)
    return report
