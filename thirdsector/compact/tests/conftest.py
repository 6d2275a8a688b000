"""Fixtures for the Compact tests: the department and an NDPB, each with a Compact lead."""

import pytest

from thirdsector.accounts.roles import Role
from thirdsector.accounts.tests.factories import UserFactory
from thirdsector.conftest import signed_in_client
from thirdsector.register.models import OrganisationKind
from thirdsector.register.tests.factories import OrganisationFactory

from .factories import CompactBodyFactory


@pytest.fixture
def compact_lead(db):
    """Department staff who lead on the Compact for the department."""
    return UserFactory(full_name="Kim Compact-Lead", roles=[Role.DEPARTMENT_STAFF])


@pytest.fixture
def compact_lead_client(compact_lead):
    return signed_in_client(compact_lead)


@pytest.fixture
def department(compact_lead):
    organisation = OrganisationFactory(
        name="Department for Communities and Local Government", kind=OrganisationKind.GOVERNMENT_DEPARTMENT
    )
    return CompactBodyFactory(organisation=organisation, compact_lead=compact_lead, lead_name=compact_lead.full_name)


@pytest.fixture
def ndpb(db):
    organisation = OrganisationFactory(name="Community Development Foundation", kind=OrganisationKind.NDPB)
    return CompactBodyFactory(organisation=organisation)
