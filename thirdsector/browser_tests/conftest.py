"""Fixtures for browser tests: Debian's Chromium driven by Playwright against Django's live server.

One browser per test module (with --dist loadfile, pytest-xdist keeps a module's tests in one process),
and a fresh browser context, with its own cookies, per test. Every page a test opens is watched: a
JavaScript error, a console error, or a page, stylesheet, script, font or image that fails to load
fails the test when it ends.
"""

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.db import connections

from thirdsector.accounts.demo import DEMO_TOTP_HEX_KEY
from thirdsector.accounts.roles import Role
from thirdsector.accounts.services import create_person, enrol_known_authenticator
from thirdsector.register.models import Characteristic
from thirdsector.register.services.organisations import update_organisation
from thirdsector.register.tests.factories import IdentifierFactory, OrganisationFactory

from .reference_data import bulk_loader

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
STAFF_PASSWORD = "a long browser test password"  # noqa: S105 - a throwaway account in the test database


def pytest_collection_modifyitems(config, items):
    """Each browser test must restore the reference data; without Chromium, skip them outside CI only."""
    here = Path(__file__).parent
    browser_tests = [item for item in items if Path(str(item.path)).is_relative_to(here)]
    for item in browser_tests:
        marker = item.get_closest_marker("django_db")
        if marker is None or not marker.kwargs.get("serialized_rollback"):
            raise pytest.UsageError(
                f"{item.nodeid} needs @pytest.mark.django_db(transaction=True, serialized_rollback=True): "
                "live-server tests empty the database, and the next test needs the reference data back"
            )
    if CHROMIUM.exists() or "CI" in os.environ:
        return
    reason = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium); CI runs these tests"
    for item in browser_tests:
        item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="module")
def browser() -> Iterator:
    """Chromium, started once for each module of browser tests.

    Playwright's sync API keeps an asyncio event loop running in this thread while it is started. With
    a loop running, Django refuses database queries unless DJANGO_ALLOW_ASYNC_UNSAFE is set, and its
    connection handler looks for connections per asyncio context instead of per thread, so it would
    open new ones that lack what the test database set-up left on this thread's (the serialized data
    that `serialized_rollback` restores). So the tests go on using this thread's connections, and the
    loop and the setting last only as long as the module: the tests pytest-xdist runs next in this
    process, and their subprocesses, get neither.
    """
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: the browser tests need it (apt-get install chromium)")
    thread_connections = {alias: connections[alias] for alias in connections}
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        for alias, connection in thread_connections.items():
            connections[alias] = connection
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True, scope="module")
def _reference_data(django_db_blocker) -> Iterator[None]:
    """Reloads the migrations' reference data quickly before each test, and once more after the last.

    `serialized_rollback` reloads it at the start of each test but not after the last one, and the
    tests that pytest-xdist sends to this process afterwards expect it to be there.
    """
    with pytest.MonkeyPatch.context() as patch:
        for connection in connections.all():
            patch.setattr(connection.creation, "deserialize_db_from_string", bulk_loader(connection))
        yield
        with django_db_blocker.unblock():
            for connection in connections.all():
                contents = getattr(connection, "_test_serialized_contents", None)
                if contents:
                    connection.creation.deserialize_db_from_string(contents)


@dataclass
class PageWatch:
    """What went wrong in the browser while a test ran."""

    problems: list[str] = field(default_factory=list)
    expected_statuses: dict[str, int] = field(default_factory=dict)

    def expect_status(self, url: str, status: int) -> None:
        """A page the test means to open with an error status (the 404 page), so not a problem."""
        self.expected_statuses[url] = status

    def on_console(self, message) -> None:
        if message.type != "error":
            return
        location = message.location.get("url", "")
        if message.text.startswith("Failed to load resource") and location in self.expected_statuses:
            return
        self.problems.append(f"console error at {location}: {message.text}")

    def on_page_error(self, error) -> None:
        self.problems.append(f"JavaScript error: {error}")

    def on_response(self, response) -> None:
        if response.status < 400 or self.expected_statuses.get(response.url) == response.status:
            return
        self.problems.append(f"{response.status} for {response.request.resource_type} {response.url}")

    def on_request_failed(self, request) -> None:
        if request.failure == "net::ERR_ABORTED":  # the page moved on before it arrived, as people do
            return
        self.problems.append(f"request failed: {request.resource_type} {request.url} ({request.failure})")


def _watched_context(browser, watch: PageWatch, **options):
    context = browser.new_context(**options)
    context.set_default_timeout(5_000)

    def watch_page(page) -> None:
        page.on("console", watch.on_console)
        page.on("pageerror", watch.on_page_error)
        page.on("response", watch.on_response)
        page.on("requestfailed", watch.on_request_failed)

    context.on("page", watch_page)
    return context


@pytest.fixture
def page_watch() -> PageWatch:
    return PageWatch()


@pytest.fixture
def browser_context(browser, page_watch, live_server) -> Iterator:
    context = _watched_context(browser, page_watch, base_url=live_server.url)
    yield context
    context.close()
    assert not page_watch.problems, "The browser reported problems:\n" + "\n".join(page_watch.problems)


@pytest.fixture
def page(browser_context):
    return browser_context.new_page()


@pytest.fixture
def no_js_page(browser, page_watch, live_server) -> Iterator:
    """A page in a browser with JavaScript switched off."""
    context = _watched_context(browser, page_watch, base_url=live_server.url, java_script_enabled=False)
    yield context.new_page()
    context.close()
    assert not page_watch.problems, "The browser reported problems:\n" + "\n".join(page_watch.problems)


@pytest.fixture
def staff_person(transactional_db):
    """Department staff with a confirmed authenticator whose key the test knows."""
    person = create_person(
        email="dana.okafor@department.example",
        full_name="Dana Okafor",
        password=STAFF_PASSWORD,
        roles=(Role.DEPARTMENT_STAFF,),
    )
    enrol_known_authenticator(user=person, hex_key=DEMO_TOTP_HEX_KEY)
    return person


@pytest.fixture
def leeds_tenants(staff_person):
    """An organisation with an identifier, a characteristic and one audited change by staff."""
    organisation = OrganisationFactory(
        name="Leeds Tenants Federation",
        description="Supports tenants' associations across Leeds.",
        website="https://www.leedstenants.example",
    )
    IdentifierFactory(organisation=organisation, value="1123456")
    organisation.characteristics.add(Characteristic.objects.order_by("pk").first())
    OrganisationFactory(name="Leeds Food Aid Network")
    update_organisation(
        organisation=organisation, by=staff_person, reason="Checked with the federation", phone="0113 496 0000"
    )
    return organisation
