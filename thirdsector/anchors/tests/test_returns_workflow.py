"""Financial returns: submitted by the anchor, accepted (and assessed) or sent back by staff."""

import datetime
from decimal import Decimal

import pytest
from django.test import override_settings

from ..models import AnchorStatus, FinancialReturn, ReturnStatus
from ..services import AnchorsError
from ..services.returns import accept_return, send_back_return, submit_return
from .factories import AnchorFactory, FinancialReturnFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 5, 1)
FIGURES = {
    "income_grants": Decimal("40000"),
    "income_contracts": Decimal("20000"),
    "income_earned": Decimal("30000"),
    "income_donations": Decimal("8000"),
    "income_investment": Decimal("2000"),
    "spending": Decimal("96000"),
    "unrestricted_reserves": Decimal("30000"),
    "assets_value": Decimal("250000"),
    "owns_or_manages_building": True,
    "business_plan_on": datetime.date(2023, 6, 1),
}


def _submit(anchor, by, year=2025, **changes):
    return submit_return(anchor=anchor, year=year, by=by, figures={**FIGURES, **changes}, today=TODAY)


def test_a_member_submits_and_the_figures_are_worked_out(anchor, member_user):
    financial_return = _submit(anchor, member_user)
    assert financial_return.status == ReturnStatus.SUBMITTED
    assert financial_return.total_income == Decimal("100000")
    assert financial_return.grant_dependency == Decimal("0.4000")
    assert financial_return.reserves_months == Decimal("3.75")
    assert financial_return.sustainable is None  # assessed only on acceptance


def test_a_viewer_may_not_submit(anchor, viewer_user):
    with pytest.raises(AnchorsError, match="editors"):
        _submit(anchor, viewer_user)


def test_only_a_designated_anchor_submits(member_user, organisation):
    proposed = AnchorFactory(organisation=organisation, status=AnchorStatus.PROPOSED)
    with pytest.raises(AnchorsError, match="designated"):
        _submit(proposed, member_user)


def test_one_return_per_anchor_per_year_is_a_database_constraint(anchor):
    FinancialReturnFactory(anchor=anchor, year=2024)
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        FinancialReturnFactory(anchor=anchor, year=2024)


def test_submitting_again_corrects_a_return_awaiting_acceptance(anchor, member_user):
    first = _submit(anchor, member_user)
    second = _submit(anchor, member_user, income_grants=Decimal("10000"))
    assert first.pk == second.pk
    assert FinancialReturn.objects.get().total_income == Decimal("70000")


def test_an_accepted_return_cannot_be_changed_by_the_anchor(anchor, member_user, staff_user):
    accept_return(financial_return=_submit(anchor, member_user), by=staff_user)
    with pytest.raises(AnchorsError, match="accepted"):
        _submit(anchor, member_user)


def test_a_future_year_is_refused(anchor, member_user):
    with pytest.raises(AnchorsError) as refused:
        _submit(anchor, member_user, year=2027)
    assert refused.value.field == "year"


def test_accepting_assesses_and_keeps_the_thresholds_used(anchor, member_user, staff_user):
    financial_return = accept_return(financial_return=_submit(anchor, member_user), by=staff_user, today=TODAY)
    financial_return.refresh_from_db()
    assert financial_return.status == ReturnStatus.ACCEPTED
    assert financial_return.sustainable is True
    assert financial_return.threshold_grant_dependency == Decimal("0.50")
    assert financial_return.threshold_reserves_months == Decimal("3")
    assert financial_return.threshold_business_plan_years == 3
    record = financial_return.history.first()
    assert (record.history_user, record.history_change_reason) == (staff_user, "Accepted")


def test_a_later_threshold_change_does_not_rewrite_an_accepted_year(anchor, member_user, staff_user):
    accepted = accept_return(financial_return=_submit(anchor, member_user, year=2024), by=staff_user)
    with override_settings(ANCHORS_GRANT_DEPENDENCY_LIMIT="0.30"):
        stricter = accept_return(financial_return=_submit(anchor, member_user, year=2025), by=staff_user)
    accepted.refresh_from_db()
    assert accepted.sustainable is True
    assert accepted.threshold_grant_dependency == Decimal("0.50")
    assert stricter.sustainable is False
    assert stricter.threshold_grant_dependency == Decimal("0.30")


def test_a_member_may_not_accept(anchor, member_user):
    with pytest.raises(AnchorsError, match="only department staff"):
        accept_return(financial_return=_submit(anchor, member_user), by=member_user)


def test_sending_back_needs_a_reason_then_the_anchor_resubmits(anchor, member_user, staff_user):
    financial_return = _submit(anchor, member_user)
    with pytest.raises(AnchorsError, match="reason"):
        send_back_return(financial_return=financial_return, by=staff_user, reason="")
    send_back_return(financial_return=financial_return, by=staff_user, reason="Spending is missing the rent.")
    assert financial_return.status == ReturnStatus.RETURNED
    corrected = _submit(anchor, member_user, spending=Decimal("120000"))
    assert corrected.pk == financial_return.pk
    assert corrected.status == ReturnStatus.SUBMITTED
    assert corrected.reserves_months == Decimal("3.00")
    assert corrected.history.first().history_change_reason == "Corrected and submitted again"


def test_zero_income_and_zero_spending_return_is_assessed_not_sustainable(anchor, member_user, staff_user):
    zeros = {name: Decimal("0") for name in FIGURES if name.startswith("income_")}
    financial_return = _submit(anchor, member_user, spending=Decimal("0"), unrestricted_reserves=Decimal("0"), **zeros)
    accept_return(financial_return=financial_return, by=staff_user)
    assert financial_return.grant_dependency is None
    assert financial_return.reserves_months is None
    assert financial_return.meets_grant_dependency is False
    assert financial_return.meets_reserves is False
    assert financial_return.sustainable is False
