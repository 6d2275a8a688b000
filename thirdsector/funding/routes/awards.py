"""URLs for awards."""

from django.urls import path

from ..views import awards

urlpatterns = [
    path("applications/<str:reference>/award/", awards.award_create, name="award-create"),
    path("awards/<str:reference>/", awards.award_detail, name="award"),
    path("awards/<str:reference>/step/", awards.award_step, name="award-step"),
    path("awards/<str:reference>/variations/new/", awards.variation_request, name="variation-request"),
    path("awards/<str:reference>/variations/<int:pk>/", awards.variation_decision, name="variation-decision"),
    path("awards/<str:reference>/recoveries/new/", awards.recovery_create, name="recovery-create"),
    path("awards/<str:reference>/recoveries/<int:pk>/received/", awards.recovery_received, name="recovery-received"),
]
