"""The dashboards and an indicator page read a fixed number of queries however many values are stored:
every definition x 5 years x 400 breakdown rows, as bench/measures_dashboards.py stores for timing."""

from decimal import Decimal

import pytest
from django.utils import timezone

from ..models import IndicatorValue
from ..services.indicators import sync_indicators

pytestmark = pytest.mark.django_db
YEARS = range(2021, 2026)
BREAKDOWN = 400


@pytest.fixture
def stored(db):
    indicators = sync_indicators()
    now = timezone.now()
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            indicator=indicator,
            year=year,
            breakdown_key=f"b{number}" if number else "",
            breakdown_label=f"Breakdown {number}" if number else "",
            numerator=Decimal(number % 50),
            denominator=Decimal(50) if indicator.unit == "percent" else None,
            value=Decimal(number % 50) * 2 if indicator.unit == "percent" else Decimal(number % 50),
            rows_url=f"/rows/?key={number}",
            public_url=f"/published/?key={number}",
            computed_at=now,
        )
        for indicator in indicators
        for year in YEARS
        for number in range(BREAKDOWN + 1)
    )
    return indicators


@pytest.mark.parametrize("path", ["/measures/", "/measures/public/"])
def test_the_dashboards_read_in_a_fixed_number_of_queries(stored, staff_client, path, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = staff_client.get(path)
    assert response.status_code == 200


def test_an_indicator_page_with_400_breakdown_rows_reads_in_a_fixed_number_of_queries(
    stored, staff_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = staff_client.get("/measures/compact-breaches/?year=2025")
    assert response.status_code == 200
    assert response.content.count(b"Breakdown ") >= BREAKDOWN
