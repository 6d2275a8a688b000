"""A member of the public responds to a consultation in the browser: opens it, starts a response, saves
it, comes back through the private link in another browser, submits it and sees the confirmation. Every
page on the way is checked with axe-core (WCAG 2.2 AA) and the project's page checks.
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from thirdsector.compact.models import ConsultationResponse, ConsultationStatus, QuestionKind, ResponseStatus
from thirdsector.compact.tests.factories import ConsultationFactory, QuestionFactory

from .conftest import _watched_context
from .support import problems_on

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Lighter monitoring for small grants"


@pytest.fixture
def open_consultation(transactional_db):
    today = timezone.localdate()
    consultation = ConsultationFactory(
        title=TITLE,
        status=ConsultationStatus.PUBLISHED,
        opens_on=today - datetime.timedelta(weeks=1),
        closes_on=today + datetime.timedelta(weeks=7),
        shorter_than_minimum=True,
        minimum_weeks_applied=12,
        short_period_reason="The new returns must be agreed before April.",
    )
    QuestionFactory(consultation=consultation, number=1, text="What should a small grant's return ask?")
    QuestionFactory(
        consultation=consultation,
        number=2,
        text="Which kinds of funding do you rely on?",
        kind=QuestionKind.MULTIPLE_CHOICE,
        options=["Grants", "Contracts", "Donations"],
    )
    QuestionFactory(consultation=consultation, number=3, text="Do you agree with the proposal?", kind="agree_scale")
    return consultation


def test_a_member_of_the_public_responds_saves_comes_back_and_submits(
    page, browser, page_watch, live_server, open_consultation
):
    problems: list[str] = []

    page.goto("/compact/consultations/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Open consultations")
    problems += problems_on(page)
    page.get_by_role("link", name=TITLE).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_text("Shorter than 12 weeks: The new returns must be agreed before April.")).to_be_visible()
    problems += problems_on(page)
    page.get_by_role("button", name="Respond online").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("About you")
    problems += problems_on(page)
    page.get_by_label("As an individual").check()
    page.get_by_label("Full name").fill("Pat Public")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your response")
    problems += problems_on(page)
    page.get_by_label("1. What should a small grant's return ask?").fill("Only what changed and what it cost.")
    page.get_by_role("button", name="Save and come back later").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your response is saved")
    problems += problems_on(page)
    link = page.locator("#resume-link").get_attribute("href")

    # Later, in another browser, with only the link.
    later_context = _watched_context(browser, page_watch, base_url=live_server.url)
    later = later_context.new_page()
    later.goto(link)
    expect(later.get_by_role("heading", level=1)).to_have_text("Your response")
    expect(later.get_by_label("1. What should a small grant's return ask?")).to_have_value(
        "Only what changed and what it cost."
    )
    later.get_by_role("checkbox", name="Grants", exact=True).check()
    later.get_by_role("checkbox", name="Donations", exact=True).check()
    later.get_by_role("radio", name="Agree", exact=True).check()
    later.get_by_label("Keep my response confidential").check()
    later.get_by_role("button", name="Submit response").click()

    expect(later.get_by_role("heading", level=1)).to_have_text("Response submitted")
    problems += problems_on(later)
    later_context.close()

    response = ConsultationResponse.objects.get()
    assert response.status == ResponseStatus.SUBMITTED
    assert response.confidential
    assert {answer.question.number: answer.as_text() for answer in response.answers.all()} == {
        1: "Only what changed and what it cost.",
        2: "Grants; Donations",
        3: "Agree",
    }
    assert not problems, "\n".join(problems)
