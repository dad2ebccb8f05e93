"""What the context pages share: deleting through the context rules."""

from hallbar.web.mixins import GuardedDeleteMixin

from .. import services


class ContextDeleteMixin(GuardedDeleteMixin):
    """The guarded delete, refused first by :func:`hallbar.context.services.check_deletable` (actions and
    links the database does not protect, approved scope versions)."""

    delete_object = staticmethod(services.delete)
