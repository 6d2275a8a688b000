"""URLs of the board packs, all under `board-packs/`."""

from django.urls import path

from ..views import board_packs as views

urlpatterns = [
    path("board-packs/", views.pack_list, name="board-packs"),
    path("board-packs/new/", views.pack_request, name="board-pack-request"),
    path("board-packs/<int:pk>/", views.pack_page, name="board-pack"),
    path("board-packs/<int:pk>/try-again/", views.pack_try_again, name="board-pack-try-again"),
    path("board-packs/<int:pk>/pack.pdf", views.pack_pdf, name="board-pack-pdf"),
]
