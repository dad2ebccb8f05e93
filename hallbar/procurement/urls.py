from django.urls import path

from .views import follow_up, national, procurements, reference, shares, suppliers

app_name = "procurement"
urlpatterns = [
    path("", procurements.ProcurementListView.as_view(), name="list"),
    path("new/", procurements.ProcurementCreateView.as_view(), name="create"),
    path("shares/", shares.SharesView.as_view(), name="shares"),
    path("national/", national.NationalComparisonView.as_view(), name="national"),
    path("national/load/", national.StatisticsUploadView.as_view(), name="national-load"),
    path("cpv/", reference.CpvSearchView.as_view(), name="cpv"),
    path("criteria/", reference.CriteriaListView.as_view(), name="criteria"),
    path("follow-up/", follow_up.CheckListView.as_view(), name="checks"),
    path("<int:pk>/", procurements.ProcurementDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", procurements.ProcurementUpdateView.as_view(), name="edit"),
    path("<int:pk>/status/", procurements.ProcurementStatusView.as_view(), name="status"),
    path("<int:pk>/delete/", procurements.ProcurementDeleteView.as_view(), name="delete"),
    path("<int:pk>/checks/new/", follow_up.CheckCreateView.as_view(), name="check-create"),
    path("<int:pk>/suppliers/new/", suppliers.SupplierCreateView.as_view(), name="supplier-create"),
    path("suppliers/<int:pk>/delete/", suppliers.SupplierDeleteView.as_view(), name="supplier-delete"),
    path("checks/<int:pk>/edit/", follow_up.CheckUpdateView.as_view(), name="check-edit"),
    path("checks/<int:pk>/outcome/", follow_up.OutcomeView.as_view(), name="check-outcome"),
    path("checks/<int:pk>/delete/", follow_up.CheckDeleteView.as_view(), name="check-delete"),
]
