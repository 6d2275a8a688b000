"""The network dashboard: shares counted by hand, traceable figures, CSV, who may read it."""

from decimal import Decimal

import pytest
from django.urls import reverse

from thirdsector.accounts.roles import Role
from thirdsector.accounts.tests.factories import UserFactory
from thirdsector.conftest import signed_in_client
from thirdsector.register.models import Area
from thirdsector.register.tests.factories import OrganisationFactory

from ..selectors.network import network_sustainability, sustainability_by_region
from .factories import AnchorFactory, FinancialReturnFactory

pytestmark = pytest.mark.django_db

DEPENDENT = {"income_grants": Decimal("80000")}


def _anchor(gss_code: str):
    return AnchorFactory(organisation=OrganisationFactory(local_authority=Area.objects.get(gss_code=gss_code)))


@pytest.fixture
def returns():
    """By hand: 2024 has 4 accepted returns, 3 sustainable (Leeds 2 of 2, Manchester 1 of 2); 2023 has 2, 1
    sustainable; one 2024 return awaits acceptance and is not counted."""
    leeds_1, leeds_2 = _anchor("E08000035"), _anchor("E08000035")
    manchester_1, manchester_2 = _anchor("E08000003"), _anchor("E08000003")
    for anchor in (leeds_1, leeds_2, manchester_1):
        FinancialReturnFactory(anchor=anchor, year=2024, accepted=True)
    FinancialReturnFactory(anchor=manchester_2, year=2024, accepted=True, **DEPENDENT)
    FinancialReturnFactory(anchor=leeds_1, year=2023, accepted=True, **DEPENDENT)
    FinancialReturnFactory(anchor=leeds_2, year=2023, accepted=True)
    FinancialReturnFactory(anchor=_anchor("E08000035"), year=2024)
    return leeds_1


@pytest.fixture
def staff(staff_client):
    return staff_client


def test_the_network_share_is_counted_from_accepted_returns(returns):
    share, rows = network_sustainability(2024)
    assert (share.sustainable, share.assessed, share.percent) == (3, 4, 75)
    assert rows.count() == 4
    last, _rows = network_sustainability(2023)
    assert (last.sustainable, last.assessed, last.percent) == (1, 2, 50)


def test_the_region_shares_are_counted_by_hand(returns):
    shares = {row.name: row for row in sustainability_by_region(2024)}
    yorkshire = next(name for name in shares if "Yorkshire" in name)
    north_west = next(name for name in shares if "North West" in name)
    assert (shares[yorkshire].this_year.sustainable, shares[yorkshire].this_year.assessed) == (2, 2)
    assert (shares[yorkshire].last_year.sustainable, shares[yorkshire].last_year.assessed) == (1, 2)
    assert (shares[north_west].this_year.sustainable, shares[north_west].this_year.assessed) == (1, 2)


def test_the_dashboard_shows_n_of_n_and_links_each_figure_to_its_rows(staff, returns):
    response = staff.get(reverse("anchors:dashboard"), {"year": 2024})
    page = response.content.decode()
    assert "3 of 4" in page and "1 of 2" in page
    network_row = response.context["tables"][0].rows[0]
    assert [cell.value for cell in network_row.cells] == [1, 2, 50, 3, 4, 75]
    rows = staff.get(network_row.cells[3].url)
    assert rows.context["page_obj"].paginator.count == 3


def test_the_rows_behind_a_region_figure_are_that_regions(staff, returns):
    response = staff.get(reverse("anchors:dashboard"), {"year": 2024})
    regions = response.context["tables"][1]
    north_west = next(row for row in regions.rows if "North West" in row.label)
    behind = staff.get(north_west.cells[4].url).context["page_obj"]
    assert behind.paginator.count == 2
    assert {r.anchor.organisation.local_authority.name for r in behind} == {"Manchester"}


def test_each_dashboard_table_downloads_as_csv(staff, returns):
    lines = staff.get(reverse("anchors:dashboard-csv", args=["network"]), {"year": 2024}).content.decode().splitlines()
    assert lines == [
        "Network,Sustainable 2023,Returns 2023,Share 2023,Sustainable 2024,Returns 2024,Share 2024",
        "All anchors,1,2,50%,3,4,75%",
    ]
    assert staff.get(reverse("anchors:dashboard-csv", args=["nothing"])).status_code == 404


def test_the_dashboard_costs_the_same_queries_for_more_rows(staff, returns, django_assert_num_queries):
    url = reverse("anchors:dashboard") + "?year=2024"
    staff.get(url)
    with django_assert_num_queries(12) as first:
        staff.get(url)
    for _ in range(3):
        FinancialReturnFactory(anchor=_anchor("E06000023"), year=2024, accepted=True)
    with django_assert_num_queries(len(first.captured_queries)):
        staff.get(url)


def test_oversight_and_the_board_read_the_dashboard_and_nobody_else(clients_by_role):
    board = signed_in_client(UserFactory(roles=[Role.BOARD_MEMBER]))
    assert board.get(reverse("anchors:dashboard")).status_code == 200
    allowed = {"department_staff", "platform_admin", "commissioner", "board_member"}
    for url in (reverse("anchors:dashboard"), reverse("anchors:dashboard-rows")):
        for role, role_client in clients_by_role.items():
            status = role_client.get(url).status_code
            if role == "public":
                assert status == 302
            else:
                assert status == (200 if role in allowed else 403), (role, url)
