"""Community Call for Action statistics for anyone: counts per council, and nothing that names a raiser."""

from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from thirdsector.core.api_views import ApiView

from ..selectors.ccfa import ccfa_statistics


class CouncilCallFiguresSerializer(serializers.Serializer):
    council_id = serializers.IntegerField(help_text="The council's register record")
    council = serializers.CharField(help_text="The council's name")
    raised = serializers.IntegerField(help_text="Calls raised")
    resolved_by_councillor = serializers.IntegerField(help_text="Of which the councillor resolved")
    referred = serializers.IntegerField(help_text="Of which the councillor referred to overview and scrutiny")
    taken_up = serializers.IntegerField(help_text="Of which the committee accepted for review")
    declined = serializers.IntegerField(help_text="Of which the committee declined, with its reasons")
    responded_on_time = serializers.IntegerField(help_text="Executive responses within 2 months of the report")
    responded_late = serializers.IntegerField(help_text="Executive responses after the statutory 2 months")


class CallStatisticsSerializer(serializers.Serializer):
    year = serializers.IntegerField(allow_null=True, help_text="The year raised the figures cover; null for all years")
    councils = CouncilCallFiguresSerializer(many=True)


class CallStatisticsView(ApiView):
    """Community Calls for Action counted per council (public, aggregate figures only)."""

    access = "public (aggregate figures only)"
    permission_classes = [AllowAny]

    @extend_schema(
        tags=["partnerships"],
        summary="Community Call for Action statistics",
        description=(
            "Per council: calls raised (in the year given, by the date raised), resolved by the councillor, "
            "referred to overview and scrutiny, taken up or declined by the committee, and executive responses "
            "on time or late. Aggregate figures only: no call or raiser is identifiable."
        ),
        parameters=[OpenApiParameter("year", OpenApiTypes.INT, description="Only calls raised in this year")],
        responses=CallStatisticsSerializer,
    )
    def get(self, request):
        year = request.query_params.get("year")
        if year:
            try:
                year = int(year)
            except ValueError:
                return Response({"year": ["Give the year as a number, like 2026."]}, status=400)
        else:
            year = None
        return Response(CallStatisticsSerializer({"year": year, "councils": ccfa_statistics(year)}).data)


urlpatterns = [
    path("ccfa-statistics/", CallStatisticsView.as_view(), name="ccfa-statistics"),
]
