"""Every link on the small grants dashboard leads to a page its viewer may open.

The Commissioner oversees every end grant and runs no programme: the figures take them to the end
grants behind them, a local funder's name to its allocation (not its programme's dashboard, which is
for those who run it), and an end grant's reference to its page only where that page is published.
Everyone outside the department's view is still refused the dashboard and the staff pages it links to.
"""

import datetime
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from thirdsector.accounts.roles import Role
from thirdsector.accounts.tests.factories import UserFactory
from thirdsector.conftest import signed_in_client

from ..services import regranting
from .regranting_factories import AllocationFundFactory, LocalFunderFactory, national_programme
from .small_grants_helpers import end_grant, fund_administrator_of, local_funder_programme, small_group, this_year

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("funding:small-grants")
LIST = reverse("funding:small-grants-list")


@pytest.fixture
def allocated(db):
    """Two local funders' programmes made as the department makes them: calculated, then approved by another
    member of staff; plus one local funder programme with no allocation behind it."""
    national_programme(year=this_year())
    LocalFunderFactory(organisation__name="West Yorkshire Community Foundation", areas=["E08000035"])
    LocalFunderFactory(organisation__name="Two Ridings Foundation", areas=["E08000032", "E08000036"])
    fund = AllocationFundFactory(financial_year=this_year())
    regranting.calculate(fund=fund, by=UserFactory(roles=[Role.DEPARTMENT_STAFF]))
    regranting.approve(fund=fund, by=UserFactory(roles=[Role.DEPARTMENT_STAFF]))
    allocations = fund.funder_allocations.select_related("local_programme", "local_funder__organisation")
    rows = {row.local_funder.organisation.name: row for row in allocations}
    west_yorkshire = rows["West Yorkshire Community Foundation"]
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    published = end_grant(west_yorkshire.local_programme, small_group("Armley Lunch Club", characteristics=["bme-led"]),
                          published_on=yesterday)  # fmt: skip
    unpublished = end_grant(west_yorkshire.local_programme, small_group("Beeston Allotments"))
    end_grant(rows["Two Ridings Foundation"].local_programme, small_group("Manningham Mums", gss_code="E08000032"))
    no_allocation = local_funder_programme("Foundation Scotland", code="FSC")
    end_grant(no_allocation, small_group("Govan Tenants", gss_code="S12000049"))
    return {"row": west_yorkshire, "published": published, "unpublished": unpublished, "no_allocation": no_allocation}


def _links(response) -> list[str]:
    """The page's own links (between the header and the footer), on this site, each once."""
    page = response.content.decode()
    body = page[page.index("govuk-width-container") : page.index("<footer")]
    hrefs = {html.unescape(href) for href in re.findall(r'href="([^"]+)"', body)}
    return sorted(href for href in hrefs if href.startswith("/") and not href.startswith("/static/"))


def test_every_link_on_the_dashboard_opens_for_the_commissioner(clients_by_role, allocated):
    client = clients_by_role["commissioner"]
    dashboard = client.get(DASHBOARD)
    assert dashboard.status_code == 200

    links = _links(dashboard)

    assert allocated["row"].get_absolute_url() in links  # the local funder's name: its allocation
    assert reverse("funding:programme", args=[allocated["row"].local_programme.slug]) not in links
    assert any(link.startswith(LIST + "?") for link in links)
    for link in links:
        assert client.get(link).status_code not in (403, 404), link


def test_the_end_grants_behind_a_figure_link_only_to_pages_the_commissioner_opens(clients_by_role, allocated):
    client = clients_by_role["commissioner"]
    listed = client.get(LIST, {"programme": allocated["row"].local_programme.pk})
    page = listed.content.decode()

    assert "Armley Lunch Club" in page and "Beeston Allotments" in page
    assert f'href="{allocated["published"].get_absolute_url()}"' in page
    assert f'href="{allocated["unpublished"].get_absolute_url()}"' not in page
    assert allocated["unpublished"].reference in page
    for link in _links(listed):
        assert client.get(link).status_code not in (403, 404), link


def test_a_local_funder_without_an_allocation_is_named_without_a_link_for_the_commissioner(clients_by_role,
                                                                                            allocated):  # fmt: skip
    tables = {table.slug: table for table in clients_by_role["commissioner"].get(DASHBOARD).context["tables"]}

    scotland = next(row for row in tables["local-funders"].rows if row.label == "Foundation Scotland")

    assert scotland.url is None
    assert scotland.cells[-1].url == f"{LIST}?programme={allocated['no_allocation'].pk}"  # its figures still link


@pytest.mark.parametrize("role", ["department_staff", "platform_admin"])
def test_staff_still_reach_each_programmes_dashboard_and_every_end_grant(clients_by_role, allocated, role):
    client = clients_by_role[role]
    links = _links(client.get(DASHBOARD))
    listed = client.get(LIST).content.decode()

    assert reverse("funding:programme", args=[allocated["row"].local_programme.slug]) in links
    assert f'href="{allocated["unpublished"].get_absolute_url()}"' in listed
    for link in links:
        assert client.get(link).status_code == 200, link


def test_a_fund_administrator_reaches_their_own_programme_from_the_dashboard(allocated):
    client = signed_in_client(fund_administrator_of(allocated["row"].local_programme))
    links = _links(client.get(DASHBOARD))

    assert reverse("funding:programme", args=[allocated["row"].local_programme.slug]) in links
    assert f'href="{allocated["unpublished"].get_absolute_url()}"' in client.get(LIST).content.decode()
    for link in links:
        assert client.get(link).status_code == 200, link


@pytest.mark.parametrize("role", ["council_officer", "organisation_member"])
def test_others_are_still_refused_the_dashboard_and_the_staff_pages_it_links_to(clients_by_role, allocated, role):
    staff_links = _links(clients_by_role["department_staff"].get(DASHBOARD))
    client = clients_by_role[role]

    assert client.get(DASHBOARD).status_code == 403
    assert client.get(LIST).status_code == 403
    assert client.get(reverse("funding:small-grants-csv", args=["local-funders"])).status_code == 403
    assert client.get(reverse("funding:programme", args=[allocated["row"].local_programme.slug])).status_code == 403
    # A local funder's allocation is private to it and the department: it does not exist for anyone else.
    assert client.get(allocated["row"].get_absolute_url()).status_code == 404
    staff_pages = [link for link in staff_links if link.startswith(("/funding/small-grants/", "/funding/programmes/"))]
    assert staff_pages
    for link in staff_pages:
        assert client.get(link).status_code == 403, link
