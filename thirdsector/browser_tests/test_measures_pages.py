"""The public dashboard in the browser: a member of the public reads how the strategy is doing, opens an
indicator, sees its chart beside the same figures as a table, and downloads the table as CSV.

Breach cases are built in Python and the indicators computed as the daily schedule would; every page is
checked with axe-core (WCAG 2.2 AA) and the project's page checks.
"""

import csv
import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from thirdsector.compact.tests.factories import BreachCaseFactory
from thirdsector.measures.services.indicators import compute_indicators

from .support import problems_on, sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def computed(transactional_db):
    for day in (2, 9, 16):
        BreachCaseFactory(reported_on=datetime.date(2026, 3, day))
    compute_indicators(today=datetime.date(2026, 11, 25), back=1)


def test_the_public_reads_the_dashboard_and_downloads_an_indicator_table(page, computed):
    response = page.goto(reverse("measures:public-dashboard"))
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("How the strategy is doing")
    indicators = page.get_by_role("table", name="Indicators")
    expect(indicators.get_by_role("row", name=re.compile("Compact breaches reported"))).to_contain_text("3")
    assert not problems_on(page), "\n".join(problems_on(page))

    indicators.get_by_role("link", name="Compact breaches reported", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compact breaches reported")
    expect(page.get_by_role("img", name=re.compile("the same figures as the table below"))).to_be_visible()
    assert not problems_on(page), "\n".join(problems_on(page))

    with page.expect_download() as waiting:
        page.get_by_role("link", name=re.compile(r"^Download this table as CSV")).first.click()
    with open(waiting.value.path(), encoding="utf-8", newline="") as downloaded:
        rows = list(csv.reader(downloaded))
    assert rows[0][0]
    assert ["2026", "3"] in [row[:2] for row in rows[1:]]


def test_staff_try_a_stalled_board_pack_again(browser_context, live_server, staff_person):
    from thirdsector.measures.models import BoardPack, BoardPackStatus
    from thirdsector.measures.tests.factories import BoardPackFactory

    stalled = BoardPackFactory(
        version=1, status=BoardPackStatus.GENERATING, step_number=2, step_text="Programme Board plan",
        started_at=timezone.now() - datetime.timedelta(minutes=40),
    )  # fmt: skip
    BoardPack.objects.filter(pk=stalled.pk).update(progress_at=timezone.now() - datetime.timedelta(minutes=30))
    sign_in_as(browser_context, staff_person, live_server)
    page = browser_context.new_page()
    problems = []

    page.goto(stalled.get_absolute_url())
    expect(page.locator("main")).to_contain_text("Stalled")
    problems += problems_on(page)
    page.get_by_role("button", name="Try again").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    problems += problems_on(page)

    page.get_by_label("Why try again").fill("The worker was restarted")
    page.get_by_role("button", name="Try again").click()
    expect(page.locator("main")).to_contain_text("Version 2.")
    expect(page.get_by_role("link", name="Version 1")).to_be_visible()
    problems += problems_on(page)
    assert BoardPack.objects.get(pk=stalled.pk).status == BoardPackStatus.FAILED
    assert not problems, "\n".join(problems)
