"""The two ways a view reaches an example: as a reader of the shared library (any organisation: only
examples that are shared) or as the sharing organisation (through the scope, with the permission to
change it). Views open to other organisations say so with ``open_to_all_organisations``; the isolation
test checks every other route that names an example answers them 403 or 404."""

from django.db.models import Q

from hallbar.accounts.roles import Permission
from hallbar.web.mixins import OrganisationRequiredMixin, ScopedObjectMixin

from ..models import Example, ExampleAttachment


class LibraryObjectMixin(OrganisationRequiredMixin):
    """Any signed-in member of an organisation reads a shared example; withdrawn ones are not found."""

    open_to_all_organisations = True
    model = Example

    def get_queryset(self):
        return Example.objects.visible()


class OwnExampleMixin(ScopedObjectMixin):
    """The sharing organisation's own shared example, for those who may change it."""

    model = Example
    object_permission = Permission.CHANGE

    def get_queryset(self):
        return super().get_queryset().filter(withdrawn_at__isnull=True)


class LibraryAttachmentMixin(OrganisationRequiredMixin):
    open_to_all_organisations = True
    model = ExampleAttachment

    def get_queryset(self):
        return ExampleAttachment.objects.filter(example__in=Example.objects.visible())


class OwnAttachmentMixin(ScopedObjectMixin):
    model = ExampleAttachment
    object_permission = Permission.CHANGE

    def get_queryset(self):
        return super().get_queryset().filter(example__withdrawn_at__isnull=True)


def changeable(view, queryset, unit_field: str = "responsible_unit"):
    """The active organisation's rows of ``queryset`` the user may change: those of units they may change,
    and organisation-wide ones when they may change the whole organisation."""
    organisation_id = view.organisation.pk
    condition = Q(**{f"{unit_field}__in": view.scope.changeable_units(organisation_id)})
    if view.scope.has(Permission.CHANGE, organisation_id=organisation_id):
        condition |= Q(**{f"{unit_field}__isnull": True})
    return queryset.filter(condition, organisation_id=organisation_id)
