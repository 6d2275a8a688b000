"""Writing indicators: copying their definitions in, computing their values, and setting targets."""

import datetime
import importlib
from collections.abc import Callable, Iterable
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from thirdsector.core.audit import attribute
from thirdsector.core.measurements import Measurement

from ..definitions import DEFINITIONS, Definition
from ..models import Indicator, IndicatorValue


class MeasuresError(Exception):
    """Something a person asked of the indicators that cannot be done, said in words."""


def sync_indicators(definitions: Iterable[Definition] = DEFINITIONS) -> list[Indicator]:
    """Copies each definition into the table; targets, set by staff, are kept."""
    indicators = []
    for position, definition in enumerate(definitions):
        fields = {name: getattr(definition, name) for name in Definition.__dataclass_fields__ if name != "slug"}
        fields["position"] = position
        indicator, _ = Indicator.objects.update_or_create(slug=definition.slug, defaults=fields)
        indicators.append(indicator)
    return indicators


def selector_for(indicator: Indicator) -> Callable[..., list[Measurement]]:
    module_name, _, name = indicator.computed_by.rpartition(".")
    return getattr(importlib.import_module(module_name), name)


def years_to_compute(today: datetime.date, *, financial: bool, back: int) -> list[int]:
    """This year and the `back` years before it; a financial year is named by the year it starts in."""
    this_year = today.year - 1 if financial and today.month < 4 else today.year
    return list(range(this_year - back, this_year + 1))


def _value_row(indicator: Indicator, measurement: Measurement, computed_at) -> IndicatorValue:
    return IndicatorValue(
        indicator=indicator,
        year=measurement.year,
        breakdown_key=measurement.key,
        breakdown_label=measurement.label,
        numerator=Decimal(measurement.numerator),
        denominator=None if measurement.denominator is None else Decimal(measurement.denominator),
        value=measurement.value,
        rows_url=measurement.rows_url or "",
        public_url=measurement.public_url or "",
        computed_at=computed_at,
    )


def compute_indicator(indicator: Indicator, *, years: Iterable[int]) -> int:
    """Computes the indicator for each year and replaces that year's stored values; returns how many."""
    compute = selector_for(indicator)
    computed_at = timezone.now()
    stored = 0
    for year in years:
        rows = [_value_row(indicator, measurement, computed_at) for measurement in compute(year=year)]
        with transaction.atomic():
            IndicatorValue.objects.filter(indicator=indicator, year=year).delete()
            IndicatorValue.objects.bulk_create(rows)
        stored += len(rows)
    return stored


def compute_indicators(*, today: datetime.date | None = None, back: int | None = None) -> int:
    """The scheduled computation: every indicator for this year and the `back` before; returns values stored."""
    today = today or timezone.localdate()
    back = settings.MEASURES_YEARS_BACK if back is None else back
    return sum(
        compute_indicator(indicator, years=years_to_compute(today, financial=indicator.financial_years, back=back))
        for indicator in sync_indicators()
    )


def set_target(*, indicator: Indicator, target: Decimal | None, by, reason: str) -> Indicator:
    """Sets the figure the indicator aims for; kept in its history with who set it and why."""
    if not reason.strip():
        raise MeasuresError("Say why the target is changing.")
    if target is not None and indicator.unit == "percent" and not Decimal(0) <= target <= Decimal(100):
        raise MeasuresError("A percentage target must be between 0 and 100.")
    indicator.target = target
    attribute(indicator, by=by, reason=reason).save(update_fields=["target"])
    return indicator
