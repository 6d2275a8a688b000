"""A grant paid in one payment in advance commits its whole amount to the year it starts in."""

import datetime
from decimal import Decimal

from ..services.awards import commitment_by_financial_year


def test_a_single_payment_grant_running_past_march_commits_only_to_its_first_year():
    years = commitment_by_financial_year(
        amount=Decimal("5000.00"), starts_on=datetime.date(2026, 6, 1), months=12, payment_frequency="single"
    )
    assert years == {2026: Decimal("5000.00")}


def test_a_grant_paid_quarterly_is_spread_over_the_years_its_months_fall_in():
    years = commitment_by_financial_year(
        amount=Decimal("12000.00"), starts_on=datetime.date(2026, 10, 1), months=12, payment_frequency="quarterly"
    )
    assert years == {2026: Decimal("6000.00"), 2027: Decimal("6000.00")}
