"""URLs of the public network: the criteria, the list, the map and their downloads."""

from django.urls import path

from ..views import network as views

urlpatterns = [
    path("", views.network_list, name="network"),
    path("anchors.csv", views.network_csv, name="network-csv"),
    path("map/", views.network_map, name="map"),
    path("map.csv", views.network_map_csv, name="map-csv"),
    path("criteria/", views.criteria, name="criteria"),
]
