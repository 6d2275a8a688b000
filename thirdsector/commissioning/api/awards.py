"""API of commissioning awards and the level playing field figures, with the pages' permissions.

Awards: published ones for everyone; a commissioner's officers also see its unpublished ones, and staff
and the Compact Commissioner all. Decisions, with the people involved: the commissioner's officers and
oversight only (404 otherwise). Figures per commissioner for a financial year: of published awards for
everyone; of every award, with the decisions, for oversight, as on the private comparison page.
"""

from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.mixins import ListModelMixin, RetrieveModelMixin
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from thirdsector.accounts.access import OVERSIGHT_ROLES
from thirdsector.core.api_views import ApiView
from thirdsector.register.api.access import RegisterApiViewSet
from thirdsector.register.size_bands import SizeBand

from ..models import CommissioningDecision, ContractAward, DecisionInvolvement, OpportunityKind
from ..selectors.awards import (
    BME_LED,
    NO,
    UNKNOWN_BAND,
    USER_LED,
    YES,
    AwardFilters,
    award_list,
    awards_visible_to,
    decision_list,
    decisions_visible_to,
    published_awards,
)
from ..services.level_playing_field import (
    all_groups,
    decision_counts_by_commissioner,
    group_totals_by_commissioner,
    share,
)

KEYSET = "Pages are keyset cursors: follow `next` and `previous`."


class ContractAwardSerializer(serializers.ModelSerializer):
    commissioner_id = serializers.IntegerField()
    commissioner = serializers.CharField(source="commissioner.name")
    supplier_id = serializers.IntegerField()
    supplier = serializers.CharField(
        source="supplier.name", help_text="The organisation awarded it (a consortium's lead)"
    )
    consortium_member_ids = serializers.PrimaryKeyRelatedField(source="consortium_members", many=True, read_only=True)

    class Meta:
        model = ContractAward
        fields = [
            "id",
            "commissioner_id",
            "commissioner",
            "supplier_id",
            "supplier",
            "consortium_member_ids",
            "title",
            "kind",
            "value",
            "starts_on",
            "length_months",
            "awarded_on",
            "financial_year",
            "supplier_is_third_sector",
            "supplier_size_band",
            "supplier_bme_led",
            "supplier_user_led",
            "opportunity_id",
            "lot_id",
            "published_on",
        ]


class ContractAwardFiltersSerializer(serializers.Serializer):
    commissioner = serializers.IntegerField(required=False)
    year = serializers.IntegerField(required=False, help_text="Financial year, named by the year it starts in")
    third_sector = serializers.ChoiceField(choices=[YES, NO], required=False)
    size_band = serializers.ChoiceField(choices=[*SizeBand.values, UNKNOWN_BAND], required=False)
    characteristic = serializers.ChoiceField(choices=[BME_LED, USER_LED], required=False)
    kind = serializers.ChoiceField(choices=OpportunityKind.values, required=False)
    long = serializers.ChoiceField(choices=[YES, NO], required=False)


@extend_schema_view(
    list=extend_schema(
        tags=["commissioning"],
        summary="Contract and grant awards",
        description="Newest award first. Filters as on the awards list; the figures' shares count these rows. "
        + KEYSET,
        parameters=[ContractAwardFiltersSerializer],
    ),
    retrieve=extend_schema(tags=["commissioning"], summary="An award"),
)
class AwardViewSet(ListModelMixin, RetrieveModelMixin, RegisterApiViewSet):
    access = "public (published awards); a commissioner's officers and oversight see unpublished ones too"
    http_method_names = ["get", "head", "options"]
    serializer_class = ContractAwardSerializer
    keyset_ordering = ("-awarded_on", "-id")
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        base = awards_visible_to(self.request.user)
        if self.action != "list":
            return base.select_related("commissioner", "supplier").prefetch_related("consortium_members")
        filters = ContractAwardFiltersSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return award_list(base, AwardFilters(**filters.validated_data)).prefetch_related("consortium_members")


class DecisionInvolvementSerializer(serializers.ModelSerializer):
    class Meta:
        model = DecisionInvolvement
        fields = ["label", "involved_as", "role", "view"]


class CommissioningDecisionSerializer(serializers.ModelSerializer):
    commissioner = serializers.CharField(source="commissioner.name")
    involvements = DecisionInvolvementSerializer(many=True)

    class Meta:
        model = CommissioningDecision
        fields = [
            "id",
            "commissioner_id",
            "commissioner",
            "title",
            "summary",
            "decided_on",
            "financial_year",
            "plan_id",
            "opportunity_id",
            "lot_id",
            "involvements",
        ]


@extend_schema_view(
    list=extend_schema(
        tags=["commissioning"],
        summary="Commissioning decisions",
        description="Your commissioners' decisions (all of them for staff and the Compact Commissioner), newest "
        "first, with the service users and community members involved. " + KEYSET,
    ),
    retrieve=extend_schema(tags=["commissioning"], summary="A commissioning decision"),
)
class DecisionViewSet(ListModelMixin, RetrieveModelMixin, RegisterApiViewSet):
    access = "signed in; object-level: the commissioner's officers, staff and the Compact Commissioner"
    permission_classes = [IsAuthenticated]
    http_method_names = ["get", "head", "options"]
    serializer_class = CommissioningDecisionSerializer
    keyset_ordering = ("-decided_on", "-id")
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        base = decisions_visible_to(self.request.user)
        return decision_list(base, commissioner=None, year=None, involved="").prefetch_related("involvements")


class LevelPlayingFieldFigureSerializer(serializers.Serializer):
    group = serializers.CharField(help_text="Which awards: third-sector, band-micro, bme-led, grant, long, ...")
    awards = serializers.IntegerField()
    value = serializers.DecimalField(max_digits=16, decimal_places=2)
    share_of_awards = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)
    share_of_spend = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)


class CommissionerFiguresSerializer(serializers.Serializer):
    commissioner_id = serializers.IntegerField()
    financial_year = serializers.IntegerField()
    awards = serializers.IntegerField()
    value = serializers.DecimalField(max_digits=16, decimal_places=2)
    figures = LevelPlayingFieldFigureSerializer(many=True)
    decisions = serializers.IntegerField(allow_null=True, help_text="Null unless you oversee (staff)")
    decisions_with_users_involved = serializers.IntegerField(allow_null=True)


class FiguresView(ApiView):
    """The level playing field figures of every commissioner with awards in a financial year."""

    access = "public (published awards); staff and the Compact Commissioner get every award and the decisions"
    permission_classes = [AllowAny]

    @extend_schema(
        tags=["commissioning"],
        summary="Level playing field figures per commissioner",
        description="One entry per commissioner with awards in the financial year `year`, each group's count, "
        "value and shares of the commissioner's awards. Not paged: one row per commissioner.",
        parameters=[OpenApiParameter("year", OpenApiTypes.INT, required=True)],
        responses=CommissionerFiguresSerializer(many=True),
    )
    def get(self, request):
        try:
            year = int(request.query_params["year"])
        except (KeyError, ValueError):
            return Response({"year": ["Give the financial year as a number, such as 2025"]}, status=400)
        oversees = request.user.is_authenticated and request.user.has_role(*OVERSIGHT_ROLES)
        awards = ContractAward.objects.all() if oversees else published_awards()
        groups = all_groups()
        totals = group_totals_by_commissioner(awards.filter(financial_year=year), groups)
        decisions = (
            decision_counts_by_commissioner(CommissioningDecision.objects.filter(financial_year=year))
            if oversees
            else {}
        )
        rows = []
        for commissioner_id in sorted(totals):
            every = totals[commissioner_id]["all"]
            counted = decisions.get(commissioner_id, (None, None))
            rows.append(
                {
                    "commissioner_id": commissioner_id,
                    "financial_year": year,
                    "awards": every.count,
                    "value": every.value,
                    "figures": [
                        {
                            "group": group.slug,
                            "awards": totals[commissioner_id][group.slug].count,
                            "value": totals[commissioner_id][group.slug].value,
                            "share_of_awards": share(totals[commissioner_id][group.slug].count, every.count),
                            "share_of_spend": share(totals[commissioner_id][group.slug].value, every.value),
                        }
                        for group in groups
                    ],
                    "decisions": counted[0] if oversees else None,
                    "decisions_with_users_involved": counted[1] if oversees else None,
                }
            )
        return Response(CommissionerFiguresSerializer(rows, many=True).data)


router = SimpleRouter()
router.register("awards", AwardViewSet, basename="award")
router.register("decisions", DecisionViewSet, basename="decision")

urlpatterns = [*router.urls, path("figures/", FiguresView.as_view(), name="figures")]
