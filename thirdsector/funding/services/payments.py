"""Paying an award: the schedule in advance, the two people who approve each payment, and the hold.

A schedule is worked out from the award (its frequency, dates and yearly amounts) and split to the penny:
each payment takes its share of the award year its due date falls in, so a year's payments add up to
what the year commits against the budget, and all payments add up to the award. Every change of status
goes through `thirdsector.core.workflow.take`, which checks who may act and keeps the audit record.
"""

import datetime
from collections import defaultdict
from decimal import ROUND_DOWN, Decimal

from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone

from thirdsector.core.workflow import TransitionRefused, take

from ..errors import FundingError
from ..financial_years import financial_year_of
from ..models import Award, Payment, PaymentFrequency, PaymentStatus

PENNY = Decimal("0.01")

# Payments not yet made, which a new schedule replaces and an overdue return holds.
UNPAID_STATUSES = (PaymentStatus.SCHEDULED, PaymentStatus.REQUESTED, PaymentStatus.APPROVED, PaymentStatus.HELD)
HOLDABLE_STATUSES = (PaymentStatus.SCHEDULED, PaymentStatus.REQUESTED, PaymentStatus.APPROVED)

MONTHS_BETWEEN_PAYMENTS = {PaymentFrequency.QUARTERLY_IN_ADVANCE: 3, PaymentFrequency.YEARLY_IN_ADVANCE: 12}


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day where it is shorter (31 January + 1 = 28 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last_day))


def payment_dates(*, frequency: str, starts_on: datetime.date, ends_on: datetime.date) -> list[datetime.date]:
    """Due dates in advance: the start, then every 3 or 12 months (counted from the start) up to the end."""
    step = MONTHS_BETWEEN_PAYMENTS.get(frequency)
    if step is None:
        return [starts_on]
    dates = []
    count = 0
    while (day := add_months(starts_on, step * count)) <= ends_on:
        dates.append(day)
        count += 1
    return dates


def split_evenly(total: Decimal, parts: int) -> list[Decimal]:
    """`total` in `parts` shares that differ by at most a penny, the larger ones first, summing to `total`."""
    pennies = int((total / PENNY).to_integral_value())
    share, extra = divmod(pennies, parts)
    return [(share + (1 if index < extra else 0)) * PENNY for index in range(parts)]


def split_in_proportion(total: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """`total` shared in proportion to `weights`, in pennies by largest remainder, so it sums exactly."""
    if not weights or sum(weights) <= 0:
        return split_evenly(total, max(len(weights), 1))[: len(weights)]
    pennies = int((total / PENNY).to_integral_value())
    whole = sum(weights)
    exact = [Decimal(pennies) * weight / whole for weight in weights]
    shares = [int(value.to_integral_value(rounding=ROUND_DOWN)) for value in exact]
    short = pennies - sum(shares)
    by_remainder = sorted(range(len(weights)), key=lambda index: (-(exact[index] - shares[index]), index))
    for index in by_remainder[:short]:
        shares[index] += 1
    return [share * PENNY for share in shares]


def allocate(
    *, total: Decimal, dates: list[datetime.date], year_amounts: dict[int, Decimal]
) -> list[tuple[datetime.date, Decimal]]:
    """Shares `total` over `dates`: each date takes an even share of the year it falls in.

    A year with no payment date in it (a single payment, or the last months of a grant paid yearly) is
    paid in advance with the latest date before it (the first date if none is before). If the years do
    not add up to `total` (an inconsistent award, or the remainder after payments made), the years are
    scaled in proportion so the payments still add up to `total` exactly. Dates whose share is nothing
    are left out.
    """
    dates = sorted(dates)
    if not dates or total <= 0:
        return []
    years_with_dates = sorted({financial_year_of(day) for day in dates})
    per_year: dict[int, Decimal] = defaultdict(Decimal)
    for year, amount in year_amounts.items():
        earlier = [candidate for candidate in years_with_dates if candidate <= year]
        per_year[earlier[-1] if earlier else years_with_dates[0]] += max(amount, Decimal(0))
    weights = [per_year.get(year, Decimal(0)) for year in years_with_dates]
    if sum(weights) == total:
        year_totals = weights
    else:
        # With no usable yearly amounts, each date counts the same.
        if sum(weights) <= 0:
            weights = [Decimal(sum(1 for day in dates if financial_year_of(day) == year)) for year in years_with_dates]
        year_totals = split_in_proportion(total, weights)
    shares: list[tuple[datetime.date, Decimal]] = []
    for year, year_total in zip(years_with_dates, year_totals, strict=True):
        in_year = [day for day in dates if financial_year_of(day) == year]
        shares.extend(zip(in_year, split_evenly(year_total, len(in_year)), strict=True))
    return [(day, amount) for day, amount in shares if amount > 0]


def _year_amounts(award: Award) -> dict[int, Decimal]:
    return {year.financial_year: year.amount for year in award.years.all()}


def _create(award: Award, shares: list[tuple[datetime.date, Decimal]], first_number: int) -> list[Payment]:
    payments = []
    for offset, (day, amount) in enumerate(shares):
        payment = Payment(
            award=award,
            programme_id=award.programme_id,
            number=first_number + offset,
            due_on=day,
            financial_year=financial_year_of(day),
            amount=amount,
        )
        payment._change_reason = "Scheduled from the award"
        payment.save()
        payments.append(payment)
    return payments


@transaction.atomic
def schedule_payments(*, award: Award) -> list[Payment]:
    """Creates the award's payments in advance, numbered from 1, adding up to the award to the penny."""
    if award.payments.exclude(status=PaymentStatus.CANCELLED).exists():
        raise FundingError(f"{award.reference} already has a payment schedule.")
    dates = payment_dates(frequency=award.payment_frequency, starts_on=award.starts_on, ends_on=award.ends_on)
    shares = allocate(total=award.amount, dates=dates, year_amounts=_year_amounts(award))
    first = (award.payments.aggregate(last=Max("number"))["last"] or 0) + 1
    return _create(award, shares, first)


@transaction.atomic
def reschedule_unpaid(*, award: Award, reason: str = "The award was varied") -> list[Payment]:
    """After a variation: cancels every payment not yet made and schedules what is left to pay.

    What is left is the award's amount less what has been paid, shared over the schedule's dates after
    the last payment made (or one payment today if none is left), each year taking what it commits
    less what has been paid in it.
    """
    award = Award.objects.select_for_update().get(pk=award.pk)
    for payment in award.payments.filter(status__in=UNPAID_STATUSES).order_by("number"):
        take(payment, "supersede", by=None, reason=reason)
    paid = award.payments.filter(status=PaymentStatus.PAID)
    paid_total = paid.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    remainder = award.amount - paid_total
    if remainder <= 0:
        return []
    last_paid_on = paid.aggregate(last=Max("due_on"))["last"]
    dates = payment_dates(frequency=award.payment_frequency, starts_on=award.starts_on, ends_on=award.ends_on)
    if last_paid_on is not None:
        dates = [day for day in dates if day > last_paid_on]
    if not dates:
        dates = [max(timezone.localdate(), award.starts_on)]
    paid_by_year = defaultdict(Decimal)
    for year, amount in paid.values_list("financial_year", "amount"):
        paid_by_year[year] += amount
    year_amounts = {year: amount - paid_by_year[year] for year, amount in _year_amounts(award).items()}
    shares = allocate(total=remainder, dates=dates, year_amounts=year_amounts)
    first = (award.payments.aggregate(last=Max("number"))["last"] or 0) + 1
    return _create(award, shares, first)


def raise_payment(*, payment: Payment, by, reason: str = "") -> Payment:
    """Asks for the payment to be approved; whoever raises it cannot approve it."""
    return take(payment, "raise_for_approval", by=by, reason=reason or "Raised for approval")


def approve_payment(*, payment: Payment, by, reason: str = "") -> Payment:
    return take(payment, "approve", by=by, reason=reason or "Approved")


def mark_payment_paid(
    *, payment: Payment, by, paid_on: datetime.date, payment_reference: str, reason: str = ""
) -> Payment:
    if not payment_reference.strip():
        raise FundingError("Enter the finance system's reference for the payment.")
    if paid_on > timezone.localdate():
        raise FundingError("The date paid must be today or in the past.")
    return take(
        payment,
        "mark_paid",
        by=by,
        reason=reason or f"Paid, finance reference {payment_reference.strip()}",
        paid_on=paid_on,
        payment_reference=payment_reference.strip(),
    )


def cancel_payment(*, payment: Payment, by, reason: str) -> Payment:
    if not reason.strip():
        raise FundingError("Say why the payment is cancelled.")
    return take(payment, "cancel", by=by, reason=reason)


def release_payment(*, payment: Payment, by, reason: str = "") -> Payment:
    return take(payment, "release", by=by, reason=reason or "Released: no monitoring return is overdue")


def _awards_with_overdue_returns(today: datetime.date):
    from ..models import MonitoringReturn

    return MonitoringReturn.objects.overdue(on=today).values("award_id")


def hold_payments_with_overdue_returns(*, today: datetime.date | None = None) -> int:
    """The daily task: holds payments falling due on awards with a monitoring return overdue.

    Returns how many were held. Approving and paying are refused anyway while a return is overdue;
    holding makes it visible on the queue and to the organisation.
    """
    today = today or timezone.localdate()
    payments = Payment.objects.filter(
        status__in=HOLDABLE_STATUSES, due_on__lte=today, award_id__in=_awards_with_overdue_returns(today)
    ).select_related("award")
    held = 0
    for payment in payments:
        try:
            take(payment, "hold", by=None, reason="A monitoring return on this award is overdue")
        except TransitionRefused:
            continue
        held += 1
    return held


def release_held_payments(*, today: datetime.date | None = None, award: Award | None = None) -> int:
    """Puts held payments back on the schedule once no return on their award is overdue; returns how many."""
    today = today or timezone.localdate()
    payments = Payment.objects.filter(status=PaymentStatus.HELD).exclude(
        award_id__in=_awards_with_overdue_returns(today)
    )
    if award is not None:
        payments = payments.filter(award=award)
    released = 0
    for payment in payments.select_related("award"):
        try:
            release_payment(payment=payment, by=None)
        except TransitionRefused:
            continue
        released += 1
    return released
