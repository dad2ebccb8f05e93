"""Substance lists: the EU Candidate List (any version; operators load new ones) and the organisation's
phase-out list."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, FormView, ListView, UpdateView

from hallbar.accounts.roles import Permission
from hallbar.imports.exports import ExportMixin
from hallbar.imports.reading import UnreadableFile
from hallbar.web.mixins import (
    ChangeCheckMixin,
    EditPageMixin,
    FilteredListMixin,
    FormPageMixin,
    GuardedDeleteMixin,
    OrganisationRequiredMixin,
    ScopedObjectMixin,
)

from .. import loader, queries, services
from ..exports import PHASE_OUT_COLUMNS, SUBSTANCE_COLUMNS
from ..forms import CandidateListFilterForm, CandidateListUploadForm, PhaseOutSubstanceForm, SearchFilterForm
from ..models import PhaseOutSubstance, Substance


def search(queryset, text: str):
    if not text:
        return queryset
    return queryset.filter(Q(name__icontains=text) | Q(cas_number__icontains=text) | Q(ec_number__icontains=text))


class CandidateListView(ExportMixin, FilteredListMixin, OrganisationRequiredMixin, ListView):
    template_name = "chemicals/candidate_list.html"
    context_object_name = "substances"
    paginate_by = 100
    export_filename = "candidate-list"
    export_title = gettext_lazy("EU Candidate List")
    export_columns = SUBSTANCE_COLUMNS

    filter_form_class = CandidateListFilterForm

    def get_queryset(self):
        valid = self.filter_form.is_valid()
        chosen = self.filter_form.cleaned_data.get("version") if valid else None
        self.substance_list = chosen or queries.current_candidate_list()
        substances = Substance.objects.filter(substance_list=self.substance_list)
        if valid and self.filter_form.cleaned_data.get("matchable"):
            substances = substances.exclude(cas_number="", ec_number="")
        return search(substances, self.filter_form.search())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            substance_list=self.substance_list,
            completeness=queries.completeness(self.substance_list),
            may_load=self.request.user.is_superuser,
            **kwargs,
        )


class OperatorRequiredMixin(LoginRequiredMixin, UserPassesTestMixin):
    """Only the installation's operators (superusers): the Candidate List is shared by every organisation."""

    def test_func(self) -> bool:
        return self.request.user.is_superuser


class CandidateListUploadView(OperatorRequiredMixin, FormPageMixin, FormView):
    form_class = CandidateListUploadForm
    template_name = "chemicals/candidate_list_load.html"
    page_title = gettext_lazy("Load the Candidate List")
    page_intro = gettext_lazy(
        "Load a newer export of ECHA's Candidate List for every organisation. The whole file is checked "
        "first; if any row is wrong, nothing is loaded and every problem is listed. Loading the same file "
        "again changes nothing."
    )
    submit_label = gettext_lazy("Load")
    cancel_url = reverse_lazy("chemicals:candidate-list")

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        data = form.cleaned_data
        try:
            result = loader.load(
                upload.read(),
                upload.name,
                version=data["version"],
                dated=data["dated"],
                source=data["source"],
                total_entries=data.get("total_entries"),
            )
        except loader.InvalidList as invalid:
            for error in invalid.errors:
                form.add_error("file", error)
            return self.form_invalid(form)
        except UnreadableFile as unreadable:
            form.add_error("file", str(unreadable))
            return self.form_invalid(form)
        substance_list = result.substance_list
        if result.created:
            messages.success(self.request, _("%(list)s was loaded.") % {"list": substance_list})
        else:
            messages.info(
                self.request, _("This file is already loaded as %(list)s; nothing changed.") % {"list": substance_list}
            )
        return HttpResponseRedirect(substance_list.get_absolute_url())


# Phase-out list ---------------------------------------------------------------------------------------


class PhaseOutListView(ExportMixin, FilteredListMixin, OrganisationRequiredMixin, ListView):
    template_name = "chemicals/phase_out_list.html"
    context_object_name = "substances"
    export_filename = "phase-out-list"
    export_title = gettext_lazy("Phase-out list")
    export_columns = PHASE_OUT_COLUMNS

    filter_form_class = SearchFilterForm

    def get_queryset(self):
        return search(self.scope.filter(PhaseOutSubstance.objects.all()), self.filter_form.search())

    def get_context_data(self, **kwargs):
        may_change = self.scope.has(Permission.CHANGE, organisation_id=self.organisation.pk)
        return super().get_context_data(may_change=may_change, **kwargs)


class PhaseOutFormMixin(ChangeCheckMixin, FormPageMixin):
    model = PhaseOutSubstance
    form_class = PhaseOutSubstanceForm
    success_url = reverse_lazy("chemicals:phase-out-list")

    def save(self, form):
        return services.save_phase_out_substance(form.instance)


class PhaseOutCreateView(PhaseOutFormMixin, OrganisationRequiredMixin, CreateView):
    """The phase-out list is the whole organisation's: adding needs the right to change its data."""

    permission = Permission.CHANGE
    page_title = gettext_lazy("New phase-out substance")
    cancel_url = reverse_lazy("chemicals:phase-out-list")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.instance.organisation = self.organisation
        return form


class PhaseOutUpdateView(EditPageMixin, PhaseOutFormMixin, ScopedObjectMixin, UpdateView):
    object_permission = Permission.CHANGE

    def get_cancel_url(self) -> str:
        return reverse("chemicals:phase-out-list")


class PhaseOutDeleteView(GuardedDeleteMixin, ScopedObjectMixin, DeleteView):
    model = PhaseOutSubstance
    object_permission = Permission.CHANGE
    template_name = "web/confirm_delete.html"
    success_url = reverse_lazy("chemicals:phase-out-list")

    def get_refused_url(self) -> str:
        return reverse("chemicals:phase-out-list")
