"""The critical journeys, as a person takes them: sign in with a second factor, find, edit, see the history."""

import re

import pytest
from playwright.sync_api import expect

from thirdsector.register.models import Organisation

from .conftest import STAFF_PASSWORD
from .support import current_security_code, sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NEW_DESCRIPTION = "Supports tenants' and residents' associations across Leeds and Wakefield."


def test_staff_sign_in_find_an_organisation_edit_it_and_see_the_change_in_its_history(
    page, staff_person, leeds_tenants, live_server
):
    page.goto("/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Sign in").click()
    page.get_by_label("Email address").fill("Dana.Okafor@department.example")
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_title("Enter your security code – thirdsector – GOV.UK")
    assert page.url.startswith(f"{live_server.url}/accounts/sign-in/security-code/")
    page.get_by_label("Security code").fill(current_security_code())
    page.get_by_role("button", name="Continue").click()

    expect(page).to_have_url(f"{live_server.url}/")
    menu = page.get_by_role("navigation", name="Menu")
    expect(menu.get_by_role("button", name="Sign out Dana Okafor")).to_be_visible()
    menu.get_by_role("link", name="Organisations").click()
    page.get_by_role("searchbox", name="Search").fill("tenants leeds")
    page.get_by_role("button", name="Apply filters").click()

    expect(page).to_have_url(re.compile(r"/organisations/\?q=tenants\+leeds"))
    expect(page.get_by_role("status")).to_have_text("1 organisation")
    page.get_by_role("link", name="Leeds Tenants Federation").click()

    expect(page).to_have_url(f"{live_server.url}/organisations/{leeds_tenants.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Leeds Tenants Federation")
    page.get_by_role("link", name="Edit details").click()

    expect(page).to_have_title("Edit Leeds Tenants Federation – thirdsector – GOV.UK")
    description = page.get_by_label("What the organisation does")
    expect(description).to_have_value("Supports tenants' associations across Leeds.")
    description.fill(NEW_DESCRIPTION)
    page.get_by_label("Reason for this change").fill("Now works in Wakefield too")
    page.get_by_role("button", name="Save").click()

    expect(page).to_have_url(f"{live_server.url}/organisations/{leeds_tenants.pk}/")
    banner = page.get_by_role("alert")
    expect(banner.get_by_role("heading", name="Success")).to_be_visible()
    expect(banner).to_contain_text("The organisation's details have been saved")
    expect(page.get_by_text(NEW_DESCRIPTION)).to_be_visible()
    leeds_tenants.refresh_from_db()
    assert leeds_tenants.description == NEW_DESCRIPTION

    page.get_by_role("link", name="History of changes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("History of changes")
    latest = page.get_by_role("table", name="Changes to the record").locator("tbody tr").first
    cells = latest.locator("td")
    expect(cells.nth(1)).to_have_text("Dana Okafor")
    expect(cells.nth(2)).to_contain_text("What the organisation does")
    expect(cells.nth(2)).to_contain_text("across Leeds and Wakefield.")
    expect(cells.nth(3)).to_have_text("Now works in Wakefield too")


def test_saving_an_edit_without_a_reason_shows_the_error_summary_linked_to_the_field(
    page, browser_context, staff_person, leeds_tenants, live_server
):
    sign_in_as(browser_context, staff_person, live_server)
    page.goto(f"/organisations/{leeds_tenants.pk}/edit/")
    page.get_by_label("What the organisation does").fill("A change nobody explained")
    page.get_by_role("button", name="Save").click()

    expect(page).to_have_title("Error: Edit Leeds Tenants Federation – thirdsector – GOV.UK")
    assert page.url == f"{live_server.url}/organisations/{leeds_tenants.pk}/edit/"
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    # GOV.UK Frontend moves focus to the summary, so screen reader users hear it first.
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_count(1)
    error_link = summary.get_by_role("link", name="Enter the reason for this change")
    expect(error_link).to_have_attribute("href", "#id_reason")

    error_link.click()
    reason = page.get_by_label("Reason for this change")
    expect(reason).to_be_focused()
    expect(reason).to_have_attribute("aria-describedby", re.compile(r"\bid_reason-error\b"))
    expect(page.locator("#id_reason-error")).to_have_text("Error: Enter the reason for this change")
    # The other answers are kept, and nothing was saved.
    expect(page.get_by_label("What the organisation does")).to_have_value("A change nobody explained")
    assert Organisation.objects.get(pk=leeds_tenants.pk).description == "Supports tenants' associations across Leeds."
