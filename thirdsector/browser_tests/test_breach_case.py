"""A breach case in the browser: a charity member reports a breach, staff work it to closure, and between
steps the reporter follows the private status link and sees the case move on. Every kind of page on the
way is checked with axe-core (WCAG 2.2 AA) and the project's page checks.
"""

import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import expect

from thirdsector.accounts.roles import MembershipRole
from thirdsector.accounts.services import add_membership, create_person
from thirdsector.compact.models import BreachCase
from thirdsector.compact.tests.factories import CompactBodyFactory
from thirdsector.register.models import OrganisationKind
from thirdsector.register.tests.factories import OrganisationFactory

from .conftest import _watched_context
from .support import problems_on, sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BODY = "Community Development Foundation"


@pytest.fixture
def body(transactional_db):
    organisation = OrganisationFactory(name=BODY, kind=OrganisationKind.NDPB)
    return CompactBodyFactory(organisation=organisation)


@pytest.fixture
def charity_member(transactional_db):
    charity = OrganisationFactory(name="Riverside Community Trust")
    person = create_person(email="ali.khan@riverside.example", full_name="Ali Khan", password=None)
    add_membership(user=person, organisation=charity, role=MembershipRole.EDITOR)
    return person


@pytest.fixture
def page_for(browser, page_watch, live_server) -> Iterator[Callable]:
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
    def __init__(self):
        self.seen: set[str] = set()
        self.problems: list[str] = []

    def check(self, page, kind: str) -> None:
        if kind in self.seen:
            return
        self.seen.add(kind)
        self.problems += [f"{kind}: {problem}" for problem in problems_on(page)]


def _report(page, checks: PageChecks) -> str:
    page.goto("/compact/breaches/report/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Report a breach of the Compact")
    checks.check(page, "report form")
    page.get_by_label("Which public body broke the Compact?").select_option(label=BODY)
    page.locator("input[name=commitments]").first.check()
    page.get_by_label("What happened?").fill("Our grant was ended with four weeks' notice, not three months.")
    page.get_by_label("When did it happen?").fill("2026-01-12")
    page.get_by_label("Evidence (optional)").fill("The letter of 12 January.")
    page.get_by_label("Are you reporting on behalf of an organisation?").select_option(
        label="Riverside Community Trust"
    )
    page.get_by_label("Your name (optional)").fill("Ali Khan")
    page.get_by_label("Email address (optional)").fill("ali.khan@riverside.example")
    page.get_by_role("button", name="Send report").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Report received")
    checks.check(page, "confirmation")
    return page.locator("#status-link").get_attribute("href")


def _reporter_sees(page, status_url: str, status: str, checks: PageChecks) -> None:
    page.goto(status_url)
    expect(page.locator("#case-status .govuk-tag")).to_have_text(status)
    checks.check(page, "status page")


def _step(page, label: str, checks: PageChecks, **answers) -> None:
    page.get_by_role("link", name=label, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(label)
    checks.check(page, "step")
    for field, answer in answers.items():
        if field == "route":
            page.get_by_label(answer).check()
        else:
            page.get_by_label(field).fill(answer)
    page.get_by_role("button", name=label).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Breach case BR-"))


def test_a_charity_reports_a_breach_and_follows_it_to_closure(page_for, charity_member, staff_person, body):
    checks = PageChecks()
    reporter = page_for(charity_member)
    status_url = _report(reporter, checks)
    case = BreachCase.objects.get()
    assert case.reporter_organisation.name == "Riverside Community Trust"
    _reporter_sees(reporter, status_url, "Reported", checks)

    staff = page_for(staff_person)
    staff.goto("/compact/breaches/")
    expect(staff.get_by_role("heading", level=1)).to_have_text("Breach cases")
    checks.check(staff, "case list")
    staff.get_by_role("link", name=case.reference).click()
    checks.check(staff, "case page")

    _step(staff, "Acknowledge", checks)
    _reporter_sees(reporter, status_url, "Acknowledged", checks)
    _step(staff, "Record the assessment", checks, route="Resolved locally")
    _reporter_sees(reporter, status_url, "Assessed", checks)
    _step(staff, "Record the investigation", checks)
    _reporter_sees(reporter, status_url, "Investigated", checks)
    _step(staff, "Uphold", checks, **{"Reasons for the finding": "Notice was four weeks, not three months."})
    _reporter_sees(reporter, status_url, "Upheld", checks)
    _step(staff, "Agree the remedy", checks, **{"Remedy agreed": "Funding continues for three more months."})
    _reporter_sees(reporter, status_url, "Remedy agreed", checks)
    _step(staff, "Close", checks, **{"Lessons learned": "Check notice periods before ending any grant."})
    checks.check(staff, "closed case page")

    _reporter_sees(reporter, status_url, "Closed", checks)
    expect(reporter.locator("#outcome")).to_be_visible()
    expect(reporter.get_by_text("Check notice periods before ending any grant.")).to_be_visible()
    assert checks.problems == []
