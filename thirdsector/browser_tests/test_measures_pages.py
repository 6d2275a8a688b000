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
from playwright.sync_api import expect

from thirdsector.compact.tests.factories import BreachCaseFactory
from thirdsector.measures.services.indicators import compute_indicators

from .support import problems_on

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
