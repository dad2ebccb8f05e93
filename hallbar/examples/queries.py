"""Read models of the good examples library: the filtered library, what a network shows, the origin of
a copied action. Every function returns only examples that are shared (not withdrawn)."""

from django.db.models import Q

from hallbar.frameworks.models import FrameworkItem
from hallbar.organisations.models import County, Municipality

from .models import Example, ExampleOrigin, SavedExample, Theme


def listed(queryset=None):
    queryset = Example.objects.visible() if queryset is None else queryset
    return queryset.select_related(
        "organisation", "organisation__municipality", "organisation__county", "organisation__municipality__county"
    ).prefetch_related("themes")


def library(*, text="", theme=None, framework_item=None, skr_group="", county=None):
    """The library filtered by free text, theme, framework item (or any item below it), the SKR
    municipality group and the county of the sharing organisation."""
    examples = listed()
    if text:
        words = Q()
        for word in text.split():
            words &= (
                Q(title__icontains=word)
                | Q(what_was_done__icontains=word)
                | Q(result_text__icontains=word)
                | Q(organisation__name__icontains=word)
            )
        examples = examples.filter(words)
    if theme is not None:
        examples = examples.filter(themes=theme)
    if framework_item is not None:
        item_ids = [framework_item.pk, *framework_item.children.values_list("pk", flat=True)]
        examples = examples.filter(framework_items__in=item_ids)
    if skr_group:
        examples = examples.filter(organisation__municipality__skr_group=skr_group)
    if county is not None:
        examples = examples.filter(Q(organisation__municipality__county=county) | Q(organisation__county=county))
    return examples.distinct()


def shared_by(organisations):
    """The examples shared by ``organisations`` (a queryset or list of organisations or their ids):
    for a network's page."""
    return listed().filter(organisation__in=organisations)


def theme_choices():
    return Theme.objects.filter(is_active=True)


def framework_item_choices():
    """The framework items that shared examples name (the filter offers only these)."""
    used = Example.objects.visible().values("framework_items")
    return FrameworkItem.objects.filter(pk__in=used).select_related("library").order_by("library__kind", "order")


def skr_group_choices() -> list[tuple[str, str]]:
    rows = (
        Municipality.objects.exclude(skr_group="")
        .values_list("skr_group", "skr_group_name")
        .distinct()
        .order_by("skr_group")
    )
    return [(code, f"{code} {name}".strip()) for code, name in rows]


def county_choices():
    return County.objects.order_by("name")


def saved_ids(user) -> set[int]:
    return set(SavedExample.objects.filter(user=user).values_list("example_id", flat=True))


def saved_for(user):
    return listed().filter(saved_by__user=user).order_by("-saved_by__saved_at")


def copies_in(example: Example, organisation_id: int):
    """The actions of ``organisation_id`` copied from ``example``."""
    return ExampleOrigin.objects.filter(example=example, action__organisation_id=organisation_id).select_related(
        "action"
    )


def copy_count(example: Example) -> int:
    return example.copies.count()


def origin_of(action) -> ExampleOrigin | None:
    """Where a copied action came from (the example, when it is still shared, and its title)."""
    origin = ExampleOrigin.objects.filter(action=action).select_related("example").first()
    if origin is not None and origin.example is not None and origin.example.withdrawn_at is not None:
        origin.example = None  # withdrawn: shown as text only
    return origin


def example_page(example: Example) -> dict:
    return {
        "themes": list(example.themes.all()),
        "goals": [goal.title for goal in example.goals.all()],
        "framework_items": list(example.framework_items.select_related("library")),
        "attachments": list(example.attachments.all()),
        "copies": copy_count(example),
    }
