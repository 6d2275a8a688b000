"""The strategy dashboards and indicators, under /measures/."""

from django.urls import path

from . import views

app_name = "measures"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("public/", views.public_dashboard, name="public-dashboard"),
    path("recompute/", views.recompute, name="recompute"),
    path("<slug:slug>/", views.indicator_page, name="indicator"),
    path("<slug:slug>/<slug:table>.csv", views.indicator_csv, name="indicator-csv"),
    path("<slug:slug>/target/", views.target_edit, name="target"),
]
