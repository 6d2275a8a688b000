"""URLs for board meetings: the meeting page and the secretariat's steps, actions, published minutes."""

from django.urls import path

from ..views import meetings

urlpatterns = [
    path("boards/<slug:slug>/meetings/new/", meetings.meeting_create, name="meeting-create"),
    path("boards/<slug:slug>/actions/", meetings.board_actions, name="board-actions"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/agenda/new/", meetings.agenda_item_add, name="meeting-agenda-add"),
    path("meetings/<int:pk>/agenda/<int:item_id>/papers/new/", meetings.paper_upload, name="meeting-paper-upload"),
    path("meetings/<int:pk>/papers/<int:paper_id>/", meetings.paper_download, name="meeting-paper"),
    path("meetings/<int:pk>/circulate/", meetings.papers_circulate, name="meeting-circulate"),
    path("meetings/<int:pk>/held/", meetings.meeting_hold, name="meeting-hold"),
    path("meetings/<int:pk>/attendance/", meetings.attendance_record, name="meeting-attendance"),
    path("meetings/<int:pk>/minutes/", meetings.minutes_draft, name="meeting-minutes"),
    path("meetings/<int:pk>/minutes/approve/", meetings.minutes_approve, name="meeting-minutes-approve"),
    path("meetings/<int:pk>/decisions/new/", meetings.decision_add, name="meeting-decision-add"),
    path("meetings/<int:pk>/actions/new/", meetings.action_add, name="meeting-action-add"),
    path("meetings/<int:pk>/actions/<int:action_id>/done/", meetings.action_complete, name="meeting-action-done"),
    path("actions/overdue/", meetings.actions_overdue, name="actions-overdue"),
    path("minutes/", meetings.minutes_list, name="minutes"),
    path("minutes/<int:pk>/", meetings.minutes_detail, name="minutes-detail"),
]
