"""Local Strategic Partnerships and Local Area Agreements for anyone: read-only, keyset pages.

Funding-practice returns are not here: they are private to each council and the department.
"""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.mixins import ListModelMixin, RetrieveModelMixin
from rest_framework.routers import SimpleRouter

from thirdsector.register.api.access import PUBLIC_READ_ONLY, RegisterApiViewSet

from ..models import AgreementTarget, LocalAreaAgreement, LocalStrategicPartnership, PartnershipMember
from ..selectors.local import agreements_for_api, partnerships_for_api

KEYSET = "Pages are keyset cursors: follow `next` and `previous`."


class MemberSerializer(serializers.ModelSerializer):
    organisation_id = serializers.IntegerField()
    organisation = serializers.CharField(source="organisation.name")

    class Meta:
        model = PartnershipMember
        fields = ["organisation_id", "organisation", "sector"]


class PartnershipSerializer(serializers.ModelSerializer):
    council_id = serializers.IntegerField()
    council = serializers.CharField(source="council.name", help_text="The council's name")
    members = MemberSerializer(many=True)

    class Meta:
        model = LocalStrategicPartnership
        fields = [
            "id",
            "name",
            "council_id",
            "council",
            "third_sector_board_seats",
            "third_sector_theme_group_seats",
            "supporting_body",
            "local_compact",
            "local_compact_signed_on",
            "members",
        ]


class TargetSerializer(serializers.ModelSerializer):
    indicator = serializers.IntegerField(source="indicator.number", help_text="The national indicator's number")
    indicator_name = serializers.CharField(source="indicator.name")

    class Meta:
        model = AgreementTarget
        fields = ["indicator", "indicator_name", "target", "third_sector_involvement", "involvement_level"]


class AgreementSerializer(serializers.ModelSerializer):
    partnership_id = serializers.IntegerField()
    partnership = serializers.CharField(source="partnership.name")
    council_id = serializers.IntegerField(source="partnership.council_id")
    targets = TargetSerializer(many=True)

    class Meta:
        model = LocalAreaAgreement
        fields = ["id", "partnership_id", "partnership", "council_id", "starts_on", "ends_on", "targets"]


@extend_schema_view(
    list=extend_schema(tags=["partnerships"], summary="Local Strategic Partnerships", description=KEYSET),
    retrieve=extend_schema(tags=["partnerships"], summary="A Local Strategic Partnership"),
)
class PartnershipViewSet(ListModelMixin, RetrieveModelMixin, RegisterApiViewSet):
    """Each council's LSP with its members and third sector seats (public)."""

    access = PUBLIC_READ_ONLY
    http_method_names = ["get", "head", "options"]
    serializer_class = PartnershipSerializer
    keyset_ordering = ("name", "id")
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return partnerships_for_api()


@extend_schema_view(
    list=extend_schema(tags=["partnerships"], summary="Local Area Agreements", description=KEYSET),
    retrieve=extend_schema(tags=["partnerships"], summary="A Local Area Agreement"),
)
class AgreementViewSet(ListModelMixin, RetrieveModelMixin, RegisterApiViewSet):
    """LAAs with their improvement targets and the third sector's involvement in each (public)."""

    access = PUBLIC_READ_ONLY
    http_method_names = ["get", "head", "options"]
    serializer_class = AgreementSerializer
    keyset_ordering = ("-starts_on", "-id")
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return agreements_for_api()


router = SimpleRouter()
router.register("local-partnerships", PartnershipViewSet, basename="local-partnership")
router.register("local-area-agreements", AgreementViewSet, basename="local-area-agreement")

urlpatterns = router.urls
