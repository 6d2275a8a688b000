"""URLs of the yearly financial returns."""

from django.urls import path

from ..views import returns as views

urlpatterns = [
    path("returns/", views.queue, name="return-queue"),
    path("returns/<int:return_id>/", views.return_page, name="return"),
    path("returns/<int:return_id>/accept/", views.accept, name="return-accept"),
    path("returns/<int:return_id>/send-back/", views.send_back, name="return-send-back"),
    path("returns/<int:return_id>/history/", views.return_history, name="return-history"),
    path("<int:anchor_id>/returns/new/", views.submit, name="return-submit"),
    path("<int:anchor_id>/returns/<int:year>/", views.submit, name="return-correct"),
]
