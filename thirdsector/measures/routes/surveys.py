"""URLs of the stakeholder survey, all under `surveys/`."""

from django.urls import path

from ..views import surveys as views

urlpatterns = [
    path("surveys/", views.survey_list, name="surveys"),
    path("surveys/new/", views.survey_new, name="survey-new"),
    path("surveys/results/", views.results, name="survey-results"),
    path("surveys/results/<slug:table>.csv", views.results_csv, name="survey-results-csv"),
    path("surveys/answers/", views.answers, name="survey-answers"),
    path("surveys/answers/<int:pk>/document/", views.evidence_document, name="survey-evidence-document"),
    path("surveys/respond/<str:token>/", views.respond, name="survey-respond"),
    path("surveys/<int:pk>/", views.survey_detail, name="survey"),
    path("surveys/<int:pk>/edit/", views.survey_edit, name="survey-edit"),
    path("surveys/<int:pk>/questions/add/", views.question_add, name="survey-question-add"),
    path("surveys/<int:pk>/questions/<int:question_pk>/edit/", views.question_edit, name="survey-question-edit"),
    path("surveys/<int:pk>/questions/<int:question_pk>/delete/", views.question_delete, name="survey-question-delete"),
    path(
        "surveys/<int:pk>/questions/<int:question_pk>/move/<slug:direction>/",
        views.question_move,
        name="survey-question-move",
    ),
    path("surveys/<int:pk>/send/", views.survey_send, name="survey-send"),
    path("surveys/<int:pk>/<slug:step>/", views.survey_step, name="survey-step"),
]
