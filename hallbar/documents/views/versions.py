"""Document versions: the version page, a new draft, editing the draft, approving it, its file."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, UpdateView, View
from django.views.generic.detail import SingleObjectMixin

from hallbar.accounts.roles import Permission
from hallbar.web.mixins import ChangeCheckMixin, ChildCreateMixin, EditPageMixin, ScopedObjectMixin

from .. import rules, services
from ..forms import VersionForm
from ..models import ControlledDocument, DocumentVersion
from .files import FileDownloadView

FILE_FORM = "documents/file_form_page.html"


class VersionDetailView(ScopedObjectMixin, DetailView):
    model = DocumentVersion
    template_name = "documents/version_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("document__responsible_unit", "author", "approved_by")

    def get_context_data(self, **kwargs):
        can_change = self.scope.has(Permission.CHANGE, self.object)
        refusal = services.approval_refusal(self.object, self.scope)
        return super().get_context_data(
            document=self.object.document,
            can_change=can_change,
            can_approve=refusal is None,
            # Why it cannot be approved, for those who work with the document's drafts.
            approval_note=refusal if can_change and self.object.status == DocumentVersion.Status.DRAFT else None,
            is_locked=rules.is_locked(self.object.status),
            **kwargs,
        )


class VersionCreateView(ChildCreateMixin, CreateView):
    """A new draft of the document named in the URL."""

    model = ControlledDocument  # the parent named in the URL
    form_class = VersionForm
    template_name = FILE_FORM

    def get_page_title(self) -> str:
        return _("New version of %(document)s") % {"document": self.parent}

    def get_initial(self):
        """Start from the text of the latest version."""
        latest = self.parent.versions.order_by("-number").first()
        return {"body": latest.body} if latest else {}

    def get_form_kwargs(self):
        instance = DocumentVersion(document=self.parent, author=self.request.user, number=0)
        return {**super().get_form_kwargs(), "instance": instance}

    def save(self, form):
        data = form.cleaned_data
        return services.create_version(
            self.parent,
            author=self.request.user,
            body=data["body"],
            change_summary=data["change_summary"],
            uploaded_file=data.get("file"),
        )


class VersionUpdateView(EditPageMixin, ChangeCheckMixin, ScopedObjectMixin, UpdateView):
    """Changing a draft; approved and superseded versions are locked (the page says so and goes back)."""

    model = DocumentVersion
    form_class = VersionForm
    template_name = FILE_FORM
    object_permission = Permission.CHANGE

    def get(self, request, *args, **kwargs):
        return self.refuse_locked() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refuse_locked() or super().post(request, *args, **kwargs)

    def refuse_locked(self):
        version = self.get_object()
        if not rules.is_locked(version.status):
            return None
        messages.error(
            self.request,
            _("Version %(number)s is %(status)s and locked: write a new version instead.")
            % {"number": version.number, "status": version.get_status_display().lower()},
        )
        return HttpResponseRedirect(version.get_absolute_url())

    def save(self, form):
        data = form.cleaned_data
        return services.update_draft(
            self.object,
            body=data["body"],
            change_summary=data["change_summary"],
            uploaded_file=data.get("file"),
            remove_file=data.get("remove_file", False),
        )


class VersionApproveView(ScopedObjectMixin, SingleObjectMixin, View):
    """``POST``: approve the draft (services.approve_version decides, and says why not)."""

    model = DocumentVersion
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        version = self.get_object()
        try:
            services.approve_version(version, scope=self.scope)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Version %(number)s was approved.") % {"number": version.number})
        return HttpResponseRedirect(version.get_absolute_url())


class VersionFileView(FileDownloadView):
    model = DocumentVersion
