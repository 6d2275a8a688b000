"""The Community Calls for Action list as a CSV: the rows the filters select, every page, for the list's readers."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from thirdsector.accounts.roles import MembershipRole, Role
from thirdsector.accounts.tests.factories import MembershipFactory, UserFactory
from thirdsector.conftest import ALL_ROLES, STAFF_ROLES, signed_in_client

from .ccfa_support import call_at
from .factories import CommunityCallFactory

pytestmark = pytest.mark.django_db

URL = reverse("partnerships:ccfa-list-csv")
HEADER = ["Reference", "Council", "Ward", "Raised", "Status", "Next step", "Next step due", "Overdue"]


def _rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="community-calls.csv"' in response["Content-Disposition"]
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def _references(response) -> set[str]:
    return {row[0] for row in _rows(response)[1:]}


def test_the_download_has_a_row_per_call_with_its_next_due_step(leeds_officer_client, leeds_council, leeds_officer):
    call = call_at("referred", by=leeds_officer, council=leeds_council, ward="Hyde Park", on=datetime.date(2026, 1, 5))
    rows = _rows(leeds_officer_client.get(URL))
    assert rows[0] == HEADER
    assert rows[1:] == [
        [
            call.reference,
            "Leeds City Council",
            "Hyde Park",
            "2026-01-05",
            "Referred to overview and scrutiny",
            "The committee's decision",
            call.committee_due_on.isoformat(),
            "Yes",
        ]
    ]


def test_a_finished_call_has_no_next_step(leeds_officer_client, leeds_council, leeds_officer):
    call_at("resolved_by_councillor", by=leeds_officer, council=leeds_council)
    (row,) = _rows(leeds_officer_client.get(URL))[1:]
    assert row[4:] == ["Resolved by the councillor", "", "", "No"]


def test_the_download_leaves_out_the_raisers_details(leeds_officer_client, leeds_council):
    CommunityCallFactory(council=leeds_council, raiser_name="Amina Begum", raiser_email="amina@example.org")
    text = b"".join(leeds_officer_client.get(URL).streaming_content).decode()
    assert "Amina Begum" not in text and "amina@example.org" not in text


def test_the_download_holds_every_page_of_the_list(settings, leeds_officer_client, leeds_council):
    settings.PARTNERSHIP_CCFA_LIST_PAGE_SIZE = 2
    calls = CommunityCallFactory.create_batch(5, council=leeds_council)
    assert _references(leeds_officer_client.get(URL, {"page": "2"})) == {call.reference for call in calls}


def test_the_download_follows_the_status_and_year_filters(leeds_officer_client, leeds_council, leeds_officer):
    referred = call_at("referred", by=leeds_officer, council=leeds_council, on=datetime.date(2025, 6, 2))
    call_at("raised", by=leeds_officer, council=leeds_council, on=datetime.date(2025, 6, 2))
    call_at("referred", by=leeds_officer, council=leeds_council, on=datetime.date(2024, 6, 3))
    response = leeds_officer_client.get(URL, {"status": "referred", "year": "2025"})
    assert _references(response) == {referred.reference}


def test_the_download_follows_the_overdue_filter(leeds_officer_client, leeds_council, leeds_officer):
    late = call_at("referred", by=leeds_officer, council=leeds_council, on=datetime.date(2026, 1, 5))
    call_at("referred", by=leeds_officer, council=leeds_council)
    assert _references(leeds_officer_client.get(URL, {"overdue": "on"})) == {late.reference}


def test_staff_download_one_councils_calls_with_the_council_filter(staff_client, leeds_council, other_council):
    leeds = CommunityCallFactory(council=leeds_council)
    CommunityCallFactory(council=other_council)
    assert _references(staff_client.get(URL, {"council": leeds_council.pk})) == {leeds.reference}
    assert len(_references(staff_client.get(URL))) == 2


def test_the_list_links_to_the_download_with_its_filters(leeds_officer_client, leeds_council):
    CommunityCallFactory(council=leeds_council)
    response = leeds_officer_client.get(reverse("partnerships:ccfa-list"), {"status": "raised"})
    assert f'href="{URL}?status=raised"'.encode() in response.content


def test_a_formula_in_a_cell_is_made_safe(leeds_officer_client, leeds_council):
    CommunityCallFactory(council=leeds_council, ward='=HYPERLINK("http://evil.example","Headingley")')
    (row,) = _rows(leeds_officer_client.get(URL))[1:]
    assert row[2] == '\'=HYPERLINK("http://evil.example","Headingley")'


# --- Who may download ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_those_who_see_the_list_may_download_it(settings, clients_by_role, leeds_council, role):
    CommunityCallFactory(council=leeds_council)
    response = clients_by_role[role].get(URL)
    if role == "public":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse(settings.LOGIN_URL))
    elif role in STAFF_ROLES:
        assert len(_references(response)) == 1
    else:
        # A council officer who acts for no council has no list, so no download either.
        assert response.status_code == 403


def test_a_council_officer_downloads_only_their_councils_calls(leeds_officer_client, leeds_council, other_council):
    mine = CommunityCallFactory(council=leeds_council)
    CommunityCallFactory(council=other_council)
    assert _references(leeds_officer_client.get(URL)) == {mine.reference}


def test_another_councils_officer_cannot_filter_to_a_council_they_do_not_act_for(leeds_council, other_council):
    officer = UserFactory(roles=[Role.COUNCIL_OFFICER])
    MembershipFactory(user=officer, organisation=other_council, role=MembershipRole.ADMINISTRATOR)
    theirs = CommunityCallFactory(council=other_council)
    CommunityCallFactory(council=leeds_council)
    response = signed_in_client(officer).get(URL, {"council": leeds_council.pk})
    assert _references(response) == {theirs.reference}


def test_the_download_query_count_does_not_grow_with_calls(
    leeds_officer_client, leeds_council, django_assert_num_queries
):
    CommunityCallFactory(council=leeds_council)
    leeds_officer_client.get(URL)  # warm the session
    with django_assert_num_queries(6) as few:
        assert len(_rows(leeds_officer_client.get(URL))) == 2
    CommunityCallFactory.create_batch(15, council=leeds_council)
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(_rows(leeds_officer_client.get(URL))) == 17
