"""Emission releases: the list and each release's coverage (anyone signed in: every figure cites one), and for the
installation's operators loading a release and choosing which release of a kind is current."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import DetailView, FormView, ListView

from hallbar.web.mixins import FormPageMixin

from .. import releases
from ..models import EmissionRelease
from ..release_forms import ReleaseLoadForm


class OperatorRequiredMixin(LoginRequiredMixin, UserPassesTestMixin):
    """Only the installation's operators (superusers): releases are shared by every organisation."""

    def test_func(self) -> bool:
        return self.request.user.is_superuser


class ReleaseListView(LoginRequiredMixin, ListView):
    model = EmissionRelease
    template_name = "climate/release_list.html"
    context_object_name = "releases"

    def get_queryset(self):
        return EmissionRelease.objects.select_related("loaded_by")

    def get_context_data(self, **kwargs):
        return super().get_context_data(may_load=self.request.user.is_superuser, **kwargs)


class ReleaseDetailView(LoginRequiredMixin, DetailView):
    model = EmissionRelease
    template_name = "climate/release_detail.html"
    context_object_name = "release"
    slug_field = slug_url_kwarg = "key"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            coverage=releases.coverage(self.object), may_load=self.request.user.is_superuser, **kwargs
        )


class ReleaseLoadView(OperatorRequiredMixin, FormPageMixin, FormView):
    form_class = ReleaseLoadForm
    template_name = "climate/release_load.html"
    page_title = gettext_lazy("Load an emission release")
    page_intro = gettext_lazy(
        "Load a whole release of SMHI's national emissions database for every organisation. Every file and the "
        "release as a whole are checked first; if anything is wrong, nothing is stored, every problem is listed "
        "and the current release stays current. Releases are never mixed: loading a key again replaces all "
        "figures of that release."
    )
    submit_label = gettext_lazy("Check and load")
    cancel_url = reverse_lazy("climate:releases")

    def form_valid(self, form):
        try:
            loaded = releases.load_release(
                form.release_info(),
                form.release_files(),
                user=self.request.user,
                make_current=form.cleaned_data["make_current"],
            )
        except releases.ReleaseRejected as rejected:
            for problem in rejected.problems:
                form.add_error(None, problem)
            return self.form_invalid(form)
        release = loaded.release
        stored = ngettext(
            "%(release)s: %(count)d figure was stored.", "%(release)s: %(count)d figures were stored.", loaded.figures
        ) % {"release": release.name, "count": loaded.figures}
        if loaded.replaced:
            stored += " " + _("They replace all earlier figures of this release.")
        messages.success(self.request, stored)
        if not release.is_current:
            messages.info(self.request, _("The release is not current; emission pages still show the current one."))
        return HttpResponseRedirect(reverse_lazy("climate:release", kwargs={"key": release.key}))


class ReleaseMakeCurrentView(OperatorRequiredMixin, View):
    """POST: make this release the current one of its kind (the previous current one stays stored)."""

    model = EmissionRelease
    http_method_names = ["post"]

    def post(self, request, key):
        release = get_object_or_404(EmissionRelease, key=key)
        releases.make_release_current(release)
        messages.success(
            request,
            _("%(release)s is now the current release of %(kind)s.")
            % {"release": release.name, "kind": release.get_kind_display().lower()},
        )
        return HttpResponseRedirect(reverse_lazy("climate:release", kwargs={"key": release.key}))
