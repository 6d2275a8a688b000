"""Reads for the monitoring pages: returns for staff to review or chase, and one return with its award."""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from ..models import OUTSTANDING_RETURN_STATUSES, MonitoringReturn, Programme, ReturnStatus
from .programmes import programmes_run_by

NEEDS_ATTENTION = "needs_attention"
SUBMITTED = "submitted"
OVERDUE = "overdue"
FOLLOW_UP = "follow_up"
RETURN_VIEWS = [
    (NEEDS_ATTENTION, "Submitted, overdue or awaiting more information"),
    (SUBMITTED, "Submitted, awaiting review"),
    (OVERDUE, "Overdue"),
    (FOLLOW_UP, "More information requested"),
]


@dataclass(frozen=True)
class ReturnFilters:
    programme: Programme | None = None
    show: str = NEEDS_ATTENTION


def returns_for_staff(user, filters: ReturnFilters, *, today: datetime.date) -> QuerySet[MonitoringReturn]:
    """Returns on the programmes `user` runs that need staff: to review, to chase, or waiting on more."""
    returns = MonitoringReturn.objects.filter(award__programme__in=programmes_run_by(user).values("pk")).select_related(
        "award__organisation", "award__programme", "submitted_by"
    )
    if filters.programme is not None:
        returns = returns.filter(award__programme=filters.programme)
    submitted = Q(status=ReturnStatus.SUBMITTED)
    overdue = Q(status__in=OUTSTANDING_RETURN_STATUSES, due_on__lt=today)
    follow_up = Q(status=ReturnStatus.FOLLOW_UP)
    chosen = {SUBMITTED: submitted, OVERDUE: overdue, FOLLOW_UP: follow_up}.get(
        filters.show, submitted | overdue | follow_up
    )
    return returns.filter(chosen).order_by("due_on", "award__reference", "pk")


def return_for_page(pk: int) -> MonitoringReturn:
    return MonitoringReturn.objects.select_related(
        "award__organisation", "award__programme", "submitted_by", "reviewed_by"
    ).get(pk=pk)
