"""URLs of an anchor's own pages, designation and the members' start page."""

from django.urls import path

from ..views import anchors as views
from ..views import designation

urlpatterns = [
    path("yours/", views.mine, name="mine"),
    path("propose/<int:organisation_id>/", designation.propose_page, name="propose"),
    path("designations/", designation.queue, name="designation-queue"),
    path("<int:anchor_id>/", views.anchor_page, name="anchor"),
    path("<int:anchor_id>/trend.csv", views.anchor_trend_csv, name="anchor-trend-csv"),
    path("<int:anchor_id>/history/", views.anchor_history, name="anchor-history"),
    path("<int:anchor_id>/designate/", designation.designate_view, name="designate"),
    path("<int:anchor_id>/refuse/", designation.refuse_view, name="refuse"),
    path("<int:anchor_id>/renew/", designation.renew_view, name="renew"),
]
