"""The public form's own address (``dialog/mal/<goal>/``): no login, never cached.

The public goal page (cached whole by the portal) carries the form with a signed start token and no
CSRF token; posting it here is CSRF-exempt like the portal's language switch, and guarded instead by
the honeypot, the token, rate limits and — before anything appears — moderation (``spam.py``).
"""

from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from hallbar.plans.models import Goal
from hallbar.portal.pages import in_visitor_language, shell_context
from hallbar.portal.publishable import public_url
from hallbar.web.forms import add_errors

from .. import queries, services, spam
from ..forms import ContributionForm


@method_decorator([csrf_exempt, never_cache], name="dispatch")
class SubmitView(View):
    model = Goal
    http_method_names = ["get", "post", "head", "options"]
    template_name = "dialogue/public/form.html"

    def dispatch(self, request, pk: int):
        self.goal = queries.open_goal(pk)
        self.organisation = self.goal.plan.organisation
        # In the language of the public pages (the form's messages too), like the goal page it belongs to.
        return in_visitor_language(request, lambda: super(SubmitView, self).dispatch(request, pk))

    def get(self, request, pk: int):
        return self.render(ContributionForm(initial={"started": spam.start_token(self.goal.pk)}))

    def post(self, request, pk: int):
        form = ContributionForm(request.POST)
        if request.POST.get(spam.HONEYPOT):
            return self.render(None, sent=True)  # a bot: looks like success, nothing is stored
        token = request.POST.get("started", "")
        if spam.token_problem(token, self.goal.pk) is not None or not spam.spend_token(token):
            return self.render(
                self.fresh(form, _("The form was sent too quickly or from an outdated page. Please send it again.")),
                status=400,
            )
        if not form.is_valid():  # a citizen's typing errors do not count against the rate limits
            return self.render(self.fresh(form), status=400)
        if not spam.within_rate_limits(request, self.goal.pk):
            return self.render(
                self.fresh(form, _("Too many contributions have been sent. Please try again later.")), status=429
            )
        try:
            services.submit(self.goal, **{name: form.cleaned_data[name] for name in ("kind", "text", "name", "email")})
        except ValidationError as error:
            add_errors(form, error)
            return self.render(self.fresh(form), status=400)
        return self.render(None, sent=True)

    def fresh(self, form, message: str | None = None) -> ContributionForm:
        """The sent form again, with ``message`` above it and a new start token."""
        if message:
            form.is_valid()
            form.add_error(None, message)
        data = form.data.copy()
        data["started"] = spam.start_token(self.goal.pk)
        form.data = data
        return form

    def render(self, form, *, sent: bool = False, status: int = 200):
        organisation = self.organisation
        goal_url = public_url(self.goal, organisation)
        context = {
            **shell_context(self.request, organisation),
            "goal": self.goal,
            "goal_url": goal_url,
            "form": form,
            "sent": sent,
            "action_url": self.request.path,
            "honeypot": spam.HONEYPOT,
            "page_url": self.request.build_absolute_uri(goal_url),
            "page_title": _("Thank you") if sent else _("Proposals and comments: %(goal)s") % {"goal": self.goal},
            "page_description": _("Leave a proposal or a comment on the goal “%(goal)s”.") % {"goal": self.goal},
        }
        return TemplateResponse(self.request, self.template_name, context, status=status)
