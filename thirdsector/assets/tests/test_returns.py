"""Post-transfer returns: overdue, submitted and accepted, and the rule that flags an asset at risk."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from thirdsector.core.workflow import TransitionRefused

from ..models import ReturnStatus
from ..selectors.proposals import overdue_returns
from ..services.returns import risk_reasons, save_return, take_return_step
from .factories import PostTransferReturnFactory

pytestmark = pytest.mark.django_db


def _given(year, people, income, spending):
    return PostTransferReturnFactory.build(
        year=year, status=ReturnStatus.SUBMITTED, people_served=people, income=Decimal(income),
        expenditure=Decimal(spending),
    )  # fmt: skip


def test_falling_use_two_years_running_is_at_risk():
    reasons = risk_reasons([_given(1, 500, 10, 5), _given(2, 400, 10, 5), _given(3, 300, 10, 5)])
    assert reasons == ["Falling use: people served fell two years running (years 1–3: 500 → 400 → 300)."]


def test_one_bad_year_is_not_a_trend():
    assert risk_reasons([_given(1, 500, 10, 5), _given(2, 600, 10, 5), _given(3, 300, 10, 5)]) == []


def test_loss_making_two_consecutive_years_is_at_risk():
    reasons = risk_reasons([_given(1, 500, 100, 90), _given(2, 600, 100, 120), _given(3, 700, 100, 150)])
    assert reasons == ["Loss-making two years running (year 2: £20 loss, year 3: £50 loss)."]


def test_overdue_means_past_due_and_not_submitted():
    past = timezone.localdate() - datetime.timedelta(days=1)
    late = PostTransferReturnFactory(due_on=past)
    PostTransferReturnFactory(due_on=past, status=ReturnStatus.SUBMITTED)
    PostTransferReturnFactory(due_on=timezone.localdate())
    assert list(overdue_returns()) == [late]


def test_the_holder_submits_and_the_fund_accepts(at_stage, officer, proposer, fund_administrator):
    proposal = at_stage("transferred")
    row = proposal.returns.get(year=1)
    with pytest.raises(TransitionRefused, match="Give every figure"):
        take_return_step(post_transfer_return=row, step="submit", by=proposer, reason="Done")
    save_return(
        post_transfer_return=row, by=proposer, hours_open_per_week=Decimal("40"), groups_using=12,
        people_served=3000, income=Decimal("50000"), expenditure=Decimal("45000"), condition="good",
    )  # fmt: skip
    with pytest.raises(TransitionRefused, match="only a member of the organisation that holds the asset"):
        take_return_step(post_transfer_return=row, step="submit", by=officer, reason="Done")
    take_return_step(post_transfer_return=row, step="submit", by=proposer, reason="Done")
    with pytest.raises(TransitionRefused, match="only the staff who run the fund"):
        take_return_step(post_transfer_return=row, step="accept", by=proposer, reason="Fine")
    row = take_return_step(post_transfer_return=row, step="accept", by=fund_administrator, reason="Fine")
    assert row.status == ReturnStatus.ACCEPTED
    assert row.history.latest().history_user == fund_administrator
