"""URLs of the network dashboard."""

from django.urls import path

from ..views import dashboard as views

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/rows/", views.dashboard_rows, name="dashboard-rows"),
    path("dashboard/<slug:table>.csv", views.dashboard_csv, name="dashboard-csv"),
]
