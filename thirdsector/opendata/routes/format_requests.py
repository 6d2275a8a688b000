"""URLs for accessible formats: the public request form, and the staff queue and request pages."""

from django.urls import path

from ..views import format_requests as views

urlpatterns = [
    path("accessible-formats/request/", views.request_page, name="format-request-form"),
    path("accessible-formats/", views.queue, name="format-requests"),
    path("accessible-formats/<int:pk>/", views.detail, name="format-request"),
    path("accessible-formats/<int:pk>/<slug:step>/", views.step, name="format-request-step"),
]
