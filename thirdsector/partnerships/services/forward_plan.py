"""Writes for a board's forward plan: planning an item, changing it, and its steps (taken, deferred,
withdrawn).

The rules: an item is planned for a future meeting of its own board (one not yet held), or for a
financial quarter not yet over; a deferral names a later meeting (after the one, or the quarter, it was
planned for) and the reason; a withdrawal gives the reason; an item is recorded as taken at a meeting of
its board that has taken place. Once taken or withdrawn an item is a record and no longer changes.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from thirdsector.core.audit import attribute
from thirdsector.core.workflow import take

from ..models.boards import Board, Meeting
from ..models.forward_plan import NOT_YET_HELD, ForwardPlanItem, ItemKind, quarter_end, quarter_start
from .boards import BoardError


class ForwardPlanError(BoardError):
    """A change to the forward plan refused, with the reason."""


def _check_future_meeting(board: Board, meeting: Meeting) -> None:
    if meeting.board_id != board.pk:
        raise ForwardPlanError(f"Choose a meeting of {board.name}")
    if meeting.starts_at <= timezone.now() or meeting.status not in NOT_YET_HELD:
        raise ForwardPlanError("An item can be planned only for a meeting still to come, not one already held")


def _when(
    board: Board, meeting: Meeting | None, quarter_starts_on: datetime.date | None, today: datetime.date
) -> datetime.date:
    """The item's date: the meeting's, or the first day of a quarter not yet over."""
    if meeting is not None:
        _check_future_meeting(board, meeting)
        return meeting.meeting_date
    if quarter_starts_on is None:
        raise ForwardPlanError("Choose the meeting or, if none is scheduled yet, the quarter")
    starts_on = quarter_start(quarter_starts_on)
    if quarter_end(starts_on) < today:
        raise ForwardPlanError("That quarter is over: choose a quarter still to come")
    return starts_on


def _check_text(title: str, lead: str) -> None:
    if not title.strip():
        raise ForwardPlanError("Enter the topic")
    if not lead.strip():
        raise ForwardPlanError("Enter who leads the item")


@transaction.atomic
def plan_item(
    *,
    board: Board,
    title: str,
    lead: str,
    by,
    description: str = "",
    meeting: Meeting | None = None,
    quarter_starts_on: datetime.date | None = None,
    kind: str = ItemKind.DISCUSSION,
    published: bool = False,
    today: datetime.date | None = None,
) -> ForwardPlanItem:
    """Adds an item to the board's forward plan, for a meeting to come or, with none scheduled, a quarter."""
    _check_text(title, lead)
    planned_on = _when(board, meeting, quarter_starts_on, today or timezone.localdate())
    item = ForwardPlanItem(
        board=board,
        title=title.strip(),
        description=description.strip(),
        meeting=meeting,
        planned_on=planned_on,
        lead=lead.strip(),
        kind=kind,
        published=published,
    )
    attribute(item, by=by, reason="Added to the forward plan")
    item.save()
    return item


@transaction.atomic
def change_item(
    *,
    item: ForwardPlanItem,
    by,
    reason: str,
    title: str,
    lead: str,
    description: str = "",
    meeting: Meeting | None = None,
    quarter_starts_on: datetime.date | None = None,
    kind: str = ItemKind.DISCUSSION,
    published: bool = False,
    today: datetime.date | None = None,
) -> ForwardPlanItem:
    """Changes an item still to be taken, with the reason kept in its history."""
    if not item.is_still_to_be_taken:
        raise ForwardPlanError(f"This item is {item.get_status_display().lower()}: it can no longer change")
    if not reason.strip():
        raise ForwardPlanError("Enter the reason for this change")
    _check_text(title, lead)
    today = today or timezone.localdate()
    unchanged_meeting = meeting is not None and meeting.pk == item.meeting_id
    unchanged_quarter = meeting is None and item.meeting_id is None and quarter_starts_on == item.planned_on
    if unchanged_meeting or unchanged_quarter:
        planned_on = item.planned_on  # Other details may change after the date has passed; the date stays.
    else:
        planned_on = _when(item.board, meeting, quarter_starts_on, today)
    item.title = title.strip()
    item.description = description.strip()
    item.lead = lead.strip()
    item.kind = kind
    item.published = published
    item.meeting = meeting
    item.planned_on = planned_on
    attribute(item, by=by, reason=reason.strip())
    item.save()
    return item


def take_item(*, item: ForwardPlanItem, at_meeting: Meeting, by) -> ForwardPlanItem:
    """Records that the board took the item at `at_meeting`, a meeting of its board that has started."""
    if at_meeting.board_id != item.board_id:
        raise ForwardPlanError(f"Choose a meeting of {item.board.name}")
    if at_meeting.starts_at > timezone.now():
        raise ForwardPlanError("An item is recorded as taken at a meeting that has taken place")
    return take(
        item,
        "take",
        by=by,
        reason=f"Taken at the meeting of {at_meeting.meeting_date:%-d %B %Y}",
        at_meeting=at_meeting,
    )


def defer_item(*, item: ForwardPlanItem, to_meeting: Meeting, reason: str, by) -> ForwardPlanItem:
    """Moves the item to a later meeting of its board, still to come, with the reason."""
    if not reason.strip():
        raise ForwardPlanError("Give the reason the item is deferred")
    _check_future_meeting(item.board, to_meeting)
    if to_meeting.meeting_date <= item.planned_until:
        raise ForwardPlanError(
            f"Choose a meeting after {item.planned_until:%-d %B %Y}: an item is deferred to a later meeting"
        )
    return take(
        item,
        "defer",
        by=by,
        reason=f"Deferred to the meeting of {to_meeting.meeting_date:%-d %B %Y}: {reason.strip()}",
        to_meeting=to_meeting,
        why=reason.strip(),
    )


def withdraw_item(*, item: ForwardPlanItem, reason: str, by) -> ForwardPlanItem:
    if not reason.strip():
        raise ForwardPlanError("Give the reason the item is withdrawn")
    return take(item, "withdraw", by=by, reason=f"Withdrawn: {reason.strip()}", why=reason.strip())
