"""The boards' demo data loads: a balanced Partnership Board of 18 with the demo board member on it, and its
forward plan."""

import pytest

from thirdsector.accounts.demo import load_people
from thirdsector.partnerships.demo.boards import load_boards
from thirdsector.partnerships.models.boards import Board, Meeting, MeetingStatus
from thirdsector.partnerships.models.forward_plan import ForwardPlanItem, ItemStatus
from thirdsector.partnerships.selectors.boards import board_flags, may_see_papers, overdue_actions
from thirdsector.partnerships.selectors.forward_plan import published_forward_plan

pytestmark = pytest.mark.django_db


def test_the_demo_boards_load_once_with_a_year_of_meetings():
    load_people()
    load_boards()
    load_boards()
    partnership = Board.objects.get(name="Third Sector Partnership Board")
    assert partnership.memberships.count() == 18
    assert board_flags(partnership) == []
    board_member = partnership.memberships.get(user__email="board@demo.thirdsector.example").user
    assert may_see_papers(board_member, partnership)
    assert not may_see_papers(board_member, Board.objects.get(name="Programme Board"))
    assert Meeting.objects.filter(board=partnership, status=MeetingStatus.MINUTES_APPROVED).count() == 3
    assert Meeting.objects.filter(board=partnership, papers_late=True).count() == 1
    assert overdue_actions().filter(meeting__board=partnership).exists()
    assert partnership.meetings.filter(actions__status="done").exists()


def test_the_demo_partnership_board_has_a_forward_plan_in_every_state():
    load_people()
    load_boards()
    load_boards()
    partnership = Board.objects.get(name="Third Sector Partnership Board")
    items = ForwardPlanItem.objects.filter(board=partnership)
    assert {item.status for item in items} == set(ItemStatus.values)
    assert items.filter(published=False).exists()
    assert items.filter(meeting__isnull=True, status=ItemStatus.PLANNED).count() == 2
    assert published_forward_plan(partnership).count() == 6
    assert all(item.history.exists() for item in items)
