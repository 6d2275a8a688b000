"""Who reads which board's packs: a board member their own boards' (a current seat), staff and the Compact
Commissioner every board's; another board's pack is not found, as if it were not there."""

import datetime

import pytest
from django.utils import timezone

from thirdsector.accounts.roles import Role
from thirdsector.accounts.tests.factories import UserFactory
from thirdsector.conftest import signed_in_client
from thirdsector.partnerships.models.boards import BoardKind
from thirdsector.partnerships.tests.factories import BoardFactory, BoardMembershipFactory

from .factories import BoardPackFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("stand_in_pdf")]


@pytest.fixture
def other_board(db):
    return BoardFactory(name="North West Partnership Board", slug="north-west", kind=BoardKind.PARTNERSHIP)


@pytest.fixture
def ours(board):
    return BoardPackFactory(board=board, ready=True, version=1)


@pytest.fixture
def theirs(other_board):
    return BoardPackFactory(board=other_board, ready=True, version=1)


def member_of(*boards, **seat):
    user = UserFactory(roles=[Role.BOARD_MEMBER])
    for board in boards:
        BoardMembershipFactory(board=board, user=user, **seat)
    return signed_in_client(user)


def listed(client) -> set[str]:
    """The boards named in the list's rows."""
    content = client.get("/measures/board-packs/").content.decode()
    return {name for name in ("Third Sector Partnership Board", "North West Partnership Board") if name in content}


def page_and_pdf(client, pack) -> tuple[int, int]:
    return (
        client.get(pack.get_absolute_url()).status_code,
        client.get(f"/measures/board-packs/{pack.pk}/pack.pdf").status_code,
    )


def test_a_board_member_lists_only_their_own_boards_packs(board, ours, theirs):
    assert listed(member_of(board)) == {"Third Sector Partnership Board"}
    assert listed(member_of(board, theirs.board)) == {"Third Sector Partnership Board", "North West Partnership Board"}
    assert "Each quarter's progress pack for the boards you sit on" in (
        member_of(board).get("/measures/board-packs/").content.decode()
    )


@pytest.mark.parametrize("role", [Role.DEPARTMENT_STAFF, Role.PLATFORM_ADMIN, Role.COMMISSIONER])
def test_staff_and_the_commissioner_list_every_boards_packs(role, ours, theirs):
    client = signed_in_client(UserFactory(roles=[role]))
    assert listed(client) == {"Third Sector Partnership Board", "North West Partnership Board"}


def test_a_board_member_reads_and_downloads_their_own_boards_pack(board, ours):
    assert page_and_pdf(member_of(board), ours) == (200, 200)


def test_another_boards_pack_is_not_found_by_a_board_member(board, theirs):
    client = member_of(board)
    assert page_and_pdf(client, theirs) == (404, 404)
    assert "North West" not in client.get(theirs.get_absolute_url()).content.decode()


def test_a_former_member_no_longer_sees_the_boards_packs(board, ours):
    today = timezone.localdate()
    former = member_of(
        board, term_starts_on=today - datetime.timedelta(days=400), term_ends_on=today - datetime.timedelta(days=1)
    )
    assert listed(former) == set()
    assert page_and_pdf(former, ours) == (404, 404)


def test_a_member_whose_seat_has_not_begun_does_not_see_them_yet(board, ours):
    future = member_of(board, term_starts_on=timezone.localdate() + datetime.timedelta(days=1))
    assert listed(future) == set()
    assert page_and_pdf(future, ours) == (404, 404)


def test_a_seat_on_the_programme_board_shows_no_partnership_packs(ours):
    client = member_of(BoardFactory(kind=BoardKind.PROGRAMME))
    assert listed(client) == set()
    assert page_and_pdf(client, ours) == (404, 404)


def test_a_seat_without_the_board_member_role_is_still_refused(board, ours, council_officer_user):
    BoardMembershipFactory(board=board, user=council_officer_user)
    client = signed_in_client(council_officer_user)
    assert client.get("/measures/board-packs/").status_code == 403
    assert page_and_pdf(client, ours) == (403, 403)


# --- Queries ------------------------------------------------------------------------------------------


def add_packs(board, other_board, count: int) -> None:
    for _ in range(count):
        BoardPackFactory(board=board)
        BoardPackFactory(board=other_board)


def test_a_board_members_list_reads_in_a_fixed_number_of_queries(board, other_board, django_assert_num_queries):
    client = member_of(board)
    add_packs(board, other_board, 2)
    # The session, its user and their roles; the count and the page of packs (the seats are a subquery of
    # each); the menu's organisation memberships.
    with django_assert_num_queries(6):
        assert client.get("/measures/board-packs/").status_code == 200
    add_packs(board, other_board, 30)
    with django_assert_num_queries(6):
        response = client.get("/measures/board-packs/")
    content = response.content.decode()
    assert "Packs, newest quarter first (32)" in content and "North West" not in content


def test_the_staff_list_reads_in_a_fixed_number_of_queries(board, other_board, staff_client, django_assert_num_queries):
    add_packs(board, other_board, 2)
    # As a board member's, and the second factor's device.
    with django_assert_num_queries(7):
        assert staff_client.get("/measures/board-packs/").status_code == 200
    add_packs(board, other_board, 30)
    with django_assert_num_queries(7):
        response = staff_client.get("/measures/board-packs/")
    assert "Packs, newest quarter first (64)" in response.content.decode()
