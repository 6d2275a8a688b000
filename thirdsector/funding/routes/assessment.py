"""URLs for assessment, all under /funding/assessment/ so no other capability's patterns shadow them."""

from django.urls import path

from ..views import assessment

urlpatterns = [
    path("assessment/", assessment.my_assessments, name="my-assessments"),
    path("assessment/<int:pk>/declare/", assessment.assessment_declare, name="assessment-declare"),
    path("assessment/<int:pk>/score/", assessment.assessment_score, name="assessment-score"),
    path("assessment/<int:pk>/remove/", assessment.assessment_remove, name="assessment-remove"),
    path("assessment/applications/<str:reference>/assessors/", assessment.assessment_assign, name="assessment-assign"),
    path("assessment/applications/<str:reference>/moderation/", assessment.moderation, name="moderation"),
    path("assessment/applications/<str:reference>/decision/", assessment.decision, name="decision"),
]
