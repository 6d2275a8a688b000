"""A Community Call for Action in the browser: a resident raises a call about their ward; the council's
officer records that the councillor has it and referred it, that the overview and scrutiny committee
accepted it and reported, and the executive's response; between steps the resident follows the private
status link and sees each step. Every kind of page on the way is checked with axe-core (WCAG 2.2 AA) and
the project's page checks.
"""

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import expect

from thirdsector.accounts.demo import DEMO_TOTP_HEX_KEY
from thirdsector.accounts.roles import MembershipRole, Role
from thirdsector.accounts.services import add_membership, create_person, enrol_known_authenticator
from thirdsector.register.models import Area, OrganisationKind
from thirdsector.register.tests.factories import OrganisationFactory

from .conftest import _watched_context
from .support import problems_on, sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

COUNCIL = "Leeds City Council"


@pytest.fixture
def leeds_officer(transactional_db):
    council = OrganisationFactory(
        name=COUNCIL,
        kind=OrganisationKind.LOCAL_AUTHORITY,
        local_authority=Area.objects.get(gss_code="E08000035"),
    )
    person = create_person(
        email="fatima.hussain@leeds.example", full_name="Fatima Hussain", password=None, roles=(Role.COUNCIL_OFFICER,)
    )
    if person.needs_second_factor:
        enrol_known_authenticator(user=person, hex_key=DEMO_TOTP_HEX_KEY)
    add_membership(user=person, organisation=council, role=MembershipRole.ADMINISTRATOR)
    return person


@pytest.fixture
def page_for(browser, page_watch, live_server) -> Iterator[Callable]:
    contexts = []

    def open_page_for(person):
        context = _watched_context(browser, page_watch, base_url=live_server.url)
        contexts.append(context)
        if person is not None:
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
        self.problems += problems_on(page)


def _raise_call(page, checks: PageChecks) -> str:
    page.goto("/partnerships/community-calls/raise/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Raise a Community Call for Action")
    checks.check(page, "raise form")
    page.get_by_role("button", name="Send the call").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the council")
    checks.check(page, "raise form with errors")
    page.get_by_label("Which council is it?").select_option(label=COUNCIL)
    page.get_by_label("Which ward is it in?").fill("Headingley & Hyde Park")
    page.get_by_label("What is the issue?").fill("Cars speed on Otley Road outside the primary school.")
    page.get_by_label("What has been tried already?").fill("A petition with 300 names and two complaints.")
    page.get_by_label("Your ward councillor's name").fill("Jane Patel")
    page.get_by_label("Your name, or your group's name").fill("Otley Road Residents")
    page.get_by_label("Your email address").fill("residents@example.org")
    page.get_by_role("button", name="Send the call").click()
    panel = page.locator(".govuk-panel--confirmation")
    expect(panel.get_by_role("heading", level=1)).to_have_text("Call received")
    checks.check(page, "confirmation")
    return page.locator("#status-link").get_attribute("href")


def _take_step(page, reference: str, button: str, checks: PageChecks, **answers) -> None:
    page.goto("/partnerships/community-calls/")
    checks.check(page, "case list")
    page.get_by_role("link", name=reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Community Call for Action {reference}")
    checks.check(page, "case page")
    page.get_by_role("link", name=button).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(button)
    checks.check(page, f"step {button}")
    for label, answer in answers.items():
        page.get_by_label(label).fill(answer)
    page.get_by_label("Reason for this change").fill("Recorded from the committee's minutes")
    page.get_by_role("button", name=button).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Community Call for Action {reference}")


def _resident_sees(page, status_url: str, status: str, checks: PageChecks, *texts: str) -> None:
    page.goto(status_url)
    expect(page.locator("#call-status")).to_contain_text(status)
    for text in texts:
        expect(page.locator("main")).to_contain_text(text)
    checks.check(page, "status page")


def test_a_resident_raises_a_call_that_is_referred_reported_and_answered(page_for, leeds_officer):
    checks = PageChecks()
    resident = page_for(None)
    status_url = _raise_call(resident, checks)
    reference = resident.locator("#reference").inner_text()
    _resident_sees(resident, status_url, "Raised", checks, "Cars speed on Otley Road")

    officer = page_for(leeds_officer)
    _take_step(officer, reference, "Record that the councillor has it", checks)
    _resident_sees(resident, status_url, "With the councillor", checks, "Councillor Jane Patel")

    _take_step(
        officer,
        reference,
        "Record the councillor's referral to overview and scrutiny",
        checks,
        **{"Why did the councillor refer it? (optional)": "The highways team would not act."},
    )
    _resident_sees(
        resident, status_url, "Referred to overview and scrutiny", checks, "The highways team would not act."
    )

    _take_step(officer, reference, "Record that the committee accepted it for review", checks)
    _resident_sees(resident, status_url, "Accepted for review", checks, "Accepted for review on")

    _take_step(
        officer,
        reference,
        "Record the committee's report",
        checks,
        **{
            "The committee's report": "We heard from residents, the school and the highways team.",
            "The committee's recommendations": "Introduce a 20mph limit and a zebra crossing.",
        },
    )
    _resident_sees(
        resident, status_url, "Committee reported", checks, "Introduce a 20mph limit and a zebra crossing.", "Due by"
    )

    _take_step(
        officer,
        reference,
        "Record the executive's response",
        checks,
        **{"The executive's response": "The executive accepts both recommendations."},
    )
    _resident_sees(
        resident, status_url, "Executive responded", checks, "The executive accepts both recommendations.", "on time"
    )

    resident.goto("/partnerships/community-calls/statistics/")
    expect(resident.get_by_role("table", name="Calls by council")).to_contain_text(COUNCIL)
    checks.check(resident, "statistics")

    assert not checks.problems, "\n".join(checks.problems)
