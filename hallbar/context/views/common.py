"""What the context pages share: deleting through the context rules."""

from django.contrib import messages
from django.http import HttpResponseRedirect

from hallbar.core.deletion import DeletionRefused
from hallbar.web.mixins import GuardedDeleteMixin

from .. import services


class ContextDeleteMixin(GuardedDeleteMixin):
    """The guarded delete, refused first by :func:`hallbar.context.services.check_deletable` (actions and
    links the database does not protect, approved scope versions)."""

    def form_valid(self, form):
        self.object = self.get_object()
        try:
            services.check_deletable(self.object)
        except DeletionRefused as refusal:
            messages.error(self.request, refusal.message)
            return HttpResponseRedirect(self.get_refused_url())
        return super().form_valid(form)
