"""URLs for policy proofing."""

from django.urls import path

from ..views import proofing

urlpatterns = [
    path("policies/", proofing.policy_list, name="policies"),
    path("policies/new/", proofing.policy_new, name="policy-new"),
    path("policies/<int:pk>/", proofing.policy_detail, name="policy"),
    path("policies/<int:pk>/edit/", proofing.policy_edit, name="policy-edit"),
    path("policies/<int:pk>/assessments/new/", proofing.assessment_new, name="assessment-new"),
    path("assessments/<int:pk>/", proofing.assessment_detail, name="assessment"),
    path("assessments/<int:pk>/edit/", proofing.assessment_edit, name="assessment-edit"),
    path("assessments/<int:pk>/submit/", proofing.assessment_submit, name="assessment-submit"),
    path("assessments/<int:pk>/sign-off/", proofing.assessment_sign_off, name="assessment-sign-off"),
    path("assessments/<int:pk>/comments/", proofing.assessment_comment, name="assessment-comment"),
]
