"""API of the small grants fund's allocation to local funders, under /api/v1/allocation/: read-only.

Funds and every local funder's allocation for department staff and the Commissioner; a member of a
local funder sees its own allocations only, as on the pages. Keyset pages.
"""

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.mixins import ListModelMixin, RetrieveModelMixin
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.routers import SimpleRouter

from thirdsector.accounts.access import OVERSIGHT_ROLES
from thirdsector.register.api.access import RegisterApiViewSet

from ..models import AllocationFund, FunderAllocation
from ..selectors.regranting import visible_funder_allocations

KEYSET = "Pages are keyset cursors: follow `next` and `previous`."


class Oversees(BasePermission):
    def has_permission(self, request, view) -> bool:
        return request.user.is_authenticated and request.user.has_role(*OVERSIGHT_ROLES)


class AllocationFundSerializer(serializers.ModelSerializer):
    programme = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    status = serializers.CharField(read_only=True)

    class Meta:
        model = AllocationFund
        fields = [
            "slug", "name", "programme", "financial_year", "total", "floor_per_area", "admin_share_percent",
            "weight_population", "weight_deprivation", "weight_small_groups", "small_group_income_limit",
            "end_grant_minimum", "end_grant_maximum", "end_grant_months", "status", "used_solver",
            "calculated_at", "approved_at",
        ]  # fmt: skip


class FunderAllocationSerializer(serializers.ModelSerializer):
    fund = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    local_funder = serializers.CharField(source="local_funder.organisation.name", read_only=True)
    organisation_id = serializers.IntegerField(source="local_funder.organisation_id", read_only=True)
    admin_share = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    regrant_budget = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    award = serializers.SlugRelatedField(slug_field="reference", read_only=True)
    local_programme = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = FunderAllocation
        fields = [
            "id", "fund", "local_funder", "organisation_id", "calculated_amount", "amount", "floor", "capacity",
            "admin_share", "regrant_budget", "award", "local_programme",
        ]  # fmt: skip


@extend_schema_view(
    list=extend_schema(tags=["allocation"], summary="Funds allocated to local funders", description=KEYSET),
    retrieve=extend_schema(tags=["allocation"], summary="A fund allocated to local funders"),
)
class AllocationFundViewSet(ListModelMixin, RetrieveModelMixin, RegisterApiViewSet):
    access = "roles: " + ", ".join(sorted(OVERSIGHT_ROLES))
    permission_classes = [Oversees]
    http_method_names = ["get", "head", "options"]
    serializer_class = AllocationFundSerializer
    keyset_ordering = ("id", "id")
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"

    def get_queryset(self) -> QuerySet[AllocationFund]:
        return AllocationFund.objects.select_related("programme")


@extend_schema_view(
    list=extend_schema(
        tags=["allocation"],
        summary="Local funders' allocations",
        description=f"Every allocation for oversight; a local funder's members see their own. {KEYSET}",
    ),
    retrieve=extend_schema(tags=["allocation"], summary="A local funder's allocation"),
)
class FunderAllocationViewSet(ListModelMixin, RetrieveModelMixin, RegisterApiViewSet):
    access = "signed in; oversight roles see every allocation, a local funder's members their own"
    permission_classes = [IsAuthenticated]
    http_method_names = ["get", "head", "options"]
    serializer_class = FunderAllocationSerializer
    keyset_ordering = ("id", "id")
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[FunderAllocation]:
        rows = visible_funder_allocations(self.request.user)
        fund = self.request.query_params.get("fund")
        return rows.filter(fund__slug=fund) if fund else rows


router = SimpleRouter()
router.register("allocation/funds", AllocationFundViewSet, basename="allocation-fund")
router.register("allocation/funder-allocations", FunderAllocationViewSet, basename="allocation-funder")

urlpatterns = router.urls
