"""The board secretariat's journey in the browser: schedule a meeting of the Partnership Board, add an
agenda item and upload its paper, circulate the papers, then (the meeting having taken place) record it as
held, the attendance, the minutes, a decision and an action. Each kind of page is checked with axe-core
(WCAG 2.2 AA) and the project's page checks, as are the public board page and published minutes list.
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from thirdsector.partnerships.models.boards import Meeting, MeetingStatus
from thirdsector.partnerships.tests.factories import BoardFactory, BoardMembershipFactory

from .support import problems_on, sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def partnership_board(transactional_db):
    board = BoardFactory(name="Third Sector Partnership Board", slug="partnership-board", min_members=3, max_members=20)
    for name, organisation in (
        ("Asha Patel", "Leeds CVS"),
        ("Tom Hughes", "NAVCA"),
        ("Nia Roberts", "Cornwall Council"),
    ):
        BoardMembershipFactory(board=board, name=name, organisation_name=organisation)
    return board


def test_the_secretariat_runs_a_board_meeting(browser_context, live_server, staff_person, partnership_board, tmp_path):
    sign_in_as(browser_context, staff_person, live_server)
    page = browser_context.new_page()
    problems = []

    page.goto("/partnerships/boards/partnership-board/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Third Sector Partnership Board")
    problems += problems_on(page)

    page.get_by_role("link", name="Schedule a meeting").click()
    problems += problems_on(page)
    day = timezone.localdate() + datetime.timedelta(days=28)
    page.get_by_label("Date and time").fill(f"{day:%Y-%m-%d}T10:00")
    page.get_by_label("Location").fill("2 Marsham Street, London")
    page.get_by_role("button", name="Schedule the meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Meeting of {day.day} {day:%B %Y}")
    problems += problems_on(page)

    page.get_by_role("link", name="Add an agenda item").click()
    problems += problems_on(page)
    page.get_by_label("Agenda item").fill("Progress against the strategy")
    page.get_by_role("button", name="Continue").click()

    page.get_by_role("link", name="Upload a paper for Progress against the strategy").click()
    paper = tmp_path / "progress.txt"
    paper.write_text("Progress against the strategy, third quarter.")
    page.get_by_label("Title of the paper").fill("Progress report")
    page.get_by_label("Upload a file").set_input_files(str(paper))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("link", name="Progress report")).to_be_visible()

    page.get_by_role("link", name="Circulate the papers").click()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("main .govuk-tag").first).to_have_text("Papers circulated")

    # The meeting takes place.
    meeting = Meeting.objects.get()
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - datetime.timedelta(hours=3))
    page.reload()
    page.get_by_role("link", name="Record as held").click()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("main .govuk-tag").first).to_have_text("Held")

    page.get_by_role("link", name="Record attendance").click()
    problems += problems_on(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("3 present of 2 needed")).to_be_visible()

    page.get_by_role("link", name="Draft the minutes").click()
    page.get_by_label("Minutes").fill("The board discussed progress against the strategy.")
    page.get_by_role("button", name="Continue").click()

    page.get_by_role("link", name="Record a decision").click()
    problems += problems_on(page)
    page.get_by_label("Decision").fill("The progress report was accepted.")
    page.get_by_role("button", name="Continue").click()

    page.get_by_role("link", name="Record an action").click()
    page.get_by_label("Action", exact=True).fill("Circulate the revised plan")
    page.get_by_label("Owner").fill("Asha Patel")
    page.get_by_label("Due date").fill(f"{timezone.localdate() + datetime.timedelta(days=30):%Y-%m-%d}")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("cell", name="Circulate the revised plan", exact=True)).to_be_visible()
    problems += problems_on(page)

    page.goto("/partnerships/actions/overdue/")
    problems += problems_on(page)
    page.goto("/partnerships/minutes/")
    problems += problems_on(page)

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    assert meeting.decisions.count() == 1 and meeting.actions.count() == 1
    assert problems == []
