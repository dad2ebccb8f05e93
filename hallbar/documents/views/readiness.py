"""Certification readiness: an overview of the standards, and a page per standard with its export."""

from django.http import Http404
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from hallbar.frameworks.models import Library
from hallbar.imports.exports import ExportMixin
from hallbar.web.mixins import OrganisationRequiredMixin

from .. import queries
from ..exports import READINESS_COLUMNS
from ..services import CLAUSE_LIBRARY_KINDS


class ReadinessOverviewView(OrganisationRequiredMixin, TemplateView):
    template_name = "documents/readiness_overview.html"

    def get_context_data(self, **kwargs):
        results = [queries.readiness(self.organisation, library) for library in queries.standards()]
        return super().get_context_data(results=results, **kwargs)


class ReadinessView(ExportMixin, OrganisationRequiredMixin, TemplateView):
    """``/documents/readiness/<library urn>/`` for the standards in ``queries.STANDARDS``."""

    template_name = "documents/readiness.html"
    export_columns = READINESS_COLUMNS

    def get_readiness(self):
        if not hasattr(self, "result"):
            if self.kwargs["urn"] not in queries.STANDARDS:
                raise Http404
            library = Library.objects.filter(urn=self.kwargs["urn"]).first()
            if library is None:
                raise Http404
            self.result = queries.readiness(self.organisation, library)
        return self.result

    export_title = gettext_lazy("Certification readiness")

    @property
    def export_filename(self) -> str:
        return f"readiness-{self.kwargs['urn'].rsplit(':', 1)[-1]}"

    def get_export_rows(self):
        return self.get_readiness().rows

    def get_context_data(self, **kwargs):
        return super().get_context_data(result=self.get_readiness(), **kwargs)


def clause_section(request, item) -> dict | None:
    """The framework item page's "Evidence for this clause" section, on clauses of standards
    (registered in apps.py)."""
    if not getattr(request, "organisation", None) or item.library.kind not in CLAUSE_LIBRARY_KINDS:
        return None
    return {
        "template": "documents/includes/item_evidence.html",
        "readiness_urn": item.library.urn if item.library.urn in queries.STANDARDS else None,
        **queries.clause_sources(item, request.scope),
    }
