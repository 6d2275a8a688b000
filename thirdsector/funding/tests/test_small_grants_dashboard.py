"""The department's view of every end grant: the dashboard, the list behind its figures, their CSVs,
and who may see which local funder's grants."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from thirdsector.accounts.tests.factories import UserFactory
from thirdsector.conftest import signed_in_client

from ..selectors.small_grants import (
    characteristic_figures,
    end_grants,
    funder_figures,
    local_funder_programmes,
    region_figures,
)
from .factories import AwardFactory, PaymentFactory
from .small_grants_helpers import end_grant, fund_administrator_of, local_funder_programme, small_group

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("funding:small-grants")
LIST = reverse("funding:small-grants-list")
GLASGOW = "S12000049"
HARROGATE = "E07000165"  # a district: its county is North Yorkshire, its region Yorkshire and The Humber


@pytest.fixture
def leeds(db):
    return local_funder_programme()


@pytest.fixture
def scotland(db):
    return local_funder_programme("Foundation Scotland", allocation=Decimal("50000.00"), admin_share=Decimal("0"),
                                  code="FSC")  # fmt: skip


@pytest.fixture
def grants(leeds, scotland):
    first = small_group("Harehills Coffee Morning", characteristics=["bme-led"])
    return {
        "first": end_grant(leeds, first, amount="2500.00"),
        "user_led": end_grant(
            leeds, small_group("Chapeltown Voices", gss_code=HARROGATE, characteristics=["user-led"]), amount="1000.00"
        ),  # fmt: skip
        "glasgow": end_grant(scotland, small_group("Govan Tenants", gss_code=GLASGOW), amount="4000.00"),
        "draft": end_grant(leeds, small_group("Draft Group"), amount="300.00", status="draft"),
    }


def _staff():
    return UserFactory(roles=["department_staff"])


def _rows(response) -> list[list[str]]:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(content.decode())))


def test_figures_by_local_funder_show_allocation_admin_share_committed_and_paid(leeds, grants):
    PaymentFactory(award=grants["first"], amount=Decimal("2500.00"), status="paid")

    figures = {row.programme.code: row for row in funder_figures(local_funder_programmes(_staff()))}

    lcf = figures["LCF"]
    assert (lcf.allocation, lcf.admin_share, lcf.for_grants) == (Decimal("100000.00"), Decimal("10000.00"),
                                                                 Decimal("90000.00"))  # fmt: skip
    # The draft holds no money and is no end grant.
    assert (lcf.committed, lcf.paid, lcf.grants) == (Decimal("3800.00"), Decimal("2500.00"), 2)
    assert lcf.remaining == Decimal("86200.00")


def test_regions_roll_districts_up_through_their_county_and_name_nations_outside_england(grants):
    grants_seen = end_grants(local_funder_programmes(_staff()))
    figures = {row.label: (row.grants, row.amount) for row in region_figures(grants_seen)}

    assert figures == {
        "Yorkshire and The Humber": (2, Decimal("3500.00")),
        "Scotland": (1, Decimal("4000.00")),
    }


def test_characteristics_count_bme_led_user_led_and_first_time_grantees(grants):
    # Chapeltown Voices had a grant before this one, from another programme: not a first-time grantee now.
    earlier = grants["user_led"].starts_on.replace(year=grants["user_led"].starts_on.year - 1)
    AwardFactory(organisation=grants["user_led"].organisation, status="closed", starts_on=earlier)

    rows, total, amount = characteristic_figures(end_grants(local_funder_programmes(_staff())))

    assert {row.slug: (row.grants, row.amount) for row in rows} == {
        "bme-led": (1, Decimal("2500.00")),
        "user-led": (1, Decimal("1000.00")),
        "first-time": (2, Decimal("6500.00")),
    }
    assert (total, amount) == (3, Decimal("7500.00"))


@pytest.mark.parametrize("role", ["department_staff", "platform_admin", "commissioner"])
def test_staff_and_the_commissioner_see_every_local_funder(clients_by_role, grants, role):
    response = clients_by_role[role].get(DASHBOARD)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Leeds Community Foundation" in content and "Foundation Scotland" in content


@pytest.mark.parametrize("role", ["assessor", "board_member", "council_officer", "organisation_member",
                                  "member_elsewhere"])  # fmt: skip
def test_everyone_else_is_refused(clients_by_role, grants, role):
    assert clients_by_role[role].get(DASHBOARD).status_code == 403
    assert clients_by_role[role].get(LIST).status_code == 403


def test_the_public_is_asked_to_sign_in(client):
    assert client.get(DASHBOARD).status_code == 302


def test_a_fund_administrator_sees_only_their_own_local_funder(leeds, grants):
    client = signed_in_client(fund_administrator_of(leeds))

    dashboard = client.get(DASHBOARD).content.decode()
    listed = client.get(LIST).content.decode()
    csv_rows = _rows(client.get(LIST, {"format": "csv"}))

    assert "Leeds Community Foundation" in dashboard and "Foundation Scotland" not in dashboard
    assert "Harehills Coffee Morning" in listed and "Govan Tenants" not in listed
    assert {row[1] for row in csv_rows[1:]} == {"Harehills Coffee Morning", "Chapeltown Voices"}
    # Another local funder's programme is not a choice to filter by.
    refused = client.get(LIST, {"programme": grants["glasgow"].programme_id})
    assert refused.status_code == 200 and "Choose a local funder from the list" in refused.content.decode()


def test_a_fund_administrator_of_no_local_funder_sees_nothing(clients_by_role, grants):
    response = clients_by_role["fund_administrator"].get(DASHBOARD)

    assert response.status_code == 200
    assert "Harehills" not in response.content.decode() and "No local funders yet." in response.content.decode()


def test_every_figure_links_to_the_end_grants_it_counts(staff_client, grants, leeds):
    response = staff_client.get(DASHBOARD)
    tables = {table.slug: table for table in response.context["tables"]}

    by_funder = next(row for row in tables["local-funders"].rows if row.label == "Leeds Community Foundation")
    grants_url = by_funder.cells[-1].url
    listed = staff_client.get(grants_url)
    assert listed.context["page_obj"].paginator.count == by_funder.cells[-1].value == 2
    bme = next(row for row in tables["characteristics"].rows if row.label == "BME-led")
    assert [award.organisation.name for award in staff_client.get(bme.cells[0].url).context["page_obj"]] == [
        "Harehills Coffee Morning"
    ]
    scotland = next(row for row in tables["regions"].rows if row.label == "Scotland")
    assert [award.organisation.name for award in staff_client.get(scotland.cells[0].url).context["page_obj"]] == [
        "Govan Tenants"
    ]


@pytest.mark.parametrize("table", ["local-funders", "regions", "local-authorities", "characteristics"])
def test_each_table_downloads_as_the_csv_of_what_it_shows(staff_client, grants, table):
    shown = next(t for t in staff_client.get(DASHBOARD).context["tables"] if t.slug == table)

    response = staff_client.get(reverse("funding:small-grants-csv", args=[table]))

    assert response["Content-Type"].startswith("text/csv")
    assert _rows(response) == shown.csv_rows()


def test_an_unknown_table_is_not_found(staff_client):
    assert staff_client.get(reverse("funding:small-grants-csv", args=["nothing"])).status_code == 404


def test_the_list_filters_by_first_time_and_characteristic(staff_client, grants):
    first_time = staff_client.get(LIST, {"first_time": "yes", "characteristic": "user-led"})

    assert [award.organisation.name for award in first_time.context["page_obj"]] == ["Chapeltown Voices"]
    assert "First grant" in first_time.content.decode()


def test_the_list_csv_has_every_matching_end_grant_with_its_flags(staff_client, grants):
    rows = _rows(staff_client.get(LIST, {"format": "csv", "nation": "Scotland"}))

    assert rows[0][-3:] == ["BME-led", "User-led", "First-time grantee"]
    glasgow = grants["glasgow"]
    assert rows[1:] == [[glasgow.reference, "Govan Tenants", "Foundation Scotland", "Glasgow City", "4000.00",
                         glasgow.starts_on.isoformat(), "Accepted", "No", "No", "Yes"]]  # fmt: skip


def _many(programme, count):
    for number in range(count):
        end_grant(programme, small_group(f"Group {number}", characteristics=["bme-led"]), amount="300.00")


def test_the_dashboard_costs_the_same_queries_whatever_its_grants(staff_client, leeds, django_assert_num_queries):
    _many(leeds, 2)
    with django_assert_num_queries(10) as few:
        staff_client.get(DASHBOARD)
    _many(leeds, 8)
    with django_assert_num_queries(len(few.captured_queries)):
        staff_client.get(DASHBOARD)


def test_the_list_costs_the_same_queries_whatever_its_grants(staff_client, leeds, django_assert_num_queries):
    _many(leeds, 3)
    with django_assert_num_queries(8) as few:
        staff_client.get(LIST, {"characteristic": "bme-led"})
    _many(leeds, 30)
    with django_assert_num_queries(len(few.captured_queries) + 1):  # one more: counting, once there is a next page
        staff_client.get(LIST, {"characteristic": "bme-led"})
