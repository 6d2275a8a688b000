"""A small group applies to its local funder and is paid, in the browser, each person in their own browser.

A member of a residents' group (income £12,000) applies to the local funder's open round on the short
form; the local funder's administrator puts it to its panel (an assessor scores it), records the
decision and makes, approves and offers the award; the group accepts; one of the local funder's people
raises the payment and another approves it and records it paid. The department sees the end grant on
its dashboard. axe-core (WCAG 2.2 AA) and the project's page checks run on every kind of page.
"""

import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from thirdsector.accounts.roles import MembershipRole, Role
from thirdsector.accounts.services import add_membership, create_person
from thirdsector.funding.financial_years import financial_year_of
from thirdsector.funding.models import Award, AwardStatus, PaymentStatus, ProgrammeBudget
from thirdsector.funding.tests.factories import CriterionFactory
from thirdsector.funding.tests.small_grants_helpers import local_funder_programme, small_group

from .test_funding_journey import PageChecks, _person_with_authenticator, page_for  # noqa: F401, F811 - a fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Coffee mornings for older neighbours"


@pytest.fixture
def programme(transactional_db):
    programme = local_funder_programme()
    CriterionFactory(programme=programme, name="Need and difference", weight=1, position=1)
    # A 12-month grant that starts today runs into next year, which the local funder budgets for too.
    next_year = financial_year_of(timezone.localdate()) + 1
    ProgrammeBudget.objects.create(programme=programme, financial_year=next_year, amount=Decimal("90000.00"))
    return programme


@pytest.fixture
def group_member(programme):
    group = small_group("Harehills Residents Group")
    person = create_person(email="ama@harehills.example", full_name="Ama Mensah", password=None)
    add_membership(user=person, organisation=group, role=MembershipRole.ADMINISTRATOR)
    return person


def _funder_person(programme, email: str, full_name: str):
    person = create_person(email=email, full_name=full_name, password=None, roles=(Role.FUND_ADMINISTRATOR,))
    add_membership(user=person, organisation=programme.administering_body, role=MembershipRole.EDITOR)
    return person


def _opened(open_page, person):
    """A page for `person` that waits up to 20 s for a page: the shared CI machine is often busy."""
    page = open_page(person)
    page.set_default_timeout(20_000)
    page.set_default_navigation_timeout(20_000)
    return page


def _apply(page, programme, checks: PageChecks) -> str:
    round_ = programme.rounds.get()
    page.goto(f"/funding/rounds/{round_.pk}/")
    checks.check(page, "round")
    page.get_by_role("link", name="Apply now").click()
    checks.check(page, "apply start")
    page.get_by_role("button", name="Start now").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your application")
    checks.check(page, "task list")
    page.get_by_role("link", name="What the money is for").click()
    checks.check(page, "short question")
    page.get_by_label("Give your idea a short name").fill(TITLE)
    page.get_by_label("What will you spend the money on?").fill("Room hire, tea and a minibus to bring people.")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("Who will it help, and why is it needed?").fill("Forty older people on the estate live alone.")
    page.get_by_label("What difference will it make?").fill("They meet every week and look out for each other.")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How much are you asking for?")
    page.get_by_label("How much are you asking for?").fill("£2,500")
    page.get_by_role("button", name="Save and continue").click()
    today = timezone.localdate()
    dates = page.get_by_role("group", name=re.compile("When will you start?"))
    dates.get_by_label("Day").fill(str(today.day))
    dates.get_by_label("Month").fill(str(today.month))
    dates.get_by_label("Year").fill(str(today.year))
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before submitting your application")
    checks.check(page, "check answers")
    page.get_by_role("link", name="Continue").click()
    page.get_by_label("I confirm that the information in this application is true and complete").check()
    page.get_by_role("button", name="Accept and send").click()
    panel = page.locator(".govuk-panel--confirmation")
    expect(panel.get_by_role("heading", level=1)).to_have_text("Application submitted")
    checks.check(page, "submitted")
    return panel.locator("strong").inner_text()


def _put_to_the_panel(page, reference: str, assessor, checks: PageChecks) -> None:
    page.goto(f"/funding/applications/{reference}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    checks.check(page, "application (local funder)")
    page.get_by_role("link", name="Assign or remove assessors").click()
    checks.check(page, "assign assessors")
    page.get_by_label("Assessor").select_option(label=f"{assessor.full_name} ({assessor.email})")
    page.get_by_role("button", name="Assign").click()
    expect(page.get_by_role("alert")).to_contain_text(f"{assessor.full_name} has been assigned")


def _score(page, reference: str, checks: PageChecks) -> None:
    page.goto("/funding/assessment/")
    page.get_by_role("link", name=re.compile(rf"^{reference}\W+declare your interests$")).click()
    page.get_by_role("group", name="Do you have a conflict of interest?").get_by_label("No").check()
    page.get_by_role("button", name="Confirm declaration").click()
    checks.check(page, "score")
    page.get_by_role("group", name="Score for Need and difference").get_by_label("4", exact=True).check()
    page.get_by_label("Comment on Need and difference").fill("Clear need, simple plan.")
    page.get_by_role("button", name="Submit scores").click()
    expect(page.get_by_role("alert")).to_contain_text(f"Your scores for {reference} have been submitted")


def _decide_and_offer(page, reference: str, checks: PageChecks) -> str:
    page.goto(f"/funding/applications/{reference}/")
    page.get_by_role("link", name="Moderation: scores and spread").click()
    page.get_by_role("link", name="Record the panel's decision").click()
    checks.check(page, "decision")
    page.get_by_role("group", name="The panel's decision").get_by_label("Approve").check()
    page.get_by_label("The panel's reasons").fill("A clear local need at a small cost.")
    page.get_by_label("Feedback for the applicant").fill("We are pleased to fund your coffee mornings.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("alert")).to_contain_text(f"The decision on {reference} has been recorded")
    page.goto(f"/funding/applications/{reference}/")
    page.get_by_role("link", name="Set up the award").click()
    expect(page.get_by_label("Total amount")).to_have_value("2500.00")
    expect(page.get_by_label("Length in months")).to_have_value("12")
    checks.check(page, "make an award")
    page.get_by_label("Conditions of the grant").fill("Spend it on the coffee mornings; a one-page report at the end.")
    page.get_by_role("button", name="Draft the award").click()
    award_reference = page.locator("dl").get_by_text(re.compile(r"^LCF-")).first.inner_text().strip()
    checks.check(page, "award (local funder)")
    page.get_by_label("Reason").fill("Approved by the panel")
    page.get_by_role("button", name=f"Approve award {award_reference}").click()
    expect(page.get_by_role("alert")).to_contain_text("The award is approved and its budget committed")
    page.get_by_label("Reason").fill("Offer letter sent")
    page.get_by_role("button", name=f"Offer award {award_reference}").click()
    expect(page.locator("main .govuk-tag").first).to_have_text("Offered")
    return award_reference


def _accept(page, award_reference: str, checks: PageChecks) -> None:
    page.goto("/funding/portal/")
    checks.check(page, "portal")
    page.get_by_role("table", name="Your grants").get_by_role("link", name=award_reference).click()
    page.get_by_label("Reason").fill("Our committee agreed")
    page.get_by_role("button", name=f"Accept award {award_reference}").click()
    expect(page.get_by_role("alert")).to_contain_text("You have accepted the offer")


def _payment(page, award_reference: str) -> None:
    page.goto("/funding/payments/")
    page.get_by_role("link", name=f"{award_reference} payment 1").click()


def _raise(page, award_reference: str, checks: PageChecks) -> None:
    _payment(page, award_reference)
    checks.check(page, "payment")
    page.get_by_label("Reason or note").fill("The whole grant in advance")
    page.get_by_role("button", name="Raise for approval").click()
    expect(page.get_by_role("alert")).to_contain_text("raised for approval")


def _approve_and_pay(page, award_reference: str, checks: PageChecks) -> None:
    _payment(page, award_reference)
    page.get_by_label("Reason or note").fill("Bank details checked")
    page.get_by_role("button", name="Approve", exact=True).click()
    page.get_by_role("link", name="Record the payment as made").click()
    checks.check(page, "mark paid")
    page.get_by_label("Finance system reference").fill("BACS-LCF-0001")
    page.get_by_role("button", name="Record as paid").click()
    expect(page.locator("main .govuk-tag").first).to_have_text("Paid")


def _department_sees_it(page, award_reference: str, checks: PageChecks) -> None:
    page.goto("/funding/small-grants/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Small grants dashboard")
    checks.check(page, "small grants dashboard")
    page.get_by_role("link", name=re.compile("end grants by Leeds Community Foundation")).click()
    expect(page.get_by_role("table", name=re.compile("End grants"))).to_contain_text(award_reference)
    checks.check(page, "end grants")
    page.goto("/funding/small-grants-by-area/")
    checks.check(page, "small grants by area")


def test_a_small_group_applies_to_its_local_funder_and_is_paid(
    page_for,  # noqa: F811 - the fixture imported above
    staff_person,
    programme,
    group_member,
    transactional_db,
):
    checks = PageChecks()
    administrator = _funder_person(programme, "rhiannon@leedscf.example", "Rhiannon Hughes")
    treasurer = _funder_person(programme, "tomasz@leedscf.example", "Tomasz Nowak")
    assessor = _person_with_authenticator("kim.lee@panel.example", "Kim Lee", Role.ASSESSOR)
    group_page = _opened(page_for, group_member)
    administrator_page = _opened(page_for, administrator)

    reference = _apply(group_page, programme, checks)
    _put_to_the_panel(administrator_page, reference, assessor, checks)
    _score(_opened(page_for, assessor), reference, checks)
    award_reference = _decide_and_offer(administrator_page, reference, checks)
    _accept(group_page, award_reference, checks)
    _raise(administrator_page, award_reference, checks)
    _approve_and_pay(_opened(page_for, treasurer), award_reference, checks)
    _department_sees_it(_opened(page_for, staff_person), award_reference, checks)

    award = Award.objects.get(reference=award_reference)
    assert award.status == AwardStatus.ACCEPTED and award.amount == Decimal("2500.00")
    assert award.programme.funded_by.regrant_type == "FRG010"
    assert [r.kind for r in award.returns.all()] == ["final"]  # light touch: the end-of-grant report only
    payment = award.payments.get()
    assert payment.status == PaymentStatus.PAID
    assert (payment.raised_by, payment.approved_by) == (administrator, treasurer)
    assert award.months == 12
    assert not checks.problems, "\n".join(checks.problems)
