"""The board's forward plan in the browser: the secretariat plans an item for the next meeting (after a
first try that leaves the topic empty), defers another, and the public sees both on the board's published
forward plan. Each page is checked with axe-core (WCAG 2.2 AA) and the project's page checks.
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from thirdsector.partnerships.tests.factories import BoardFactory, MeetingFactory

from .support import problems_on, sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def board_with_meetings(transactional_db):
    board = BoardFactory(name="Third Sector Partnership Board", slug="partnership-board")
    now = timezone.now()
    next_meeting = MeetingFactory(board=board, starts_at=now + datetime.timedelta(days=21))
    later_meeting = MeetingFactory(board=board, starts_at=now + datetime.timedelta(days=112))
    return board, next_meeting, later_meeting


def test_the_secretariat_plans_an_item_and_the_public_sees_it(
    browser_context, live_server, staff_person, board_with_meetings
):
    board, next_meeting, later_meeting = board_with_meetings
    sign_in_as(browser_context, staff_person, live_server)
    page = browser_context.new_page()
    problems = []

    page.goto("/partnerships/boards/partnership-board/forward-plan/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Forward plan")
    problems += problems_on(page)

    page.get_by_role("link", name="Add an item").click()
    problems += problems_on(page)
    page.get_by_label("Meeting", exact=True).select_option(str(next_meeting.pk))
    page.get_by_label("Lead").fill("Asha Patel")
    page.get_by_label("Decision").check()
    page.get_by_label("Publish it on the board's forward plan").check()
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_title("Error: Add an item to the forward plan – thirdsector – GOV.UK")
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    problems += problems_on(page)

    page.get_by_label("Topic").fill("Volunteering strategy refresh")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Volunteering strategy refresh")
    problems += problems_on(page)

    page.get_by_role("link", name="Defer to a later meeting").click()
    problems += problems_on(page)
    page.get_by_label("Later meeting it is deferred to").select_option(str(later_meeting.pk))
    page.get_by_label("Why is it deferred?").fill("Waiting for the consultation's outcome")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Item deferred")).to_be_visible()
    problems += problems_on(page)

    public = browser_context.browser.new_context(base_url=live_server.url).new_page()
    public.goto("/partnerships/boards/partnership-board/forward-plan/")
    expect(public.get_by_role("cell", name="Volunteering strategy refresh", exact=False)).to_be_visible()
    expect(public.get_by_text("Waiting for the consultation's outcome")).to_be_visible()
    expect(public.get_by_role("link", name="Add an item")).to_have_count(0)
    problems += problems_on(public)
    public.context.close()

    assert not problems, "\n".join(problems)
