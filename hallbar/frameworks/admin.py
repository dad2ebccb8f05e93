from django.contrib import admin

from hallbar.core.admin import ReadOnlyAdmin

from .models import FrameworkItem, Library


@admin.register(Library)
class LibraryAdmin(ReadOnlyAdmin):
    list_display = ["urn", "name_en", "kind", "version", "loaded_at"]


@admin.register(FrameworkItem)
class FrameworkItemAdmin(ReadOnlyAdmin):
    list_display = ["urn", "ref", "name_en", "level", "is_deprecated"]
    list_filter = ["library", "level", "is_deprecated"]
    search_fields = ["urn", "ref", "name_sv", "name_en"]
