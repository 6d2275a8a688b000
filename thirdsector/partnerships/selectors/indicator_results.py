"""Reads of councils' reported results against their LAA targets: the agreement page's list and the staff
list behind the NI 6 and NI 7 indicators."""

from django.db.models import QuerySet

from ..models import IndicatorResult


def results_of_agreement(agreement_id: int) -> QuerySet[IndicatorResult]:
    return (
        IndicatorResult.objects.filter(target__agreement_id=agreement_id)
        .select_related("target__indicator", "reported_by")
        .order_by("target__indicator__number", "-year")
    )


def results_for_indicator(number: int, year: int) -> QuerySet[IndicatorResult]:
    """Every council's result for national indicator `number` in `year`, by council name: one each, since a
    council's agreements do not overlap and a result is once a year per target."""
    return (
        IndicatorResult.objects.filter(target__indicator__number=number, year=year)
        .select_related("target__indicator", "target__agreement__partnership__council__local_authority")
        .order_by("target__agreement__partnership__council__name", "id")
    )
