"""Reads for the payment pages: the staff queue of payments to act on, and one payment with its people."""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from ..models import Payment, PaymentStatus, Programme
from .programmes import programmes_run_by

# The queue's default view: what staff need to act on soon.
NEEDS_ACTION = "needs_action"
ALL_STATUSES = "all"
QUEUE_VIEWS = [
    (NEEDS_ACTION, "Due soon, awaiting approval or held"),
    (ALL_STATUSES, "Every status"),
    *PaymentStatus.choices,
]
# Payments falling due that staff raise or pay: due within the window, or overdue.
DUE_STATUSES = (PaymentStatus.SCHEDULED, PaymentStatus.APPROVED)


@dataclass(frozen=True)
class PaymentFilters:
    programme: Programme | None = None
    status: str = NEEDS_ACTION
    due_before: datetime.date | None = None


def payment_queue(user, filters: PaymentFilters, *, today: datetime.date, due_within_days: int) -> QuerySet[Payment]:
    """Payments on the programmes `user` runs, soonest due first, shaped for the queue and its CSV.

    The default view shows payments due within `due_within_days` (or by `due_before`), every payment
    awaiting approval, and every payment held.
    """
    payments = Payment.objects.filter(programme__in=programmes_run_by(user).values("pk")).select_related(
        "award__organisation", "programme", "raised_by"
    )
    if filters.programme is not None:
        payments = payments.filter(programme=filters.programme)
    if filters.status == NEEDS_ACTION:
        due_by = filters.due_before or today + datetime.timedelta(days=due_within_days)
        payments = payments.filter(
            Q(status__in=DUE_STATUSES, due_on__lte=due_by) | Q(status__in=[PaymentStatus.REQUESTED, PaymentStatus.HELD])
        )
    else:
        if filters.status != ALL_STATUSES:
            payments = payments.filter(status=filters.status)
        if filters.due_before is not None:
            payments = payments.filter(due_on__lte=filters.due_before)
    return payments.order_by("due_on", "award__reference", "number")


def payment_for_page(pk: int) -> Payment:
    return Payment.objects.select_related(
        "award__organisation", "award__programme", "programme", "raised_by", "approved_by"
    ).get(pk=pk)
