"""The small grants fund: deprivation data, local funders and the allocation of the fund to them."""

urlpatterns = []
