"""API of small grants through local funders: end grants, under /api/small-grants/."""

urlpatterns = []
