"""Reads for the strategy dashboards: each indicator's latest figure, its trend, target and RAG status."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import QuerySet

from ..models import Indicator, IndicatorValue, Polarity


@dataclass(frozen=True)
class Rag:
    code: str  # "green", "amber" or "red"
    label: str


GREEN = Rag("green", "On target")
AMBER = Rag("amber", "Close to target")
RED = Rag("red", "Off target")


def rag_for(value: Decimal | None, target: Decimal | None, polarity: str) -> Rag | None:
    """Green on or beyond the target; amber within `MEASURES_AMBER_MARGIN_PERCENT` of it; red otherwise."""
    if value is None or target is None:
        return None
    margin = abs(target) * Decimal(settings.MEASURES_AMBER_MARGIN_PERCENT) / 100
    if polarity == Polarity.HIGHER_IS_BETTER:
        return GREEN if value >= target else AMBER if value >= target - margin else RED
    return GREEN if value <= target else AMBER if value <= target + margin else RED


@dataclass
class Summary:
    indicator: Indicator
    trend: list[IndicatorValue] = field(default_factory=list)  # headline values, oldest first

    @property
    def latest(self) -> IndicatorValue | None:
        return self.trend[-1] if self.trend else None

    @property
    def previous(self) -> IndicatorValue | None:
        return self.trend[-2] if len(self.trend) > 1 else None

    @property
    def change(self) -> Decimal | None:
        if self.latest is None or self.previous is None or None in (self.latest.value, self.previous.value):
            return None
        return self.latest.value - self.previous.value

    @property
    def rag(self) -> Rag | None:
        return rag_for(self.latest.value if self.latest else None, self.indicator.target, self.indicator.polarity)


def indicators_for(*, public: bool) -> QuerySet[Indicator]:
    indicators = Indicator.objects.all()
    return indicators.filter(is_public=True) if public else indicators


def summaries(*, public: bool) -> list[Summary]:
    """Every indicator (the public ones only, if `public`) with its headline trend: two queries."""
    indicators = list(indicators_for(public=public))
    by_indicator = {indicator.pk: Summary(indicator) for indicator in indicators}
    headlines = IndicatorValue.objects.filter(indicator__in=indicators, breakdown_key="").order_by("year")
    for value in headlines:
        by_indicator[value.indicator_id].trend.append(value)
    return list(by_indicator.values())


def indicator_for_page(slug: str, *, public: bool) -> Indicator:
    return indicators_for(public=public).get(slug=slug)


def trend_of(indicator: Indicator) -> list[IndicatorValue]:
    return list(indicator.values.filter(breakdown_key="").order_by("year"))


def breakdown_of(indicator: Indicator, year: int) -> list[IndicatorValue]:
    return list(indicator.values.filter(year=year).exclude(breakdown_key="").order_by("breakdown_label"))
