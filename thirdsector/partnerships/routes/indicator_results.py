"""URLs for councils' yearly results against their LAA targets, and the staff list behind NI 6 and NI 7."""

from django.urls import path

from ..views import indicator_results as views

urlpatterns = [
    path("local/agreements/<int:agreement_id>/results/", views.result_record, name="local-result-record"),
    path("local/indicator-results/", views.results_list, name="local-indicator-results"),
    path("local/indicator-results.csv", views.results_csv, name="local-indicator-results-csv"),
]
