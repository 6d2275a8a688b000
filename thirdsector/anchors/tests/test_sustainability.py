"""The sustainability arithmetic, against figures counted by hand, and its defined edge cases."""

import datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from ..services.sustainability import Thresholds, assess, business_plan_is_current, figures_of

DEFAULTS = Thresholds(grant_dependency=Decimal("0.50"), reserves_months=Decimal("3"), business_plan_years=3)
YEAR_END = datetime.date(2025, 3, 31)


def _figures(grants=0, contracts=0, earned=0, donations=0, investment=0, spending=0, reserves=0):
    return figures_of(
        grants=Decimal(grants),
        contracts=Decimal(contracts),
        earned=Decimal(earned),
        donations=Decimal(donations),
        investment=Decimal(investment),
        spending=Decimal(spending),
        reserves=Decimal(reserves),
    )


def _assess(grants, total, reserves, spending, plan=datetime.date(2024, 1, 1), thresholds=DEFAULTS):
    return assess(
        grants=Decimal(grants),
        total_income=Decimal(total),
        reserves=Decimal(reserves),
        spending=Decimal(spending),
        business_plan_on=plan,
        year_ends_on=YEAR_END,
        thresholds=thresholds,
    )


def test_figures_counted_by_hand():
    # 40k grants of 100k income: 40%; 30k earned: 30%; 30k reserves over 96k a year (8k a month): 3.75 months.
    figures = _figures(40000, 20000, 30000, 8000, 2000, spending=96000, reserves=30000)
    assert figures.total_income == Decimal("100000")
    assert figures.grant_dependency == Decimal("0.4000")
    assert figures.earned_income_share == Decimal("0.3000")
    assert figures.reserves_months == Decimal("3.75")


def test_no_income_leaves_the_shares_empty():
    figures = _figures(spending=1000, reserves=500)
    assert figures.total_income == 0
    assert figures.grant_dependency is None
    assert figures.earned_income_share is None


def test_no_spending_leaves_reserves_in_months_empty():
    assert _figures(grants=100, reserves=500).reserves_months is None


def test_a_return_meeting_every_threshold_is_sustainable():
    assert _assess(40000, 100000, 30000, 96000).sustainable


def test_grants_of_exactly_half_the_income_are_not_under_half():
    result = _assess(50000, 100000, 30000, 96000)
    assert not result.meets_grant_dependency
    assert not result.sustainable


def test_the_grant_test_compares_exactly_not_on_the_rounded_share():
    # 49,999.6 of 100,000 rounds to 0.5000 but is under half.
    assert _assess(Decimal("49999.60"), 100000, 30000, 96000).meets_grant_dependency


def test_reserves_of_exactly_three_months_meet_the_test():
    assert _assess(0, 100000, 24000, 96000).meets_reserves


def test_reserves_short_of_three_months_fail():
    assert not _assess(0, 100000, Decimal("23999.99"), 96000).meets_reserves


def test_no_income_fails_the_grant_test():
    assert not _assess(0, 0, 1000, 0).meets_grant_dependency


def test_no_spending_with_reserves_meets_the_reserves_test_and_without_fails():
    assert _assess(0, 100, 1, 0).meets_reserves
    assert not _assess(0, 100, 0, 0).meets_reserves


def test_negative_reserves_fail():
    assert not _assess(0, 100000, -5000, 96000).meets_reserves


def test_a_business_plan_is_current_until_it_turns_three_at_the_years_end():
    assert business_plan_is_current(datetime.date(2022, 4, 1), YEAR_END, 3)
    assert not business_plan_is_current(datetime.date(2022, 3, 31), YEAR_END, 3)
    assert not business_plan_is_current(None, YEAR_END, 3)
    assert business_plan_is_current(datetime.date(2025, 6, 1), YEAR_END, 3)  # agreed after the year's end


def test_other_thresholds_change_the_result():
    strict = Thresholds(grant_dependency=Decimal("0.30"), reserves_months=Decimal("6"), business_plan_years=1)
    result = _assess(40000, 100000, 30000, 96000, thresholds=strict)
    assert not result.meets_grant_dependency
    assert not result.meets_reserves
    assert not result.meets_business_plan
    assert result.thresholds == strict


pounds = st.decimals(min_value=0, max_value=10_000_000, places=2, allow_nan=False, allow_infinity=False)


@given(pounds, pounds, pounds, pounds, pounds, pounds, pounds)
def test_shares_are_between_nought_and_one_and_income_adds_up(
    grants, contracts, earned, donations, investment, spending, reserves
):
    figures = figures_of(
        grants=grants,
        contracts=contracts,
        earned=earned,
        donations=donations,
        investment=investment,
        spending=spending,
        reserves=reserves,
    )
    assert figures.total_income == grants + contracts + earned + donations + investment
    if figures.total_income:
        assert 0 <= figures.grant_dependency <= 1
        assert 0 <= figures.earned_income_share <= 1
        assert figures.grant_dependency + figures.earned_income_share <= Decimal("1.0001")
    if spending:
        assert figures.reserves_months >= 0


@given(pounds, pounds)
def test_the_grant_test_holds_exactly_when_grants_are_under_half(grants, others):
    total = grants + others
    result = _assess(grants, total, 1, 0)
    assert result.meets_grant_dependency == (total > 0 and grants * 2 < total)
