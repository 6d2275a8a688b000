from decimal import Decimal

import pytest
from django.db import IntegrityError
from hypothesis import given
from hypothesis import strategies as st

from thirdsector.register.size_bands import SizeBand, size_band_for
from thirdsector.register.tests.factories import OrganisationFactory


@pytest.mark.parametrize(
    ("income", "band"),
    [
        (0, SizeBand.MICRO),
        (Decimal("9999.99"), SizeBand.MICRO),
        (10_000, SizeBand.SMALL),
        (Decimal("99999.99"), SizeBand.SMALL),
        (100_000, SizeBand.MEDIUM),
        (Decimal("999999.99"), SizeBand.MEDIUM),
        (1_000_000, SizeBand.LARGE),
        (Decimal("9999999.99"), SizeBand.LARGE),
        (10_000_000, SizeBand.MAJOR),
        (2_000_000_000, SizeBand.MAJOR),
    ],
)
def test_bands_start_at_their_lower_bound(income, band):
    assert size_band_for(income) == band


def test_unknown_income_has_no_band():
    assert size_band_for(None) is None


def test_negative_income_is_refused():
    with pytest.raises(ValueError, match="negative"):
        size_band_for(-1)


@given(st.decimals(min_value=0, max_value=10**11, places=2, allow_nan=False, allow_infinity=False))
def test_bands_are_ordered_like_incomes(income):
    order = list(SizeBand)
    higher = size_band_for(income + Decimal("0.01"))
    assert order.index(higher) >= order.index(size_band_for(income))


@pytest.mark.django_db
def test_the_database_refuses_a_band_that_disagrees_with_the_income():
    with pytest.raises(IntegrityError):
        OrganisationFactory(latest_income=Decimal("50000"), size_band=SizeBand.MAJOR)
