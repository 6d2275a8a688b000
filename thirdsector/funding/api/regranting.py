"""API of the small grants fund's allocation to local funders, under /api/small-grants/."""

urlpatterns = []
