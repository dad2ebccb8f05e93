from django.contrib import admin

from hallbar.core.admin import ReadOnlyAdmin

from .models import ChangeRecord


@admin.register(ChangeRecord)
class ChangeRecordAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "organisation", "actor", "action", "content_type", "object_repr"]
    list_filter = ["action", "organisation", "content_type"]
    search_fields = ["object_repr"]
