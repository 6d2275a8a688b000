"""The anchors API: the network (public), financial returns (oversight), the sustainability figures
(dashboard readers) and the Open Referral UK services feed (public). Same permissions as the pages.
"""

from django.db.models import QuerySet
from django.urls import re_path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.mixins import ListModelMixin, RetrieveModelMixin
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from thirdsector.accounts.access import OVERSIGHT_ROLES
from thirdsector.register.api.access import PUBLIC_READ_ONLY, RegisterApiViewSet

from ..models import Anchor, AnchorStatus, FinancialReturn
from ..selectors.network import network_sustainability, sustainability_by_region
from ..views.dashboard import DASHBOARD_ROLES
from . import oruk

KEYSET = "Pages are keyset cursors: follow `next` and `previous`."


class HoldsRole(BasePermission):
    """Only people holding one of the view's `roles`."""

    message = "You do not have a role that may read this"

    def has_permission(self, request, view) -> bool:
        return request.user.is_authenticated and request.user.has_role(*view.roles)


class AnchorSerializer(serializers.ModelSerializer):
    organisation_id = serializers.IntegerField()
    name = serializers.CharField(source="organisation.name")
    local_authority = serializers.CharField(source="organisation.local_authority.name", allow_null=True, default=None)
    local_authority_gss_code = serializers.CharField(
        source="organisation.local_authority.gss_code", allow_null=True, default=None
    )

    class Meta:
        model = Anchor
        fields = [
            "id",
            "organisation_id",
            "name",
            "local_authority",
            "local_authority_gss_code",
            "status",
            "designated_on",
            "review_on",
            "community_led",
            "multi_purpose",
            "local",
            "building",
        ]


class ReturnSerializer(serializers.ModelSerializer):
    anchor_id = serializers.IntegerField()
    anchor = serializers.CharField(source="anchor.organisation.name")

    class Meta:
        model = FinancialReturn
        fields = [
            "id",
            "anchor_id",
            "anchor",
            "year",
            "status",
            "income_grants",
            "income_contracts",
            "income_earned",
            "income_donations",
            "income_investment",
            "total_income",
            "spending",
            "unrestricted_reserves",
            "assets_value",
            "owns_or_manages_building",
            "business_plan_on",
            "grant_dependency",
            "earned_income_share",
            "reserves_months",
            "sustainable",
            "meets_grant_dependency",
            "meets_reserves",
            "meets_business_plan",
            "threshold_grant_dependency",
            "threshold_reserves_months",
            "threshold_business_plan_years",
            "submitted_on",
            "decided_on",
        ]


@extend_schema_view(
    list=extend_schema(tags=["anchors"], summary="Designated community anchors", description=KEYSET),
    retrieve=extend_schema(tags=["anchors"], summary="A designated community anchor"),
)
class AnchorViewSet(ListModelMixin, RetrieveModelMixin, RegisterApiViewSet):
    """The network: designated anchors with their evidence answers and review dates (public)."""

    access = PUBLIC_READ_ONLY
    http_method_names = ["get", "head", "options"]
    serializer_class = AnchorSerializer
    keyset_ordering = ("id", "id")
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[Anchor]:
        return Anchor.objects.filter(status=AnchorStatus.DESIGNATED).select_related("organisation__local_authority")


@extend_schema_view(
    list=extend_schema(tags=["anchors"], summary="Anchors' financial returns", description=KEYSET),
    retrieve=extend_schema(tags=["anchors"], summary="An anchor's financial return"),
)
class ReturnViewSet(ListModelMixin, RetrieveModelMixin, RegisterApiViewSet):
    """Every financial return with its figures and assessment: department staff, platform admins, the Commissioner."""

    access = "roles: " + ", ".join(sorted(OVERSIGHT_ROLES))
    roles = OVERSIGHT_ROLES
    permission_classes = [HoldsRole]
    http_method_names = ["get", "head", "options"]
    serializer_class = ReturnSerializer
    keyset_ordering = ("id", "id")
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[FinancialReturn]:
        return FinancialReturn.objects.select_related("anchor__organisation")


YEAR = OpenApiParameter("year", OpenApiTypes.INT, required=True, description="The year the financial year starts")


class FiguresViewSet(RegisterApiViewSet):
    """The dashboard's figures: the share sustainable, overall and by region, for a year and the year before."""

    access = "roles: " + ", ".join(sorted(DASHBOARD_ROLES))
    roles = DASHBOARD_ROLES
    permission_classes = [HoldsRole]
    pagination_class = None
    http_method_names = ["get", "head", "options"]

    @extend_schema(
        tags=["anchors"], summary="Sustainability of the network", parameters=[YEAR], responses=OpenApiTypes.OBJECT
    )
    def list(self, request):
        text = request.query_params.get("year", "")
        if not text.isdigit():
            raise serializers.ValidationError({"year": ["Enter the year the financial year starts, like 2025"]})
        year = int(text)

        def share(value):
            return {"sustainable": value.sustainable, "accepted_returns": value.assessed, "percent": value.percent}

        this_year, _rows = network_sustainability(year)
        last_year, _rows = network_sustainability(year - 1)
        return Response(
            {
                "year": year,
                "network": {"this_year": share(this_year), "last_year": share(last_year)},
                "regions": [
                    {
                        "region": region.name,
                        "this_year": share(region.this_year),
                        "last_year": share(region.last_year),
                    }
                    for region in sustainability_by_region(year)
                ],
            }
        )


ORUK_FILTERS = [
    OpenApiParameter("page", OpenApiTypes.INT, description="The page, from 1"),
    OpenApiParameter("per_page", OpenApiTypes.INT, description="Services per page, at most 100"),
    OpenApiParameter("text", OpenApiTypes.STR, description="Words in the service's name or description"),
    OpenApiParameter("taxonomy_id", OpenApiTypes.STR, description="A taxonomy term's id"),
    OpenApiParameter("postcode", OpenApiTypes.STR, description="Services whose place is in this postcode district"),
]


class OrukServiceViewSet(RegisterApiViewSet):
    """Open Referral UK: the services of designated anchors (public)."""

    access = PUBLIC_READ_ONLY
    pagination_class = None
    http_method_names = ["get", "head", "options"]
    lookup_value_regex = r"[0-9a-fA-F-]{36}"

    @extend_schema(
        tags=["open referral uk"],
        operation_id="oruk_services_list",
        summary="Services (ORUK)",
        parameters=ORUK_FILTERS,
        responses=OpenApiTypes.OBJECT,
    )
    def list(self, request):
        return oruk.services_page(request)

    @extend_schema(
        tags=["open referral uk"],
        operation_id="oruk_service_retrieve",
        summary="A service (ORUK)",
        responses=OpenApiTypes.OBJECT,
    )
    def retrieve(self, request, pk: str):
        return Response(oruk.service_by_id(pk))


router = SimpleRouter()
router.register("network", AnchorViewSet, basename="anchor")
router.register("returns", ReturnViewSet, basename="return")
router.register("figures", FiguresViewSet, basename="figures")

# ORUK feeds are read at `/services` and `/services/{id}`, without a trailing slash; both forms answer here.
urlpatterns = [
    *router.urls,
    re_path(r"^services/?$", OrukServiceViewSet.as_view({"get": "list"}), name="oruk-service-list"),
    re_path(
        rf"^services/(?P<pk>{OrukServiceViewSet.lookup_value_regex})/?$",
        OrukServiceViewSet.as_view({"get": "retrieve"}),
        name="oruk-service-detail",
    ),
]
