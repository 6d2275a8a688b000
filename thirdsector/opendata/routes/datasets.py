"""Stable URLs of the open datasets: never change them, people and harvesters bookmark them."""

from django.urls import path

from ..views import datasets as views

urlpatterns = [
    path("datasets/<slug:slug>.csv", views.download, {"file_format": "csv"}, name="dataset-csv"),
    path("datasets/<slug:slug>.json", views.download, {"file_format": "json"}, name="dataset-json"),
    path("datasets/<slug:slug>.xlsx", views.download, {"file_format": "xlsx"}, name="dataset-xlsx"),
    path("datasets/<slug:slug>/schema.json", views.schema, name="dataset-schema"),
]
