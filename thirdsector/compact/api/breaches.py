"""Breach statistics for anyone: counts only, per body and year and per commitment and year.

No case, reporter or text is reachable here; the figures are the same as the public statistics page's.
"""

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from thirdsector.core.api_views import ApiView

from ..selectors.breaches import breaches_by_body_and_year, breaches_by_commitment_and_year, median_days_to_resolve


class _Counts(serializers.Serializer):
    year = serializers.IntegerField(help_text="The year the breaches were reported")
    reported = serializers.IntegerField(help_text="Breaches reported")
    upheld = serializers.IntegerField(help_text="Of which upheld or partly upheld")
    resolved = serializers.IntegerField(help_text="Of which closed")


class BodyYearSerializer(_Counts):
    body_id = serializers.IntegerField()
    body = serializers.CharField(help_text="The public body's name")


class CommitmentYearSerializer(_Counts):
    commitment_id = serializers.IntegerField()
    code = serializers.CharField(help_text="The Compact code the commitment belongs to")
    number = serializers.CharField()
    commitment = serializers.CharField(help_text="The commitment's summary")


class BreachStatisticsSerializer(serializers.Serializer):
    by_body_and_year = BodyYearSerializer(many=True)
    by_commitment_and_year = CommitmentYearSerializer(many=True)
    median_days_to_resolve = serializers.FloatField(
        allow_null=True, help_text="Median calendar days from report to closure of closed cases; null if none"
    )


class BreachStatisticsView(ApiView):
    """Breaches of the Compact counted per body and year and per commitment and year (public)."""

    access = "public (aggregate figures only)"
    permission_classes = [AllowAny]

    @extend_schema(
        tags=["compact"],
        summary="Breach statistics",
        description=(
            "Breaches reported, upheld (fully or partly) and resolved (closed), per public body and year "
            "reported and per Compact commitment and year; a case naming two commitments counts under each. "
            "Aggregate figures only: no case or reporter is identifiable."
        ),
        responses=BreachStatisticsSerializer,
    )
    def get(self, request):
        data = {
            "by_body_and_year": breaches_by_body_and_year(),
            "by_commitment_and_year": breaches_by_commitment_and_year(),
            "median_days_to_resolve": median_days_to_resolve(),
        }
        return Response(BreachStatisticsSerializer(data).data)


urlpatterns = [
    path("compact/breach-statistics/", BreachStatisticsView.as_view(), name="breach-statistics"),
]
