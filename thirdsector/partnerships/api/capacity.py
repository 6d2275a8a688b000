"""API of capacity building, under /api/v1/partnerships/: support bodies and their offers (public), requests
for support (the requesting organisation's members, the support body's members, department staff), and
the coverage gaps (public). Keyset pages throughout."""

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.mixins import ListModelMixin, RetrieveModelMixin
from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import SimpleRouter

from thirdsector.register.api.access import PUBLIC_READ_ONLY, RegisterApiViewSet

from ..models.capacity import HelpKind, SupportBody, SupportOffer, SupportRequest
from ..selectors.capacity import coverage_queryset, requests_visible_to, support_bodies_for_api

KEYSET = "Pages are keyset cursors: follow `next` and `previous`."
REQUESTS_ACCESS = "signed in; object-level: the requesting organisation's members, the support body's members, staff"


class OfferSerializer(serializers.ModelSerializer):
    areas = serializers.SlugRelatedField(
        slug_field="gss_code", many=True, read_only=True, help_text="GSS codes, when narrower than the body's"
    )

    class Meta:
        model = SupportOffer
        fields = ["kind", "description", "is_free", "charges", "areas"]


class SupportBodySerializer(serializers.ModelSerializer):
    organisation_id = serializers.IntegerField(help_text="The body's register record")
    name = serializers.CharField(source="organisation.name")
    areas = serializers.SlugRelatedField(
        slug_field="gss_code", many=True, read_only=True, help_text="GSS codes of the areas it covers"
    )
    partnerships = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True, help_text="The Local Strategic Partnerships it supports"
    )
    offers = OfferSerializer(many=True)

    class Meta:
        model = SupportBody
        fields = [
            "id",
            "organisation_id",
            "name",
            "kind",
            "is_national",
            "areas",
            "partnerships",
            "contact_name",
            "contact_email",
            "contact_phone",
            "offers",
        ]


class SupportRequestSerializer(serializers.ModelSerializer):
    organisation_id = serializers.IntegerField()
    organisation = serializers.CharField(source="organisation.name")
    support_body_id = serializers.IntegerField(allow_null=True)
    support_body = serializers.CharField(source="support_body.organisation.name", allow_null=True, default=None)

    class Meta:
        model = SupportRequest
        fields = [
            "reference",
            "organisation_id",
            "organisation",
            "kind",
            "description",
            "support_body_id",
            "support_body",
            "status",
            "submitted_on",
            "decided_on",
            "decline_reason",
            "started_on",
            "finished_on",
            "outcome_category",
            "outcome",
            "close_reason",
        ]


class CoverageSerializer(serializers.Serializer):
    area_id = serializers.IntegerField(source="id")
    name = serializers.CharField()
    gss_code = serializers.CharField(allow_null=True)
    region = serializers.CharField(source="region_name", help_text="The English region, or the nation")
    missing = serializers.SerializerMethodField(help_text="The kinds of help no support body offers here")

    def get_missing(self, area) -> list[str]:
        return [kind for kind in HelpKind.values if not getattr(area, f"reaches_{kind}")]


@extend_schema_view(
    list=extend_schema(tags=["partnerships"], summary="Support bodies and their offers", description=KEYSET),
    retrieve=extend_schema(tags=["partnerships"], summary="A support body and its offers"),
)
class SupportBodyViewSet(ListModelMixin, RetrieveModelMixin, RegisterApiViewSet):
    """Support bodies: the kinds of help each offers, where, and the LSPs it supports (public)."""

    access = PUBLIC_READ_ONLY
    http_method_names = ["get", "head", "options"]
    serializer_class = SupportBodySerializer
    keyset_ordering = ("id", "id")
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[SupportBody]:
        return support_bodies_for_api()


@extend_schema_view(
    list=extend_schema(
        tags=["partnerships"],
        summary="Requests for support",
        description="Your organisations' requests and those sent to your support bodies; every request for "
        f"department staff. Newest first. {KEYSET}",
    ),
    retrieve=extend_schema(
        tags=["partnerships"],
        summary="A request for support",
        description="404 for a request you may not see, so its existence stays private.",
    ),
)
class SupportRequestViewSet(ListModelMixin, RetrieveModelMixin, RegisterApiViewSet):
    access = REQUESTS_ACCESS
    permission_classes = [IsAuthenticated]
    http_method_names = ["get", "head", "options"]
    serializer_class = SupportRequestSerializer
    keyset_ordering = ("-id", "-id")
    lookup_field = "reference"
    lookup_value_regex = r"[A-Za-z0-9-]+"

    def get_queryset(self) -> QuerySet[SupportRequest]:
        return requests_visible_to(self.request.user)


@extend_schema_view(
    list=extend_schema(
        tags=["partnerships"],
        summary="Coverage gaps",
        description="Each current lower or single tier local authority with the kinds of help no support body "
        "offers there (national bodies count everywhere; a county or region covers the local authorities in it). "
        f"By name. {KEYSET}",
        parameters=[
            OpenApiParameter("region", OpenApiTypes.STR, description="Only this English region or nation"),
            OpenApiParameter("gaps_only", OpenApiTypes.BOOL, description="Only places missing some kind of help"),
        ],
    ),
)
class CoverageViewSet(ListModelMixin, RegisterApiViewSet):
    """Where each kind of help is missing (public)."""

    access = PUBLIC_READ_ONLY
    http_method_names = ["get", "head", "options"]
    serializer_class = CoverageSerializer
    keyset_ordering = ("name", "id")

    def get_queryset(self):
        params = self.request.query_params
        gaps_only = params.get("gaps_only", "").lower() in ("1", "true", "yes", "on")
        return coverage_queryset(region=params.get("region", ""), gaps_only=gaps_only)


router = SimpleRouter()
router.register("support-bodies", SupportBodyViewSet, basename="support-body")
router.register("support-requests", SupportRequestViewSet, basename="support-request")
router.register("coverage-gaps", CoverageViewSet, basename="coverage-gap")

urlpatterns = router.urls
