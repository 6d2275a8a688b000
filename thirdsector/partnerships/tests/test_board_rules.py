"""Board size and balance: a seat beyond the maximum is refused; below the minimum or unbalanced is flagged."""

import datetime

import pytest
from django.utils import timezone

from thirdsector.partnerships.models.boards import MemberRole, Sector
from thirdsector.partnerships.selectors.boards import board_flags
from thirdsector.partnerships.services.boards import BoardError, add_member, create_board, declare_interest

from .factories import BoardFactory, BoardMembershipFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _fill(board, count, sector=Sector.THIRD_SECTOR):
    for _ in range(count):
        BoardMembershipFactory(board=board, sector=sector)


def test_a_new_board_takes_its_size_from_the_settings(settings):
    settings.PARTNERSHIP_BOARD_MIN_MEMBERS = 15
    settings.PARTNERSHIP_BOARD_MAX_MEMBERS = 20
    board = create_board(name="Third Sector Partnership Board", remit="Oversees the strategy")
    assert (board.min_members, board.max_members) == (15, 20)
    assert board.slug == "third-sector-partnership-board"


def test_the_21st_member_is_refused_with_the_reason():
    board = BoardFactory(min_members=15, max_members=20)
    _fill(board, 20)
    with pytest.raises(BoardError, match="already has its maximum of 20 members"):
        add_member(board=board, name="One too many", sector=Sector.THIRD_SECTOR, term_starts_on=TODAY)
    assert board.memberships.count() == 20


def test_an_observer_does_not_count_towards_the_maximum():
    board = BoardFactory(max_members=20)
    _fill(board, 20)
    add_member(board=board, name="Observer", sector=Sector.DEPARTMENT, term_starts_on=TODAY, role=MemberRole.OBSERVER)
    assert board.memberships.count() == 21


def test_a_member_whose_term_has_ended_frees_a_seat():
    board = BoardFactory(max_members=20)
    _fill(board, 19)
    BoardMembershipFactory(board=board, term_ends_on=TODAY - datetime.timedelta(days=1))
    add_member(board=board, name="New member", sector=Sector.THIRD_SECTOR, term_starts_on=TODAY)


def test_a_board_below_15_is_flagged():
    board = BoardFactory(min_members=15)
    _fill(board, 14)
    assert [flag.text for flag in board_flags(board)] == ["The board has 14 members, below its minimum of 15"]


def test_an_unbalanced_board_is_flagged():
    board = BoardFactory(min_members=15, min_local_government_seats=3, min_department_seats=2)
    _fill(board, 14)
    _fill(board, 1, Sector.LOCAL_GOVERNMENT)
    texts = [flag.text for flag in board_flags(board)]
    assert "The board is unbalanced: 1 local government seats, below the minimum of 3" in texts
    assert "The board is unbalanced: 0 department seats, below the minimum of 2" in texts


def test_a_full_balanced_board_has_no_flags():
    board = BoardFactory(
        min_members=15, min_third_sector_seats=10, min_local_government_seats=3, min_department_seats=2
    )
    _fill(board, 11)
    _fill(board, 4, Sector.LOCAL_GOVERNMENT)
    _fill(board, 3, Sector.DEPARTMENT)
    assert board_flags(board) == []


def test_declared_interests_are_dated_and_audited(staff_user):
    membership = BoardMembershipFactory()
    declaration = declare_interest(
        membership=membership, interest="Trustee of a grant holder", declared_on=TODAY, by=staff_user
    )
    assert declaration.history.get().history_user == staff_user
    assert membership.declarations.get().declared_on == TODAY
