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
    path("context/", include("hallbar.context.urls")),
    path("aspects/", include("hallbar.aspects.urls")),
    path("obligations/", include("hallbar.obligations.urls")),
    path("risks/", include("hallbar.risks.urls")),
    path("nonconformities/", include("hallbar.nonconformities.urls")),
    path("audits/", include("hallbar.audits.urls")),
    path("reviews/", include("hallbar.reviews.urls")),
    path("procurement/", include("hallbar.procurement.urls")),
    path("chemicals/", include("hallbar.chemicals.urls")),
    path("consumption/", include("hallbar.consumption.urls")),
    path("climate/", include("hallbar.climate.urls")),
    path("documents/", include("hallbar.documents.urls")),
    path("maturity/", include("hallbar.maturity.urls")),
    path("dialog/", include("hallbar.dialogue.urls")),
    path("oversikt/", include("hallbar.overview.urls")),
    path("networks/", include("hallbar.networks.urls")),
    path("examples/", include("hallbar.examples.urls")),
    path("reports/", include("hallbar.reports.urls")),
    path("", include("hallbar.portal.urls")),  # portal/… and the public pages (kommun/<slug>/ …)
    path("api/", include("hallbar.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
]

handler403 = "hallbar.web.errors.permission_denied"
handler404 = "hallbar.web.errors.page_not_found"
handler500 = "hallbar.web.errors.server_error"
