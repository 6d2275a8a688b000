"""The asset transfer journey in the browser, each person in their own browser.

A council officer offers a building; a community organisation proposes to take it on and uploads its
business plan, condition survey and evidence of community support; the council's officer records the
council's written support; the organisation submits. The outside body's fund administrator assesses,
decides and awards on the grant engine's pages; the organisation accepts; the first payment is refused
until the council records the legal completion, then one fund administrator raises it and another
approves it. Every kind of page on the way is checked with axe-core and the project's page checks.
"""

import datetime
import re
from collections.abc import Callable, Iterator
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from thirdsector.accounts.demo import DEMO_TOTP_HEX_KEY
from thirdsector.accounts.roles import MembershipRole, Role
from thirdsector.accounts.services import add_membership, create_person, enrol_known_authenticator
from thirdsector.assets.models import Asset, AssetStatus, ProposalStatus, TransferProposal
from thirdsector.assets.services.fund import set_up_fund
from thirdsector.funding.financial_years import financial_year_of
from thirdsector.funding.models import Award, PaymentStatus
from thirdsector.register.models import Area, OrganisationKind
from thirdsector.register.tests.factories import OrganisationFactory

from .conftest import _watched_context
from .support import problems_on, sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ASSET = "Holbeck Community Centre"


@pytest.fixture(autouse=True)
def _patient_assertions() -> Iterator[None]:
    """On a busy machine a page can take longer than the usual 5 s; put the default back afterwards."""
    expect.set_options(timeout=30_000)
    yield
    expect.set_options(timeout=5_000)


@pytest.fixture
def lottery(transactional_db):
    return OrganisationFactory(name="Big Lottery Fund", kind=OrganisationKind.NDPB, latest_income=None)


@pytest.fixture
def fund(lottery, staff_person):
    today = timezone.localdate()
    first = financial_year_of(today)
    programme, _round = set_up_fund(
        body=lottery,
        by=staff_person,
        budgets={first: Decimal("10000000.00"), first + 1: Decimal("10000000.00")},
        round_opens_on=today - datetime.timedelta(days=30),
        round_closes_on=today + datetime.timedelta(days=90),
    )
    return programme


def _person(email: str, name: str, roles=(), *, authenticator: bool = False):
    person = create_person(email=email, full_name=name, password=None, roles=roles)
    if authenticator:
        enrol_known_authenticator(user=person, hex_key=DEMO_TOTP_HEX_KEY)
    return person


@pytest.fixture
def council(transactional_db):
    leeds = Area.objects.get(gss_code="E08000035")
    return OrganisationFactory(
        name="Leeds City Council", kind=OrganisationKind.LOCAL_AUTHORITY, latest_income=None, local_authority=leeds
    )


@pytest.fixture
def officer(council):
    person = _person("fatima.hussain@leeds.example", "Fatima Hussain", (Role.COUNCIL_OFFICER,))
    add_membership(user=person, organisation=council, role=MembershipRole.ADMINISTRATOR)
    return person


@pytest.fixture
def community(transactional_db):
    return OrganisationFactory(name="Holbeck Together")


@pytest.fixture
def trustee(community):
    person = _person("sam.rivers@holbeck.example", "Sam Rivers")
    add_membership(user=person, organisation=community, role=MembershipRole.ADMINISTRATOR)
    return person


@pytest.fixture
def fund_administrators(lottery):
    people = [
        _person("gareth.jones@lottery.example", "Gareth Jones", (Role.FUND_ADMINISTRATOR,), authenticator=True),
        _person("gwen.price@lottery.example", "Gwen Price", (Role.FUND_ADMINISTRATOR,), authenticator=True),
    ]
    for person in people:
        add_membership(user=person, organisation=lottery, role=MembershipRole.EDITOR)
    return people


@pytest.fixture
def assessor_person(transactional_db):
    return _person("alex.moreno@assessors.example", "Alex Moreno", (Role.ASSESSOR,), authenticator=True)


@pytest.fixture
def documents(tmp_path):
    paths = {}
    for name in ("business-plan", "condition-survey", "community-support", "council-letter"):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(b"%PDF-1.4\n% " + name.encode() + b"\n%%EOF\n")
        paths[name] = str(path)
    return paths


@pytest.fixture
def page_for(browser, page_watch, live_server) -> Iterator[Callable]:
    contexts = []

    def open_page_for(person):
        context = _watched_context(browser, page_watch, base_url=live_server.url)
        contexts.append(context)
        sign_in_as(context, person, live_server)
        page = context.new_page()
        # The offer form's long list of areas, on a busy machine, can take longer than the usual 5 s.
        page.set_default_timeout(30_000)
        page.set_default_navigation_timeout(30_000)
        return page

    yield open_page_for
    for context in contexts:
        context.close()
    assert not page_watch.problems, "The browser reported problems:\n" + "\n".join(page_watch.problems)


class PageChecks:
    """Runs the page checks once on each kind of page the journey visits, and keeps what they find."""

    def __init__(self):
        self.seen: set[str] = set()
        self.problems: list[str] = []

    def check(self, page, kind: str) -> None:
        if kind not in self.seen:
            self.seen.add(kind)
            self.problems += [f"{kind}: {problem}" for problem in problems_on(page)]


def _h1(page):
    return page.get_by_role("heading", level=1)


def _offer(page, checks: PageChecks) -> None:
    page.goto("/assets/council/")
    expect(_h1(page)).to_have_text("Your council's assets")
    checks.check(page, "council portal")
    page.get_by_role("link", name="Offer an asset for transfer").click()
    expect(_h1(page)).to_have_text("Offer an asset for transfer")
    page.get_by_role("button", name="Offer the asset").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    checks.check(page, "offer form with errors")
    page.get_by_label("Name of the asset").fill(ASSET)
    page.get_by_label("Community centre").check()
    page.get_by_label("Site address").fill("1 Holbeck Lane, Leeds")
    page.get_by_label("Postcode").fill("LS11 9AA")
    page.get_by_label("Local authority area").select_option(label="Leeds")
    page.get_by_label("Poor: needs major repair").check()
    page.get_by_label("Current use").fill("Closed since 2024; the council keeps it wind and watertight.")
    page.get_by_label("Market value, in pounds").fill("420000")
    page.get_by_label("Lease", exact=True).check()
    page.get_by_label("Length of lease in years").fill("30")
    page.get_by_label("Price asked, in pounds").fill("1")
    page.get_by_role("button", name="Offer the asset").click()
    expect(_h1(page)).to_have_text(ASSET)
    expect(page.locator("main")).to_contain_text("£419,999.00")
    checks.check(page, "asset (council)")


def _propose(page, documents, checks: PageChecks) -> str:
    page.goto("/assets/")
    expect(_h1(page)).to_have_text("Assets offered for community transfer")
    checks.check(page, "assets offered")
    page.get_by_role("link", name=ASSET).click()
    checks.check(page, "asset (public)")
    page.get_by_role("link", name="Propose to take on this asset").click()
    checks.check(page, "start a proposal")
    page.get_by_role("button", name="Start the proposal").click()
    expect(_h1(page)).to_have_text("Your proposal")
    checks.check(page, "proposal answers")
    page.get_by_label("Capital grant requested, in pounds").fill("350000")
    page.get_by_label("What the refurbishment will do").fill("A new roof, heating and accessible toilets.")
    page.get_by_label("Who will use the building and how").fill("Youth clubs, a lunch club and advice sessions.")
    page.get_by_role("button", name="Save and continue").click()
    reference = re.search(r"CAT-\w+", _h1(page).inner_text()).group(0)
    checks.check(page, "proposal (draft)")
    for label, name in [
        ("Business plan", "business-plan"),
        ("Condition survey", "condition-survey"),
        ("Evidence of community support", "community-support"),
    ]:
        page.get_by_role("link", name="Upload a document").click()
        checks.check(page, "upload")
        page.get_by_label(label).check()
        page.get_by_label("Upload a file").set_input_files(documents[name])
        page.get_by_role("button", name="Upload", exact=True).click()
        expect(page.get_by_role("alert")).to_contain_text(f"{label} uploaded")
    expect(page.locator("#submit-refused")).to_contain_text("council's written support")
    return reference


def _support(page, reference: str, documents, checks: PageChecks) -> None:
    page.goto(f"/assets/proposals/{reference}/")
    checks.check(page, "proposal (council)")
    page.get_by_role("link", name="Record the council's written support").click()
    checks.check(page, "council support")
    page.get_by_label("Date of the council's letter").fill(timezone.localdate().isoformat())
    page.get_by_label("The council's letter of support").set_input_files(documents["council-letter"])
    page.get_by_role("button", name="Record the support").click()
    expect(page.get_by_role("alert")).to_contain_text("The council's written support is recorded")


def _submit(page, reference: str) -> str:
    page.goto(f"/assets/proposals/{reference}/")
    page.get_by_role("button", name="Submit the proposal to the fund").click()
    expect(page.locator("#proposal-status")).to_have_text("Submitted with the council's support")
    return page.get_by_role("link", name=re.compile(r"^CATF-")).inner_text()


def _assign(page, application: str, assessor, checks: PageChecks) -> None:
    page.goto("/assets/fund/")
    expect(_h1(page)).to_have_text("Community Asset Transfer Fund")
    checks.check(page, "fund dashboard")
    page.goto(f"/funding/applications/{application}/")
    page.get_by_role("link", name="Assign or remove assessors").click()
    page.get_by_label("Assessor").select_option(label=f"{assessor.full_name} ({assessor.email})")
    page.get_by_role("button", name="Assign").click()
    expect(page.get_by_role("alert")).to_contain_text(f"{assessor.full_name} has been assigned")


def _assess(page, application: str) -> None:
    page.goto("/funding/assessment/")
    page.get_by_role("link", name=re.compile(rf"^{application}\W+declare your interests$")).click()
    page.get_by_role("group", name="Do you have a conflict of interest?").get_by_label("No").check()
    page.get_by_role("button", name="Confirm declaration").click()
    for criterion in ("Community support", "Business plan", "Condition and works"):
        page.get_by_role("group", name=f"Score for {criterion}").get_by_label("4", exact=True).check()
        page.get_by_label(f"Comment on {criterion}").fill("Well evidenced.")
    page.get_by_role("button", name="Submit scores").click()
    expect(page.get_by_role("alert")).to_contain_text(f"Your scores for {application} have been submitted")


def _decide_and_award(page, application: str) -> str:
    page.goto(f"/funding/assessment/applications/{application}/decision/")
    page.get_by_role("group", name="The panel's decision").get_by_label("Approve").check()
    page.get_by_label("The panel's reasons").fill("Strong community support and a realistic plan.")
    page.get_by_label("Feedback for the applicant").fill("Funded; payments start after legal completion.")
    page.get_by_role("button", name="Record the decision").click()
    page.goto(f"/funding/applications/{application}/")
    page.get_by_role("link", name="Set up the award").click()
    page.get_by_label("Conditions of the grant").fill("Spend the grant on the refurbishment in the proposal.")
    page.get_by_role("button", name="Draft the award").click()
    award = Award.objects.get(application__reference=application).reference
    page.get_by_label("Reason").fill("Approved by the panel")
    page.get_by_role("button", name=f"Approve award {award}").click()
    expect(page.get_by_role("alert")).to_contain_text("The award is approved and its budget committed")
    page.get_by_label("Reason").fill("Offer letter sent")
    page.get_by_role("button", name=f"Offer award {award}").click()
    expect(page.get_by_role("alert")).to_contain_text("The offer has been sent")
    return award


def _accept(page, reference: str, award: str, checks: PageChecks) -> None:
    page.goto("/assets/my-proposals/")
    expect(_h1(page)).to_have_text("Your asset transfer proposals")
    checks.check(page, "applicant portal")
    page.get_by_role("link", name=reference).click()
    expect(page.locator("#proposal-status")).to_have_text("Funded: awaiting legal completion")
    page.get_by_role("link", name=award).click()
    page.get_by_label("Reason").fill("Our trustees agreed the conditions")
    page.get_by_role("button", name=f"Accept award {award}").click()
    expect(page.get_by_role("alert")).to_contain_text("You have accepted the offer")


def _open_first_payment(page, award: str) -> None:
    page.goto(f"/funding/awards/{award}/")
    page.get_by_role("link", name="Manage payment 1").click()
    expect(_h1(page)).to_have_text(f"{award} payment 1")


def _raise_refused(page, award: str, checks: PageChecks) -> None:
    """Before legal completion the engine offers no way to raise the payment, and says why."""
    _open_first_payment(page, award)
    expect(page.locator("main")).to_contain_text("condition before payment has not been met")
    expect(page.get_by_role("button", name="Raise for approval")).to_have_count(0)
    checks.check(page, "payment held")


def _complete(page, reference: str, checks: PageChecks) -> None:
    page.goto(f"/assets/proposals/{reference}/")
    page.get_by_role("link", name="Record the legal completion").click()
    checks.check(page, "legal completion")
    page.get_by_label("Legal completion date").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Record the legal completion").click()
    expect(page.locator("#proposal-status")).to_have_text("Transferred")
    checks.check(page, "proposal (transferred)")
    page.goto("/assets/transferred/")
    expect(page.locator("main")).to_contain_text(ASSET)
    checks.check(page, "assets transferred")


def _raise(page, award: str) -> None:
    _open_first_payment(page, award)
    page.get_by_label("Reason or note").fill("First quarter in advance")
    page.get_by_role("button", name="Raise for approval").click()
    expect(page.get_by_role("alert")).to_contain_text("raised for approval")


def _approve(page, award: str) -> None:
    _open_first_payment(page, award)
    page.get_by_label("Reason or note").fill("Legal completion checked")
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("approved")


def test_a_council_offers_a_building_and_a_community_organisations_proposal_is_funded(
    page_for, fund, officer, trustee, fund_administrators, assessor_person, documents
):
    checks = PageChecks()
    officer_page, trustee_page = page_for(officer), page_for(trustee)
    fund_page, approver_page = page_for(fund_administrators[0]), page_for(fund_administrators[1])
    assessor_page = page_for(assessor_person)

    _offer(officer_page, checks)
    reference = _propose(trustee_page, documents, checks)
    _support(officer_page, reference, documents, checks)
    application = _submit(trustee_page, reference)
    _assign(fund_page, application, assessor_person, checks)
    _assess(assessor_page, application)
    award = _decide_and_award(fund_page, application)
    _accept(trustee_page, reference, award, checks)
    _raise_refused(fund_page, award, checks)
    _complete(officer_page, reference, checks)
    _raise(fund_page, award)
    _approve(approver_page, award)

    proposal = TransferProposal.objects.get(reference=reference)
    assert proposal.status == ProposalStatus.TRANSFERRED
    assert Asset.objects.get(name=ASSET).status == AssetStatus.TRANSFERRED
    payment = proposal.award.payments.get(number=1)
    assert payment.status == PaymentStatus.APPROVED
    assert payment.raised_by != payment.approved_by
    assert not checks.problems, "\n".join(checks.problems)
