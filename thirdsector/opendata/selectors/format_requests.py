"""Reads of accessible format requests for the staff queue: overdue first, then by due date."""

import datetime

from django.db.models import BooleanField, Case, QuerySet, Value, When

from ..models import FormatRequest
from ..models.format_requests import OPEN_STATUSES


def format_request_queue(*, today: datetime.date, status: str | None = None) -> QuerySet[FormatRequest]:
    """Requests (of one status, if given), each with `overdue`, the overdue ones first, then the soonest due."""
    requests = FormatRequest.objects.all()
    if status:
        requests = requests.filter(status=status)
    return requests.annotate(
        overdue=Case(
            When(status__in=OPEN_STATUSES, due_on__lt=today, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    ).order_by("-overdue", "due_on", "id")
