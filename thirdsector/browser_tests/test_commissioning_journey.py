"""Commissioning in the browser, as the people in it take it, each in their own browser.

A Leeds City Council officer drafts a commissioning plan, publishes it, records a co-design session
with what changed because of it, and offers a contract from the plan with one lot; a small charity finds
the opportunity in the finder by area, registers interest, forms a consortium with a women's group
(whose administrator confirms it belongs) and bids for the lot as the consortium's lead. When the
closing date has passed the officer closes the opportunity, awards the lot to the consortium, records the
decision with the service user who sat on the panel, and finds the award in the council's level playing
field figures, the list behind a figure and the public pages. Every kind of page on the way is checked with
axe-core (WCAG 2.2 AA) and the project's page checks.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from thirdsector.accounts.roles import MembershipRole, Role
from thirdsector.accounts.services import add_membership, create_person
from thirdsector.commissioning.models import (
    Bid,
    BidStatus,
    CommissioningDecision,
    CommissioningPlan,
    ContractAward,
    Opportunity,
    OpportunityStatus,
    PlanStatus,
)
from thirdsector.funding.financial_years import financial_year_of
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


def _close_and_award(page, checks: PageChecks, opportunity: Opportunity) -> None:
    """The closing date passes; the officer closes the opportunity and awards its lot to the consortium."""
    Opportunity.objects.filter(pk=opportunity.pk).update(
        opens_on=timezone.localdate() - datetime.timedelta(days=40),
        closes_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    page.goto(f"/commissioning/opportunities/{opportunity.pk}/")
    page.get_by_role("link", name="Close", exact=True).click()
    page.get_by_label("Why").fill("The closing date has passed")
    page.get_by_role("button", name="Close the opportunity").click()
    expect(page.locator("main .govuk-tag").first).to_have_text("Closed")

    page.goto(f"/commissioning/opportunities/{opportunity.pk}/")
    page.get_by_role("link", name="Award this lot").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Award Lot 1: Inner east Leeds")
    checks.check(page, "award a lot")
    page.get_by_role("button", name="Award the lot").click()  # no bid chosen, no reason: the error summary
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    checks.check(page, "award a lot with errors")
    page.get_by_label(f"{CONSORTIUM}: £195,000.00").check()
    page.get_by_label("Total value, in pounds").fill("195000")
    page.get_by_label("Why this bid won").fill("Best on quality: evening and Saturday advice in two places")
    page.get_by_role("button", name="Award the lot").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{OPPORTUNITY_TITLE}: Inner east Leeds")
    expect(page.locator("main")).to_contain_text("leading a consortium with Harehills Women's Group")
    checks.check(page, "award")


def _record_decision_with_users(page, checks: PageChecks, leeds_council) -> None:
    page.goto(f"/commissioning/commissioners/{leeds_council.pk}/decisions/new/")
    checks.check(page, "decision form")
    page.get_by_label("What was decided").fill("Award the community advice contract")
    page.get_by_label("Date of the decision").fill(_on(0))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Award the community advice contract")
    checks.check(page, "decision")
    page.get_by_role("link", name="Record who was involved").click()
    checks.check(page, "involvement in a decision")
    page.get_by_label("Name or label (optional)").fill("Panel member A")
    page.get_by_label("Service user", exact=True).check()
    page.get_by_label("Evaluator").check()
    page.get_by_label("Their view").fill("They understood people who work in the day.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).to_contain_text("They understood people who work in the day.")


def _council_figures(page, checks: PageChecks, leeds_council) -> None:
    year = financial_year_of(timezone.localdate())
    page.goto(f"/commissioning/commissioners/{leeds_council.pk}/figures/?year={year}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Level playing field figures")
    checks.check(page, "council's figures")
    third_sector = page.get_by_role("table", name=re.compile("Awards to the third sector"))
    expect(third_sector.get_by_role("row", name=re.compile("All third sector organisations"))).to_contain_text(
        "195,000"
    )
    expect(third_sector.get_by_role("row", name=re.compile("Small"))).to_contain_text("100.0%")
    decisions = page.get_by_role("table", name=re.compile("Decisions with service users"))
    expect(decisions).to_contain_text("100.0%")
    third_sector.get_by_role("row", name=re.compile("All third sector organisations")).get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Awards")
    expect(page.get_by_role("table", name=re.compile("Awards"))).to_contain_text(OPPORTUNITY_TITLE)
    checks.check(page, "awards behind a figure")
    page.goto(f"/commissioning/awards/figures/{leeds_council.pk}/?year={year}")
    checks.check(page, "public figures")
    page.goto(f"/commissioning/awards/figures/?year={year}")
    checks.check(page, "public comparison")
    page.goto("/commissioning/awards/published/")
    expect(page.get_by_role("table", name=re.compile("Awards"))).to_contain_text(OPPORTUNITY_TITLE)
    checks.check(page, "published awards")


def test_a_council_publishes_a_plan_a_consortium_bids_and_the_award_shows_in_the_councils_figures(
    page_for,  # noqa: F811
    leeds_council,
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

    _close_and_award(council_page, checks, opportunity)
    _record_decision_with_users(council_page, checks, leeds_council)
    _council_figures(council_page, checks, leeds_council)

    bid.refresh_from_db()
    assert bid.status == BidStatus.SUCCESSFUL
    award = ContractAward.objects.get(winning_bid=bid)
    assert (award.commissioner, award.value, award.supplier_size_band) == (leeds_council, 195000, "small")
    assert [member.name for member in award.consortium_members.all()] == ["Harehills Women's Group"]
    opportunity.refresh_from_db()
    assert opportunity.status == OpportunityStatus.AWARDED
    assert CommissioningDecision.objects.get().involvements.get().role == "evaluator"
    assert not checks.problems, "\n".join(checks.problems)
