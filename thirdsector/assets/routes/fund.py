"""The fund's staff pages and the post-transfer returns."""

from django.urls import path

from ..views import fund, returns

urlpatterns = [
    path("fund/", fund.dashboard, name="dashboard"),
    path("fund/proposals/", fund.proposals, name="fund-proposals"),
    path("<int:pk>/history/", fund.asset_history, name="asset-history"),
    path("returns/<int:pk>/", returns.return_detail, name="return"),
]
