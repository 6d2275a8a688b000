"""Open data in the browser: the public finds the data catalogue and downloads the grants as 360Giving CSV.

Grants of every kind (core funding, a regrant award and its end grant, an asset transfer grant) are
built in Python; the catalogue is checked with axe-core (WCAG 2.2 AA) and the project's page checks.
"""

import csv
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from thirdsector.opendata.tests.grants import build_department, build_grants

from .support import problems_on

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def grants(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build_grants(build_department())


def test_the_public_finds_the_catalogue_and_downloads_the_grants_as_csv(page, grants):
    response = page.goto(reverse("opendata:catalogue"))
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Open data")
    table = page.get_by_role("table", name="Datasets")
    expect(table).to_contain_text("Grants in the 360Giving Data Standard")
    expect(table).to_contain_text("Open Government Licence v3.0")
    assert not problems_on(page), "\n".join(problems_on(page))

    with page.expect_download() as waiting:
        # GOV.UK's visually hidden text is padded with spaces, so the link is found by its name's start.
        table.get_by_role("link", name=re.compile(r"^CSV\W+Grants in the 360Giving Data Standard")).click()
    download = waiting.value
    assert download.suggested_filename == "thirdsector-360giving-grants.csv"
    with open(download.path(), encoding="utf-8", newline="") as downloaded:
        rows = list(csv.reader(downloaded))
    assert rows[0][:3] == ["Identifier", "Title", "Description"]
    assert sorted(row[0] for row in rows[1:]) == sorted(
        f"360G-thirdsector-{award.reference}" for award in grants.published
    )

    # Back on the catalogue, the grants now show when their files were made.
    page.goto(reverse("opendata:catalogue"))
    expect(table).not_to_contain_text("Generated at the first download")
