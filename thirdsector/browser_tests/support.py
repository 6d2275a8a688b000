"""What the browser tests check on every page, and how they sign people in."""

import json
from pathlib import Path

from django.conf import settings
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp

from thirdsector.accounts.demo import DEMO_TOTP_HEX_KEY

AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING_IMPACTS = {"serious", "critical"}


def current_security_code(hex_key: str = DEMO_TOTP_HEX_KEY) -> str:
    """What an authenticator app set up with `hex_key` shows now."""
    return f"{totp(bytes.fromhex(hex_key)):06d}"


def sign_in_as(context, user, live_server, *, verified: bool = True) -> None:
    """Gives the browser `user`'s session (second factor proved if `verified`), skipping the sign-in pages."""
    client = Client()
    client.force_login(user)
    if verified and user.needs_second_factor:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = user.totpdevice_set.get(confirmed=True).persistent_id
        session.save()
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}])


def axe_violations(page) -> list[dict]:
    """Runs axe-core on the page for WCAG 2.2 A and AA; returns the serious and critical violations."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    # resultTypes: axe-core still runs every rule, but details only the violations, which is much quicker
    # on pages with hundreds of options.
    violations = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
            .then(results => results.violations)""",
        AXE_TAGS,
    )
    return [violation for violation in violations if violation["impact"] in BLOCKING_IMPACTS]


def describe_violations(violations: list[dict]) -> str:
    return "\n".join(
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(json.dumps(node["target"]) for node in violation["nodes"])
        for violation in violations
    )


def assert_accessible(page) -> None:
    """axe-core finds nothing serious or critical."""
    violations = axe_violations(page)
    assert not violations, f"axe-core found problems:\n{describe_violations(violations)}"


def assert_page_structure(page) -> None:
    """One h1, and a skip link first in the page that leads to the main content."""
    headings = page.locator("h1")
    assert headings.count() == 1, f"{headings.count()} h1 elements: {headings.all_inner_texts()}"
    skip_links = page.locator("a.govuk-skip-link")
    assert skip_links.count() == 1, f"{skip_links.count()} skip links"
    assert skip_links.get_attribute("href") == "#main-content"
    assert page.locator("main#main-content").count() == 1, "no <main id='main-content'>"
    first_link = page.evaluate("document.querySelector('body a[href], body button, body input').className")
    assert "govuk-skip-link" in first_link, "the first focusable element is not the skip link"


def assert_styled(page) -> None:
    """GOV.UK Frontend's stylesheet and its fonts arrived: the skip link is hidden, headings use GDS Transport."""
    assert page.evaluate("getComputedStyle(document.querySelector('.govuk-skip-link')).position") == "absolute", (
        "the GOV.UK Frontend stylesheet is not applied"
    )
    font = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert font.startswith('"GDS Transport"'), f"the h1 is set in {font}"
    page.evaluate("document.fonts.ready.then(() => true)")
    loaded = page.evaluate(
        "[...document.fonts].filter(f => f.family.includes('GDS Transport') && f.status === 'loaded').length"
    )
    assert loaded, "the GDS Transport font did not load"


def assert_form_controls_styled(page) -> None:
    """Every visible form control carries GOV.UK Frontend's class for its kind, so it looks and behaves as one."""
    unstyled = page.evaluate(
        """() => [...document.querySelectorAll('main input:not([type=hidden]), main select, main textarea')]
            .filter(control => ![...control.classList].some(name => name.startsWith('govuk-')))
            .map(control => control.id || control.name || control.outerHTML.slice(0, 80))"""
    )
    assert not unstyled, f"form controls without GOV.UK Frontend classes: {unstyled}"


def assert_reflows(page) -> None:
    """At 320 CSS pixels wide (400% zoom) nothing but a data table needs scrolling sideways (WCAG 1.4.10)."""
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": size["height"]})
    try:
        too_wide = page.evaluate(
            """() => [...document.body.querySelectorAll('*')]
                .filter(el => !el.closest('table'))
                .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                .map(el => el.id ? `#${el.id}` : `${el.tagName} "${el.textContent.trim().slice(0, 40)}"`)"""
        )
        assert not too_wide, f"at 320px wide these stick out to the side: {too_wide[:5]}"
    finally:
        page.set_viewport_size(size)


def assert_scripts_initialised(page) -> None:
    """GOV.UK Frontend's JavaScript ran: every component with a script says it was initialised."""
    assert "govuk-frontend-supported" in page.evaluate("document.body.className")
    uninitialised = page.evaluate(
        """() => [...document.querySelectorAll('[data-module^="govuk-"]')]
            .filter(el => !el.hasAttribute(`data-${el.dataset.module}-init`))
            .map(el => el.dataset.module)"""
    )
    assert not uninitialised, f"GOV.UK Frontend did not start these components: {uninitialised}"


PAGE_CHECKS = (
    assert_page_structure,
    assert_styled,
    assert_form_controls_styled,
    assert_reflows,
    assert_scripts_initialised,
    assert_accessible,
)
# With JavaScript off, nothing starts GOV.UK Frontend's scripts, and axe-core (a script) cannot run.
NO_JAVASCRIPT_CHECKS = (assert_page_structure, assert_styled, assert_form_controls_styled, assert_reflows)


def problems_on(page, checks=PAGE_CHECKS) -> list[str]:
    """Everything the browser tests ask of every page a person sees; what fails, not just the first."""
    page.wait_for_load_state("load")
    problems = []
    for check in checks:
        try:
            check(page)
        except AssertionError as error:
            problems.append(f"{page.title()!r} at {page.url}: {error}")
    return problems


def check_page(page, checks=PAGE_CHECKS) -> None:
    problems = problems_on(page, checks)
    assert not problems, "\n".join(problems)
