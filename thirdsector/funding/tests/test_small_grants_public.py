"""What everyone sees of small grants: the page of published small grants by area, its CSVs, the API of
end grants (more for staff and the local funder) and the summary by area; and the group's own portal."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from thirdsector.accounts.roles import MembershipRole
from thirdsector.accounts.tests.factories import MembershipFactory
from thirdsector.conftest import signed_in_client

from .small_grants_helpers import end_grant, fund_administrator_of, local_funder_programme, small_group

pytestmark = pytest.mark.django_db

BY_AREA = reverse("funding:small-grants-by-area")
API = reverse("funding_api:end-grant-list")
API_BY_AREA = reverse("funding_api:small-grants-by-area")


@pytest.fixture
def leeds(db):
    return local_funder_programme()


@pytest.fixture
def other(db):
    return local_funder_programme("Foundation Scotland", code="FSC")


@pytest.fixture
def grants(leeds, other):
    today = timezone.localdate()
    return {
        "published": end_grant(
            leeds, small_group("Harehills Coffee Morning", characteristics=["bme-led"]), published_on=today
        ),
        "unpublished": end_grant(leeds, small_group("Quiet Group"), status="approved"),
        "elsewhere": end_grant(other, small_group("Govan Tenants", gss_code="S12000049"), status="approved"),
    }


def test_the_public_page_counts_only_published_end_grants_by_region_authority_and_funder(client, grants):
    response = client.get(BY_AREA)

    assert response.status_code == 200
    tables = {table.slug: table for table in response.context["tables"]}
    assert [(row.label, row.cells[0].value, row.cells[1].value) for row in tables["regions"].rows] == [
        ("Yorkshire and The Humber", 1, Decimal("2500"))
    ]
    assert [row.label for row in tables["local-authorities"].rows] == ["Leeds"]
    assert [row.label for row in tables["local-funders"].rows] == ["Leeds Community Foundation"]
    assert "Quiet Group" not in response.content.decode()


def test_public_figures_link_to_the_published_grants_they_count(client, grants, leeds):
    tables = {table.slug: table for table in client.get(BY_AREA).context["tables"]}

    listed = client.get(tables["local-funders"].rows[0].cells[0].url)

    assert [award.reference for award in listed.context["page_obj"]] == [grants["published"].reference]


def test_each_public_table_downloads_as_csv(client, grants):
    shown = {table.slug: table for table in client.get(BY_AREA).context["tables"]}
    for slug, table in shown.items():
        response = client.get(reverse("funding:small-grants-by-area-csv", args=[slug]))
        assert list(csv.reader(io.StringIO(response.content.decode()))) == table.csv_rows()


def test_the_public_page_costs_the_same_queries_whatever_its_grants(client, leeds, django_assert_num_queries):
    today = timezone.localdate()
    end_grant(leeds, small_group("One"), published_on=today)
    with django_assert_num_queries(4) as few:
        client.get(BY_AREA)
    for number in range(6):
        end_grant(leeds, small_group(f"Group {number}", gss_code="E08000036"), published_on=today)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(BY_AREA)


def test_the_api_shows_the_public_published_end_grants_without_details(client, grants):
    body = client.get(API).json()

    assert [row["reference"] for row in body["results"]] == [grants["published"].reference]
    row = body["results"][0]
    assert row["details"] is None
    assert (row["local_funder"], row["regrant_type"], row["local_authority"]["name"]) == (
        "Leeds Community Foundation",
        "",
        "Leeds",
    )


def test_the_api_shows_staff_every_end_grant_with_details(staff_client, grants):
    response = staff_client.get(API, {"characteristic": "bme-led"})
    assert response.status_code == 200, response.content[:500]
    body = response.json()

    assert [row["reference"] for row in body["results"]] == [grants["published"].reference]
    assert body["results"][0]["details"] == {
        "status": "accepted",
        "characteristics": ["bme-led"],
        "first_time_grantee": True,
    }
    assert len(staff_client.get(API).json()["results"]) == 3


def test_the_api_shows_a_fund_administrator_its_own_unpublished_end_grants_only(grants, leeds):
    client = signed_in_client(fund_administrator_of(leeds))

    body = client.get(API).json()

    assert {row["organisation"]["name"] for row in body["results"]} == {"Harehills Coffee Morning", "Quiet Group"}
    assert all(row["details"] is not None for row in body["results"])


def test_the_api_filters_by_area_and_local_funder(staff_client, grants):
    scotland = staff_client.get(API, {"area": "S12000049"}).json()["results"]
    leeds = staff_client.get(API, {"local_funder": "lcf"}).json()["results"]

    assert [row["organisation"]["name"] for row in scotland] == ["Govan Tenants"]
    assert {row["organisation"]["name"] for row in leeds} == {"Harehills Coffee Morning", "Quiet Group"}


def test_the_api_list_pages_by_cursor_and_costs_the_same_queries(staff_client, leeds, django_assert_num_queries):
    for number in range(3):
        end_grant(leeds, small_group(f"Group {number}"))
    with django_assert_num_queries(6) as few:
        first = staff_client.get(API, {"page_size": 2}).json()
    assert len(first["results"]) == 2 and first["next"]
    for number in range(3, 9):
        end_grant(leeds, small_group(f"Group {number}"))
    with django_assert_num_queries(len(few.captured_queries)):
        staff_client.get(API, {"page_size": 2})


def test_the_api_summary_by_area_counts_published_end_grants(client, grants):
    body = client.get(API_BY_AREA).json()

    assert body["regions"] == [
        {"name": "Yorkshire and The Humber", "gss_code": "E12000003", "grants": 1, "amount": "2500.00"}
    ]
    assert body["local_authorities"] == [{"name": "Leeds", "gss_code": "E08000035", "grants": 1, "amount": "2500.00"}]


def test_an_end_grant_appears_in_the_groups_portal_under_its_local_funder(grants):
    group = grants["published"].organisation
    member = MembershipFactory(organisation=group, role=MembershipRole.ADMINISTRATOR).user

    content = signed_in_client(member).get(reverse("funding:portal")).content.decode()

    assert grants["published"].reference in content
    assert "Leeds Community Foundation small grants" in content
