"""URLs for strategic partner status."""

from django.urls import path

from ..views import partners

urlpatterns = [
    path("strategic-partners/criteria/", partners.partner_criteria, name="partner-criteria"),
    path("strategic-partners/", partners.partner_list, name="partners"),
    path("strategic-partners/<int:pk>/", partners.partner_detail, name="partner"),
    path("strategic-partners/<int:pk>/<slug:step>/", partners.partner_step, name="partner-step"),
    path("organisations/<int:pk>/strategic-partner/", partners.partner_register, name="partner-register"),
]
