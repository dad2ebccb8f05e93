"""The shell's own pages: the dashboard and the organisation switcher."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from hallbar.accounts.middleware import FOCUS_SESSION_KEY, SESSION_KEY
from hallbar.accounts.models import Membership
from hallbar.accounts.scoping import Scope
from hallbar.history.queries import recent_changes
from hallbar.organisations.models import OrganisationUnit
from hallbar.organisations.queries import organisation_overview

from .dashboard import follow_up
from .mixins import OrganisationRequiredMixin


class DashboardView(OrganisationRequiredMixin, TemplateView):
    template_name = "web/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["overview"] = organisation_overview(self.organisation)
        # Read only when the cached fragment (per user and unit focus: it follows the scope) is not there.
        context["follow_up"] = SimpleLazyObject(lambda: follow_up(self.scope))
        context["recent_changes"] = recent_changes(self.scope, limit=8)
        context["my_memberships"] = self.scope.filter(Membership.objects.select_related("unit")).filter(
            user=self.request.user, is_active=True
        )
        return context


@login_required
@require_POST
def switch_organisation(request):
    """Make another of the user's organisations the active one."""
    try:
        organisation_id = int(request.POST.get("organisation", ""))
    except ValueError:
        return HttpResponseBadRequest()
    if organisation_id not in Scope(request.user).organisation_ids:
        return HttpResponseBadRequest()
    request.session[SESSION_KEY] = organisation_id
    request.session.pop(FOCUS_SESSION_KEY, None)
    return _back(request)


@login_required
@require_POST
def switch_unit(request):
    """Focus lists on one unit and everything below it, or on the whole organisation (empty value)."""
    chosen = request.POST.get("unit", "")
    if not chosen:
        request.session.pop(FOCUS_SESSION_KEY, None)
        return _back(request)
    if not chosen.isdigit() or not request.organisation:
        return HttpResponseBadRequest()
    unit = request.scope.filter(OrganisationUnit.objects.filter(pk=int(chosen))).first()
    if unit is None:
        return HttpResponseBadRequest()
    request.session[FOCUS_SESSION_KEY] = unit.pk
    return _back(request)


def _back(request):
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return redirect(target)
