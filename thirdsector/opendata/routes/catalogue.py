"""URLs for the data catalogue."""

from django.urls import path

from ..views import catalogue

urlpatterns = [
    path("", catalogue.catalogue, name="catalogue"),
]
