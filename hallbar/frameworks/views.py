"""The read-only library browser. Framework libraries are shared reference data, not organisation data."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView

from .models import FrameworkItem, Library
from .queries import item_tree, libraries, related_items, search_items

# Sections that apps higher up (plans, …) add to the item page without this core app importing them:
# each is ``callable(request, item) -> {"template": ..., **context} | None``.
ITEM_SECTIONS: list = []


def register_item_section(section) -> None:
    if section not in ITEM_SECTIONS:
        ITEM_SECTIONS.append(section)


class LibraryListView(LoginRequiredMixin, TemplateView):
    template_name = "frameworks/library_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["libraries"] = libraries()
        return context


class LibraryDetailView(LoginRequiredMixin, DetailView):
    model = Library
    slug_field = slug_url_kwarg = "urn"
    template_name = "frameworks/library_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tree"] = item_tree(self.object)
        context["mappings"] = self.object.mappings.select_related("source__library", "target__library")
        return context


class ItemDetailView(LoginRequiredMixin, DetailView):
    model = FrameworkItem
    slug_field = slug_url_kwarg = "urn"
    template_name = "frameworks/item_detail.html"

    def get_queryset(self):
        return FrameworkItem.objects.select_related("library", "parent")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["children"] = self.object.children.filter(is_deprecated=False).order_by("order")
        context["related"] = related_items(self.object)
        sections = (section(self.request, self.object) for section in ITEM_SECTIONS)
        context["sections"] = [section for section in sections if section]
        return context


class SearchView(LoginRequiredMixin, ListView):
    template_name = "frameworks/search.html"
    paginate_by = 50
    context_object_name = "items"

    def get_queryset(self):
        self.query = self.request.GET.get("q", "").strip()
        self.library = None
        if self.request.GET.get("library"):
            self.library = get_object_or_404(Library, urn=self.request.GET["library"])
        return search_items(self.query, self.library) if self.query else FrameworkItem.objects.none()

    def get_context_data(self, **kwargs):
        return super().get_context_data(query=self.query, library=self.library, libraries=libraries(), **kwargs)
