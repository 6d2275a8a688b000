"""URLs for boards: the public list and pages, and the secretariat's set-up pages."""

from django.urls import path

from ..views import boards

urlpatterns = [
    path("boards/", boards.board_list, name="boards"),
    path("boards/new/", boards.board_create, name="board-create"),
    path("boards/<slug:slug>/", boards.board_detail, name="board"),
    path("boards/<slug:slug>/edit/", boards.board_edit, name="board-edit"),
    path("boards/<slug:slug>/members/new/", boards.member_add, name="board-member-add"),
    path("boards/<slug:slug>/members/<int:membership_id>/end/", boards.member_end, name="board-member-end"),
    path(
        "boards/<slug:slug>/members/<int:membership_id>/declarations/new/",
        boards.declaration_add,
        name="board-declaration-add",
    ),
]
