"""URLs of the strategy dashboards and each indicator; the indicator's slug patterns come last in `urls.py`."""

from django.urls import path

from ..views import indicators as views

dashboards = [
    path("", views.dashboard, name="dashboard"),
    path("public/", views.public_dashboard, name="public-dashboard"),
    path("recompute/", views.recompute, name="recompute"),
]

indicator_pages = [
    path("<slug:slug>/", views.indicator_page, name="indicator"),
    path("<slug:slug>/<slug:table>.csv", views.indicator_csv, name="indicator-csv"),
    path("<slug:slug>/target/", views.target_edit, name="target"),
]
