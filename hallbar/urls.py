from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("hallbar.web.urls")),
    path("accounts/", include("hallbar.accounts.urls")),
    path("organisation/", include("hallbar.organisations.urls")),
    path("frameworks/", include("hallbar.frameworks.urls")),
    path("history/", include("hallbar.history.urls")),
    path("imports/", include("hallbar.imports.urls")),
    path("plans/", include("hallbar.plans.urls")),
    path("actions/", include("hallbar.actions.urls")),
    path("indicators/", include("hallbar.indicators.urls")),
    path("reporting/", include("hallbar.reporting.urls")),
    path("kolada/", include("hallbar.kolada.urls")),
    path("api/", include("hallbar.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
]

handler403 = "hallbar.web.errors.permission_denied"
handler404 = "hallbar.web.errors.page_not_found"
handler500 = "hallbar.web.errors.server_error"
