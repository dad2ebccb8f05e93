from django.urls import path

from .views import overview, parties, scan, scope

app_name = "context"
urlpatterns = [
    path("", overview.ContextIndexView.as_view(), name="index"),
    path("parties/", parties.PartyListView.as_view(), name="parties"),
    path("parties/new/", parties.PartyCreateView.as_view(), name="party-create"),
    path("parties/<int:pk>/", parties.PartyDetailView.as_view(), name="party"),
    path("parties/<int:pk>/edit/", parties.PartyUpdateView.as_view(), name="party-edit"),
    path("parties/<int:pk>/delete/", parties.PartyDeleteView.as_view(), name="party-delete"),
    path("scan/", scan.ScanListView.as_view(), name="scan"),
    path("scan/pestle/", overview.PestleOverviewView.as_view(), name="pestle"),
    path("scan/new/", scan.ScanItemCreateView.as_view(), name="scan-create"),
    path("scan/<int:pk>/", scan.ScanItemDetailView.as_view(), name="scan-item"),
    path("scan/<int:pk>/edit/", scan.ScanItemUpdateView.as_view(), name="scan-edit"),
    path("scan/<int:pk>/archive/", scan.ScanItemArchiveView.as_view(), name="scan-archive"),
    path("scan/<int:pk>/delete/", scan.ScanItemDeleteView.as_view(), name="scan-delete"),
    path("scope/", scope.ScopeView.as_view(), name="scope"),
    path("scope/new/", scope.ScopeVersionCreateView.as_view(), name="scope-create"),
    path("scope/<int:pk>/", scope.ScopeVersionView.as_view(), name="scope-version"),
    path("scope/<int:pk>/edit/", scope.ScopeDraftUpdateView.as_view(), name="scope-edit"),
    path("scope/<int:pk>/delete/", scope.ScopeDraftDeleteView.as_view(), name="scope-delete"),
]
