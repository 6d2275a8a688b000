import pytest
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name", ["core:home", "core:accessibility", "core:cookies", "core:privacy", "core:healthcheck"]
)
def test_public_pages_have_one_h1_a_skip_link_and_the_footer_links(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'href="#main-content" class="govuk-skip-link"' in html
    assert 'id="main-content"' in html
    for link in ("Accessibility statement", "Cookies", "Privacy"):
        assert link in html
    assert "govuk-phase-banner" in html


def test_an_unknown_page_is_a_404_in_the_service_style(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content


@override_settings(DEBUG=False)
def test_a_server_error_shows_the_500_page_without_touching_the_database():
    from thirdsector.core.views import server_error

    response = server_error(None)
    assert response.status_code == 500
    assert b"Sorry, there is a problem with the service" in response.content


def test_signed_out_navigation_offers_sign_in_and_the_register(client):
    html = client.get("/").content.decode()
    assert "Sign in" in html
    assert "Organisations" in html
    assert "Imports" not in html


def test_only_the_page_s_own_navigation_item_is_current(staff_client):
    from django.urls import reverse

    navigation = staff_client.get(reverse("register:imports")).context["navigation"]
    assert [item["label"] for item in navigation if item["active"]] == ["Imports"]


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        ("public", {"Funding", "Opportunities", "Community anchors", "Open data"}, {"Your funding", "The Compact"}),
        ("organisation_member", {"Funding", "Your organisations", "Your funding"}, {"Programmes", "Assessments"}),
        ("assessor", {"Funding", "Assessments"}, {"Programmes", "Payments", "Your funding"}),
        ("department_staff", {"Programmes", "Payments", "Partners", "The Compact"}, {"Funding", "Assessments"}),
        ("commissioner", {"The Compact", "Strategy dashboard", "Strategy progress"}, {"Programmes", "Partners"}),
        ("board_member", {"Boards", "Strategy progress"}, {"The Compact", "Community calls"}),
        (
            "council_officer",
            {"Community calls", "Council assets", "Commissioning"},
            {"Strategy progress", "Programmes"},
        ),
        ("fund_administrator", {"Programmes", "Payments"}, {"The Compact", "Partners", "Asset transfer fund"}),
    ],
)
def test_navigation_offers_each_role_its_own_tools(clients_by_role, role, shown, hidden):
    navigation = clients_by_role[role].get("/").context["navigation"]
    labels = {item["label"] for item in navigation}
    assert shown <= labels
    assert not hidden & labels
