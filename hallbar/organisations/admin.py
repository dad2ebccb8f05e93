from django.contrib import admin

from .models import County, Municipality, Organisation, OrganisationUnit


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "official_code", "org_number", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "official_code", "org_number"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["municipality", "county"]


@admin.register(OrganisationUnit)
class OrganisationUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "organisation", "parent", "is_active"]
    list_filter = ["organisation", "kind", "is_active"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["parent"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "county", "skr_group", "population"]
    list_filter = ["county", "skr_group"]
    search_fields = ["code", "name"]

    def has_change_permission(self, request, obj=None):
        return False  # reference data: loaded from files, see load_municipalities


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "population"]
    search_fields = ["code", "name"]

    def has_change_permission(self, request, obj=None):
        return False
