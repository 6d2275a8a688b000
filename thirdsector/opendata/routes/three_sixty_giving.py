"""Stable URLs of the 360Giving grants: never change them, 360Giving's registry harvests from them."""

from django.urls import path

from ..views import three_sixty_giving as views

urlpatterns = [
    path("360giving/grants.json", views.grants_file, {"file_format": "json"}, name="360giving-json"),
    path("360giving/grants.csv", views.grants_file, {"file_format": "csv"}, name="360giving-csv"),
    path("360giving/grants.xlsx", views.grants_file, {"file_format": "xlsx"}, name="360giving-xlsx"),
    path("360giving/data.json", views.package_index, name="360giving-index"),
]
