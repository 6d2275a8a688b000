"""Fixtures for the partnerships tests: a council officer acting for Leeds City Council's record."""

import pytest

from thirdsector.accounts.roles import MembershipRole, Role
from thirdsector.accounts.tests.factories import MembershipFactory, UserFactory
from thirdsector.conftest import signed_in_client
from thirdsector.register.models import Area, OrganisationKind
from thirdsector.register.tests.factories import OrganisationFactory


@pytest.fixture
def leeds_council(db):
    return OrganisationFactory(
        name="Leeds City Council",
        kind=OrganisationKind.LOCAL_AUTHORITY,
        local_authority=Area.objects.get(gss_code="E08000035"),
    )


@pytest.fixture
def other_council(db):
    return OrganisationFactory(
        name="Bradford Metropolitan District Council",
        kind=OrganisationKind.LOCAL_AUTHORITY,
        local_authority=Area.objects.get(gss_code="E08000032"),
    )


@pytest.fixture
def leeds_officer(leeds_council):
    """A council officer who administers Leeds City Council's record, and so acts for it."""
    user = UserFactory(full_name="Fatima Hussain", roles=[Role.COUNCIL_OFFICER])
    MembershipFactory(user=user, organisation=leeds_council, role=MembershipRole.ADMINISTRATOR)
    return user


@pytest.fixture
def leeds_officer_client(leeds_officer):
    return signed_in_client(leeds_officer)
