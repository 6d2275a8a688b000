"""Community Call for Action statistics: per council against hand-counted calls, the public page and the API."""

import datetime

import pytest
from django.urls import reverse

from thirdsector.accounts.roles import MembershipRole, Role
from thirdsector.accounts.tests.factories import MembershipFactory, UserFactory
from thirdsector.conftest import ALL_ROLES
from thirdsector.partnerships.selectors.ccfa import ccfa_statistics
from thirdsector.partnerships.services.ccfa import take_call_step

from .ccfa_support import call_at

pytestmark = pytest.mark.django_db

IN_2025 = datetime.date(2025, 6, 2)
IN_2026 = datetime.date(2026, 2, 2)


@pytest.fixture
def calls(leeds_council, other_council, leeds_officer):
    """Leeds, 2025: raised ×1, resolved ×1, declined ×1, responded on time ×1, responded late ×1, accepted ×1.
    Leeds, 2026: referred ×1. Bradford, 2026: reported ×1 (its officer takes the steps)."""
    bradford_officer = UserFactory(roles=[Role.COUNCIL_OFFICER])
    MembershipFactory(user=bradford_officer, organisation=other_council, role=MembershipRole.EDITOR)
    for status in ("raised", "resolved_by_councillor", "declined", "responded", "accepted"):
        call_at(status, by=leeds_officer, council=leeds_council, on=IN_2025)
    late = call_at("reported", by=leeds_officer, council=leeds_council, on=IN_2025)
    # Reported 2 June 2025, so due by 2 August 2025; answered on 3 August: late.
    take_call_step(
        call=late,
        step="respond",
        by=leeds_officer,
        reason="Late",
        on=datetime.date(2025, 8, 3),
        executive_response="Sorry for the delay",
    )
    call_at("referred", by=leeds_officer, council=leeds_council, on=IN_2026)
    call_at("reported", by=bradford_officer, council=other_council, on=IN_2026)


def _by_council(rows):
    return {row.council: row for row in rows}


def test_the_figures_for_every_year_match_the_hand_count(calls):
    rows = _by_council(ccfa_statistics())
    leeds, bradford = rows["Leeds City Council"], rows["Bradford Metropolitan District Council"]
    assert (leeds.raised, leeds.resolved_by_councillor, leeds.referred, leeds.taken_up, leeds.declined) == (
        7,
        1,
        5,
        3,
        1,
    )
    assert (leeds.responded_on_time, leeds.responded_late) == (1, 1)
    assert (bradford.raised, bradford.referred, bradford.taken_up, bradford.declined) == (1, 1, 1, 0)
    assert (bradford.responded_on_time, bradford.responded_late) == (0, 0)


def test_the_figures_for_a_year_count_the_calls_raised_that_year(calls):
    rows = _by_council(ccfa_statistics(2026))
    assert rows["Leeds City Council"].raised == 1 and rows["Leeds City Council"].referred == 1
    assert rows["Leeds City Council"].taken_up == 0
    assert _by_council(ccfa_statistics(2025))["Leeds City Council"].raised == 6
    assert "Bradford Metropolitan District Council" not in _by_council(ccfa_statistics(2025))
    assert ccfa_statistics(2019) == []


@pytest.mark.parametrize("role", ALL_ROLES)
def test_anyone_reads_the_statistics_page(clients_by_role, calls, role):
    response = clients_by_role[role].get(reverse("partnerships:ccfa-statistics"))
    assert response.status_code == 200
    assert b"Leeds City Council" in response.content


def test_the_statistics_page_names_no_raiser_and_filters_by_year(client, calls):
    response = client.get(reverse("partnerships:ccfa-statistics"), {"year": "2025"})
    content = response.content.decode()
    assert "Otley Road Residents" not in content and "residents@example.org" not in content
    assert "Bradford" not in content
    assert client.get(reverse("partnerships:ccfa-statistics"), {"year": "nonsense"}).status_code == 200


def test_the_statistics_page_runs_a_fixed_number_of_queries(client, calls, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        client.get(reverse("partnerships:ccfa-statistics"))


def test_the_api_url_is_named():
    assert reverse("partnerships_api:ccfa-statistics") == "/api/v1/partnerships/ccfa-statistics/"


def test_anyone_reads_the_statistics_api(client, calls):
    response = client.get("/api/v1/partnerships/ccfa-statistics/")
    assert response.status_code == 200
    councils = {row["council"]: row for row in response.json()["councils"]}
    assert councils["Leeds City Council"]["raised"] == 7
    assert councils["Leeds City Council"]["responded_late"] == 1
    assert "raiser_email" not in response.content.decode() and "Otley Road" not in response.content.decode()
    year = client.get("/api/v1/partnerships/ccfa-statistics/", {"year": "2026"}).json()
    assert year["year"] == 2026
    assert {row["council"]: row["raised"] for row in year["councils"]} == {
        "Bradford Metropolitan District Council": 1,
        "Leeds City Council": 1,
    }


def test_a_bad_year_is_a_400_not_a_500(client):
    assert client.get("/api/v1/partnerships/ccfa-statistics/", {"year": "twenty"}).status_code == 400


def test_the_api_is_read_only(client):
    assert client.post("/api/v1/partnerships/ccfa-statistics/", {}).status_code in (403, 405)


def test_the_api_query_count_does_not_grow_with_councils(client, calls, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        client.get("/api/v1/partnerships/ccfa-statistics/")


def test_the_statistics_are_in_the_openapi_schema(client):
    schema = client.get("/api/v1/schema/").content.decode()
    assert "/api/v1/partnerships/ccfa-statistics/" in schema and "responded_late" in schema
