"""Fixtures for the commissioning tests: two councils, an officer acting for each, and organisations to bid."""

import pytest

from thirdsector.accounts.roles import MembershipRole, Role
from thirdsector.accounts.tests.factories import MembershipFactory, UserFactory
from thirdsector.conftest import signed_in_client
from thirdsector.register.models import Area
from thirdsector.register.tests.factories import OrganisationFactory

from .factories import CouncilFactory


@pytest.fixture
def leeds_council(db):
    return CouncilFactory(name="Leeds City Council", local_authority=Area.objects.get(gss_code="E08000035"))


@pytest.fixture
def other_council(db):
    return CouncilFactory(
        name="Bradford Metropolitan District Council", local_authority=Area.objects.get(gss_code="E08000032")
    )


@pytest.fixture
def leeds_officer(leeds_council):
    """A council officer who edits Leeds City Council's record, and so commissions for it."""
    user = UserFactory(full_name="Fatima Hussain", roles=[Role.COUNCIL_OFFICER])
    MembershipFactory(user=user, organisation=leeds_council, role=MembershipRole.ADMINISTRATOR)
    return user


@pytest.fixture
def other_officer(other_council):
    """An officer of another council: sees Leeds's published plans, never its drafts, bids or interest."""
    user = UserFactory(full_name="Gareth Lloyd", roles=[Role.COUNCIL_OFFICER])
    MembershipFactory(user=user, organisation=other_council, role=MembershipRole.ADMINISTRATOR)
    return user


@pytest.fixture
def leeds_officer_client(leeds_officer):
    return signed_in_client(leeds_officer)


@pytest.fixture
def other_officer_client(other_officer):
    return signed_in_client(other_officer)


@pytest.fixture
def charity(db):
    return OrganisationFactory(name="Chapeltown Advice Centre")


@pytest.fixture
def charity_editor(charity):
    """An editor of a small charity, who registers interest and makes its bids."""
    user = UserFactory(full_name="Grace Okafor")
    MembershipFactory(user=user, organisation=charity, role=MembershipRole.EDITOR)
    return user


@pytest.fixture
def charity_client(charity_editor):
    return signed_in_client(charity_editor)
