"""A local funder's own people decide and award with the grant engine as it is; small grants are light touch,
and a local funder can never award more than its allocation less its admin share."""

from decimal import Decimal

import pytest

from thirdsector.core.workflow import TransitionRefused

from ..errors import BudgetExceeded
from ..services.awards import approve_award, create_award
from .award_helpers import approved_application, award_in, first_of_this_financial_year
from .small_grants_helpers import fund_administrator_of, local_funder_programme, small_group, this_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(db):
    return local_funder_programme(allocation=Decimal("10000.00"), admin_share=Decimal("1000.00"))


def test_the_local_funders_administrator_awards_and_the_grant_reports_once_at_the_end(programme):
    administrator = fund_administrator_of(programme)

    award = award_in("accepted", programme=programme, organisation=small_group(), staff=administrator,
                     amount="2500.00")  # fmt: skip

    assert award.months == 12 and not award.is_short
    assert [(r.kind, r.period_starts_on, r.period_ends_on) for r in award.returns.all()] == [
        ("final", award.starts_on, award.ends_on)
    ]
    assert [payment.amount for payment in award.payments.all()] == [Decimal("2500.00")]
    assert programme.budgets.get(financial_year=this_year()).committed == Decimal("2500.00")


def test_another_local_funders_administrator_cannot_approve(programme):
    administrator = fund_administrator_of(programme)
    other = fund_administrator_of(local_funder_programme("Bradford Foundation", code="BDF"))
    award = award_in("draft", programme=programme, organisation=small_group(), staff=administrator, amount="500.00")

    with pytest.raises(TransitionRefused):
        approve_award(award=award, by=other, reason="Not ours")


def test_an_award_past_the_allocation_less_admin_share_is_refused_with_what_is_left(programme):
    administrator = fund_administrator_of(programme)
    for number in range(3):
        award_in("approved", programme=programme, organisation=small_group(f"Group {number}"), staff=administrator,
                 amount="2500.00")  # fmt: skip
    application = approved_application(programme, small_group("One too many"))
    draft = create_award(application=application, by=administrator, amount=Decimal("2000.00"),
                         starts_on=first_of_this_financial_year(), conditions="As asked.")  # fmt: skip

    with pytest.raises(BudgetExceeded) as refused:
        approve_award(award=draft, by=administrator, reason="Panel approved")

    assert "has £1,500.00 left to commit" in str(refused.value)
    assert programme.budgets.get(financial_year=this_year()).committed == Decimal("7500.00")
