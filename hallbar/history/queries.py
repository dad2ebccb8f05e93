"""Read models for the change history; every query goes through the user's Scope."""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404

from .models import ChangeRecord
from .registry import tracked_models


def _base(scope):
    return scope.filter(ChangeRecord.objects.select_related("actor", "content_type"))


def recent_changes(scope, limit: int = 50):
    return _base(scope)[:limit]


def changes_by(scope, user, limit: int = 50):
    return _base(scope).filter(actor=user)[:limit]


def object_history(scope, label: str, object_id: int):
    """The visible object and its changes; 404 when the model is not tracked or the object is outside scope."""
    try:
        app_label, model_name = label.split(".")
        content_type = ContentType.objects.get_by_natural_key(app_label, model_name)
    except (ValueError, ContentType.DoesNotExist) as error:
        raise Http404 from error
    model = content_type.model_class()
    if model not in tracked_models():
        raise Http404
    obj = scope.filter(model._default_manager.all()).filter(pk=object_id).first()
    changes = _base(scope).filter(content_type=content_type, object_id=str(object_id))
    if obj is None and not changes.exists():
        raise Http404
    return obj, changes
