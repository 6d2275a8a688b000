"""Commissioning in the browser, as the people in it take it, each in their own browser.

A Leeds City Council officer drafts a commissioning plan, publishes it, records a co-design session
with what changed because of it, and offers a contract from the plan with one lot; a small charity finds
the opportunity in the finder by area, registers interest, forms a consortium with a women's group
(whose administrator confirms it belongs) and bids for the lot as the consortium's lead. Every kind of
page on the way is checked with axe-core (WCAG 2.2 AA) and the project's page checks.

(The award step and the council's figures are added by the commissioning awards work.)
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from thirdsector.accounts.roles import MembershipRole, Role
from thirdsector.accounts.services import add_membership, create_person
from thirdsector.commissioning.models import Bid, BidStatus, CommissioningPlan, Opportunity, PlanStatus
from thirdsector.register.models import Area, OrganisationKind, PolicyArea
from thirdsector.register.tests.factories import OrganisationFactory

from .test_funding_journey import PageChecks, page_for  # noqa: F401  (page_for is a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PLAN_TITLE = "Debt and benefits advice for Leeds"
OPPORTUNITY_TITLE = "Leeds community advice contract"
CONSORTIUM = "Leeds Advice Partnership"


@pytest.fixture
def leeds_council(transactional_db):
    return OrganisationFactory(
        name="Leeds City Council",
        kind=OrganisationKind.LOCAL_AUTHORITY,
        latest_income=None,
        size_band="",
        local_authority=Area.objects.get(gss_code="E08000035"),
    )


@pytest.fixture
def council_officer(leeds_council):
    """A council officer who edits Leeds City Council's record (council officers sign in with a password)."""
    person = create_person(
        email="fatima.hussain@leeds.example", full_name="Fatima Hussain", password=None, roles=(Role.COUNCIL_OFFICER,)
    )
    add_membership(user=person, organisation=leeds_council, role=MembershipRole.EDITOR)
    return person


@pytest.fixture
def advice_centre(transactional_db):
    return OrganisationFactory(name="Chapeltown Advice Centre", latest_income="60000.00")


@pytest.fixture
def advice_centre_editor(advice_centre):
    person = create_person(email="grace.okafor@chapeltown.example", full_name="Grace Okafor", password=None)
    add_membership(user=person, organisation=advice_centre, role=MembershipRole.ADMINISTRATOR)
    return person


@pytest.fixture
def womens_group(transactional_db):
    return OrganisationFactory(name="Harehills Women's Group", latest_income="8000.00")


@pytest.fixture
def womens_group_administrator(womens_group):
    person = create_person(email="amina.ali@harehills.example", full_name="Amina Ali", password=None)
    add_membership(user=person, organisation=womens_group, role=MembershipRole.ADMINISTRATOR)
    return person


def _on(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def _draft_and_publish_plan(page, checks: PageChecks, service_area: str) -> None:
    page.goto("/commissioning/portal/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Commissioners' portal")
    checks.check(page, "portal")
    page.get_by_role("link", name="Draft a commissioning plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Draft a commissioning plan")
    checks.check(page, "plan form")

    page.get_by_role("button", name="Save").click()  # nothing filled in: the error summary
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    checks.check(page, "plan form with errors")

    page.get_by_label("What you intend to commission").fill(PLAN_TITLE)
    page.get_by_label("Service area").select_option(label=service_area)
    page.get_by_label("Outcomes sought").fill("Fewer evictions and crises; people supported close to home.")
    page.get_by_label("Needs evidence").fill("Requests for debt advice in the inner wards doubled in two years.")
    page.get_by_label("Estimated total value (£)").fill("600000")
    page.get_by_label("Length of the agreements, in months").fill("36")
    page.get_by_label("Areas it covers").select_option(label="Leeds")
    page.get_by_label("Involvement closes on").fill(_on(21))
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(PLAN_TITLE)
    checks.check(page, "plan (officer)")
    page.get_by_role("link", name="Publish", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Publish the plan")
    checks.check(page, "plan step")
    page.get_by_label("Why").fill("Ready for the sector and service users to shape")
    page.get_by_role("button", name="Publish the plan").click()
    expect(page.locator("main .govuk-tag").first).to_have_text("Published")


def _record_co_design(page, checks: PageChecks) -> None:
    page.get_by_role("link", name="Record involvement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record involvement")
    checks.check(page, "involvement form")
    page.get_by_label("Co-design session").check()
    page.get_by_label("Title", exact=True).fill("Co-design with people who use advice services")
    page.get_by_label("Date", exact=True).fill(_on(0))
    page.get_by_label("Organisations that took part").fill("Chapeltown Advice Centre\nHarehills Women's Group")
    page.get_by_label("Service users who took part").fill("14")
    page.get_by_label("Community members who took part").fill("5")
    page.get_by_label("What was heard").fill("Working people cannot reach daytime drop-ins.")
    page.get_by_label("What changed because of it").fill("Evening and Saturday opening added to the specification.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#involvement ~ .govuk-summary-card").first).to_contain_text("Evening and Saturday opening")
    expect(page.locator("main")).to_contain_text("Harehills Women's Group")


def _offer_and_open(page, checks: PageChecks) -> None:
    page.get_by_role("link", name="Offer an opportunity from this plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Offer an opportunity")
    checks.check(page, "opportunity form")
    page.get_by_label("Title", exact=True).fill(OPPORTUNITY_TITLE)
    page.get_by_label("Description").fill("Debt, benefits and housing advice, with evening and Saturday opening.")
    page.get_by_label("Contract", exact=True).check()
    page.get_by_label("Payment in advance allowed").check()
    page.get_by_label("Full cost recovery allowed").check()
    page.get_by_label("Social value weighting (%)").fill("15")
    page.get_by_label("Opens on").fill(_on(0))
    page.get_by_label("Closes on").fill(_on(28))
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(OPPORTUNITY_TITLE)
    checks.check(page, "opportunity (officer)")
    page.get_by_role("link", name="Add a lot").click()
    checks.check(page, "lot form")
    page.get_by_label("What the lot covers").fill("Inner east Leeds")
    page.get_by_label("Estimated value (£)").fill("200000")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Open", exact=True).click()
    page.get_by_label("Why").fill("Specification agreed with the co-design group")
    page.get_by_role("button", name="Open for interest and bids").click()
    expect(page.locator("main .govuk-tag").first).to_have_text("Open for interest and bids")


def _find_and_register_interest(page, checks: PageChecks) -> None:
    page.goto("/commissioning/opportunities/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Find contract and grant opportunities")
    checks.check(page, "finder")
    page.get_by_label("Area", exact=True).select_option(label="Leeds")
    page.get_by_label("Good practice: 3 years or more").check()
    page.get_by_role("button", name="Find opportunities").click()
    results = page.get_by_role("table")
    expect(results).to_contain_text("Good practice: 3 years or more")
    results.get_by_role("link", name=OPPORTUNITY_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(OPPORTUNITY_TITLE)
    checks.check(page, "opportunity (organisation)")
    page.get_by_role("link", name="Register interest").click()
    checks.check(page, "register interest")
    page.get_by_label("Anything the commissioner should know (optional)").fill("We would bid with partners.")
    page.get_by_role("button", name="Register interest").click()
    expect(page.get_by_role("alert")).to_contain_text("Interest registered for Chapeltown Advice Centre")


def _form_consortium(page, checks: PageChecks) -> None:
    page.get_by_role("link", name="Form a consortium").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Form a consortium")
    checks.check(page, "consortium form")
    page.get_by_label("Name of the consortium").fill(CONSORTIUM)
    page.get_by_label("Members").fill("Harehills Women's Group")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CONSORTIUM)
    checks.check(page, "consortium")


def _confirm_membership(page, checks: PageChecks) -> None:
    page.goto("/commissioning/my-organisation/")
    checks.check(page, "organisation's bids and interest")
    page.get_by_role("link", name=CONSORTIUM).first.click()
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("table", name="Members")).to_contain_text("Confirmed")


def _bid_as_consortium(page, checks: PageChecks) -> None:
    page.goto("/commissioning/opportunities/")
    page.get_by_role("link", name=OPPORTUNITY_TITLE).click()
    page.get_by_role("link", name="Make a bid").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Make a bid")
    checks.check(page, "bid form")
    page.get_by_label("Lot").select_option(label="Lot 1: Inner east Leeds")
    page.get_by_label(f"{CONSORTIUM} (a consortium led by Chapeltown Advice Centre)").check()
    page.get_by_label("Price (£)").fill("195000")
    page.get_by_label("How you would deliver it").fill("Advice at the centre and at the women's group, evenings too.")
    page.get_by_role("button", name="Save the bid").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Bid by {CONSORTIUM}")
    checks.check(page, "bid")
    page.get_by_role("link", name="Submit", exact=True).click()
    checks.check(page, "bid step")
    page.get_by_role("button", name="Submit the bid").click()
    expect(page.locator("main .govuk-tag").first).to_have_text("Submitted")


def test_a_council_publishes_a_plan_and_a_consortium_bids_for_its_opportunity(
    page_for,  # noqa: F811
    council_officer,
    advice_centre_editor,
    womens_group_administrator,
):
    checks = PageChecks()
    council_page = page_for(council_officer)
    charity_page = page_for(advice_centre_editor)
    partner_page = page_for(womens_group_administrator)
    for page in (council_page, charity_page, partner_page):
        # Pages with the areas' long option lists, on a busy machine, can take longer than the usual 5 s.
        page.set_default_timeout(30_000)
    service_area = PolicyArea.objects.order_by("id").first().name

    _draft_and_publish_plan(council_page, checks, service_area)
    _record_co_design(council_page, checks)
    _offer_and_open(council_page, checks)
    _find_and_register_interest(charity_page, checks)
    _form_consortium(charity_page, checks)
    _confirm_membership(partner_page, checks)
    _bid_as_consortium(charity_page, checks)

    plan = CommissioningPlan.objects.get(title=PLAN_TITLE)
    assert plan.status == PlanStatus.PUBLISHED
    assert plan.activities.get().organisations.count() == 2
    opportunity = Opportunity.objects.get(title=OPPORTUNITY_TITLE)
    bid = Bid.objects.get(lot__opportunity=opportunity)
    assert bid.status == BidStatus.SUBMITTED
    assert bid.consortium.name == CONSORTIUM
    assert bid.organisation.name == "Chapeltown Advice Centre"
    assert not checks.problems, "\n".join(checks.problems)
