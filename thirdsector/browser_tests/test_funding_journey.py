"""The funding journey in the browser, as the people in it take it, each in their own browser.

An organisation registers interest in strategic partner status and staff grant it; the organisation
applies to the open round; an assessor scores the application; the panel approves it; staff draft,
approve and offer the award; the organisation accepts it; one member of staff raises the first payment
and another approves it before it is recorded as paid. Every kind of page on the way is checked with
axe-core (WCAG 2.2 AA) and the project's page checks.
"""

import datetime
import re
from collections.abc import Callable, Iterator

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from thirdsector.accounts.demo import DEMO_TOTP_HEX_KEY
from thirdsector.accounts.roles import MembershipRole, Role
from thirdsector.accounts.services import add_membership, create_person, enrol_known_authenticator
from thirdsector.funding.models import Application, Award, AwardStatus, PaymentStatus, StrategicPartner
from thirdsector.funding.tests.factories import (
    AssessorAssignmentFactory,
    AwardFactory,
    CriterionFactory,
    PaymentFactory,
    ProgrammeFactory,
    RoundFactory,
    StrategicPartnerFactory,
)
from thirdsector.register.tests.factories import OrganisationFactory

from .conftest import _watched_context
from .support import problems_on, sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PROGRAMME_NAME = "Strategic Partners Grant Programme"
ROUND_NAME = "Core funding 2027 to 2030"
TITLE = "Core costs of the national tenants' policy network"


@pytest.fixture
def strategic_partners_round(transactional_db):
    """An open round of a programme that only strategic partners may apply to, scored on two criteria."""
    programme = ProgrammeFactory(
        name=PROGRAMME_NAME, slug="strategic-partners", code="SPG", rules__requires_strategic_partner_status=True
    )
    CriterionFactory(programme=programme, name="Reach", weight=2, position=1)
    CriterionFactory(programme=programme, name="Capacity", weight=1, position=2)
    return RoundFactory(programme=programme, name=ROUND_NAME)


@pytest.fixture
def tenants_network(transactional_db):
    return OrganisationFactory(name="National Tenants Network", description="A network of tenants' groups.")


@pytest.fixture
def network_administrator(tenants_network):
    """An administrator of the applying organisation: signs in with a password only, so no second factor."""
    person = create_person(email="sam.rivers@tenants.example", full_name="Sam Rivers", password=None)
    add_membership(user=person, organisation=tenants_network, role=MembershipRole.ADMINISTRATOR)
    return person


def _person_with_authenticator(email: str, full_name: str, role: str):
    person = create_person(email=email, full_name=full_name, password=None, roles=(role,))
    enrol_known_authenticator(user=person, hex_key=DEMO_TOTP_HEX_KEY)
    return person


@pytest.fixture
def payments_approver(transactional_db):
    """A second member of department staff, so the payment someone raises can be approved by someone else."""
    return _person_with_authenticator("pat.payne@department.example", "Pat Payne", Role.DEPARTMENT_STAFF)


@pytest.fixture
def assessor_person(transactional_db):
    return _person_with_authenticator("alex.moreno@assessors.example", "Alex Moreno", Role.ASSESSOR)


@pytest.fixture
def page_for(browser, page_watch, live_server) -> Iterator[Callable]:
    """`page_for(person)`: a page in a new browser context where `person` is signed in (second factor proved).

    Every page is watched as the conftest's `page` is; the contexts close, and what they saw go wrong
    fails the test, when it ends.
    """
    contexts = []

    def open_page_for(person):
        context = _watched_context(browser, page_watch, base_url=live_server.url)
        contexts.append(context)
        sign_in_as(context, person, live_server)
        return context.new_page()

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
        if kind in self.seen:
            return
        self.seen.add(kind)
        self.problems += problems_on(page)


def _menu(page):
    return page.get_by_role("navigation", name="Menu")


def _register_interest(page, organisation, checks: PageChecks) -> None:
    page.goto("/")
    _menu(page).get_by_role("link", name="Your funding").click()
    page.get_by_role("link", name=f"Register interest for {organisation.name}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Register interest in strategic partner status")
    checks.check(page, "register interest")
    page.get_by_label("Housing and tenant engagement").check()
    page.get_by_label("Community empowerment").check()
    page.get_by_label("How do you reach small and community groups?").fill("420 tenants' groups are members.")
    page.get_by_label("How do you reach and represent black and minority ethnic groups?").fill(
        "Our board is BME-led, and 70 member groups are BME-led."
    )
    page.get_by_label("What capacity do you have to work with the department?").fill("A policy team of three.")
    page.get_by_label("What evidence can you give for your answers?").fill("Annual report 2025, membership list.")
    page.get_by_role("button", name="Register interest").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Strategic partner status")
    expect(page.locator("main .govuk-tag").first).to_have_text("Interest registered")
    checks.check(page, "partner record (organisation)")


def _grant_status(page, organisation, checks: PageChecks) -> None:
    page.goto("/")
    _menu(page).get_by_role("link", name="Partners", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Strategic partners")
    checks.check(page, "partners list")
    page.get_by_role("link", name=organisation.name).click()
    checks.check(page, "partner record (staff)")

    page.get_by_role("link", name=f"Start the review of {organisation.name}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start the review")
    checks.check(page, "partner step")
    page.get_by_label("Reason").fill("Answers and evidence received")
    page.get_by_role("button", name="Start the review").click()
    expect(page.locator("main .govuk-tag").first).to_have_text("Under review")

    page.get_by_role("link", name=f"Grant status to {organisation.name}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Grant strategic partner status")
    expect(page.get_by_label("Status starts on")).to_have_value(timezone.localdate().isoformat())
    checks.check(page, "grant status")
    page.get_by_label("Reason").fill("Meets the criteria for reach, representativeness and capacity")
    page.get_by_role("button", name="Grant status").click()
    expect(page.get_by_role("alert")).to_contain_text("Strategic partner status has been granted")
    expect(page.locator("main .govuk-tag").first).to_have_text("Granted")


def _apply(page, checks: PageChecks) -> str:
    page.goto("/")
    _menu(page).get_by_role("link", name="Funding", exact=True).click()
    checks.check(page, "open rounds")
    page.get_by_role("link", name=f"{PROGRAMME_NAME}: {ROUND_NAME}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ROUND_NAME)
    checks.check(page, "round")
    page.get_by_role("link", name="Apply now").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Apply to {PROGRAMME_NAME}")
    checks.check(page, "apply start")
    page.get_by_role("button", name="Start now").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your application")
    checks.check(page, "task list")
    page.get_by_role("link", name="Name of the work").click()
    checks.check(page, "question")
    answers = {
        "What is the name of the work you want funded?": TITLE,
        "What is the money for?": "Salaries of the policy team and the costs of regional meetings.",
        "What need does the work meet?": "Tenants' groups are rarely heard in national housing policy.",
        "What will change because of the work?": "Two hundred groups respond to consultations each year.",
    }
    for label, answer in answers.items():
        page.get_by_label(label).fill(answer)
        page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("How much you are asking for")
    checks.check(page, "question with several fields")
    page.get_by_label("Total amount you are asking for").fill("£150,000")
    page.get_by_label("Of which overheads (optional)").fill("15000")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("How many months will the work last?").fill("36")
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("When would the work start?")
    checks.check(page, "date question")
    today = timezone.localdate()
    dates = page.get_by_role("group", name=re.compile("When would the work start?"))
    dates.get_by_label("Day").fill(str(today.day))
    dates.get_by_label("Month").fill(str(today.month))
    dates.get_by_label("Year").fill(str(today.year))
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Upload your budget and accounts")
    checks.check(page, "documents")
    page.get_by_role("link", name="Continue").click()
    page.get_by_role("link", name="Check your answers and submit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before submitting your application")
    expect(page.locator("main")).to_contain_text("£150,000.00")
    checks.check(page, "check answers")
    page.get_by_role("link", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Declaration")
    checks.check(page, "declaration")
    page.get_by_label("I confirm that the information in this application is true and complete").check()
    page.get_by_role("button", name="Accept and send").click()

    panel = page.locator(".govuk-panel--confirmation")
    expect(panel.get_by_role("heading", level=1)).to_have_text("Application submitted")
    reference = panel.locator("strong").inner_text()
    checks.check(page, "submitted")
    return reference


def _assign_assessor(page, reference: str, assessor, checks: PageChecks) -> None:
    page.goto("/")
    _menu(page).get_by_role("link", name="Programmes", exact=True).click()
    checks.check(page, "programme list")
    page.get_by_role("link", name=PROGRAMME_NAME).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PROGRAMME_NAME)
    checks.check(page, "programme dashboard")
    page.get_by_role("link", name=f"Applications to {ROUND_NAME}").click()
    checks.check(page, "application list")
    page.get_by_role("link", name=reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    checks.check(page, "application (staff)")

    page.get_by_role("link", name="Assign or remove assessors").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Assessors")
    checks.check(page, "assign assessors")
    page.get_by_label("Assessor").select_option(label=f"{assessor.full_name} ({assessor.email})")
    page.get_by_role("button", name="Assign").click()
    expect(page.get_by_role("alert")).to_contain_text(f"{assessor.full_name} has been assigned")
    expect(page.get_by_role("table", name="Assessors assigned")).to_contain_text(assessor.full_name)


def _assess(page, reference: str, checks: PageChecks) -> None:
    page.goto("/")
    _menu(page).get_by_role("link", name="Assessments", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My assessments")
    checks.check(page, "my assessments")
    page.get_by_role("link", name=re.compile(rf"^{reference}\W+declare your interests$")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Declare your interests")
    expect(page.locator("main")).not_to_contain_text(TITLE)  # nothing of the application before the declaration
    checks.check(page, "declare interests")
    page.get_by_role("group", name="Do you have a conflict of interest?").get_by_label("No").check()
    page.get_by_role("button", name="Confirm declaration").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Assess {reference}: {TITLE}")
    checks.check(page, "score")
    for criterion, score, comment in [
        ("Reach", "4", "Strong reach into local tenants' groups."),
        ("Capacity", "3", "A small but experienced policy team."),
    ]:
        page.get_by_role("group", name=f"Score for {criterion}").get_by_label(score, exact=True).check()
        page.get_by_label(f"Comment on {criterion}").fill(comment)
    page.get_by_role("button", name="Submit scores").click()
    expect(page.get_by_role("alert")).to_contain_text(f"Your scores for {reference} have been submitted")


def _decide_and_award(page, reference: str, checks: PageChecks) -> str:
    page.goto(f"/funding/applications/{reference}/")
    page.get_by_role("link", name="Moderation: scores and spread").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Moderation")
    expect(page.locator("#mean-total")).to_have_text("11.0 out of 15 (73.3%)")
    checks.check(page, "moderation")
    page.get_by_role("link", name="Record the panel's decision").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("The panel's decision")
    checks.check(page, "decision")
    page.get_by_role("group", name="The panel's decision").get_by_label("Approve").check()
    page.get_by_label("The panel's reasons").fill("Scored 73%: strong reach, adequate capacity.")
    page.get_by_label("Feedback for the applicant").fill("A strong application; we would like to fund it.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("alert")).to_contain_text(f"The decision on {reference} has been recorded")

    page.goto(f"/funding/applications/{reference}/")
    page.get_by_role("link", name="Set up the award").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Make an award")
    expect(page.get_by_label("Total amount")).to_have_value("150000.00")
    checks.check(page, "make an award")
    page.get_by_label("Conditions of the grant").fill("Spend the grant on the work described in the application.")
    page.get_by_role("button", name="Draft the award").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    award_reference = page.locator("dl").get_by_text(re.compile(r"^SPG-")).first.inner_text().strip()
    checks.check(page, "award (staff)")
    page.get_by_label("Reason").fill("Approved by the panel")
    page.get_by_role("button", name=f"Approve award {award_reference}").click()
    expect(page.get_by_role("alert")).to_contain_text("The award is approved and its budget committed")
    page.get_by_label("Reason").fill("Offer letter sent")
    page.get_by_role("button", name=f"Offer award {award_reference}").click()
    expect(page.get_by_role("alert")).to_contain_text("The offer has been sent")
    expect(page.locator("main .govuk-tag").first).to_have_text("Offered")
    return award_reference


def _accept(page, award_reference: str, checks: PageChecks) -> None:
    page.goto("/")
    _menu(page).get_by_role("link", name="Your funding", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your funding")
    checks.check(page, "portal")
    page.get_by_role("table", name="Your grants").get_by_role("link", name=award_reference).click()
    checks.check(page, "award (organisation)")
    page.get_by_label("Reason").fill("Our trustees agreed the conditions")
    page.get_by_role("button", name=f"Accept award {award_reference}").click()
    expect(page.get_by_role("alert")).to_contain_text("You have accepted the offer")
    expect(page.locator("main .govuk-tag").first).to_have_text("Accepted")
    expect(page.get_by_role("table", name=f"Payment schedule for {award_reference}")).to_be_visible()


def _open_first_payment(page, award_reference: str, checks: PageChecks) -> None:
    page.goto("/")
    _menu(page).get_by_role("link", name="Payments", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Payments")
    checks.check(page, "payments queue")
    page.get_by_role("link", name=f"{award_reference} payment 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{award_reference} payment 1")


def _raise_and_be_refused_approval(page, award_reference: str, checks: PageChecks) -> None:
    _open_first_payment(page, award_reference, checks)
    checks.check(page, "payment")
    page.get_by_label("Reason or note").fill("First quarter in advance")
    page.get_by_role("button", name="Raise for approval").click()
    expect(page.get_by_role("alert")).to_contain_text("raised for approval")
    expect(page.get_by_text("You raised this payment, so another member of staff")).to_be_visible()
    expect(page.get_by_role("button", name="Approve", exact=True)).to_have_count(0)

    # Were the button there (an old copy of the page, a crafted request), the approval is still refused.
    page.get_by_role("button", name="Cancel").evaluate("button => { button.value = 'approve' }")
    page.get_by_label("Reason or note").fill("Approving my own payment")
    page.get_by_role("button", name="Cancel").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("other than the person who raised the payment")
    checks.check(page, "payment with an error")


def _approve_and_pay(page, award_reference: str, checks: PageChecks) -> None:
    _open_first_payment(page, award_reference, checks)
    page.get_by_label("Reason or note").fill("Invoice checked against the schedule")
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("approved")
    page.get_by_role("link", name="Record the payment as made").click()
    checks.check(page, "mark paid")
    page.get_by_label("Finance system reference").fill("BACS-2026-0042")
    page.get_by_role("button", name="Record as paid").click()
    expect(page.get_by_role("alert")).to_contain_text("is recorded as paid")
    expect(page.locator("main .govuk-tag").first).to_have_text("Paid")


def test_an_organisation_becomes_a_partner_applies_is_assessed_accepts_its_award_and_is_paid(
    page_for,
    staff_person,
    payments_approver,
    assessor_person,
    network_administrator,
    tenants_network,
    strategic_partners_round,
):
    checks = PageChecks()
    organisation_page = page_for(network_administrator)
    staff_page = page_for(staff_person)
    approver_page = page_for(payments_approver)
    assessor_page = page_for(assessor_person)

    _register_interest(organisation_page, tenants_network, checks)
    _grant_status(staff_page, tenants_network, checks)
    reference = _apply(organisation_page, checks)
    _assign_assessor(staff_page, reference, assessor_person, checks)
    _assess(assessor_page, reference, checks)
    award_reference = _decide_and_award(staff_page, reference, checks)
    _accept(organisation_page, award_reference, checks)
    _raise_and_be_refused_approval(staff_page, award_reference, checks)
    _approve_and_pay(approver_page, award_reference, checks)

    partner = StrategicPartner.objects.get(organisation=tenants_network)
    assert partner.status == "granted"
    application = Application.objects.get(reference=reference)
    assert application.status == "approved"
    award = Award.objects.get(reference=award_reference)
    assert award.status == AwardStatus.ACCEPTED
    assert award.accepted_by == network_administrator
    payment = award.payments.get(number=1)
    assert payment.status == PaymentStatus.PAID
    assert payment.payment_reference == "BACS-2026-0042"
    assert payment.raised_by == staff_person
    assert payment.approved_by == payments_approver
    assert payment.approved_by != payment.raised_by
    assert not checks.problems, "\n".join(checks.problems)


STAFF_FUNDING_PAGES = [
    "/funding/programmes/",
    "/funding/programmes/strategic-partners/",
    "/funding/staff/applications/",
    "/funding/staff/awards/",
    "/funding/staff/payments/",
    "/funding/payments/",
    "/funding/strategic-partners/",
]
PUBLIC_FUNDING_PAGES = [
    "/funding/open-rounds/",
    "/funding/published-awards/",
    "/funding/all-programmes/",
    "/funding/strategic-partners/criteria/",
]


def test_staff_and_public_funding_lists_with_rows_are_accessible(
    page_for, page, staff_person, assessor_person, tenants_network, strategic_partners_round
):
    today = timezone.localdate()
    programme = strategic_partners_round.programme
    StrategicPartnerFactory(
        organisation=tenants_network,
        status="granted",
        granted_from=today,
        review_on=today + datetime.timedelta(days=30),
    )
    award = AwardFactory(
        programme=programme, organisation=tenants_network, status=AwardStatus.ACCEPTED, published_on=today
    )
    PaymentFactory(award=award, number=1, status=PaymentStatus.REQUESTED, raised_by=staff_person)
    AssessorAssignmentFactory(
        assessor=assessor_person, application__round=strategic_partners_round, application__organisation=tenants_network
    )

    problems = []
    staff_page = page_for(staff_person)
    for path in STAFF_FUNDING_PAGES:
        response = staff_page.goto(path)
        assert response.status == 200, f"{path} answered {response.status}"
        assert staff_page.locator("main table").count() >= 1, f"{path} shows no table"
        problems += problems_on(staff_page)

    assessor_page = page_for(assessor_person)
    assessor_page.goto("/funding/assessment/")
    expect(assessor_page.get_by_role("table")).to_contain_text(tenants_network.name)
    problems += problems_on(assessor_page)

    for path in PUBLIC_FUNDING_PAGES:
        response = page.goto(path)
        assert response.status == 200, f"{path} answered {response.status}"
        problems += problems_on(page)
    page.goto("/funding/published-awards/")
    expect(page.locator("main")).to_contain_text(award.reference)

    assert not problems, "\n".join(problems)
