"""URLs for the Community Call for Action: raising a call, the raiser's private status link, the council's
case pages and the public statistics."""

from django.urls import path

from ..views import ccfa

urlpatterns = [
    path("community-calls/raise/", ccfa.call_raise, name="ccfa-raise"),
    path("community-calls/raised/<str:token>/", ccfa.call_raised, name="ccfa-raised"),
    path("community-calls/status/<str:token>/", ccfa.call_status, name="ccfa-status"),
    path(
        "community-calls/status/<str:token>/<slug:document>/",
        ccfa.call_status_document,
        name="ccfa-status-document",
    ),
    path("community-calls/statistics/", ccfa.call_statistics, name="ccfa-statistics"),
    path("community-calls/", ccfa.call_list, name="ccfa-list"),
    path("community-calls.csv", ccfa.call_list_csv, name="ccfa-list-csv"),
    path("community-calls/calls/<str:reference>/", ccfa.call_detail, name="ccfa-case"),
    path("community-calls/calls/<str:reference>/steps/<slug:step>/", ccfa.call_step, name="ccfa-step"),
    path("community-calls/calls/<str:reference>/documents/<slug:document>/", ccfa.call_document, name="ccfa-document"),
]
