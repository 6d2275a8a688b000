"""Time to decide a grant, against a hand-counted fixture, and the staff list behind the figure.

Financial year 2025 (1 April 2025 to 31 March 2026). Core programme: decided after 10, 20 and 40 days
(median 20); Small programme: 5 and 8 days (median 6.5). All five: 5, 8, 10, 20, 40, median 10. Not
counted: one decided on 31 March 2025 (the year before), one withdrawn, one still in assessment.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from thirdsector.conftest import ALL_ROLES, STAFF_ROLES

from ..selectors.indicators import days_to_decide
from .factories import ApplicationFactory, ProgrammeFactory, RoundFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def _decided(round_, decided_on: datetime.date, days: int, status: str = "approved"):
    decided_at = datetime.datetime.combine(decided_on, datetime.time(15, 30), tzinfo=LONDON)
    return ApplicationFactory(
        round=round_,
        status=status,
        submitted_at=decided_at - datetime.timedelta(days=days, hours=6),
        decided_at=decided_at,
    )


@pytest.fixture
def decisions(db):
    core = RoundFactory(programme=ProgrammeFactory(name="Core"))
    small = RoundFactory(programme=ProgrammeFactory(name="Small"))
    for day, days in (
        (datetime.date(2025, 4, 1), 10),
        (datetime.date(2025, 9, 1), 20),
        (datetime.date(2026, 3, 31), 40),
    ):
        _decided(core, day, days)
    _decided(small, datetime.date(2025, 6, 1), 5, status="declined")
    _decided(small, datetime.date(2025, 7, 1), 8)
    _decided(core, datetime.date(2025, 3, 31), 3)
    _decided(core, datetime.date(2025, 5, 1), 2, status="withdrawn")
    ApplicationFactory(round=small, status="in_assessment", submitted_at=datetime.datetime(2025, 5, 1, tzinfo=LONDON))
    return core.programme, small.programme


def test_the_median_days_of_decisions_in_the_financial_year(decisions):
    headline, core, small = days_to_decide(year=2025)
    assert (headline.numerator, headline.denominator, headline.value) == (Decimal(10), None, Decimal(10))
    assert (core.label, core.value, core.breakdown) == ("Core", Decimal(20), "programme")
    assert (small.label, small.value) == ("Small", Decimal("6.5"))


def test_a_year_without_decisions_has_no_figure(decisions):
    assert days_to_decide(year=2023) == []


def test_the_rows_behind_the_figure_are_its_applications_with_their_days(decisions, staff_client):
    headline, core, _small = days_to_decide(year=2025)
    page = staff_client.get(headline.rows_url)
    assert page.status_code == 200
    assert len(page.context["rows"]) == 5
    days = sorted(row.cells[-1].value for row in page.context["table"].rows)
    assert days == [5, 8, 10, 20, 40] and days[2] == headline.value
    assert len(staff_client.get(core.rows_url).context["rows"]) == 3


def test_the_list_downloads_as_csv(decisions, staff_client):
    response = staff_client.get(reverse("funding:decision-times-csv") + "?year=2025")
    lines = response.content.decode().splitlines()
    assert lines[0] == "Application,Organisation,Programme,Submitted,Decided,Decision,Days to decide"
    assert len(lines) == 6


def test_the_list_reads_in_a_fixed_number_of_queries(decisions, staff_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        staff_client.get(reverse("funding:decision-times") + "?year=2025")


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_staff_see_the_list(clients_by_role, role):
    response = clients_by_role[role].get(reverse("funding:decision-times") + "?year=2025")
    assert response.status_code == (200 if role in STAFF_ROLES else 302 if role == "public" else 403)
