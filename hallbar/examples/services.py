"""Every write of the good examples library.

Callers (views) check *who* may write with ``request.scope``; these functions check *what* is written.

1. An example is shared from one of the organisation's own actions (its organisation and unit come
   from the action) and names at least one theme; goals must be the sharing organisation's own.
2. Only the sharing organisation changes, withdraws or adds files to its example; a withdrawn example
   disappears from the library, from saved lists and from other organisations' pages (the copies made
   earlier keep their origin as text).
3. Anyone signed in may save an example (a personal bookmark) and copy it into an action plan of their
   own organisation: a new action through :func:`hallbar.actions.services.create_action`, with an
   :class:`~hallbar.examples.models.ExampleOrigin` linking back.
"""

from collections.abc import Iterable
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hallbar.actions import services as action_services
from hallbar.actions.models import Action
from hallbar.documents.uploads import kind_of, validate_upload

from .models import Example, ExampleAttachment, ExampleOrigin, SavedExample


def initial_from_action(action: Action) -> dict:
    """What a share form starts with: the action's own words and links."""
    return {
        "title": action.title,
        "what_was_done": action.description,
        "cost_sek": action.outcome_sek if action.outcome_sek is not None else action.budget_sek,
        "contact_name": action.contact_person.get_full_name() if action.contact_person else "",
        "contact_email": action.contact_person.email if action.contact_person else "",
        "goals": list(action.goals.all()),
    }


def _save(example: Example, *, goals, framework_items, themes) -> Example:
    themes = list(themes) if themes is not None else None
    if themes is not None and not themes:
        raise ValidationError({"themes": _("Choose at least one theme.")})
    if goals is not None:
        goals = list(goals)
        foreign = [goal for goal in goals if goal.plan.organisation_id != example.organisation_id]
        if foreign:
            raise ValidationError({"goals": _("The goals must be your own organisation's.")})
    example.full_clean(exclude=["goals", "framework_items", "themes", "shared_by"])
    with transaction.atomic():
        example.save()
        for name, objects in (("goals", goals), ("framework_items", framework_items), ("themes", themes)):
            if objects is not None:
                getattr(example, name).set(objects)
    return example


def share_action(
    action: Action,
    *,
    user,
    goals: Iterable = (),
    framework_items: Iterable = (),
    themes: Iterable = (),
    **fields,
) -> Example:
    """Share ``action`` as a good example; ``fields`` are the example's text fields."""
    example = Example(
        organisation_id=action.organisation_id,
        unit_id=action.responsible_unit_id,
        source_action=action,
        shared_by=user,
        **fields,
    )
    return _save(example, goals=goals, framework_items=framework_items, themes=themes)


def update_example(example: Example, *, goals=None, framework_items=None, themes=None, **fields) -> Example:
    if example.withdrawn_at is not None:
        raise ValidationError(_("A withdrawn example cannot be changed."))
    for name, value in fields.items():
        setattr(example, name, value)
    return _save(example, goals=goals, framework_items=framework_items, themes=themes)


def withdraw(example: Example) -> Example:
    """Take the example out of the library for good; bookmarks of it go, copies keep their origin text."""
    with transaction.atomic():
        example.withdrawn_at = timezone.now()
        example.save(update_fields=["withdrawn_at", "updated_at"])
        SavedExample.objects.filter(example=example).delete()
    return example


def add_attachment(example: Example, uploaded_file) -> ExampleAttachment:
    """Check the file (type by name and content, size) before storing anything, then store it."""
    validate_upload(uploaded_file)
    name = PurePath(uploaded_file.name).name
    attachment = ExampleAttachment(
        example=example, original_name=name[-255:], content_type=kind_of(name).content_type, size=uploaded_file.size
    )
    uploaded_file.seek(0)
    attachment.file.save(name, uploaded_file, save=False)
    try:
        attachment.save()
    except BaseException:
        attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


def delete_attachment(attachment: ExampleAttachment) -> None:
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def toggle_saved(user, example: Example) -> bool:
    """Save the example for ``user``, or unsave it when saved; returns whether it is saved now."""
    deleted, _rows = SavedExample.objects.filter(user=user, example=example).delete()
    if deleted:
        return False
    SavedExample.objects.create(user=user, example=example)
    return True


@transaction.atomic
def copy_to_plan(example: Example, *, organisation, title: str, action_plan=None, responsible_unit=None) -> Action:
    """A new action of ``organisation`` built from the example, with the link back to it."""
    if example.withdrawn_at is not None:
        raise ValidationError(_("This example has been withdrawn and can no longer be copied."))
    description = _("Copied from the good example “%(title)s” of %(organisation)s.\n\n%(text)s") % {
        "title": example.title,
        "organisation": example.organisation.name,
        "text": example.what_was_done,
    }
    action = action_services.create_action(
        organisation=organisation,
        title=title,
        description=description,
        action_plan=action_plan,
        responsible_unit=responsible_unit,
    )
    ExampleOrigin.objects.create(
        action=action,
        example=example,
        example_title=example.title[:300],
        example_organisation=example.organisation.name[:200],
    )
    return action
