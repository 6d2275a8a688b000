"""The sustainability arithmetic: a return's figures, and the test against the thresholds.

Defined edge cases (DOMAIN.md leaves them to us):
- no income at all: grant dependency and earned income share have no value (nothing to divide), and the
  grant dependency test is not met: an anchor with no income is not independent of grants, it is idle;
- no spending: reserves in months has no value (no month of spending to cover), and the reserves test is
  met when there are any unrestricted reserves, not met when there are none;
- no business plan date: the business plan test is not met.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

RATIO_PLACES = Decimal("0.0001")
MONTHS_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Thresholds:
    grant_dependency: Decimal  # sustainable below this share of income from grants
    reserves_months: Decimal  # sustainable at or above this many months of spending in reserve
    business_plan_years: int  # sustainable with a plan younger than this at the year's end


@dataclass(frozen=True)
class Figures:
    total_income: Decimal
    grant_dependency: Decimal | None
    earned_income_share: Decimal | None
    reserves_months: Decimal | None


@dataclass(frozen=True)
class Assessment:
    meets_grant_dependency: bool
    meets_reserves: bool
    meets_business_plan: bool
    thresholds: Thresholds

    @property
    def sustainable(self) -> bool:
        return self.meets_grant_dependency and self.meets_reserves and self.meets_business_plan


def thresholds_in_force() -> Thresholds:
    """The thresholds the settings hold today."""
    return Thresholds(
        grant_dependency=Decimal(str(settings.ANCHORS_GRANT_DEPENDENCY_LIMIT)),
        reserves_months=Decimal(str(settings.ANCHORS_RESERVES_MONTHS_MINIMUM)),
        business_plan_years=int(settings.ANCHORS_BUSINESS_PLAN_MAX_YEARS),
    )


def figures_of(
    *,
    grants: Decimal,
    contracts: Decimal,
    earned: Decimal,
    donations: Decimal,
    investment: Decimal,
    spending: Decimal,
    reserves: Decimal,
) -> Figures:
    total = grants + contracts + earned + donations + investment
    return Figures(
        total_income=total,
        grant_dependency=(grants / total).quantize(RATIO_PLACES, ROUND_HALF_UP) if total else None,
        earned_income_share=(earned / total).quantize(RATIO_PLACES, ROUND_HALF_UP) if total else None,
        reserves_months=(reserves * 12 / spending).quantize(MONTHS_PLACES, ROUND_HALF_UP) if spending else None,
    )


def business_plan_is_current(plan_on: datetime.date | None, year_ends_on: datetime.date, max_years: int) -> bool:
    """A plan less than `max_years` old on the financial year's last day (a later plan counts as current)."""
    if plan_on is None:
        return False
    try:
        limit = year_ends_on.replace(year=year_ends_on.year - max_years)
    except ValueError:  # 29 February
        limit = year_ends_on.replace(year=year_ends_on.year - max_years, day=28)
    return plan_on > limit


def assess(
    *,
    grants: Decimal,
    total_income: Decimal,
    reserves: Decimal,
    spending: Decimal,
    business_plan_on: datetime.date | None,
    year_ends_on: datetime.date,
    thresholds: Thresholds,
) -> Assessment:
    """Whether a return meets each threshold, compared exactly (not on rounded shares): 49.996% is not under 50%."""
    meets_reserves = reserves * 12 >= thresholds.reserves_months * spending if spending > 0 else reserves > 0
    return Assessment(
        meets_grant_dependency=total_income > 0 and grants < thresholds.grant_dependency * total_income,
        meets_reserves=meets_reserves,
        meets_business_plan=business_plan_is_current(business_plan_on, year_ends_on, thresholds.business_plan_years),
        thresholds=thresholds,
    )
