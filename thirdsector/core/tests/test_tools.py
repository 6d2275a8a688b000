"""The home page lists what each role may use, and every entry it lists opens for that role."""

import pytest
from django.urls import reverse

from thirdsector.accounts.models import User
from thirdsector.accounts.roles import MembershipRole
from thirdsector.accounts.tests.factories import MembershipFactory
from thirdsector.register.models import OrganisationKind
from thirdsector.register.tests.factories import OrganisationFactory

from ..tools import SECTIONS

pytestmark = pytest.mark.django_db


def test_every_tool_names_a_page():
    for _, tools in SECTIONS:
        for tool in tools:
            assert reverse(tool.url_name), tool.label


def listed(client) -> dict[str, str]:
    sections = client.get("/").context["sections"]
    return {label: url for _, links in sections for label, url in links}


@pytest.mark.parametrize(
    "role", ["public", "organisation_member", "council_officer", "fund_administrator", "department_staff"]
)
def test_every_tool_listed_for_a_role_opens_for_it(clients_by_role, role):
    client = clients_by_role[role]
    if role == "council_officer":
        # A council officer acts for their council: their membership of its record says which.
        council = OrganisationFactory(kind=OrganisationKind.LOCAL_AUTHORITY, name="Leeds City Council")
        officer = User.objects.get(pk=client.session["_auth_user_id"])
        MembershipFactory(user=officer, organisation=council, role=MembershipRole.ADMINISTRATOR)
    for label, url in listed(client).items():
        assert client.get(url).status_code == 200, f"{label} ({url}) for {role}"


def test_the_public_are_not_offered_staff_tools(client):
    tools = listed(client)
    assert "Search the register" in tools and "Open data" in tools
    assert "Programmes" not in tools and "Strategy dashboard" not in tools


def test_only_the_asset_funds_own_administrators_are_offered_its_dashboard(clients_by_role):
    assert "Community Asset Transfer Fund" not in listed(clients_by_role["fund_administrator"])
    assert "Community Asset Transfer Fund" in listed(clients_by_role["department_staff"])
