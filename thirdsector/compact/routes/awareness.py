"""URLs for staff awareness: training sessions, attendance, teams and the share trained."""

from django.urls import path

from ..views import awareness

urlpatterns = [
    path("training/", awareness.completion, name="training-completion"),
    path("training/sessions/", awareness.session_list, name="training-sessions"),
    path("training/sessions/new/", awareness.session_new, name="training-session-new"),
    path("training/sessions/<int:pk>/", awareness.session_detail, name="training-session"),
    path("training/teams/new/", awareness.team_new, name="team-new"),
    path("training/teams/<int:pk>/", awareness.team_detail, name="team"),
    path(
        "training/teams/<int:pk>/members/<int:membership_pk>/leave/",
        awareness.team_member_leave,
        name="team-member-leave",
    ),
]
