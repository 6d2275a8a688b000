"""URLs for the applications behind the days-to-decide indicator."""

from django.urls import path

from ..views import decision_times

urlpatterns = [
    path("staff/decision-times/", decision_times.decision_times, name="decision-times"),
    path("staff/decision-times.csv", decision_times.decision_times_csv, name="decision-times-csv"),
]
