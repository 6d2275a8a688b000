"""Community anchors in the browser: anyone reads the network list, the map and an anchor's page; an
anchor's administrator submits the year's financial return. Every page is checked with axe-core
(WCAG 2.2 AA) and the project's page checks.
"""

import datetime
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from thirdsector.accounts.roles import MembershipRole
from thirdsector.accounts.services import add_membership, create_person
from thirdsector.anchors.models import FinancialReturn, ReturnStatus
from thirdsector.anchors.tests.factories import AnchorFactory, AnchorServiceFactory, FinancialReturnFactory
from thirdsector.register.models import Area
from thirdsector.register.tests.factories import OrganisationFactory

from .support import problems_on, sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
# The first page a test opens has the live server send every stylesheet and script cold; on a busy machine
# that takes longer than Playwright's default of 5 seconds.
PATIENCE_MS = 30_000


@pytest.fixture
def hillside(transactional_db):
    """A designated anchor in Leeds with two accepted years and a service; another in Manchester."""
    anchor = AnchorFactory(
        organisation=OrganisationFactory(
            name="Hillside Community Association", local_authority=Area.objects.get(gss_code="E08000035")
        )
    )
    FinancialReturnFactory(anchor=anchor, year=2023, income_grants=Decimal("70000"), accepted=True)
    FinancialReturnFactory(anchor=anchor, year=2024, accepted=True)
    AnchorServiceFactory(anchor=anchor, name="Warm space café")
    manchester = AnchorFactory(
        organisation=OrganisationFactory(
            name="Moss Side Neighbourhood Centre", local_authority=Area.objects.get(gss_code="E08000003")
        )
    )
    FinancialReturnFactory(anchor=manchester, year=2024, income_grants=Decimal("80000"), accepted=True)
    return anchor


@pytest.fixture
def administrator(hillside):
    person = create_person(email="sam.okafor@hillside.example", full_name="Sam Okafor", password=None)
    add_membership(user=person, organisation=hillside.organisation, role=MembershipRole.ADMINISTRATOR)
    return person


def test_anyone_reads_the_network_list_the_map_and_an_anchors_page(page, hillside):
    page.set_default_timeout(PATIENCE_MS)
    problems = []
    page.goto("/anchors/")
    expect(page.get_by_role("heading", level=1)).to_have_text("The network of community anchors")
    expect(page.get_by_role("link", name="Hillside Community Association")).to_be_visible()
    problems += problems_on(page)

    page.get_by_label("Sustainable in the year").select_option("no")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("link", name="Moss Side Neighbourhood Centre")).to_be_visible()
    expect(page.get_by_role("link", name="Hillside Community Association")).to_have_count(0)

    page.get_by_role("link", name="Map").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Map of the network")
    expect(page.get_by_role("img")).to_have_count(1)
    problems += problems_on(page)

    page.goto("/anchors/")
    page.get_by_role("link", name="Hillside Community Association").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hillside Community Association")
    expect(page.get_by_text("Warm space café")).to_be_visible()
    expect(page.get_by_role("table", name="Figures by financial year")).to_be_visible()
    problems += problems_on(page)

    page.get_by_role("link", name="Back to the network").click()
    page.get_by_role("link", name="The criteria").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The criteria for designation")
    problems += problems_on(page)
    assert not problems, "\n".join(problems)


def test_an_administrator_submits_the_years_return(page, live_server, hillside, administrator):
    page.set_default_timeout(PATIENCE_MS)
    sign_in_as(page.context, administrator, live_server)
    problems = []
    page.goto("/anchors/yours/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your organisations")
    problems += problems_on(page)
    page.get_by_role("link", name=re.compile("^Submit a financial return")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Submit a financial return")
    page.get_by_role("button", name="Submit the return").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    problems += problems_on(page)

    year = datetime.date.today().year - 1
    page.get_by_label("Financial year").fill(str(year))
    for label, amount in (
        ("Income from grants", "30000"),
        ("Income from contracts", "20000"),
        ("Earned and trading income", "40000"),
        ("Income from donations", "8000"),
        ("Investment income", "2000"),
        ("Total spending", "96000"),
        ("Unrestricted reserves at the year's end", "32000"),
        ("Value of assets owned", "250000"),
    ):
        page.get_by_label(label).fill(amount)
    page.get_by_label("Owns or manages a building").check()
    page.get_by_label("Date of the current business plan").fill(f"{year}-06-01")
    page.get_by_role("button", name="Submit the return").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Financial return, {year} to {year + 1}")
    expect(page.get_by_text("Awaiting acceptance").first).to_be_visible()
    expect(page.get_by_text("30% of income from grants")).to_be_visible()
    problems += problems_on(page)
    assert FinancialReturn.objects.get(anchor=hillside, year=year).status == ReturnStatus.SUBMITTED
    assert not problems, "\n".join(problems)
