"""Each page a person meets passes axe-core (WCAG 2.2 AA) and has one h1, a skip link, styles and scripts.

Pages are checked in groups that share a browser context and a database, which keeps the suite fast;
each test reports every problem on every page of its group, not just the first.
"""

import pytest

from .support import problems_on, sign_in_as

# Live-server tests empty the database after each test; serialized_rollback puts back the reference
# data (areas, policy areas, characteristics) the migrations load, and the pages list.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PUBLIC_PAGES = {
    "/": "Home",
    "/accounts/sign-in/": "Sign in",
    "/accessibility/": "Accessibility statement",
    "/cookies/": "Cookies",
    "/privacy/": "Privacy notice",
}


def test_public_pages_are_accessible(page, page_watch, live_server):
    problems = []
    for path, title in PUBLIC_PAGES.items():
        response = page.goto(path)
        assert response.status == 200, f"{path} answered {response.status}"
        assert page.title() == f"{title} – thirdsector – GOV.UK"
        problems += problems_on(page)

    page.goto("/accounts/sign-in/")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    assert page.title() == "Error: Sign in – thirdsector – GOV.UK"
    problems += problems_on(page)

    missing = f"{live_server.url}/no-such-page/"
    page_watch.expect_status(missing, 404)
    assert page.goto(missing).status == 404
    assert page.title() == "Page not found – thirdsector – GOV.UK"
    problems += problems_on(page)

    assert not problems, "\n".join(problems)


def test_security_code_page_is_accessible(page, browser_context, staff_person, live_server):
    sign_in_as(browser_context, staff_person, live_server, verified=False)
    page.goto("/organisations/")
    assert page.url == f"{live_server.url}/accounts/sign-in/security-code/?next=/organisations/"
    problems = problems_on(page)

    page.get_by_label("Security code").fill("12345")
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    assert page.title().startswith("Error: ")
    problems += problems_on(page)

    assert not problems, "\n".join(problems)


def test_register_pages_are_accessible_to_staff(page, browser_context, staff_person, leeds_tenants, live_server):
    sign_in_as(browser_context, staff_person, live_server)
    problems = []
    for path in [
        "/organisations/?q=leeds",
        f"/organisations/{leeds_tenants.pk}/",
        f"/organisations/{leeds_tenants.pk}/edit/",
        f"/organisations/{leeds_tenants.pk}/history/",
    ]:
        response = page.goto(path)
        assert response.status == 200, f"{path} answered {response.status}"
        problems += problems_on(page)
    assert page.get_by_role("table", name="Changes to the record").is_visible()

    page.goto(f"/organisations/{leeds_tenants.pk}/edit/")
    page.get_by_label("Website").fill("not a web address")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    assert page.title().startswith("Error: ")
    assert page.locator(".govuk-error-summary__list li").count() == 2
    problems += problems_on(page)
    # A list that takes several choices shows several rows, not one line that hides the rest.
    assert page.get_by_label("Areas served").bounding_box()["height"] > 150

    assert not problems, "\n".join(problems)


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_main_content(page):
    page.goto("/cookies/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    assert skip_link.evaluate("link => link === document.activeElement")
    assert skip_link.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
