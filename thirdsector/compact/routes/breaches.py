"""URLs for breaches: reporting, the reporter's private status link, and the staff case pages."""

from django.urls import path

from ..views import breaches

urlpatterns = [
    path("breaches/report/", breaches.breach_report, name="breach-report"),
    path("breaches/reported/<str:token>/", breaches.breach_reported, name="breach-reported"),
    path("breaches/status/<str:token>/", breaches.breach_status, name="breach-status"),
    path("breaches/", breaches.breach_list, name="breach-list"),
    path("breaches/cases/<str:reference>/", breaches.breach_detail, name="breach"),
    path("breaches/cases/<str:reference>/steps/<slug:step>/", breaches.breach_step, name="breach-step"),
    path("breaches/cases/<str:reference>/updates/", breaches.breach_update, name="breach-update"),
    path("breaches/cases/<str:reference>/evidence/", breaches.breach_evidence, name="breach-evidence"),
]
