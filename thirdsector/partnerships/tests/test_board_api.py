"""The boards API: boards' public parts and published minutes, for anyone, in the OpenAPI schema."""

import datetime

import pytest
from django.utils import timezone

from thirdsector.partnerships.services import meetings as service

from .factories import BoardFactory, BoardMembershipFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def _approved(board, staff_user, days_ago=100):
    first = MeetingFactory(board=board, starts_at=timezone.now() - datetime.timedelta(days=days_ago))
    second = MeetingFactory(board=board, starts_at=timezone.now() - datetime.timedelta(days=days_ago - 50))
    for meeting in (first, second):
        service.hold_meeting(meeting=meeting, by=staff_user)
        service.draft_minutes(meeting=meeting, minutes="We met.", by=staff_user)
    service.record_decision(meeting=first, text="Adopt the plan", by=staff_user)
    service.approve_minutes(meeting=first, at_meeting=second, by=staff_user)
    return first, second


def test_anyone_lists_boards_with_members_names_and_organisations_only(client):
    board = BoardFactory(name="Partnership Board", slug="partnership-board")
    BoardMembershipFactory(board=board, name="Asha Patel", organisation_name="Leeds CVS")
    BoardMembershipFactory(board=board, term_ends_on=timezone.localdate() - datetime.timedelta(days=1), name="Gone")
    response = client.get("/api/v1/partnerships/boards/")
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert row["name"] == "Partnership Board"
    assert row["members"] == [
        {"name": "Asha Patel", "role": "member", "organisation": "Leeds CVS", "responsible_for": ""}
    ]
    assert "sector" not in row["members"][0] and "declarations" not in row["members"][0]


def test_a_board_by_its_slug(client):
    BoardFactory(slug="programme-board", name="Programme Board")
    assert client.get("/api/v1/partnerships/boards/programme-board/").json()["name"] == "Programme Board"


def test_only_approved_minutes_are_published(client, staff_user):
    first, second = _approved(BoardFactory(slug="b"), staff_user)
    rows = client.get("/api/v1/partnerships/minutes/").json()["results"]
    assert [row["id"] for row in rows] == [first.pk]
    assert rows[0]["approved_at_meeting_date"] == second.meeting_date.isoformat()
    assert rows[0]["decisions"] == [{"text": "Adopt the plan"}]
    assert client.get(f"/api/v1/partnerships/minutes/{second.pk}/").status_code == 404


def test_writes_are_refused(staff_client):
    assert staff_client.post("/api/v1/partnerships/boards/", {}, content_type="application/json").status_code == 405


def test_lists_do_not_grow_queries_with_rows(client, staff_user, django_assert_num_queries):
    for n in range(3):
        board = BoardFactory()
        BoardMembershipFactory(board=board)
        _approved(board, staff_user, days_ago=100 + n)
    with django_assert_num_queries(2):
        client.get("/api/v1/partnerships/boards/")
    with django_assert_num_queries(2):
        client.get("/api/v1/partnerships/minutes/")


def test_the_endpoints_are_in_the_schema(client):
    schema = client.get("/api/v1/schema/").content.decode()
    assert "/api/v1/partnerships/boards/" in schema and "/api/v1/partnerships/minutes/" in schema
