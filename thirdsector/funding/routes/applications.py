"""URLs for applications and the applicant portal."""

from django.urls import path

from ..views import applications, portal

urlpatterns = [
    path("rounds/<int:pk>/apply/", applications.apply_start, name="apply"),
    path("applications/<str:reference>/", applications.application_detail, name="application"),
    path("applications/<str:reference>/tasks/", applications.application_tasks, name="application-tasks"),
    path(
        "applications/<str:reference>/questions/<slug:slug>/",
        applications.application_question,
        name="application-question",
    ),
    path("applications/<str:reference>/documents/", applications.application_documents, name="application-documents"),
    path(
        "applications/<str:reference>/documents/<int:pk>/",
        applications.application_document,
        name="application-document",
    ),
    path(
        "applications/<str:reference>/documents/<int:pk>/remove/",
        applications.application_document_remove,
        name="application-document-remove",
    ),
    path("applications/<str:reference>/check/", applications.application_check, name="application-check"),
    path("applications/<str:reference>/submit/", applications.application_submit, name="application-submit"),
    path("applications/<str:reference>/submitted/", applications.application_submitted, name="application-submitted"),
    path("applications/<str:reference>/messages/", applications.application_message, name="application-message"),
    path("applications/<str:reference>/withdraw/", applications.application_withdraw, name="application-withdraw"),
    path("portal/", portal.portal, name="portal"),
    path("portal/<slug:section>/", portal.portal_section, name="portal-section"),
]
