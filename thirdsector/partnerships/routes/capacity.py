"""Capacity building: support bodies, what they offer and where, requests for support and coverage gaps."""

from django.urls import path

from ..views import capacity as views

urlpatterns = [
    path("support/bodies/", views.body_list, name="capacity-bodies"),
    path("support/bodies.csv", views.body_list_csv, name="capacity-bodies-csv"),
    path("support/bodies/add/", views.body_edit, name="capacity-body-add"),
    path("support/bodies/<int:body_id>/", views.body_detail, name="capacity-body"),
    path("support/bodies/<int:body_id>/edit/", views.body_edit, name="capacity-body-edit"),
    path("support/bodies/<int:body_id>/history/", views.body_history, name="capacity-body-history"),
    path("support/bodies/<int:body_id>/offers/add/", views.offer_edit, name="capacity-offer-add"),
    path("support/bodies/<int:body_id>/offers/<int:offer_id>/edit/", views.offer_edit, name="capacity-offer-edit"),
    path("support/gaps/", views.gaps, name="capacity-gaps"),
    path("support/gaps.csv", views.gaps_csv, name="capacity-gaps-csv"),
    path("support/ask/", views.request_new, name="capacity-request-new"),
    path("support/my-requests/", views.my_requests, name="capacity-my-requests"),
    path("support/queue/", views.queue, name="capacity-queue"),
    path("support/requests/", views.staff_requests, name="capacity-requests"),
    path("support/requests.csv", views.staff_requests_csv, name="capacity-requests-csv"),
    path("support/overview/", views.overview, name="capacity-overview"),
    path("support/overview/<slug:slug>.csv", views.overview_csv, name="capacity-overview-csv"),
    path("support/requests/<str:reference>/", views.request_detail, name="capacity-request"),
    path("support/requests/<str:reference>/<slug:step>/", views.request_step, name="capacity-request-step"),
]
