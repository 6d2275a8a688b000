"""The forward plan's rules: planned for a meeting to come or a quarter not over; deferred only to a later
meeting with a reason; withdrawn with a reason; taken at a meeting that has happened; only the secretariat
takes the steps; every change in the history with its reason; only published items still to be taken
on the public plan."""

import datetime

import pytest
from django.utils import timezone

from thirdsector.accounts.roles import Role
from thirdsector.accounts.tests.factories import UserFactory
from thirdsector.core.workflow import TransitionRefused
from thirdsector.partnerships.models.forward_plan import ItemKind, ItemStatus, quarter_label, quarter_start
from thirdsector.partnerships.selectors.forward_plan import grouped_by_meeting_or_quarter, published_forward_plan
from thirdsector.partnerships.services import forward_plan as service
from thirdsector.partnerships.services import meetings as meeting_service

from .factories import BoardFactory, ForwardPlanItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def _days(n: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=n)


def _plan(board, by, **fields):
    defaults = {"title": "Annual review of the Compact", "lead": "Bernard Lowe", "kind": ItemKind.DECISION}
    return service.plan_item(board=board, by=by, **(defaults | fields))


def test_an_item_is_planned_for_a_meeting_to_come_and_takes_its_date(staff_user):
    meeting = MeetingFactory(starts_at=_days(30))
    item = _plan(meeting.board, staff_user, meeting=meeting)
    assert item.status == ItemStatus.PLANNED
    assert item.planned_on == meeting.meeting_date
    assert not item.published
    assert item.history.get().history_change_reason == "Added to the forward plan"
    assert item.history.get().history_user == staff_user


def test_an_item_cannot_be_planned_for_a_past_meeting(staff_user):
    meeting = MeetingFactory(starts_at=_days(-1))
    with pytest.raises(service.ForwardPlanError, match="still to come"):
        _plan(meeting.board, staff_user, meeting=meeting)


def test_an_item_cannot_be_planned_for_a_meeting_already_held(staff_user):
    meeting = MeetingFactory(starts_at=_days(-1))
    meeting_service.hold_meeting(meeting=meeting, by=staff_user)
    meeting.starts_at = _days(5)  # moved afterwards: held is held
    meeting.save()
    with pytest.raises(service.ForwardPlanError, match="already held"):
        _plan(meeting.board, staff_user, meeting=meeting)


def test_an_item_cannot_be_planned_for_another_boards_meeting(staff_user):
    meeting = MeetingFactory(starts_at=_days(30))
    with pytest.raises(service.ForwardPlanError, match="Choose a meeting of"):
        _plan(BoardFactory(name="Programme Board"), staff_user, meeting=meeting)


def test_with_no_meeting_an_item_is_planned_for_a_quarter_from_its_first_day(staff_user):
    item = _plan(BoardFactory(), staff_user, quarter_starts_on=datetime.date(2099, 8, 15))
    assert item.meeting is None
    assert item.planned_on == datetime.date(2099, 7, 1)
    assert item.planned_for == "July to September 2099 (Q2 2099–00)"


def test_an_item_needs_a_meeting_or_a_quarter(staff_user):
    with pytest.raises(service.ForwardPlanError, match="meeting or, if none is scheduled yet, the quarter"):
        _plan(BoardFactory(), staff_user)


def test_an_item_cannot_be_planned_for_a_quarter_already_over(staff_user):
    with pytest.raises(service.ForwardPlanError, match="quarter is over"):
        _plan(BoardFactory(), staff_user, quarter_starts_on=datetime.date(2020, 4, 1))


def test_the_current_quarter_may_still_be_planned_for(staff_user):
    today = datetime.date(2027, 5, 20)
    item = _plan(BoardFactory(), staff_user, quarter_starts_on=datetime.date(2027, 4, 1), today=today)
    assert item.planned_on == datetime.date(2027, 4, 1)


def test_quarters_are_named_by_their_months_and_financial_year():
    assert quarter_start(datetime.date(2027, 2, 28)) == datetime.date(2027, 1, 1)
    assert quarter_label(datetime.date(2027, 1, 1)) == "January to March 2027 (Q4 2026–27)"
    assert quarter_label(datetime.date(2027, 4, 1)) == "April to June 2027 (Q1 2027–28)"


def test_deferral_needs_a_reason(staff_user):
    item = ForwardPlanItemFactory(meeting__starts_at=_days(30))
    later = MeetingFactory(board=item.board, starts_at=_days(120))
    with pytest.raises(service.ForwardPlanError, match="reason the item is deferred"):
        service.defer_item(item=item, to_meeting=later, reason="  ", by=staff_user)


def test_deferral_needs_a_later_meeting(staff_user):
    item = ForwardPlanItemFactory(meeting__starts_at=_days(30))
    earlier = MeetingFactory(board=item.board, starts_at=_days(10))
    with pytest.raises(service.ForwardPlanError, match="deferred to a later meeting"):
        service.defer_item(item=item, to_meeting=earlier, reason="Not ready", by=staff_user)
    with pytest.raises(service.ForwardPlanError, match="deferred to a later meeting"):
        service.defer_item(item=item, to_meeting=item.meeting, reason="Not ready", by=staff_user)


def test_deferral_of_a_quarters_item_is_to_a_meeting_after_the_quarter(staff_user):
    board = BoardFactory()
    item = _plan(board, staff_user, quarter_starts_on=datetime.date(2099, 4, 1))
    within = MeetingFactory(board=board, starts_at=timezone.make_aware(datetime.datetime(2099, 6, 30, 10)))
    with pytest.raises(service.ForwardPlanError, match="after 30 June 2099"):
        service.defer_item(item=item, to_meeting=within, reason="Not ready", by=staff_user)


def test_deferral_moves_the_item_to_the_later_meeting_with_the_reason(staff_user):
    item = ForwardPlanItemFactory(meeting__starts_at=_days(30))
    later = MeetingFactory(board=item.board, starts_at=_days(120))
    service.defer_item(item=item, to_meeting=later, reason="The figures are late", by=staff_user)
    item.refresh_from_db()
    assert item.status == ItemStatus.DEFERRED
    assert item.meeting == later and item.planned_on == later.meeting_date
    assert item.deferral_reason == "The figures are late"
    assert item.history.latest().history_change_reason == (
        f"Deferred to the meeting of {later.meeting_date:%-d %B %Y}: The figures are late"
    )


def test_deferral_to_a_past_meeting_is_refused(staff_user):
    item = ForwardPlanItemFactory(meeting__starts_at=_days(30))
    past = MeetingFactory(board=item.board, starts_at=_days(-3))
    with pytest.raises(service.ForwardPlanError, match="still to come"):
        service.defer_item(item=item, to_meeting=past, reason="Not ready", by=staff_user)


def test_withdrawal_needs_a_reason_and_keeps_it(staff_user):
    item = ForwardPlanItemFactory()
    with pytest.raises(service.ForwardPlanError, match="reason the item is withdrawn"):
        service.withdraw_item(item=item, reason="", by=staff_user)
    service.withdraw_item(item=item, reason="Covered by the annual review", by=staff_user)
    item.refresh_from_db()
    assert item.status == ItemStatus.WITHDRAWN and item.withdrawal_reason == "Covered by the annual review"
    assert item.history.latest().history_change_reason == "Withdrawn: Covered by the annual review"


def test_an_item_is_taken_at_a_meeting_that_has_happened(staff_user):
    item = ForwardPlanItemFactory(meeting__starts_at=_days(30))
    with pytest.raises(service.ForwardPlanError, match="has taken place"):
        service.take_item(item=item, at_meeting=item.meeting, by=staff_user)
    held = MeetingFactory(board=item.board, starts_at=_days(-2))
    service.take_item(item=item, at_meeting=held, by=staff_user)
    item.refresh_from_db()
    assert item.status == ItemStatus.TAKEN and item.taken_at == held


def test_an_item_is_taken_only_at_a_meeting_of_its_board(staff_user):
    item = ForwardPlanItemFactory()
    with pytest.raises(service.ForwardPlanError, match="Choose a meeting of"):
        service.take_item(item=item, at_meeting=MeetingFactory(starts_at=_days(-2)), by=staff_user)


@pytest.mark.parametrize("role", [Role.BOARD_MEMBER, Role.COUNCIL_OFFICER, Role.COMMISSIONER])
def test_only_the_secretariat_takes_the_steps(role):
    item = ForwardPlanItemFactory()
    held = MeetingFactory(board=item.board, starts_at=_days(-2))
    later = MeetingFactory(board=item.board, starts_at=_days(200))
    person = UserFactory(roles=[role])
    with pytest.raises(TransitionRefused, match="only the secretariat"):
        service.take_item(item=item, at_meeting=held, by=person)
    with pytest.raises(TransitionRefused, match="only the secretariat"):
        service.defer_item(item=item, to_meeting=later, reason="Not ready", by=person)
    with pytest.raises(TransitionRefused, match="only the secretariat"):
        service.withdraw_item(item=item, reason="No longer needed", by=person)
    item.refresh_from_db()
    assert item.status == ItemStatus.PLANNED


def test_a_deferred_item_may_be_taken_and_a_taken_one_takes_no_more_steps(staff_user):
    item = ForwardPlanItemFactory(meeting__starts_at=_days(30))
    later = MeetingFactory(board=item.board, starts_at=_days(120))
    service.defer_item(item=item, to_meeting=later, reason="Not ready", by=staff_user)
    service.take_item(item=item, at_meeting=MeetingFactory(board=item.board, starts_at=_days(-1)), by=staff_user)
    with pytest.raises(TransitionRefused, match="not possible while this forward plan item is taken"):
        service.withdraw_item(item=item, reason="Too late", by=staff_user)


def test_a_change_keeps_the_reason_typed_and_is_refused_once_taken(staff_user):
    item = ForwardPlanItemFactory(meeting__starts_at=_days(30), published=False)
    service.change_item(
        item=item,
        by=staff_user,
        reason="Chair asked for a clearer title",
        title="Compact: the annual review",
        lead="Bernard Lowe",
        meeting=item.meeting,
        kind=ItemKind.DECISION,
        published=True,
    )
    item.refresh_from_db()
    assert item.title == "Compact: the annual review" and item.published
    latest = item.history.latest()
    assert latest.history_change_reason == "Chair asked for a clearer title" and latest.history_user == staff_user
    service.withdraw_item(item=item, reason="Merged", by=staff_user)
    with pytest.raises(service.ForwardPlanError, match="can no longer change"):
        service.change_item(item=item, by=staff_user, reason="Typo", title="X", lead="Y", meeting=item.meeting)


def test_a_change_to_a_past_meeting_is_refused(staff_user):
    item = ForwardPlanItemFactory(meeting__starts_at=_days(30))
    past = MeetingFactory(board=item.board, starts_at=_days(-10))
    with pytest.raises(service.ForwardPlanError, match="still to come"):
        service.change_item(item=item, by=staff_user, reason="Moved", title="T", lead="L", meeting=past)


def test_only_published_items_still_to_be_taken_are_on_the_public_plan(staff_user):
    board = BoardFactory()
    shown = ForwardPlanItemFactory(board=board, meeting__starts_at=_days(30), title="Shown")
    ForwardPlanItemFactory(board=board, published=False, title="Draft")
    withdrawn = ForwardPlanItemFactory(board=board, title="Withdrawn")
    service.withdraw_item(item=withdrawn, reason="Merged", by=staff_user)
    taken = ForwardPlanItemFactory(board=board, title="Taken")
    service.take_item(item=taken, at_meeting=MeetingFactory(board=board, starts_at=_days(-1)), by=staff_user)
    deferred = ForwardPlanItemFactory(board=board, meeting__starts_at=_days(20), title="Deferred")
    service.defer_item(
        item=deferred, to_meeting=MeetingFactory(board=board, starts_at=_days(90)), reason="Late", by=staff_user
    )
    ForwardPlanItemFactory(title="Another board's")
    assert [item.title for item in published_forward_plan(board)] == ["Shown", "Deferred"]
    assert shown.pk in {item.pk for item in published_forward_plan()}


def test_the_plan_is_grouped_by_meeting_then_quarter_in_date_order(staff_user):
    board = BoardFactory()
    soon = MeetingFactory(board=board, starts_at=_days(20))
    first = _plan(board, staff_user, meeting=soon, title="First", published=True)
    second = _plan(board, staff_user, meeting=soon, title="Second", published=True)
    quarter = _plan(board, staff_user, quarter_starts_on=datetime.date(2099, 1, 1), title="Later", published=True)
    groups = grouped_by_meeting_or_quarter(published_forward_plan(board))
    assert [[item.pk for item in group.items] for group in groups] == [[first.pk, second.pk], [quarter.pk]]
    assert groups[0].heading == f"Meeting of {soon.meeting_date:%-d %B %Y}"
    assert groups[1].heading == "January to March 2099 (Q4 2098–99), meeting to be arranged"
