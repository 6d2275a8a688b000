"""Who sees which board pages: the secretariat everything, a board's members its meetings and papers only,
the public the remit, members' names and published minutes."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from thirdsector.accounts.roles import Role
from thirdsector.accounts.tests.factories import UserFactory
from thirdsector.conftest import ALL_ROLES, STAFF_ROLES, signed_in_client
from thirdsector.partnerships.models.boards import Meeting, MeetingStatus
from thirdsector.partnerships.services import meetings as service

from .factories import ActionFactory, AgendaItemFactory, BoardFactory, BoardMembershipFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def paper(staff_user):
    item = AgendaItemFactory(meeting__board__name="Partnership Board", meeting__board__slug="partnership-board")
    return service.upload_paper(
        agenda_item=item, title="Progress report", file=SimpleUploadedFile("report.txt", b"Progress."), by=staff_user
    )


def _paper_url(paper):
    return reverse("partnerships:meeting-paper", kwargs={"pk": paper.agenda_item.meeting_id, "paper_id": paper.pk})


def _refused(response, role):
    if role == "public":
        return response.status_code == 302 and ("sign-in" in response["Location"] or "login" in response["Location"])
    return response.status_code in (403, 404)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_the_secretariat_opens_a_meeting_and_its_papers(clients_by_role, role, paper):
    meeting_url = reverse("partnerships:meeting", kwargs={"pk": paper.agenda_item.meeting_id})
    for url in (meeting_url, _paper_url(paper)):
        response = clients_by_role[role].get(url)
        if role in STAFF_ROLES:
            assert response.status_code == 200
        else:
            assert _refused(response, role), (role, url, response.status_code)


def test_a_member_of_the_board_reads_its_papers(paper):
    member = UserFactory(roles=[Role.BOARD_MEMBER])
    BoardMembershipFactory(board=paper.agenda_item.meeting.board, user=member)
    response = signed_in_client(member).get(_paper_url(paper))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Progress."


def test_a_member_of_another_board_is_refused_the_papers(paper):
    member = UserFactory(roles=[Role.BOARD_MEMBER])
    BoardMembershipFactory(board=BoardFactory(), user=member)
    client = signed_in_client(member)
    assert client.get(_paper_url(paper)).status_code == 404
    assert client.get(reverse("partnerships:meeting", kwargs={"pk": paper.agenda_item.meeting_id})).status_code == 404


def test_a_former_member_is_refused_the_papers(paper):
    member = UserFactory(roles=[Role.BOARD_MEMBER])
    BoardMembershipFactory(
        board=paper.agenda_item.meeting.board,
        user=member,
        term_ends_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    assert signed_in_client(member).get(_paper_url(paper)).status_code == 404


@pytest.mark.parametrize("role", ALL_ROLES)
def test_everyone_sees_a_boards_public_page_without_its_flags(clients_by_role, role):
    board = BoardFactory(name="Partnership Board", slug="partnership-board", min_members=15)
    BoardMembershipFactory(board=board, name="Asha Patel", organisation_name="Leeds CVS")
    response = clients_by_role[role].get(reverse("partnerships:board", kwargs={"slug": board.slug}))
    assert response.status_code == 200
    assert "Asha Patel" in response.text and "Leeds CVS" in response.text
    assert ("below its minimum of 15" in response.text) == (role in STAFF_ROLES)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_the_secretariat_schedules_meetings(clients_by_role, role):
    board = BoardFactory()
    response = clients_by_role[role].post(
        reverse("partnerships:meeting-create", kwargs={"slug": board.slug}),
        {"starts_at": "2027-03-01T10:00", "location": "Leeds Civic Hall"},
    )
    if role in STAFF_ROLES:
        meeting = Meeting.objects.get()
        assert response.status_code == 302 and response["Location"] == f"/partnerships/meetings/{meeting.pk}/"
    else:
        assert _refused(response, role)
        assert not Meeting.objects.exists()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_the_secretariat_sees_overdue_actions(clients_by_role, role):
    ActionFactory(due_on=timezone.localdate() - datetime.timedelta(days=1), description="Write to councils")
    response = clients_by_role[role].get(reverse("partnerships:actions-overdue"))
    if role in STAFF_ROLES:
        assert "Write to councils" in response.text
    else:
        assert _refused(response, role)


def test_the_21st_member_is_refused_on_the_page(staff_client):
    board = BoardFactory(max_members=20)
    for _ in range(20):
        BoardMembershipFactory(board=board)
    response = staff_client.post(
        reverse("partnerships:board-member-add", kwargs={"slug": board.slug}),
        {"name": "One too many", "role": "member", "sector": "third_sector", "term_starts_on": "2026-01-05"},
    )
    assert response.status_code == 200
    assert "already has its maximum of 20 members" in response.text
    assert response.text.count("govuk-error-summary") >= 1


def test_late_papers_without_a_reason_are_shown_as_an_error(staff_client):
    meeting = MeetingFactory(starts_at=timezone.now() + datetime.timedelta(days=2))
    response = staff_client.post(reverse("partnerships:meeting-circulate", kwargs={"pk": meeting.pk}), {})
    assert response.status_code == 200 and "Give the reason they are late" in response.text
    response = staff_client.post(
        reverse("partnerships:meeting-circulate", kwargs={"pk": meeting.pk}), {"late_reason": "Data came late"}
    )
    assert response.status_code == 302
    assert "Late papers" in staff_client.get(response["Location"]).text


def test_published_minutes_are_public_and_drafts_are_not(client, staff_user):
    board = BoardFactory()
    first = MeetingFactory(board=board, starts_at=timezone.now() - datetime.timedelta(days=90))
    second = MeetingFactory(board=board, starts_at=timezone.now() - datetime.timedelta(days=1))
    for meeting in (first, second):
        service.hold_meeting(meeting=meeting, by=staff_user)
        service.draft_minutes(meeting=meeting, minutes=f"Minutes {meeting.pk} text", by=staff_user)
    service.approve_minutes(meeting=first, at_meeting=second, by=staff_user)
    assert client.get(reverse("partnerships:minutes-detail", kwargs={"pk": first.pk})).status_code == 200
    assert client.get(reverse("partnerships:minutes-detail", kwargs={"pk": second.pk})).status_code == 404
    listing = client.get(reverse("partnerships:minutes")).text
    assert f"/partnerships/minutes/{first.pk}/" in listing and f"/partnerships/minutes/{second.pk}/" not in listing


def test_the_secretariat_records_attendance_and_sees_the_quorum(staff_client, staff_user):
    board = BoardFactory()
    members = [BoardMembershipFactory(board=board) for _ in range(4)]
    meeting = MeetingFactory(board=board, starts_at=timezone.now() - datetime.timedelta(hours=2))
    service.hold_meeting(meeting=meeting, by=staff_user)
    data = {f"member_{member.pk}": "present" for member in members[:3]} | {f"member_{members[3].pk}": "apologies"}
    response = staff_client.post(reverse("partnerships:meeting-attendance", kwargs={"pk": meeting.pk}), data)
    assert response.status_code == 302
    page = staff_client.get(response["Location"]).text
    assert "3 present of 3 needed" in page and "quorate" in page
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.HELD


def _lists(board):
    return [
        reverse("partnerships:boards"),
        reverse("partnerships:board", kwargs={"slug": board.slug}),
        reverse("partnerships:actions-overdue"),
        reverse("partnerships:board-actions", kwargs={"slug": board.slug}),
        reverse("partnerships:minutes"),
    ]


def _add_rows(board, staff_user, n):
    for _ in range(n):
        BoardMembershipFactory(board=board)
        past = MeetingFactory(board=board, starts_at=timezone.now() - datetime.timedelta(days=200))
        ActionFactory(meeting=past, due_on=timezone.localdate() - datetime.timedelta(days=5))
        later = MeetingFactory(board=board, starts_at=timezone.now() - datetime.timedelta(days=100))
        for meeting in (past, later):
            service.hold_meeting(meeting=meeting, by=staff_user)
            service.draft_minutes(meeting=meeting, minutes="Text", by=staff_user)
        service.approve_minutes(meeting=past, at_meeting=later, by=staff_user)
        BoardFactory()


def test_list_pages_do_not_grow_queries_with_rows(staff_client, staff_user, django_assert_max_num_queries):
    board = BoardFactory()
    _add_rows(board, staff_user, 1)
    counts = {}
    for url in _lists(board):
        with CaptureQueriesContext(connection) as captured:
            assert staff_client.get(url).status_code == 200
        counts[url] = len(captured)
    _add_rows(board, staff_user, 4)
    for url in _lists(board):
        with django_assert_max_num_queries(counts[url]):
            assert staff_client.get(url).status_code == 200
