"""Read models for the library browser and the API."""

from django.db.models import Count, Q

from hallbar.core.trees import nest

from .models import FrameworkItem, Library


def libraries():
    return Library.objects.annotate(
        item_count=Count("items", filter=Q(items__is_deprecated=False), distinct=True),
        mapping_count=Count("mappings", distinct=True),
    ).order_by("kind", "name_en")


def search_items(query: str, library: Library | None = None):
    """Items whose reference, name or description contains every word of the query (either language)."""
    items = FrameworkItem.objects.select_related("library", "parent").filter(is_deprecated=False)
    if library is not None:
        items = items.filter(library=library)
    for word in query.split():
        items = items.filter(
            Q(ref__iexact=word)
            | Q(ref__istartswith=f"{word}.")
            | Q(name_sv__icontains=word)
            | Q(name_en__icontains=word)
            | Q(description_sv__icontains=word)
            | Q(description_en__icontains=word)
        )
    return items.order_by("library__name_en", "order")


def item_tree(library: Library) -> list[dict]:
    return nest(library.items.filter(is_deprecated=False).order_by("order"), "item")


def related_items(item: FrameworkItem) -> list[dict]:
    """Cross-mapped items in both directions, as ``{relation, item, direction}``."""
    related = []
    for mapping in item.mappings_out.select_related("target__library"):
        related.append({"relation": mapping.get_relation_display(), "item": mapping.target, "outgoing": True})
    for mapping in item.mappings_in.select_related("source__library"):
        related.append({"relation": mapping.get_relation_display(), "item": mapping.source, "outgoing": False})
    return related
