"""The secretariat changes a board's remit and seats and ends members' terms; everyone else is refused."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from thirdsector.conftest import ALL_ROLES, STAFF_ROLES

from .factories import BoardFactory, BoardMembershipFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _refused(response, role):
    if role == "public":
        return response.status_code == 302 and ("sign-in" in response["Location"] or "login" in response["Location"])
    return response.status_code in (403, 404)


def _edit_url(board):
    return reverse("partnerships:board-edit", kwargs={"slug": board.slug})


def _end_url(membership):
    return reverse(
        "partnerships:board-member-end", kwargs={"slug": membership.board.slug, "membership_id": membership.pk}
    )


def _board_data(**overrides):
    data = {
        "remit": "Oversees the new strategy.",
        "min_members": "10",
        "max_members": "18",
        "min_third_sector_seats": "8",
        "min_local_government_seats": "2",
        "min_department_seats": "1",
        "reason": "Agreed at the annual review",
    }
    return data | overrides


def test_the_secretariat_changes_a_boards_remit_and_seats_with_an_audit_record(staff_user, staff_client):
    board = BoardFactory(min_members=15, max_members=20)
    page = staff_client.get(_edit_url(board))
    assert page.status_code == 200
    assert "Oversees the delivery of the strategy." in page.text

    response = staff_client.post(_edit_url(board), _board_data())

    assert response.status_code == 302 and response["Location"] == f"/partnerships/boards/{board.slug}/"
    board.refresh_from_db()
    assert board.remit == "Oversees the new strategy."
    assert (board.min_members, board.max_members, board.min_third_sector_seats) == (10, 18, 8)
    assert (board.min_local_government_seats, board.min_department_seats) == (2, 1)
    record = board.history.latest()
    assert record.history_user == staff_user
    assert record.history_change_reason == "Agreed at the annual review"


def test_the_secretariat_ends_a_members_term_today_with_an_audit_record(staff_user, staff_client):
    membership = BoardMembershipFactory(name="Asha Patel")
    page = staff_client.get(_end_url(membership))
    assert page.status_code == 200
    assert f'value="{TODAY.isoformat()}"' in page.text

    response = staff_client.post(_end_url(membership), {"ends_on": TODAY.isoformat(), "reason": "Stood down"})

    assert response.status_code == 302 and response["Location"] == f"/partnerships/boards/{membership.board.slug}/"
    membership.refresh_from_db()
    assert membership.term_ends_on == TODAY
    record = membership.history.latest()
    assert record.history_user == staff_user
    assert record.history_change_reason == "Stood down"


def test_the_board_page_links_the_secretariat_to_both_pages(staff_client):
    membership = BoardMembershipFactory()
    response = staff_client.get(reverse("partnerships:board", kwargs={"slug": membership.board.slug}))
    assert _edit_url(membership.board) in response.text
    assert _end_url(membership) in response.text


def test_the_public_board_page_has_no_links_to_change_it(client):
    membership = BoardMembershipFactory()
    response = client.get(reverse("partnerships:board", kwargs={"slug": membership.board.slug}))
    assert _edit_url(membership.board) not in response.text
    assert _end_url(membership) not in response.text


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_the_secretariat_changes_a_board(clients_by_role, role):
    board = BoardFactory(min_members=15, max_members=20)
    client = clients_by_role[role]
    get = client.get(_edit_url(board))
    response = client.post(_edit_url(board), _board_data())
    board.refresh_from_db()
    if role in STAFF_ROLES:
        assert get.status_code == 200 and response.status_code == 302
        assert board.max_members == 18
    else:
        assert _refused(get, role) and _refused(response, role), (role, get.status_code, response.status_code)
        assert board.max_members == 20
        assert board.history.count() == 1


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_the_secretariat_ends_a_term(clients_by_role, role):
    membership = BoardMembershipFactory()
    client = clients_by_role[role]
    get = client.get(_end_url(membership))
    response = client.post(_end_url(membership), {"ends_on": TODAY.isoformat(), "reason": "Stood down"})
    membership.refresh_from_db()
    if role in STAFF_ROLES:
        assert get.status_code == 200 and response.status_code == 302
        assert membership.term_ends_on == TODAY
    else:
        assert _refused(get, role) and _refused(response, role), (role, get.status_code, response.status_code)
        assert membership.term_ends_on is None


def test_a_minimum_above_the_maximum_is_shown_in_the_error_summary(staff_client):
    board = BoardFactory(min_members=15, max_members=20)
    response = staff_client.post(_edit_url(board), _board_data(min_members="25", max_members="20"))
    assert response.status_code == 200
    assert "govuk-error-summary" in response.text
    assert "The minimum number of members cannot be more than the maximum" in response.text
    board.refresh_from_db()
    assert board.min_members == 15


def test_missing_and_bad_board_fields_show_field_errors(staff_client):
    board = BoardFactory()
    response = staff_client.post(_edit_url(board), _board_data(remit="", max_members="none", reason=""))
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"remit", "max_members", "reason"}
    assert "govuk-error-summary" in response.text
    assert "Enter the reason for this change" in response.text


def test_a_term_cannot_end_before_it_starts(staff_client):
    membership = BoardMembershipFactory(term_starts_on=TODAY - datetime.timedelta(days=10))
    before = (TODAY - datetime.timedelta(days=11)).isoformat()
    response = staff_client.post(_end_url(membership), {"ends_on": before, "reason": "Mistake"})
    assert response.status_code == 200
    assert response.context["form"].errors["ends_on"] == ["A term cannot end before it starts"]
    assert "govuk-error-summary" in response.text
    membership.refresh_from_db()
    assert membership.term_ends_on is None


def test_ending_a_term_needs_a_date_and_a_reason(staff_client):
    membership = BoardMembershipFactory()
    response = staff_client.post(_end_url(membership), {"ends_on": "not a date", "reason": ""})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"ends_on", "reason"}
    membership.refresh_from_db()
    assert membership.term_ends_on is None


def test_a_member_of_another_board_or_already_gone_is_not_found(staff_client):
    membership = BoardMembershipFactory()
    elsewhere = BoardMembershipFactory()
    gone = BoardMembershipFactory(board=membership.board, term_ends_on=TODAY - datetime.timedelta(days=1))
    wrong_board = reverse(
        "partnerships:board-member-end", kwargs={"slug": membership.board.slug, "membership_id": elsewhere.pk}
    )
    assert staff_client.get(wrong_board).status_code == 404
    assert staff_client.get(_end_url(gone)).status_code == 404
