"""Reads for the local partnership pages and API, shaped so lists do not grow queries with rows."""

from django.db.models import Case, Count, DecimalField, ExpressionWrapper, FloatField, Prefetch, QuerySet, Value, When
from django.db.models.functions import Cast, Round

from ..models import (
    AgreementTarget,
    EngagementActivity,
    FundingPracticeReturn,
    LocalAreaAgreement,
    LocalStrategicPartnership,
    PartnershipMember,
)

# Columns of the staff comparison a person may sort by, with the ordering each means.
COMPARISON_SORTS = {
    "council": ("council__name", "id"),
    "total": ("-total", "council__name"),
    "share": ("-share_three_years_or_more", "council__name"),
    "small_grants": ("-small_grants_amount", "council__name"),
}


def partnerships_for_list() -> QuerySet[LocalStrategicPartnership]:
    return (
        LocalStrategicPartnership.objects.select_related("council")
        .annotate(member_count=Count("members", distinct=True), agreement_count=Count("agreements", distinct=True))
        .order_by("name", "id")
    )


def partnership_for_page(council_id: int) -> LocalStrategicPartnership:
    """The council's LSP with its members and agreements (each with its targets and indicators)."""
    return (
        LocalStrategicPartnership.objects.select_related("council")
        .prefetch_related(
            Prefetch("members", queryset=PartnershipMember.objects.select_related("organisation")),
            Prefetch(
                "agreements",
                queryset=LocalAreaAgreement.objects.prefetch_related(
                    Prefetch("targets", queryset=AgreementTarget.objects.select_related("indicator"))
                ),
            ),
        )
        .get(council_id=council_id)
    )


def agreement_for_page(agreement_id: int) -> LocalAreaAgreement:
    return (
        LocalAreaAgreement.objects.select_related("partnership__council")
        .prefetch_related(Prefetch("targets", queryset=AgreementTarget.objects.select_related("indicator")))
        .get(pk=agreement_id)
    )


def agreements_for_api() -> QuerySet[LocalAreaAgreement]:
    return LocalAreaAgreement.objects.select_related("partnership__council").prefetch_related(
        Prefetch("targets", queryset=AgreementTarget.objects.select_related("indicator"))
    )


def partnerships_for_api() -> QuerySet[LocalStrategicPartnership]:
    return LocalStrategicPartnership.objects.select_related("council").prefetch_related(
        Prefetch("members", queryset=PartnershipMember.objects.select_related("organisation"))
    )


def with_share(queryset: QuerySet[FundingPracticeReturn]) -> QuerySet[FundingPracticeReturn]:
    """Adds `share_three_years_or_more`: the percentage of the total given for three years or more, to
    one decimal place, computed by the database (None where the total is nothing)."""
    return queryset.annotate(
        share_three_years_or_more=Case(
            When(
                total__gt=0,
                # As floating point so SQLite does not divide whole numbers; PostgreSQL rounds it as numeric.
                then=Round(
                    ExpressionWrapper(
                        Cast("three_years_or_more", FloatField()) * Value(100.0) / Cast("total", FloatField()),
                        output_field=FloatField(),
                    ),
                    1,
                ),
            ),
            default=None,
            output_field=DecimalField(max_digits=7, decimal_places=1),
        )
    )


def funding_returns_for_year(year: int, sort: str = "council") -> QuerySet[FundingPracticeReturn]:
    ordering = COMPARISON_SORTS.get(sort, COMPARISON_SORTS["council"])
    return with_share(FundingPracticeReturn.objects.filter(year=year).select_related("council")).order_by(*ordering)


def funding_returns_of_council(council_id: int) -> QuerySet[FundingPracticeReturn]:
    return with_share(FundingPracticeReturn.objects.filter(council_id=council_id)).order_by("-year", "id")


def funding_return_years() -> list[int]:
    return list(FundingPracticeReturn.objects.order_by("-year").values_list("year", flat=True).distinct())


def engagement_log(council_id: int) -> QuerySet[EngagementActivity]:
    return EngagementActivity.objects.filter(council_id=council_id).order_by("-happened_on", "-id")
