"""URLs for consultations: the public pages, responding, and the staff pages under manage/."""

from django.urls import path

from ..views import consultations_public as public
from ..views import consultations_staff as staff

urlpatterns = [
    path("consultations/", public.consultation_list, name="consultations"),
    path("consultations/outcomes/", public.outcome_list, name="consultation-outcomes"),
    path("consultations/<int:pk>/", public.consultation_detail, name="consultation"),
    path(
        "consultations/<int:pk>/documents/<int:document_pk>/",
        public.consultation_document,
        name="consultation-document",
    ),
    path("consultations/<int:pk>/respond/", public.respond_start, name="consultation-respond"),
    path("consultations/<int:pk>/formats/", public.format_request, name="consultation-format-request"),
    path("consultations/responses/<str:token>/", public.response_edit, name="consultation-response"),
    path("consultations/responses/<str:token>/saved/", public.response_saved, name="consultation-response-saved"),
    path(
        "consultations/responses/<str:token>/submitted/",
        public.response_submitted,
        name="consultation-response-submitted",
    ),
    path("consultations/manage/", staff.manage_list, name="consultations-manage"),
    path("consultations/manage/new/", staff.manage_create, name="consultation-new"),
    path("consultations/manage/overdue-outcomes/", staff.manage_overdue_outcomes, name="consultation-outcomes-overdue"),
    path("consultations/manage/<int:pk>/", staff.manage_detail, name="consultation-manage"),
    path("consultations/manage/<int:pk>/edit/", staff.manage_edit, name="consultation-edit"),
    path("consultations/manage/<int:pk>/short-period/", staff.manage_short_period, name="consultation-short-period"),
    path("consultations/manage/<int:pk>/questions/add/", staff.manage_question_add, name="consultation-question-add"),
    path(
        "consultations/manage/<int:pk>/questions/<int:question_pk>/",
        staff.manage_question_edit,
        name="consultation-question-edit",
    ),
    path(
        "consultations/manage/<int:pk>/questions/<int:question_pk>/delete/",
        staff.manage_question_delete,
        name="consultation-question-delete",
    ),
    path(
        "consultations/manage/<int:pk>/questions/<int:question_pk>/move/<slug:direction>/",
        staff.manage_question_move,
        name="consultation-question-move",
    ),
    path("consultations/manage/<int:pk>/documents/add/", staff.manage_document_add, name="consultation-document-add"),
    path(
        "consultations/manage/<int:pk>/engagement/add/", staff.manage_engagement_add, name="consultation-engagement-add"
    ),
    path("consultations/manage/<int:pk>/analysis/", staff.manage_analysis, name="consultation-analysis"),
    path("consultations/manage/<int:pk>/themes/add/", staff.manage_theme_add, name="consultation-theme-add"),
    path("consultations/manage/<int:pk>/outcome/", staff.manage_outcome, name="consultation-outcome"),
    path("consultations/manage/<int:pk>/steps/<slug:step>/", staff.manage_step, name="consultation-step"),
    path(
        "consultations/manage/<int:pk>/responses/record/",
        staff.manage_record_response,
        name="consultation-record-response",
    ),
    path(
        "consultations/manage/<int:pk>/responses.<str:file_format>",
        staff.manage_export,
        name="consultation-export",
    ),
    path("consultations/manage/<int:pk>/formats/", staff.manage_format_requests, name="consultation-format-requests"),
    path(
        "consultations/manage/formats/<int:pk>/<slug:step>/",
        staff.manage_format_step,
        name="consultation-format-step",
    ),
]
