"""Register models whose changes are recorded, and record them through model signals.

Field-level changes are stored as ``{field: [old, new]}`` with values in their serialised form
(for many-to-many fields: sorted lists of ids); :mod:`hallbar.history.display` turns them back into
readable text.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from .context import current_actor

_tracked: set[type[models.Model]] = set()
_SNAPSHOT = "_history_snapshot"


def track(*model_classes: type[models.Model]) -> None:
    for model in model_classes:
        if model in _tracked:
            continue
        _tracked.add(model)
        uid = f"history-{model._meta.label}"
        pre_save.connect(_remember, sender=model, dispatch_uid=f"{uid}-pre")
        post_save.connect(_record_save, sender=model, dispatch_uid=f"{uid}-post")
        post_delete.connect(_record_delete, sender=model, dispatch_uid=f"{uid}-delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(_record_links, sender=field.remote_field.through, dispatch_uid=f"{uid}-{field.name}")


def tracked_models() -> frozenset[type[models.Model]]:
    return frozenset(_tracked)


def tracked_fields(instance: models.Model) -> list[models.Field]:
    return [
        field
        for field in instance._meta.concrete_fields
        if field.editable and not field.primary_key and field.name not in {"password", "last_login"}
    ]


def snapshot(instance: models.Model) -> dict[str, object]:
    values = {}
    for field in tracked_fields(instance):
        value = field.value_from_object(instance)
        values[field.name] = (
            value
            if value is None or isinstance(value, bool | int | float | list | dict)
            else field.value_to_string(instance)
        )
    return values


def _remember(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    previous = sender._default_manager.filter(pk=instance.pk).first()
    setattr(instance, _SNAPSHOT, snapshot(previous) if previous is not None else None)


def _organisation_id(instance):
    from hallbar.accounts.scoping import organisation_id_of

    if getattr(type(instance), "organisation_lookup", None) is None:
        return None
    return organisation_id_of(instance)


def _write(instance, action: str, changes: dict) -> None:
    from .models import ChangeRecord

    ChangeRecord.objects.create(
        organisation_id=_organisation_id(instance),
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        action=action,
        changes=changes,
        actor=current_actor(),
    )


def _record_save(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    after = snapshot(instance)
    before = getattr(instance, _SNAPSHOT, None)
    if created or before is None:
        _write(
            instance,
            "create",
            {name: [None, value] for name, value in after.items() if value not in (None, "", [], {})},
        )
    else:
        changes = {name: [before.get(name), value] for name, value in after.items() if before.get(name) != value}
        if changes:
            _write(instance, "update", changes)
    if hasattr(instance, _SNAPSHOT):
        delattr(instance, _SNAPSHOT)


def _record_delete(sender, instance, **kwargs):
    _write(
        instance,
        "delete",
        {name: [value, None] for name, value in snapshot(instance).items() if value not in (None, "", [], {})},
    )


_LINKS = "_history_links"


def _record_links(sender, instance, action, reverse, **kwargs):
    """Record a change of a many-to-many field as one update with the ids before and after."""
    if reverse or type(instance) not in _tracked:
        return  # changed from the other side (e.g. a framework item): not a change of a tracked record
    field = next(f for f in type(instance)._meta.local_many_to_many if f.remote_field.through is sender)
    current = sorted(getattr(instance, field.name).values_list("pk", flat=True))
    if action.startswith("pre_"):
        setattr(instance, f"{_LINKS}_{field.name}", current)
    elif action.startswith("post_"):
        before = getattr(instance, f"{_LINKS}_{field.name}", None)
        if before is not None and before != current:
            _write(instance, "update", {field.name: [before, current]})
