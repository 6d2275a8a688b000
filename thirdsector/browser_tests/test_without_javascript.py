"""The service works with JavaScript switched off: people sign in, search and edit with plain forms."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import STAFF_PASSWORD
from .support import NO_JAVASCRIPT_CHECKS, check_page, current_security_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_staff_can_sign_in_search_and_edit_without_javascript(no_js_page, staff_person, leeds_tenants, live_server):
    page = no_js_page
    page.goto("/accounts/sign-in/")
    assert "js-enabled" not in (page.locator("body").get_attribute("class") or "")
    check_page(page, NO_JAVASCRIPT_CHECKS)
    page.get_by_label("Email address").fill("dana.okafor@department.example")
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Security code").fill(current_security_code())
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(f"{live_server.url}/")

    # Without JavaScript the service navigation shows every item, with no menu button.
    menu = page.get_by_role("navigation", name="Menu")
    expect(menu.get_by_role("button", name="Menu")).to_be_hidden()
    expect(menu.get_by_role("link", name="Organisations")).to_be_visible()

    page.get_by_role("searchbox", name="Name, charity or company number, Org-ID or postcode").fill("tenants")
    page.get_by_role("button", name="Search the register").click()
    expect(page).to_have_url(f"{live_server.url}/organisations/?q=tenants")
    expect(page.get_by_role("status")).to_have_text("1 organisation")
    page.get_by_role("combobox", name="Kind").select_option(label="Registered charity")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"kind=registered_charity"))
    expect(page.get_by_role("status")).to_have_text("1 organisation")
    check_page(page, NO_JAVASCRIPT_CHECKS)
    page.get_by_role("link", name="Leeds Tenants Federation").click()
    page.get_by_role("link", name="Edit details").click()

    page.get_by_label("Phone").fill("0113 496 0999")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_title("Error: Edit Leeds Tenants Federation – thirdsector – GOV.UK")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the reason for this change")
    check_page(page, NO_JAVASCRIPT_CHECKS)

    page.get_by_label("Reason for this change").fill("New phone number")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(f"{live_server.url}/organisations/{leeds_tenants.pk}/")
    expect(page.get_by_role("alert")).to_contain_text("The organisation's details have been saved")
    expect(page.get_by_text("0113 496 0999")).to_be_visible()
    leeds_tenants.refresh_from_db()
    assert leeds_tenants.phone == "0113 496 0999"
