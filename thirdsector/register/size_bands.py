"""Organisation size bands by latest annual income (NCVO Civil Society Almanac)."""

from decimal import Decimal

from django.db import models


class SizeBand(models.TextChoices):
    MICRO = "micro", "Micro (under £10,000)"
    SMALL = "small", "Small (£10,000 to under £100,000)"
    MEDIUM = "medium", "Medium (£100,000 to under £1m)"
    LARGE = "large", "Large (£1m to under £10m)"
    MAJOR = "major", "Major (£10m and over)"


# Lower bounds, inclusive: an income of exactly £10,000 is small, not micro.
BAND_LOWER_BOUNDS: list[tuple[Decimal, SizeBand]] = [
    (Decimal("10000000"), SizeBand.MAJOR),
    (Decimal("1000000"), SizeBand.LARGE),
    (Decimal("100000"), SizeBand.MEDIUM),
    (Decimal("10000"), SizeBand.SMALL),
    (Decimal("0"), SizeBand.MICRO),
]


def size_band_for(income: Decimal | int | None) -> SizeBand | None:
    """The band for an income in pounds; None when the income is not known."""
    if income is None:
        return None
    income = Decimal(income)
    if income < 0:
        raise ValueError("Income cannot be negative")
    for lower_bound, band in BAND_LOWER_BOUNDS:
        if income >= lower_bound:
            return band
    raise AssertionError("unreachable: the lowest bound is zero")


def band_constraint() -> models.Q:
    """The database's own check that a stored band agrees with the stored income."""
    condition = models.Q(latest_income__isnull=True, size_band="")
    upper = None
    for lower_bound, band in BAND_LOWER_BOUNDS:
        in_band = models.Q(size_band=band, latest_income__gte=lower_bound)
        if upper is not None:
            in_band &= models.Q(latest_income__lt=upper)
        condition |= in_band
        upper = lower_bound
    return condition
