"""URLs where an anchor keeps its services."""

from django.urls import path

from ..views import directory as views

urlpatterns = [
    path("<int:anchor_id>/services/new/", views.service_form, name="service-add"),
    path("<int:anchor_id>/services/<int:service_id>/", views.service_page, name="service"),
    path("<int:anchor_id>/services/<int:service_id>/edit/", views.service_form, name="service-edit"),
    path(
        "<int:anchor_id>/services/<int:service_id>/openings/<int:opening_id>/remove/",
        views.opening_remove,
        name="opening-remove",
    ),
]
