"""URLs for the Compact dashboard (staff and the Commissioner) and the public Compact statistics."""

from django.urls import path

from ..views import dashboard

urlpatterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("dashboard/<slug:table>.csv", dashboard.dashboard_csv, name="dashboard-csv"),
    path("dashboard/<slug:figure>/", dashboard.dashboard_rows, name="dashboard-rows"),
    path("statistics/", dashboard.statistics, name="statistics"),
    path("statistics/<slug:table>.csv", dashboard.statistics_csv, name="statistics-csv"),
    path("statistics/consultations/", dashboard.statistics_consultations, name="statistics-consultations"),
]
