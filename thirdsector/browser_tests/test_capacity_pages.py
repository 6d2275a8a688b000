"""Capacity building in the browser: an organisation's member asks a CVS for bid-writing help, the CVS
accepts, starts and completes it with an outcome, and anyone reads where support is missing. Every kind
of page on the way is checked with axe-core (WCAG 2.2 AA) and the project's page checks.
"""

import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import expect

from thirdsector.accounts.roles import MembershipRole
from thirdsector.accounts.services import add_membership, create_person
from thirdsector.partnerships.tests.capacity_factories import SupportBodyFactory, SupportOfferFactory
from thirdsector.register.tests.factories import OrganisationFactory

from .conftest import _watched_context
from .support import problems_on, sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def lunch_club(transactional_db):
    return OrganisationFactory(name="Chapeltown Lunch Club")


@pytest.fixture
def club_administrator(lunch_club):
    person = create_person(email="ana.silva@lunchclub.example", full_name="Ana Silva", password=None)
    add_membership(user=person, organisation=lunch_club, role=MembershipRole.ADMINISTRATOR)
    return person


@pytest.fixture
def voluntary_action_leeds(transactional_db):
    body = SupportBodyFactory(organisation=OrganisationFactory(name="Voluntary Action Leeds"))
    SupportOfferFactory(body=body, kind="bid_writing")
    return body


@pytest.fixture
def cvs_worker(voluntary_action_leeds):
    person = create_person(email="jo.brook@val.example", full_name="Jo Brook", password=None)
    add_membership(user=person, organisation=voluntary_action_leeds.organisation, role=MembershipRole.EDITOR)
    return person


@pytest.fixture
def page_for(browser, page_watch, live_server) -> Iterator[Callable]:
    """`page_for(person)`: a page in a new browser context where `person` is signed in (None: the public)."""
    contexts = []

    def open_page_for(person):
        context = _watched_context(browser, page_watch, base_url=live_server.url)
        # Longer than the conftest's 5 seconds: the member's, the CVS's and the public's pages share one
        # live server, and a busy machine should not fail the journey.
        context.set_default_timeout(20_000)
        contexts.append(context)
        if person is not None:
            sign_in_as(context, person, live_server)
        return context.new_page()

    yield open_page_for
    for context in contexts:
        context.close()
    assert not page_watch.problems, "The browser reported problems:\n" + "\n".join(page_watch.problems)


def test_a_member_gets_bid_writing_help_to_an_outcome(page_for, club_administrator, cvs_worker, voluntary_action_leeds):
    problems: list[str] = []

    member = page_for(club_administrator)
    member.goto("/partnerships/support/ask/")
    expect(member.get_by_role("heading", level=1)).to_have_text("Ask for support")
    problems += problems_on(member)
    member.get_by_label("Bid-writing help").check()
    member.get_by_role("button", name="Continue").click()
    member.get_by_role("button", name="Send the request").click()
    expect(member.locator(".govuk-error-summary")).to_contain_text("Choose a support body")
    problems += problems_on(member)
    member.get_by_label("Voluntary Action Leeds").check()
    member.get_by_label("What help do you need?").fill("A bid to the lottery for a new kitchen, due in March")
    member.get_by_role("button", name="Send the request").click()
    expect(member.get_by_role("heading", level=1)).to_have_text(re.compile(r"Request for support SUP-"))
    expect(member.locator("#request-status")).to_have_text("Sent to the support body")
    problems += problems_on(member)
    reference = member.get_by_role("heading", level=1).text_content().rsplit(" ", 1)[-1]
    member.goto("/partnerships/support/my-requests/")
    expect(member.get_by_role("link", name=reference)).to_be_visible()
    problems += problems_on(member)

    cvs = page_for(cvs_worker)
    cvs.goto("/partnerships/support/queue/")
    problems += problems_on(cvs)
    cvs.get_by_role("link", name=reference).click()
    for step, heading in (("Accept", "Accept"), ("Start the work", "Start the work")):
        cvs.get_by_role("link", name=step, exact=True).click()
        expect(cvs.get_by_role("heading", level=1)).to_have_text(heading)
        if step == "Accept":
            problems += problems_on(cvs)
        cvs.get_by_label("Note for the record").fill("Booked with our bid-writer")
        cvs.get_by_role("button", name=step, exact=True).click()
    cvs.get_by_role("link", name="Complete with an outcome").click()
    cvs.get_by_role("button", name="Complete with an outcome").click()
    expect(cvs.locator(".govuk-error-summary")).to_contain_text("Choose the outcome")
    problems += problems_on(cvs)
    cvs.get_by_label("Funding bid submitted").check()
    cvs.get_by_label("What changed for the organisation?").fill("A bid for £8,000 went in on time")
    cvs.get_by_label("Note for the record").fill("Finished")
    cvs.get_by_role("button", name="Complete with an outcome").click()
    expect(cvs.locator("#request-status")).to_have_text("Completed")
    problems += problems_on(cvs)

    member.goto(f"/partnerships/support/requests/{reference}/")
    expect(member.get_by_text("A bid for £8,000 went in on time")).to_be_visible()
    assert not problems, "\n".join(problems)


def test_anyone_reads_the_support_bodies_and_where_support_is_missing(page_for, voluntary_action_leeds):
    public = page_for(None)
    problems: list[str] = []
    public.goto("/partnerships/support/bodies/")
    expect(public.get_by_role("link", name="Voluntary Action Leeds")).to_be_visible()
    problems += problems_on(public)
    public.get_by_role("link", name="Voluntary Action Leeds").click()
    expect(public.get_by_role("heading", level=1)).to_have_text("Voluntary Action Leeds")
    problems += problems_on(public)
    public.goto("/partnerships/support/gaps/")
    expect(public.get_by_role("heading", level=1)).to_have_text("Where support is missing")
    expect(public.get_by_role("img", name=re.compile("Map of the UK"))).to_be_visible()
    problems += problems_on(public)
    public.get_by_label("Region or nation").select_option("Yorkshire and The Humber")
    public.get_by_role("button", name="Apply filters").click()
    expect(public.locator("#gaps")).to_contain_text("Leeds")
    assert not problems, "\n".join(problems)
