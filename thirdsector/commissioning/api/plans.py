"""API of commissioning plans and opportunities, with the same permissions as the pages.

Published plans (with their involvement record) and open, closed and awarded opportunities (with their
lots) are public. Interest and bids need a signed-in person and show only what the pages would: an
organisation's own, and a commissioner's own opportunities' (bids only after the closing date).
"""

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.mixins import ListModelMixin, RetrieveModelMixin
from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import SimpleRouter

from thirdsector.register.api.access import PUBLIC_READ_ONLY, RegisterApiViewSet

from ..models import Bid, CommissioningPlan, Interest, InvolvementActivity, Lot, Opportunity
from ..selectors.opportunities import bids_for_api, interest_for_api, opportunities_for_api
from ..selectors.plans import plans_for_api

KEYSET = "Pages are keyset cursors: follow `next` and `previous`."
SIGNED_IN = "signed in; object-level: the organisation's members and the commissioning body's officers"


class ActivitySerializer(serializers.ModelSerializer):
    organisations = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)

    class Meta:
        model = InvolvementActivity
        fields = [
            "kind",
            "title",
            "held_on",
            "organisations",
            "service_users",
            "community_members",
            "summary",
            "what_changed",
        ]


class PlanSerializer(serializers.ModelSerializer):
    commissioner_id = serializers.IntegerField()
    commissioner = serializers.CharField(source="commissioner.name")
    service_area = serializers.CharField(source="service_area.name")
    areas = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    activities = ActivitySerializer(many=True)

    class Meta:
        model = CommissioningPlan
        fields = [
            "id",
            "title",
            "commissioner_id",
            "commissioner",
            "service_area",
            "outcomes_sought",
            "needs_evidence",
            "estimated_value",
            "duration_months",
            "areas",
            "involvement_closes_on",
            "specification_fixed_on",
            "procurement_starts_on",
            "service_starts_on",
            "status",
            "published_on",
            "activities",
        ]


class LotSerializer(serializers.ModelSerializer):
    class Meta:
        model = Lot
        fields = ["id", "number", "title", "value"]


class OpportunitySerializer(serializers.ModelSerializer):
    commissioner_id = serializers.IntegerField()
    commissioner = serializers.CharField(source="commissioner.name")
    policy_area = serializers.CharField(source="policy_area.name")
    plan_id = serializers.IntegerField(allow_null=True)
    areas = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    long_term = serializers.BooleanField(source="is_long_term", help_text="Three years or more: good practice")
    lots = LotSerializer(many=True)

    class Meta:
        model = Opportunity
        fields = [
            "id",
            "title",
            "description",
            "kind",
            "commissioner_id",
            "commissioner",
            "plan_id",
            "policy_area",
            "areas",
            "length_months",
            "long_term",
            "payment_in_advance",
            "full_cost_recovery",
            "social_value_weighting",
            "opens_on",
            "closes_on",
            "status",
            "lots",
        ]


class InterestSerializer(serializers.ModelSerializer):
    opportunity_id = serializers.IntegerField()
    opportunity = serializers.CharField(source="opportunity.title")
    organisation_id = serializers.IntegerField()
    organisation = serializers.CharField(source="organisation.name")

    class Meta:
        model = Interest
        fields = ["id", "opportunity_id", "opportunity", "organisation_id", "organisation", "note", "created_at"]


class BidSerializer(serializers.ModelSerializer):
    opportunity_id = serializers.IntegerField(source="lot.opportunity_id")
    lot = serializers.IntegerField(source="lot.number")
    organisation_id = serializers.IntegerField(help_text="The bidder; for a consortium, its lead")
    organisation = serializers.CharField(source="organisation.name")
    consortium = serializers.CharField(source="consortium.name", allow_null=True, default=None)

    class Meta:
        model = Bid
        fields = [
            "id",
            "opportunity_id",
            "lot",
            "organisation_id",
            "organisation",
            "consortium",
            "price",
            "status",
            "submitted_at",
        ]


class _ReadOnly(ListModelMixin, RetrieveModelMixin, RegisterApiViewSet):
    http_method_names = ["get", "head", "options"]
    lookup_value_regex = r"\d+"
    keyset_ordering = ("-id", "-id")


@extend_schema_view(
    list=extend_schema(tags=["commissioning"], summary="Published commissioning plans", description=KEYSET),
    retrieve=extend_schema(tags=["commissioning"], summary="A published commissioning plan"),
)
class PlanViewSet(_ReadOnly):
    """Plans published by councils and other public bodies, with who took part and what changed (public)."""

    access = PUBLIC_READ_ONLY
    serializer_class = PlanSerializer

    def get_queryset(self):
        return plans_for_api()


@extend_schema_view(
    list=extend_schema(
        tags=["commissioning"],
        summary="Contract and grant opportunities",
        description=f"Soonest closing first. {KEYSET}",
    ),
    retrieve=extend_schema(tags=["commissioning"], summary="An opportunity, with its lots"),
)
class OpportunityViewSet(_ReadOnly):
    """Open, closed and awarded opportunities, contracts and grants side by side (public)."""

    access = PUBLIC_READ_ONLY
    serializer_class = OpportunitySerializer
    keyset_ordering = ("closes_on", "id")

    def get_queryset(self):
        return opportunities_for_api()


@extend_schema_view(
    list=extend_schema(tags=["commissioning"], summary="Interest registered", description=KEYSET),
    retrieve=extend_schema(tags=["commissioning"], summary="One registration of interest"),
)
class InterestViewSet(_ReadOnly):
    """Your organisations' interest, and interest in your commissioning body's opportunities."""

    access = SIGNED_IN
    permission_classes = [IsAuthenticated]
    serializer_class = InterestSerializer

    def get_queryset(self):
        return interest_for_api(self.request.user)


@extend_schema_view(
    list=extend_schema(tags=["commissioning"], summary="Bids", description=KEYSET),
    retrieve=extend_schema(tags=["commissioning"], summary="A bid"),
)
class BidViewSet(_ReadOnly):
    """Your organisations' bids (as bidder or consortium member), and, after the closing date, the bids
    for your commissioning body's opportunities."""

    access = SIGNED_IN
    permission_classes = [IsAuthenticated]
    serializer_class = BidSerializer

    def get_queryset(self):
        return bids_for_api(self.request.user, today=timezone.localdate())


router = SimpleRouter()
router.register("plans", PlanViewSet, basename="plan")
router.register("opportunities", OpportunityViewSet, basename="opportunity")
router.register("interest", InterestViewSet, basename="interest")
router.register("bids", BidViewSet, basename="bid")

urlpatterns = router.urls
