"""A proposal's URLs, and the applicant portal."""

from django.urls import path

from ..views import proposals

urlpatterns = [
    path("my-proposals/", proposals.applicant_portal, name="applicant"),
    path("<int:pk>/propose/", proposals.start, name="propose"),
    path("proposals/<str:reference>/", proposals.detail, name="proposal"),
    path("proposals/<str:reference>/answers/", proposals.edit, name="proposal-edit"),
    path("proposals/<str:reference>/documents/", proposals.upload, name="proposal-upload"),
    path("proposals/<str:reference>/documents/<int:pk>/", proposals.document, name="proposal-document"),
    path("proposals/<str:reference>/council-support/", proposals.council_support, name="proposal-support"),
    path("proposals/<str:reference>/submit/", proposals.submit, name="proposal-submit"),
    path("proposals/<str:reference>/withdraw/", proposals.withdraw, name="proposal-withdraw"),
    path("proposals/<str:reference>/legal-completion/", proposals.completion, name="proposal-completion"),
    path("proposals/<str:reference>/history/", proposals.history, name="proposal-history"),
]
