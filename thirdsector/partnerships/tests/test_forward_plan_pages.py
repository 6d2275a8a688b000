"""Forward plan pages: the secretariat's list, item, add, change and steps (everyone else 403, the public
asked to sign in); each board's published plan and its CSV for anyone; the API list; pinned queries."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from thirdsector.conftest import ALL_ROLES, STAFF_ROLES
from thirdsector.partnerships.models.forward_plan import ForwardPlanItem, ItemStatus
from thirdsector.partnerships.services import forward_plan as service

from .factories import BoardFactory, ForwardPlanItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def _days(n: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=n)


def _refused(response, role) -> bool:
    if role == "public":
        return response.status_code == 302 and ("login" in response["Location"] or "sign-in" in response["Location"])
    return response.status_code == 403


@pytest.fixture
def item():
    board = BoardFactory(name="Third Sector Partnership Board", slug="partnership-board")
    return ForwardPlanItemFactory(board=board, meeting__starts_at=_days(30), title="Annual review of the Compact")


def _staff_pages(item):
    return [
        reverse("partnerships:forward-plan"),
        reverse("partnerships:forward-plan-add", kwargs={"slug": item.board.slug}),
        reverse("partnerships:forward-plan-item", kwargs={"pk": item.pk}),
        reverse("partnerships:forward-plan-edit", kwargs={"pk": item.pk}),
        reverse("partnerships:forward-plan-take", kwargs={"pk": item.pk}),
        reverse("partnerships:forward-plan-defer", kwargs={"pk": item.pk}),
        reverse("partnerships:forward-plan-withdraw", kwargs={"pk": item.pk}),
    ]


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_the_secretariat_opens_the_staff_pages(clients_by_role, role, item):
    for url in _staff_pages(item):
        response = clients_by_role[role].get(url)
        if role in STAFF_ROLES:
            assert response.status_code == 200, url
        else:
            assert _refused(response, role), (role, url, response.status_code)


@pytest.mark.parametrize("role", ["board_member", "council_officer", "commissioner", "public"])
def test_no_one_else_may_add_change_or_withdraw(clients_by_role, role, item):
    client = clients_by_role[role]
    add = client.post(
        reverse("partnerships:forward-plan-add", kwargs={"slug": item.board.slug}),
        {"title": "Sneaked in", "lead": "Someone", "kind": "decision", "meeting": item.meeting_id},
    )
    withdraw = client.post(reverse("partnerships:forward-plan-withdraw", kwargs={"pk": item.pk}), {"reason": "No"})
    edit = client.post(
        reverse("partnerships:forward-plan-edit", kwargs={"pk": item.pk}),
        {"title": "Changed", "lead": "X", "kind": "decision", "meeting": item.meeting_id, "reason": "Because"},
    )
    for response in (add, withdraw, edit):
        assert _refused(response, role)
    item.refresh_from_db()
    assert item.title == "Annual review of the Compact" and item.status == ItemStatus.PLANNED
    assert not ForwardPlanItem.objects.filter(title="Sneaked in").exists()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_everyone_sees_a_boards_published_plan_and_not_its_drafts(clients_by_role, role, item):
    ForwardPlanItemFactory(board=item.board, published=False, title="A draft for staff")
    response = clients_by_role[role].get(reverse("partnerships:board-forward-plan", kwargs={"slug": item.board.slug}))
    assert response.status_code == 200
    assert "Annual review of the Compact" in response.text
    assert "A draft for staff" not in response.text
    assert f"Meeting of {item.meeting.meeting_date:%-d %B %Y}" in response.text


def test_the_boards_page_links_to_its_forward_plan(client, item):
    page = client.get(reverse("partnerships:board", kwargs={"slug": item.board.slug})).text
    assert reverse("partnerships:board-forward-plan", kwargs={"slug": item.board.slug}) in page


def test_an_unknown_board_has_no_plan(client):
    assert client.get(reverse("partnerships:board-forward-plan", kwargs={"slug": "nope"})).status_code == 404


def test_the_csv_holds_the_published_plan_with_formulas_made_safe(client, item, staff_user):
    ForwardPlanItemFactory(board=item.board, published=False, title="Draft")
    ForwardPlanItemFactory(
        board=item.board, meeting=item.meeting, title='=HYPERLINK("http://evil")', lead="+Lead", published=True
    )
    response = client.get(reverse("partnerships:board-forward-plan-csv", kwargs={"slug": item.board.slug}))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert 'filename="forward-plan-partnership-board.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["Meeting or quarter", "Date", "Topic", "Description", "Kind", "Lead", "Status", "Why deferred"]
    assert [row[2] for row in rows[1:]] == ["Annual review of the Compact", '\'=HYPERLINK("http://evil")']
    assert rows[2][5] == "'+Lead"
    assert rows[1][0] == f"Meeting of {item.meeting.meeting_date:%-d %B %Y}" and rows[1][4] == "For discussion"


def test_the_secretariat_adds_an_item_for_a_quarter(staff_client):
    board = BoardFactory()
    quarter = datetime.date(timezone.localdate().year + 1, 7, 1)
    response = staff_client.post(
        reverse("partnerships:forward-plan-add", kwargs={"slug": board.slug}),
        {
            "title": "Volunteering strategy",
            "lead": "Amina Yusuf",
            "kind": "decision",
            "quarter_starts_on": quarter.isoformat(),
            "published": "on",
        },
    )
    item = ForwardPlanItem.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/partnerships/forward-plan/{item.pk}/"
    assert item.planned_on == quarter and item.meeting is None and item.published
    assert item.history.get().history_user.full_name


def test_adding_without_a_meeting_or_quarter_is_shown_as_an_error(staff_client):
    board = BoardFactory()
    response = staff_client.post(
        reverse("partnerships:forward-plan-add", kwargs={"slug": board.slug}),
        {"title": "Volunteering strategy", "lead": "Amina Yusuf", "kind": "decision"},
    )
    assert response.status_code == 200 and "govuk-error-summary" in response.text
    assert "Choose the meeting or, if none is scheduled yet, the quarter" in response.text
    assert not ForwardPlanItem.objects.exists()


def test_a_past_meeting_is_not_offered_nor_accepted(staff_client):
    board = BoardFactory()
    past = MeetingFactory(board=board, starts_at=_days(-5))
    response = staff_client.post(
        reverse("partnerships:forward-plan-add", kwargs={"slug": board.slug}),
        {"title": "Late", "lead": "A", "kind": "decision", "meeting": past.pk},
    )
    assert response.status_code == 200 and "govuk-error-summary" in response.text
    assert not ForwardPlanItem.objects.exists()


def test_a_change_needs_a_reason_and_keeps_the_one_typed(staff_client, staff_user, item):
    url = reverse("partnerships:forward-plan-edit", kwargs={"pk": item.pk})
    data = {"title": "Compact annual review", "lead": "Bernard Lowe", "kind": "decision", "meeting": item.meeting_id}
    response = staff_client.post(url, data)
    assert response.status_code == 200 and "Enter the reason for this change" in response.text
    item.refresh_from_db()
    assert item.title == "Annual review of the Compact"
    response = staff_client.post(url, data | {"reason": "The Chair renamed it"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Compact annual review" and not item.published
    assert item.history.latest().history_change_reason == "The Chair renamed it"
    page = staff_client.get(reverse("partnerships:forward-plan-item", kwargs={"pk": item.pk})).text
    assert "The Chair renamed it" in page


def test_the_steps_through_the_pages(staff_client, item):
    later = MeetingFactory(board=item.board, starts_at=_days(120))
    response = staff_client.post(reverse("partnerships:forward-plan-defer", kwargs={"pk": item.pk}), {})
    assert response.status_code == 200 and "Give the reason the item is deferred" in response.text
    response = staff_client.post(
        reverse("partnerships:forward-plan-defer", kwargs={"pk": item.pk}),
        {"to_meeting": later.pk, "reason": "The figures come later"},
    )
    assert response.status_code == 302
    plan = staff_client.get(reverse("partnerships:board-forward-plan", kwargs={"slug": item.board.slug})).text
    assert "Deferred" in plan and "The figures come later" in plan
    held = MeetingFactory(board=item.board, starts_at=_days(-1))
    response = staff_client.post(
        reverse("partnerships:forward-plan-take", kwargs={"pk": item.pk}), {"at_meeting": held.pk}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == ItemStatus.TAKEN and item.taken_at == held
    page = staff_client.get(reverse("partnerships:forward-plan-item", kwargs={"pk": item.pk})).text
    assert f"Taken at the meeting of {held.meeting_date:%-d %B %Y}" in page
    assert (
        "Annual review of the Compact"
        not in staff_client.get(reverse("partnerships:board-forward-plan", kwargs={"slug": item.board.slug})).text
    )


def test_the_staff_list_filters_by_board_and_status(staff_client, staff_user, item):
    other = ForwardPlanItemFactory(title="Programme Board item")
    withdrawn = ForwardPlanItemFactory(board=item.board, title="Withdrawn item")
    service.withdraw_item(item=withdrawn, reason="Merged", by=staff_user)
    url = reverse("partnerships:forward-plan")
    page = staff_client.get(url, {"board": item.board.pk}).text
    assert "Annual review of the Compact" in page and "Withdrawn item" in page and other.title not in page
    page = staff_client.get(url, {"board": item.board.pk, "status": "withdrawn"}).text
    assert "Withdrawn item" in page and "Annual review of the Compact" not in page


def test_the_api_lists_published_items_still_to_be_taken(client, item, staff_user):
    ForwardPlanItemFactory(board=item.board, published=False)
    withdrawn = ForwardPlanItemFactory(board=item.board)
    service.withdraw_item(item=withdrawn, reason="Merged", by=staff_user)
    other = ForwardPlanItemFactory()
    rows = client.get("/api/v1/partnerships/forward-plan/", {"board": item.board.slug}).json()["results"]
    assert [row["id"] for row in rows] == [item.pk]
    assert rows[0]["board"] == "partnership-board" and rows[0]["topic"] == "Annual review of the Compact"
    assert rows[0]["meeting_date"] == item.meeting.meeting_date.isoformat() and rows[0]["status"] == "planned"
    everything = client.get("/api/v1/partnerships/forward-plan/").json()["results"]
    assert {row["id"] for row in everything} == {item.pk, other.pk}
    assert client.get(f"/api/v1/partnerships/forward-plan/{withdrawn.pk}/").status_code == 404


def _add_rows(n, staff_user):
    for _ in range(n):
        board = BoardFactory()
        ForwardPlanItemFactory(board=board)
        ForwardPlanItemFactory(board=board, meeting=None, planned_on=datetime.date(2099, 4, 1))
        deferred = ForwardPlanItemFactory(board=board, meeting__starts_at=_days(20))
        service.defer_item(
            item=deferred, to_meeting=MeetingFactory(board=board, starts_at=_days(90)), reason="Late", by=staff_user
        )
        taken = ForwardPlanItemFactory(board=board)
        service.take_item(item=taken, at_meeting=MeetingFactory(board=board, starts_at=_days(-1)), by=staff_user)


def _assert_counts(client, slug, django_assert_num_queries):
    # Each page: session, user, second factor and roles first (4), then its own reads.
    with django_assert_num_queries(9):  # count, page, the filter's boards, the "add" boards, the header's check
        assert client.get(reverse("partnerships:forward-plan")).status_code == 200
    with django_assert_num_queries(7):  # the board and its published items, with their meetings
        assert client.get(reverse("partnerships:board-forward-plan", kwargs={"slug": slug})).status_code == 200
    with django_assert_num_queries(6):  # the board, then its items streamed
        response = client.get(reverse("partnerships:board-forward-plan-csv", kwargs={"slug": slug}))
        b"".join(response.streaming_content)
    with django_assert_num_queries(5):
        assert client.get("/api/v1/partnerships/forward-plan/").status_code == 200


def test_list_pages_keep_their_query_counts_as_rows_grow(staff_client, staff_user, item, django_assert_num_queries):
    _add_rows(1, staff_user)
    ForwardPlanItemFactory(board=item.board, meeting=None, planned_on=datetime.date(2099, 4, 1))
    _assert_counts(staff_client, item.board.slug, django_assert_num_queries)
    _add_rows(3, staff_user)
    for _ in range(3):
        ForwardPlanItemFactory(board=item.board, meeting__starts_at=_days(60))
    _assert_counts(staff_client, item.board.slug, django_assert_num_queries)
