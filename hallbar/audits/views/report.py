"""The audit report: an HTML page (the accessible version) and the same content as a PDF."""

from django.utils.text import slugify
from django.views.generic import DetailView

from hallbar.core.pdf import pdf_response
from hallbar.web.mixins import ScopedObjectMixin

from .. import queries, report
from ..models import Audit


class AuditReportView(ScopedObjectMixin, DetailView):
    model = Audit
    template_name = "audits/audit_report.html"

    def get_queryset(self):
        return super().get_queryset().select_related(*queries.AUDIT_RELATED)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**queries.audit_page(self.object), **kwargs)


class AuditReportPdfView(AuditReportView):
    def render_to_response(self, context, **response_kwargs):
        document = report.build(self.object, context)
        return pdf_response(document, f"audit-report-{slugify(self.object.title) or self.object.pk}.pdf")
