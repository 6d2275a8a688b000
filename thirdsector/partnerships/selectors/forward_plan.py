"""Reads for the forward plan: the staff list with its filters, and the published plan of a board.

The public sees an item only while it is published and still to be taken (planned, or deferred to a
later meeting); drafts, and items taken or withdrawn, are for staff.
"""

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from ..models.boards import Board, Meeting
from ..models.forward_plan import NOT_YET_HELD, STILL_TO_BE_TAKEN, ForwardPlanItem, quarter_label


@dataclass(frozen=True)
class ForwardPlanFilters:
    board: Board | None = None
    status: str = ""


def forward_plan_for_staff(filters: ForwardPlanFilters | None = None) -> QuerySet[ForwardPlanItem]:
    filters = filters or ForwardPlanFilters()
    items = ForwardPlanItem.objects.select_related("board", "meeting", "taken_at")
    if filters.board is not None:
        items = items.filter(board=filters.board)
    if filters.status:
        items = items.filter(status=filters.status)
    return items.order_by("planned_on", "id")


def published_forward_plan(board: Board | None = None) -> QuerySet[ForwardPlanItem]:
    """Published items still to be taken, in date order: the public's plan, its CSV and the API."""
    items = ForwardPlanItem.objects.filter(published=True, status__in=STILL_TO_BE_TAKEN).select_related(
        "board", "meeting"
    )
    if board is not None:
        items = items.filter(board=board)
    return items.order_by("planned_on", "id")


@dataclass
class PlanGroup:
    """The items planned for one meeting, or for one quarter while no meeting is scheduled."""

    heading: str
    meeting: Meeting | None
    items: list[ForwardPlanItem] = field(default_factory=list)


def group_key(item: ForwardPlanItem) -> tuple:
    return ("meeting", item.meeting_id) if item.meeting_id else ("quarter", item.planned_on)


def grouped_by_meeting_or_quarter(items) -> list[PlanGroup]:
    """Items (in date order) under one heading per meeting or quarter, in the order they come."""
    groups: dict[tuple, PlanGroup] = {}
    for item in items:
        key = group_key(item)
        if key not in groups:
            if item.meeting_id:
                heading = f"Meeting of {timezone.localtime(item.meeting.starts_at):%-d %B %Y}"
            else:
                heading = f"{quarter_label(item.planned_on)}, meeting to be arranged"
            groups[key] = PlanGroup(heading=heading, meeting=item.meeting)
        groups[key].items.append(item)
    return list(groups.values())


def meetings_to_come(board: Board) -> QuerySet[Meeting]:
    """The board's meetings still to come, soonest first, to plan or defer items to."""
    return board.meetings.filter(starts_at__gt=timezone.now(), status__in=NOT_YET_HELD).order_by("starts_at")


def meetings_taken_place(board: Board) -> QuerySet[Meeting]:
    """The board's meetings that have started, latest first, at which an item may have been taken."""
    return board.meetings.filter(starts_at__lte=timezone.now()).order_by("-starts_at")


def forward_plan_item_for_page(pk: int) -> ForwardPlanItem:
    return ForwardPlanItem.objects.select_related("board", "meeting", "taken_at").get(pk=pk)
