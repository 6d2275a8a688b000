"""Writes for board meetings: scheduling, agenda and papers, circulating papers, attendance, minutes,
decisions and actions.

Status changes go through `thirdsector.core.workflow.take`. Papers circulated fewer than
PARTNERSHIP_PAPERS_WORKING_DAYS working days before the meeting are allowed but flagged late and need a
reason. Minutes are approved at a later meeting of the same board, which is recorded; approval
publishes them.
"""

from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from thirdsector.core.audit import attribute
from thirdsector.core.uploads import DOCUMENTS, TEXT, UploadRefused, check_upload
from thirdsector.core.workflow import take
from thirdsector.core.working_days import working_days_between

from ..models.boards import (
    Action,
    ActionStatus,
    AgendaItem,
    AttendanceRecord,
    Board,
    Decision,
    Meeting,
    MeetingStatus,
    Paper,
)
from .boards import BoardError

PAPER_KINDS = (*DOCUMENTS, TEXT)


class MeetingError(BoardError):
    """A change to a meeting refused, with the reason."""


def papers_would_be_late(meeting: Meeting, on: date) -> bool:
    """True when papers sent `on` reach members fewer than the required working days before the meeting."""
    return working_days_between(on, meeting.meeting_date) < settings.PARTNERSHIP_PAPERS_WORKING_DAYS


@transaction.atomic
def schedule_meeting(*, board: Board, starts_at: datetime, location: str, by) -> Meeting:
    if not location.strip():
        raise MeetingError("Enter where the meeting is held")
    meeting = Meeting(board=board, starts_at=starts_at, location=location.strip())
    attribute(meeting, by=by, reason="Meeting scheduled")
    meeting.save()
    return meeting


@transaction.atomic
def add_agenda_item(*, meeting: Meeting, title: str, by) -> AgendaItem:
    if meeting.status not in (MeetingStatus.PLANNED, MeetingStatus.PAPERS_CIRCULATED):
        raise MeetingError("The agenda cannot change after the meeting is held")
    position = meeting.agenda_items.count() + 1
    item = AgendaItem(meeting=meeting, title=title.strip(), position=position)
    attribute(item, by=by, reason="Agenda item added")
    item.save()
    return item


@transaction.atomic
def upload_paper(*, agenda_item: AgendaItem, title: str, file, by) -> Paper:
    try:
        check_upload(file, max_bytes=settings.PARTNERSHIP_PAPER_MAX_BYTES, allowed=PAPER_KINDS)
    except UploadRefused as error:
        raise MeetingError(str(error)) from error
    paper = Paper(agenda_item=agenda_item, title=title.strip() or file.name, file=file)
    attribute(paper, by=by, reason="Paper uploaded")
    paper.save()
    return paper


def circulate_papers(*, meeting: Meeting, by, on: date | None = None, late_reason: str = "") -> Meeting:
    """Sends the papers; late circulation needs a reason and is flagged "late papers"."""
    on = on or timezone.localdate()
    late = papers_would_be_late(meeting, on)
    if late and not late_reason.strip():
        raise MeetingError(
            f"The papers are late: they should go out at least {settings.PARTNERSHIP_PAPERS_WORKING_DAYS} "
            "working days before the meeting. Give the reason they are late"
        )
    reason = f"Papers circulated late: {late_reason.strip()}" if late else "Papers circulated"
    return take(
        meeting,
        "circulate_papers",
        by=by,
        reason=reason,
        on=on,
        late=late,
        late_reason=late_reason.strip() if late else "",
    )


def hold_meeting(*, meeting: Meeting, by) -> Meeting:
    if meeting.starts_at > timezone.now():
        raise MeetingError("A meeting can be recorded as held only once it has started")
    return take(meeting, "hold", by=by, reason="Meeting held")


@transaction.atomic
def record_attendance(*, meeting: Meeting, attendance: dict[int, str], by) -> list[AttendanceRecord]:
    """Records present/apologies/absent for each membership id in `attendance`."""
    members = {member.pk: member for member in meeting.board.memberships.filter(pk__in=attendance)}
    records = []
    for membership_id, value in attendance.items():
        membership = members.get(int(membership_id))
        if membership is None:
            raise MeetingError("Attendance can be recorded only for the board's members")
        record, _created = AttendanceRecord.objects.get_or_create(
            meeting=meeting, membership=membership, defaults={"attendance": value}
        )
        if record.attendance != value:
            record.attendance = value
            attribute(record, by=by, reason="Attendance recorded")
            record.save()
        records.append(record)
    return records


@transaction.atomic
def draft_minutes(*, meeting: Meeting, minutes: str, by) -> Meeting:
    if meeting.status != MeetingStatus.HELD:
        raise MeetingError("Minutes are drafted after the meeting is held and before they are approved")
    meeting.minutes = minutes.strip()
    attribute(meeting, by=by, reason="Minutes drafted")
    meeting.save(update_fields=["minutes"])
    return meeting


def approve_minutes(*, meeting: Meeting, at_meeting: Meeting, by) -> Meeting:
    """Approves `meeting`'s minutes at `at_meeting`, a later meeting of the same board, and publishes them."""
    if at_meeting.board_id != meeting.board_id:
        raise MeetingError("Minutes are approved at a meeting of the same board")
    if at_meeting.starts_at <= meeting.starts_at:
        raise MeetingError("Minutes are approved at the next meeting, not at the meeting itself or an earlier one")
    if at_meeting.status != MeetingStatus.HELD and at_meeting.status != MeetingStatus.MINUTES_APPROVED:
        raise MeetingError("Minutes are approved at a meeting that has been held")
    return take(
        meeting,
        "approve_minutes",
        by=by,
        reason=f"Minutes approved at the meeting of {at_meeting.meeting_date:%-d %B %Y}",
        at_meeting=at_meeting,
        on=at_meeting.meeting_date,
    )


@transaction.atomic
def record_decision(*, meeting: Meeting, text: str, by, agenda_item: AgendaItem | None = None) -> Decision:
    if not text.strip():
        raise MeetingError("Enter the decision")
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise MeetingError("The agenda item must be on this meeting's agenda")
    decision = Decision(meeting=meeting, text=text.strip(), agenda_item=agenda_item)
    attribute(decision, by=by, reason="Decision recorded")
    decision.save()
    return decision


@transaction.atomic
def record_action(*, meeting: Meeting, description: str, owner: str, due_on: date, by) -> Action:
    if not description.strip() or not owner.strip():
        raise MeetingError("Enter the action and who owns it")
    action = Action(meeting=meeting, description=description.strip(), owner=owner.strip(), due_on=due_on)
    attribute(action, by=by, reason="Action recorded")
    action.save()
    return action


@transaction.atomic
def complete_action(*, action: Action, by, on: date | None = None) -> Action:
    if action.status == ActionStatus.DONE:
        raise MeetingError("This action is already done")
    action.status = ActionStatus.DONE
    action.completed_on = on or timezone.localdate()
    attribute(action, by=by, reason="Action done")
    action.save()
    return action


def quorum_of(board: Board) -> int:
    """Members needed present: the quorum fraction of the current members (not observers), plus one."""
    from .boards import counted_seats

    return int(counted_seats(board).count() * settings.PARTNERSHIP_QUORUM_FRACTION) + 1
