"""Meetings: late papers by working days, minutes approved only at a later meeting and then published,
actions tracked to completion and the overdue list."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from thirdsector.accounts.roles import Role
from thirdsector.accounts.tests.factories import UserFactory
from thirdsector.core.workflow import TransitionRefused
from thirdsector.partnerships.models.boards import ActionStatus, MeetingStatus
from thirdsector.partnerships.selectors.boards import overdue_actions, published_minutes
from thirdsector.partnerships.services import meetings as service

from .factories import ActionFactory, AgendaItemFactory, BoardFactory, MeetingFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def _at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, 10, tzinfo=LONDON)


def test_papers_five_working_days_before_are_on_time(staff_user):
    # Monday 9 March 2026; five working days before is Monday 2 March.
    meeting = MeetingFactory(starts_at=_at(datetime.date(2026, 3, 9)))
    service.circulate_papers(meeting=meeting, by=staff_user, on=datetime.date(2026, 3, 2))
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PAPERS_CIRCULATED
    assert not meeting.papers_late


def test_papers_four_working_days_before_need_a_reason_and_are_flagged_late(staff_user):
    meeting = MeetingFactory(starts_at=_at(datetime.date(2026, 3, 9)))
    with pytest.raises(service.MeetingError, match="late"):
        service.circulate_papers(meeting=meeting, by=staff_user, on=datetime.date(2026, 3, 3))
    service.circulate_papers(
        meeting=meeting, by=staff_user, on=datetime.date(2026, 3, 3), late_reason="The report came late"
    )
    meeting.refresh_from_db()
    assert meeting.papers_late and meeting.late_papers_reason == "The report came late"
    assert meeting.history.first().history_change_reason == "Papers circulated late: The report came late"


def test_bank_holidays_do_not_count_as_working_days(staff_user):
    # Easter 2026: Good Friday 3 April and Easter Monday 6 April are bank holidays.
    meeting = MeetingFactory(starts_at=_at(datetime.date(2026, 4, 10)))
    assert service.papers_would_be_late(meeting, datetime.date(2026, 4, 2))
    assert not service.papers_would_be_late(meeting, datetime.date(2026, 4, 1))


def test_only_the_secretariat_circulates_papers():
    meeting = MeetingFactory(starts_at=timezone.now() + datetime.timedelta(days=60))
    with pytest.raises(TransitionRefused, match="only the secretariat"):
        service.circulate_papers(meeting=meeting, by=UserFactory(roles=[Role.BOARD_MEMBER]))


def _held(board, days_ago, staff_user, minutes="Minutes of the meeting."):
    meeting = MeetingFactory(board=board, starts_at=timezone.now() - datetime.timedelta(days=days_ago))
    service.hold_meeting(meeting=meeting, by=staff_user)
    if minutes:
        service.draft_minutes(meeting=meeting, minutes=minutes, by=staff_user)
    return meeting


def test_minutes_are_approved_at_the_next_meeting_and_then_published(staff_user):
    board = BoardFactory()
    first = _held(board, 100, staff_user)
    assert not published_minutes().filter(pk=first.pk).exists()
    second = _held(board, 10, staff_user, minutes="")
    service.approve_minutes(meeting=first, at_meeting=second, by=staff_user)
    first.refresh_from_db()
    assert first.status == MeetingStatus.MINUTES_APPROVED
    assert first.minutes_approved_at == second
    assert first.minutes_published_on == second.meeting_date
    assert list(published_minutes()) == [first]
    assert first.history.first().history_user == staff_user


def test_minutes_cannot_be_approved_at_the_meeting_itself_or_an_earlier_one(staff_user):
    board = BoardFactory()
    earlier = _held(board, 100, staff_user)
    meeting = _held(board, 10, staff_user)
    for at in (meeting, earlier):
        with pytest.raises(service.MeetingError, match="next meeting"):
            service.approve_minutes(meeting=meeting, at_meeting=at, by=staff_user)


def test_minutes_cannot_be_approved_at_another_boards_meeting(staff_user):
    first = _held(BoardFactory(), 100, staff_user)
    other = _held(BoardFactory(), 10, staff_user)
    with pytest.raises(service.MeetingError, match="same board"):
        service.approve_minutes(meeting=first, at_meeting=other, by=staff_user)


def test_minutes_must_be_drafted_before_approval(staff_user):
    board = BoardFactory()
    first = _held(board, 100, staff_user, minutes="")
    second = _held(board, 10, staff_user, minutes="")
    with pytest.raises(TransitionRefused, match="Draft the minutes"):
        service.approve_minutes(meeting=first, at_meeting=second, by=staff_user)


def test_a_meeting_in_the_future_cannot_be_recorded_as_held(staff_user):
    with pytest.raises(service.MeetingError, match="once it has started"):
        service.hold_meeting(meeting=MeetingFactory(), by=staff_user)


def test_actions_are_tracked_to_completion_and_overdue_ones_listed(staff_user):
    today = timezone.localdate()
    overdue = ActionFactory(due_on=today - datetime.timedelta(days=3))
    ActionFactory(due_on=today + datetime.timedelta(days=3))
    done = ActionFactory(due_on=today - datetime.timedelta(days=10))
    service.complete_action(action=done, by=staff_user, on=today - datetime.timedelta(days=11))
    assert list(overdue_actions()) == [overdue]
    done.refresh_from_db()
    assert done.status == ActionStatus.DONE and done.completed_on == today - datetime.timedelta(days=11)
    with pytest.raises(service.MeetingError, match="already done"):
        service.complete_action(action=done, by=staff_user)


def test_a_paper_must_be_an_accepted_kind_of_file(staff_user):
    item = AgendaItemFactory()
    with pytest.raises(service.MeetingError, match="must be"):
        service.upload_paper(
            agenda_item=item, title="Script", file=SimpleUploadedFile("run.exe", b"MZ..."), by=staff_user
        )
    paper = service.upload_paper(
        agenda_item=item, title="Report", file=SimpleUploadedFile("report.txt", b"The report."), by=staff_user
    )
    assert paper.history.get().history_user == staff_user


def test_quorum_is_half_the_members_plus_one(staff_user):
    from .factories import BoardMembershipFactory

    board = BoardFactory()
    for _ in range(18):
        BoardMembershipFactory(board=board)
    assert service.quorum_of(board) == 10
