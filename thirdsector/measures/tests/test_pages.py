"""Who sees which dashboard, what each shows, targets and their history, and the figures' CSV."""

import csv
import datetime
import io
from decimal import Decimal

import pytest

from thirdsector.compact.tests.factories import BreachCaseFactory

from ..models import Indicator
from ..selectors.indicators import AMBER, GREEN, RED, rag_for
from ..services.indicators import compute_indicators, sync_indicators

pytestmark = pytest.mark.django_db

DASHBOARD_ROLES = {"department_staff", "platform_admin", "commissioner", "board_member"}


@pytest.fixture
def computed(db):
    BreachCaseFactory(reported_on=datetime.date(2026, 3, 2))
    compute_indicators(today=datetime.date(2026, 11, 25), back=1)


@pytest.mark.parametrize(
    "role",
    [
        "public",
        "department_staff",
        "assessor",
        "commissioner",
        "board_member",
        "council_officer",
        "fund_administrator",
        "platform_admin",
        "organisation_member",
    ],
)
def test_the_strategy_dashboard_is_for_staff_the_board_and_the_commissioner(clients_by_role, computed, role):
    response = clients_by_role[role].get("/measures/")
    if role in DASHBOARD_ROLES:
        assert response.status_code == 200
        assert b"Compact breaches reported" in response.content
    elif role == "public":
        assert response.status_code == 302
    else:
        assert response.status_code == 403


def test_the_public_dashboard_links_figures_to_published_records_not_staff_lists(client, computed):
    response = client.get("/measures/public/")
    assert response.status_code == 200
    assert b"/compact/statistics/?year=2026" in response.content
    assert b"/compact/dashboard/" not in response.content


def test_an_indicator_not_public_is_not_found_for_the_public(client, computed, staff_client):
    Indicator.objects.filter(slug="compact-breaches").update(is_public=False)
    assert client.get("/measures/compact-breaches/").status_code == 404
    assert staff_client.get("/measures/compact-breaches/").status_code == 200


def test_the_dashboard_reads_in_a_fixed_number_of_queries(staff_client, computed, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        staff_client.get("/measures/")
    compute_indicators(today=datetime.date(2026, 11, 25), back=4)
    with django_assert_max_num_queries(12):
        staff_client.get("/measures/")


def test_the_indicator_page_shows_the_chart_and_the_same_figures_as_a_table(staff_client, computed):
    response = staff_client.get("/measures/compact-breaches/")
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("<h1") == 1
    assert 'role="img"' in content and "the same figures as the table below" in content
    assert "Compact breaches reported by year" in content


def test_a_figures_table_downloads_as_csv(staff_client, computed):
    response = staff_client.get("/measures/compact-breaches/trend.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [["Year", "Figure"], ["2025", "0"], ["2026", "1"]]


def test_staff_set_a_target_with_a_reason_kept_in_the_history(staff_client, staff_user, computed):
    response = staff_client.post("/measures/compact-breaches/target/", {"target": "0", "reason": "None is the aim"})
    assert response.status_code == 302
    indicator = Indicator.objects.get(slug="compact-breaches")
    assert indicator.target == Decimal("0")
    entry = indicator.history.latest()
    assert (entry.history_user, entry.history_change_reason) == (staff_user, "None is the aim")


def test_a_target_needs_a_reason_and_a_percentage_in_range(staff_client, computed):
    response = staff_client.post("/measures/consultations-twelve-weeks/target/", {"target": "120", "reason": ""})
    assert response.status_code == 200
    assert "Say why the target is changing" in response.content.decode()
    response = staff_client.post("/measures/consultations-twelve-weeks/target/", {"target": "120", "reason": "x"})
    assert "A percentage target must be between 0 and 100." in response.content.decode()
    assert Indicator.objects.get(slug="consultations-twelve-weeks").target is None


def test_only_staff_set_targets(clients_by_role, computed):
    assert clients_by_role["commissioner"].get("/measures/compact-breaches/target/").status_code == 403
    assert clients_by_role["board_member"].get("/measures/compact-breaches/target/").status_code == 403


@pytest.mark.parametrize(
    ("value", "target", "polarity", "rag"),
    [
        ("75", "75", "higher", GREEN),
        ("68", "75", "higher", AMBER),
        ("67", "75", "higher", RED),
        ("3", "0", "lower", RED),
        ("0", "0", "lower", GREEN),
        ("10.5", "10", "lower", AMBER),
    ],
)
def test_rag_status_against_the_target(value, target, polarity, rag):
    assert rag_for(Decimal(value), Decimal(target), polarity) == rag


def test_without_a_target_there_is_no_rag_status():
    assert rag_for(Decimal(5), None, "higher") is None


def test_definitions_sync_without_losing_targets(db):
    sync_indicators()
    Indicator.objects.filter(slug="compact-breaches").update(target=Decimal(2))
    sync_indicators()
    assert Indicator.objects.get(slug="compact-breaches").target == Decimal(2)
