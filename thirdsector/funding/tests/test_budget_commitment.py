"""A financial year's budget is never over-committed: approvals commit, withdrawals and declines release.

Two approvals at the same moment are in test_budget_concurrency.py (PostgreSQL only).
"""

from decimal import Decimal

import pytest

from ..errors import BudgetExceeded
from ..financial_years import financial_year_label
from ..models import AwardStatus, ProgrammeBudget
from ..services.awards import approve_award, decline_offer, withdraw_award
from .award_helpers import award_in, first_of_this_financial_year
from .factories import ProgrammeFactory


def committed(programme) -> dict[int, Decimal]:
    return dict(ProgrammeBudget.objects.filter(programme=programme).values_list("financial_year", "committed"))


@pytest.mark.django_db
def test_approving_commits_each_years_amount_against_that_years_budget(programme, organisation, staff_user):
    award = award_in("approved", programme=programme, organisation=organisation, staff=staff_user)
    first = first_of_this_financial_year().year
    assert committed(programme) == {
        first: Decimal("50000.00"),
        first + 1: Decimal("50000.00"),
        first + 2: Decimal("50000.00"),
        first + 3: Decimal("0.00"),
    }
    assert award.approved_by == staff_user


@pytest.mark.django_db
def test_approval_is_refused_when_a_year_would_be_over_committed(organisation, staff_user):
    first = first_of_this_financial_year().year
    programme = ProgrammeFactory(
        code="SPG", budgets={first: Decimal("100000.00"), first + 1: Decimal("40000.00"), first + 2: Decimal("1e6")}
    )
    award = award_in("draft", programme=programme, organisation=organisation, staff=staff_user)
    with pytest.raises(BudgetExceeded) as refused:
        approve_award(award=award, by=staff_user, reason="Panel approved")
    assert str(refused.value) == (
        f"{programme} has £40,000.00 left to commit in {financial_year_label(first + 1)}; "
        "this award needs £50,000.00 in that year."
    )
    award.refresh_from_db()
    assert award.status == AwardStatus.DRAFT
    # Nothing was held in the years before the one that was short.
    assert set(committed(programme).values()) == {Decimal("0.00")}


@pytest.mark.django_db
def test_approval_is_refused_for_a_year_with_no_budget(organisation, staff_user):
    first = first_of_this_financial_year().year
    programme = ProgrammeFactory(budgets={first: Decimal("1e6")})
    award = award_in("draft", programme=programme, organisation=organisation, staff=staff_user)
    with pytest.raises(BudgetExceeded, match=f"has no budget for {financial_year_label(first + 1)}"):
        approve_award(award=award, by=staff_user, reason="Panel approved")
    assert committed(programme) == {first: Decimal("0.00")}


@pytest.mark.django_db
def test_the_last_pound_of_a_budget_can_be_committed_but_not_one_penny_more(organisation, staff_user):
    first = first_of_this_financial_year().year
    programme = ProgrammeFactory(budgets={first: Decimal("100000.00")})
    award_in(
        "approved",
        programme=programme,
        organisation=organisation,
        staff=staff_user,
        months=12,
        amount="99999.99",
        short_award_reason="One-year pilot",
    )
    second = award_in(
        "draft",
        programme=programme,
        organisation=organisation,
        staff=staff_user,
        months=12,
        amount="0.02",
        short_award_reason="One-year pilot",
    )
    with pytest.raises(BudgetExceeded, match="£0.01 left"):
        approve_award(award=second, by=staff_user, reason="Approved")
    assert committed(programme) == {first: Decimal("99999.99")}


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["approved", "offered"])
def test_withdrawing_a_committed_award_releases_its_budget(programme, organisation, staff_user, state):
    award = award_in(state, programme=programme, organisation=organisation, staff=staff_user)
    withdraw_award(award=award, by=staff_user, reason="The organisation has closed")
    assert set(committed(programme).values()) == {Decimal("0.00")}


@pytest.mark.django_db
def test_withdrawing_a_draft_releases_nothing(programme, organisation, staff_user):
    award_in("approved", programme=programme, organisation=organisation, staff=staff_user)
    draft = award_in("draft", programme=programme, organisation=organisation, staff=staff_user)
    before = committed(programme)
    withdraw_award(award=draft, by=staff_user, reason="Drafted in error")
    assert committed(programme) == before


@pytest.mark.django_db
def test_declining_an_offer_releases_its_budget(programme, organisation, staff_user, applicant_admin):
    award = award_in("offered", programme=programme, organisation=organisation, staff=staff_user)
    decline_offer(award=award, by=applicant_admin, reason="We have other funding")
    assert set(committed(programme).values()) == {Decimal("0.00")}
    award.refresh_from_db()
    assert award.status == AwardStatus.DECLINED
