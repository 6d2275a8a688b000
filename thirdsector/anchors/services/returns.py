"""Submitting an anchor's yearly financial return, and staff accepting it or sending it back.

The figures are worked out on every save; the sustainability assessment is made on acceptance, against
the thresholds in force that day, which are stored with it.
"""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from thirdsector.accounts.access import can_edit_organisation
from thirdsector.core.audit import attribute
from thirdsector.core.workflow import TransitionRefused, take

from ..models import Anchor, AnchorStatus, FinancialReturn, ReturnStatus
from . import AnchorsError
from .sustainability import Thresholds, assess, figures_of, thresholds_in_force

FIGURE_FIELDS = (
    "income_grants",
    "income_contracts",
    "income_earned",
    "income_donations",
    "income_investment",
    "spending",
    "unrestricted_reserves",
    "assets_value",
)
RETURN_FIELDS = (*FIGURE_FIELDS, "owns_or_manages_building", "business_plan_on")


def compute_figures(financial_return: FinancialReturn) -> FinancialReturn:
    figures = figures_of(
        grants=financial_return.income_grants,
        contracts=financial_return.income_contracts,
        earned=financial_return.income_earned,
        donations=financial_return.income_donations,
        investment=financial_return.income_investment,
        spending=financial_return.spending,
        reserves=financial_return.unrestricted_reserves,
    )
    financial_return.total_income = figures.total_income
    financial_return.grant_dependency = figures.grant_dependency
    financial_return.earned_income_share = figures.earned_income_share
    financial_return.reserves_months = figures.reserves_months
    return financial_return


def apply_assessment(financial_return: FinancialReturn, thresholds: Thresholds) -> FinancialReturn:
    """Assesses the return against `thresholds` and stores the result with the thresholds."""
    result = assess(
        grants=financial_return.income_grants,
        total_income=financial_return.total_income,
        reserves=financial_return.unrestricted_reserves,
        spending=financial_return.spending,
        business_plan_on=financial_return.business_plan_on,
        year_ends_on=financial_return.year_ends_on,
        thresholds=thresholds,
    )
    financial_return.meets_grant_dependency = result.meets_grant_dependency
    financial_return.meets_reserves = result.meets_reserves
    financial_return.meets_business_plan = result.meets_business_plan
    financial_return.sustainable = result.sustainable
    financial_return.threshold_grant_dependency = thresholds.grant_dependency
    financial_return.threshold_reserves_months = thresholds.reserves_months
    financial_return.threshold_business_plan_years = thresholds.business_plan_years
    return financial_return


def _check(figures: dict) -> None:
    for name in FIGURE_FIELDS:
        value = figures.get(name)
        if value is None:
            raise AnchorsError("Enter an amount in pounds (0 if none).", field=name)
        if name != "unrestricted_reserves" and Decimal(value) < 0:
            raise AnchorsError("Enter an amount of 0 or more.", field=name)


def submit_return(
    *, anchor: Anchor, year: int, by, figures: dict, today: datetime.date | None = None
) -> FinancialReturn:
    """Submits (or, while it is awaiting acceptance or sent back, corrects) the anchor's return for `year`."""
    today = today or timezone.localdate()
    if not can_edit_organisation(by, anchor.organisation):
        raise AnchorsError("Only the anchor's editors or department staff can submit its returns.")
    if anchor.status != AnchorStatus.DESIGNATED:
        raise AnchorsError("Only a designated community anchor submits financial returns.")
    if year > today.year:
        raise AnchorsError("A return is for a financial year that has started.", field="year")
    _check(figures)
    with transaction.atomic():
        financial_return = FinancialReturn.objects.select_for_update().filter(anchor=anchor, year=year).first()
        if financial_return is not None and financial_return.status == ReturnStatus.ACCEPTED:
            raise AnchorsError(
                f"The return for {financial_return.year_label} has been accepted; ask staff to correct it.",
                field="year",
            )
        resubmitting = financial_return is not None and financial_return.status == ReturnStatus.RETURNED
        if financial_return is None:
            financial_return = FinancialReturn(anchor=anchor, year=year, submitted_on=today, submitted_by=by)
        for name in RETURN_FIELDS:
            setattr(financial_return, name, figures.get(name))
        compute_figures(financial_return)
        if resubmitting:
            financial_return.save()
            try:
                take(financial_return, "resubmit", by=by, reason="Corrected and submitted again", today=today)
            except TransitionRefused as error:
                raise AnchorsError(str(error)) from error
            return financial_return
        attribute(financial_return, by=by, reason="Submitted" if financial_return.pk is None else "Corrected")
        try:
            with transaction.atomic():
                financial_return.save()
        except IntegrityError as error:
            raise AnchorsError("There is already a return for that year.", field="year") from error
    return financial_return


def accept_return(
    *, financial_return: FinancialReturn, by, today: datetime.date | None = None, thresholds: Thresholds | None = None
) -> FinancialReturn:
    """Accepts the return and records its assessment against the thresholds in force (or those given)."""
    apply_assessment(compute_figures(financial_return), thresholds or thresholds_in_force())
    try:
        return take(financial_return, "accept", by=by, reason="Accepted", today=today or timezone.localdate())
    except TransitionRefused as error:
        raise AnchorsError(str(error)) from error


def send_back_return(
    *, financial_return: FinancialReturn, by, reason: str, today: datetime.date | None = None
) -> FinancialReturn:
    financial_return.return_reason = (reason or "").strip()
    try:
        return take(
            financial_return,
            "send_back",
            by=by,
            reason=financial_return.return_reason,
            today=today or timezone.localdate(),
        )
    except TransitionRefused as error:
        raise AnchorsError(str(error), field="reason") from error
